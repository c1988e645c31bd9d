// The light view of an event that the map, the list and the timeline need: flat properties (MapLibre
// flattens nested objects anyway) and no quotes, so a large range stays cheap to ship and to filter.
import type { Feature, Point } from 'geojson';
import { overlaps } from './dates';
import type { Category, DatePrecision, PlacePrecision, ReviewState, SourceType } from './types';

export interface EventSummary {
  id: string;
  title: string;
  category: Category;
  start: string;
  end: string;
  precision: DatePrecision;
  dateInferred: boolean;
  corroboration: number;
  placeName: string;
  placePrecision: PlacePrecision;
  placeInferred: boolean;
  radiusKm: number;
  actors: string[];
  /** absent: read from an article */
  sourceType?: SourceType;
  /** machine-extracted events only: their review state (rejected ones are not served) */
  review?: ReviewState;
}
export type EventSummaryFeature = Feature<Point, EventSummary>;

/** Events whose interval overlaps [from, to]; either bound may be open. */
export function inDateRange<T extends { properties: { start: string; end: string } }>(items: readonly T[], from?: string, to?: string): T[] {
  if (!from && !to) return items.slice();
  const range = { start: from ?? '0000-01-01', end: to ?? '9999-12-31' };
  return items.filter((f) => overlaps(f.properties, range));
}
