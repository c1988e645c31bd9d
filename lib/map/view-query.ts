// What the browser asks the server for a view: the map's clusters for the tiles it shows, the list's
// page for the box it shows, and the counts. Pure, so the page, the client and tests build the same
// URLs; the filters come from lib/url-state (the permalink) and nowhere else.
import type { Bbox } from '../bbox';
import { ZOOM } from '../limits';
import { encodePairs, filterQuery, type UrlState } from '../url-state';
import type { SourceType } from '../vocab';

/** Rows per page of the side list: a screenful or three; more on request. */
export const LIST_PAGE = 100;
/** Events a cluster's popup lists (a longer list is not read; zooming in splits it instead). */
export const CLUSTER_LIST = 200;

const MAX_MERCATOR_LAT = 85.0511287798066;
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
const tileX = (lng: number, n: number) => ((lng + 180) / 360) * n;
const tileY = (lat: number, n: number) => {
  const r = (clamp(lat, -MAX_MERCATOR_LAT, MAX_MERCATOR_LAT) * Math.PI) / 180;
  return ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n;
};
const lngOf = (x: number, n: number) => (x / n) * 360 - 180;
const latOf = (y: number, n: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
const fixed = (v: number) => Number(v.toFixed(6));

/**
 * The box and zoom the map asks clusters for: the view widened to whole tiles at the whole zoom.
 * Small pans and zooms then ask the same URL (one cached answer serves them), and because the store's
 * cluster cells nest inside tiles, no cell is cut by the box edge (a cut cell would draw a cluster
 * whose count and centre depend on where the user happened to stop).
 */
export function clusterView(bounds: Bbox, zoom: number): { bbox: Bbox; zoom: number } {
  const z = clamp(Math.floor(zoom), 0, ZOOM.max);
  const n = 2 ** z;
  const [w, s, e, north] = bounds;
  const x0 = clamp(Math.floor(tileX(w, n)), 0, n);
  const x1 = clamp(Math.ceil(tileX(e, n)), 0, n);
  const y0 = clamp(Math.floor(tileY(north, n)), 0, n);
  const y1 = clamp(Math.ceil(tileY(s, n)), 0, n);
  const bottom = y1 >= n ? -90 : latOf(y1, n);
  const top = y0 <= 0 ? 90 : latOf(y0, n);
  return { bbox: [fixed(lngOf(x0, n)), fixed(bottom), fixed(lngOf(Math.max(x1, x0), n)), fixed(top)], zoom: z };
}

/** The list's box: the view itself, rounded (a few metres) so a URL does not change with every pixel. */
export function listBox([w, s, e, n]: Bbox): Bbox {
  const r = (v: number) => Number(v.toFixed(3));
  return [r(w), r(s), r(e), r(n)];
}

export interface DatedState extends UrlState {
  from: string;
  to: string;
}

/** Parameters without a value are left out. */
const join = (path: string, parts: [string, string | undefined][]) => {
  const q = encodePairs(parts.filter((p): p is [string, string] => p[1] !== undefined && p[1] !== ''));
  return q ? `${path}?${q}` : path;
};

const bboxParam = (b: Bbox | undefined) => b?.join(',');

/** The map's clusters and single events for one source type in the view's tiles. */
export function clustersUrl(s: DatedState, source: SourceType, bounds: Bbox, zoom: number): string {
  const v = clusterView(bounds, zoom);
  return join('/api/events/clusters', [['bbox', bboxParam(v.bbox)], ['zoom', String(v.zoom)], ['source', source], ...datedFilter(s)]);
}

/** The events of one cluster the map drew (same filters, same source). */
export function leavesUrl(s: DatedState, source: SourceType, cluster: string): string {
  return join('/api/events/clusters/leaves', [['cluster', cluster], ['limit', String(CLUSTER_LIST)], ['source', source], ...datedFilter(s)]);
}

/** One page of the side list: the events in the view's box, newest first. */
export function listUrl(s: DatedState, sources: SourceType[], bounds: Bbox, cursor?: string): string {
  return join('/api/events', [
    ['fields', 'summary'],
    ['order', 'desc'],
    ['limit', String(LIST_PAGE)],
    ['bbox', bboxParam(listBox(bounds))],
    ['source', sourceParam(sources)],
    ...datedFilter(s),
    ['cursor', cursor],
  ]);
}

/** How many events match, by source type; in a box when given (the list's "in view"). */
export function countUrl(s: DatedState, sources: SourceType[], bounds?: Bbox): string {
  return join('/api/events/count', [['bbox', bboxParam(bounds && listBox(bounds))], ['source', sourceParam(sources)], ...datedFilter(s)]);
}

/** Both source types are the default; none asks for nothing and is answered without a request. */
const sourceParam = (sources: SourceType[]) => (sources.length === 1 ? sources[0] : undefined);

function datedFilter(s: DatedState): [string, string | undefined][] {
  return [['from', s.from], ['to', s.to], ...filterQuery(s)];
}
