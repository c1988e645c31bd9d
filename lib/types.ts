// The data model: zod schemas for the curated files in data/ and the shapes the API serves.
// Raw files are validated once at load, so a typo in data/ fails loudly in tests, not on the map.
import { z } from 'zod';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';

import { CATEGORIES, DATE_PRECISIONS, MOVEMENT_KINDS, MOVEMENT_STATUSES, PLACE_PRECISIONS, SOURCE_TYPES, type Category, type DatePrecision, type MovementKind, type PlacePrecision, type SourceType } from './vocab';

export { CATEGORIES, DATE_PRECISIONS, MOVEMENT_KINDS, MOVEMENT_STATUSES, PLACE_PRECISIONS, SOURCE_TYPES };
export type { Category, DatePrecision, MovementKind, PlacePrecision, SourceType };
export const CategorySchema = z.enum(CATEGORIES);
export const DatePrecisionSchema = z.enum(DATE_PRECISIONS);
export const PlacePrecisionSchema = z.enum(PLACE_PRECISIONS);
export const MovementKindSchema = z.enum(MOVEMENT_KINDS);

export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real calendar date');

export const DateSpanSchema = z.object({
  start: IsoDateSchema,
  end: IsoDateSchema,
  precision: DatePrecisionSchema,
  /** true when the text gives no date we can resolve directly; `basis` then says how it was reached */
  inferred: z.boolean().default(false),
  basis: z.string().optional(),
});
export type DateSpan = z.infer<typeof DateSpanSchema>;

export const RawPlaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  country: z.string(),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  precision: PlacePrecisionSchema,
  /** uncertainty radius, required for region and country precision */
  radiusKm: z.number().positive().optional(),
});
export type RawPlace = z.infer<typeof RawPlaceSchema>;

export const ActorSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  affiliation: z.string(),
  /** the actor's known base, used as an inferred origin when the text names none */
  base: z.string().optional(),
  baseBasis: z.string().optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

export const RawSourceSchema = z.object({
  article: z.string(),
  quote: z.string().min(10),
  /** the date phrase this source uses, resolved against the article's date (or `relativeTo` event) */
  dateText: z.string().optional(),
  relativeTo: z.string().optional(),
  /** the place as this source names it, when sources name it differently */
  placeText: z.string().optional(),
  /**
   * the id of the place that `placeText` names, when the wording is not a place's name ("the
   * Iranian capital"): sources' places are compared to tell a dispute from a difference of precision
   */
  place: z.string().optional(),
});
export type RawSource = z.infer<typeof RawSourceSchema>;

export const PlaceRefSchema = z.object({
  place: z.string(),
  inferred: z.boolean().default(false),
  basis: z.string().optional(),
});
export type PlaceRef = z.infer<typeof PlaceRefSchema>;

export const RawEventSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be a kebab-case slug'),
  title: z.string(),
  summary: z.string(),
  category: CategorySchema,
  date: DateSpanSchema,
  place: PlaceRefSchema,
  actors: z.array(z.string()),
  sources: z.array(RawSourceSchema).min(1),
});
export type RawEvent = z.infer<typeof RawEventSchema>;

export const RawMovementSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  kind: MovementKindSchema,
  title: z.string(),
  summary: z.string(),
  status: z.enum(MOVEMENT_STATUSES).default('reported'),
  actors: z.array(z.string()),
  origin: PlaceRefSchema,
  destination: PlaceRefSchema,
  via: z.array(PlaceRefSchema).default([]),
  date: DateSpanSchema,
  /** the event this movement leads to, when there is one */
  event: z.string().optional(),
  sources: z.array(RawSourceSchema).min(1),
});
export type RawMovement = z.infer<typeof RawMovementSchema>;

export const ArticleMetaSchema = z.object({
  id: z.string(),
  headline: z.string().nullable(),
  /** the outlet only where the text names it; `outletBasis` quotes where */
  outlet: z.string().nullable(),
  outletBasis: z.string().optional(),
  author: z.string().nullable().default(null),
  date: IsoDateSchema,
  dateStatus: z.enum(['stated', 'inferred']),
  /** exact text that states the date, or the reasoning for an inferred one */
  dateBasis: z.string(),
  /** text in the article that looks like a date but is not its publication date */
  notDate: z.string().optional(),
  /** where the article was published, when the writer knows it (ingested articles) */
  url: z.string().optional(),
});
export type ArticleMeta = z.infer<typeof ArticleMetaSchema>;

// ---- Served shapes ----------------------------------------------------------

export interface Place extends RawPlace {
  inferred: boolean;
  basis?: string;
}

export interface SourceClaim {
  article: string;
  headline: string | null;
  outlet: string | null;
  articleDate: string;
  quote: string;
  /** character offset of the quote in the article text, for highlighting */
  offset: number;
  dateText?: string;
  /** `dateText` resolved to an interval */
  date?: { start: string; end: string; precision: DatePrecision };
  placeText?: string;
  /**
   * the article this one is a syndicated copy of (near-identical wire text): shown as such, and not
   * counted again toward corroboration
   */
  syndicatedOf?: string;
}

/**
 * A record from a machine-coded feed (GDELT): it points at a story but quotes nothing, so it is kept
 * apart from SourceClaim (whose quote is verbatim by construction) rather than faking a quote.
 */
export interface FeedSource {
  feed: string;
  /** the feed's own id for the record (GDELT's GLOBALEVENTID) */
  recordId: string;
  url: string;
  /** the feed's event code (CAMEO for GDELT) */
  code?: string;
  /** the feed's own count of articles mentioning it */
  articles?: number;
}

export interface EventProperties {
  id: string;
  title: string;
  summary: string;
  category: Category;
  start: string;
  end: string;
  precision: DatePrecision;
  dateInferred: boolean;
  dateBasis?: string;
  place: Place;
  actors: Actor[];
  sources: SourceClaim[];
  corroboration: number;
  /** facts the sources contradict each other on: dates that do not overlap, places neither of which contains the other */
  disputed: ContestableFact[];
  /** facts the sources state at different precision without contradicting each other (Iran vs Tehran) */
  precisionDiffers: 'place'[];
  /** when sources name different places: each one, coarsest first, as a source words it */
  placeClaims?: PlaceClaim[];
  /** absent means 'article' (the curated shape before feeds existed) */
  sourceType?: SourceType;
  /** for sourceType 'feed': the feed records behind the event (sources is then empty) */
  feedSources?: FeedSource[];
  /** present when the event was machine-extracted from an article */
  extraction?: Extraction;
}

export type ContestableFact = 'date' | 'place';

/** How a machine-extracted item was made; absent on curated and feed items. */
export interface Extraction {
  /** the pipeline and its version ("ingest@0.1.0") */
  pipeline: string;
  /** the extractor's confidence that the item is asserted by the text as extracted, in [0, 1] */
  confidence: number;
  /** the annotation kind the extractor read (attack, protest, deployment…), before mapping to a category */
  kind?: string;
  review?: ReviewState;
  /** while rejected: the state a restore gives back (an edit stays applied either way) */
  rejectedFrom?: Exclude<ReviewState, 'rejected'>;
}
export type ReviewState = 'unreviewed' | 'accepted' | 'edited' | 'rejected';

export interface PlaceClaim {
  /** the wording of the first source that names this place */
  text: string;
  name: string;
  precision: PlacePrecision;
}
export type EventFeature = Feature<Point, EventProperties>;
export type EventCollection = FeatureCollection<Point, EventProperties>;

export interface MovementProperties {
  id: string;
  kind: MovementKind;
  title: string;
  summary: string;
  status: (typeof MOVEMENT_STATUSES)[number];
  actors: Actor[];
  origin: Place;
  destination: Place;
  via: Place[];
  start: string;
  end: string;
  precision: DatePrecision;
  dateInferred: boolean;
  dateBasis?: string;
  event?: string;
  sources: SourceClaim[];
  corroboration: number;
  /** present when the movement was machine-extracted from an article */
  extraction?: Extraction;
}
export type MovementFeature = Feature<LineString, MovementProperties>;
export type MovementCollection = FeatureCollection<LineString, MovementProperties>;

export interface ArticleSummary extends ArticleMeta {
  /** how the app names the article (lib/articles.ts `articleTitle`): headline, else outlet and date */
  displayTitle: string;
  eventIds: string[];
  movementIds: string[];
}
export interface ArticleDetail extends ArticleSummary {
  text: string;
}
