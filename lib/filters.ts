// The zod schema that turns API query strings into store queries, per endpoint. An item matches a
// date range when its [start, end] interval overlaps the range (inclusive); the matching itself is
// the store's (lib/store), checked by its contract test against a brute-force oracle.
import { z } from 'zod';
import { isIsoDate } from './dates';
import { MAX_BINS, MAX_CLUSTER_CELLS, MAX_Q, MAX_Q_WORDS, PAGE, ZOOM, isId } from './limits';
import { searchWords } from './search-words';
import { MAX_CHART_WIDTH, histogramBins, type HistogramBins } from './timeline';
import type { Bbox } from './bbox';
import { CATEGORIES, MOVEMENT_KINDS, SOURCE_TYPES, type Category, type MovementKind, type SourceType } from './vocab';

export interface Filter {
  from?: string;
  to?: string;
  bbox?: Bbox;
  categories?: Category[];
  kinds?: MovementKind[];
  actors?: string[];
  q?: string;
  sourceTypes?: SourceType[];
  /** false hides machine-extracted items nobody has reviewed yet (the map's "unreviewed" layer off) */
  unreviewed?: boolean;
}

/** The event category a movement counts as under a category filter (a trip is a visit, and so on). */
export const MOVEMENT_CATEGORY: Record<MovementKind, Category> = { travel: 'visit', arms: 'arms-transfer', attack: 'strike' };

const isoDate = z.string().refine(isIsoDate, { message: 'must be a real date as YYYY-MM-DD' });

const list = <T extends string>(values: readonly [T, ...T[]], what: string) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values, { message: `unknown ${what}; expected one of ${values.join(', ')}` })).min(1, `empty ${what} list`));

const int = (lo: number, hi: number, what: string) =>
  z
    .string()
    .regex(/^\d+$/, `${what} must be a whole number`)
    .transform(Number)
    .pipe(z.number().int().min(lo, `${what} must be at least ${lo}`).max(hi, `${what} must be at most ${hi}`));

const bbox = z.string().transform((s, ctx) => {
  const parts = s.split(',').map((v) => Number(v.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
    ctx.addIssue({ code: 'custom', message: 'bbox must be four numbers: west,south,east,north' });
    return z.NEVER;
  }
  const [w, s2, e, n] = parts as [number, number, number, number];
  if ([w, e].some((x) => x < -180 || x > 180) || [s2, n].some((y) => y < -90 || y > 90)) {
    ctx.addIssue({ code: 'custom', message: 'bbox longitudes must be within ±180 and latitudes within ±90' });
    return z.NEVER;
  }
  if (s2 > n) {
    ctx.addIssue({ code: 'custom', message: 'bbox south must not be north of north' });
    return z.NEVER;
  }
  return [w, s2, e, n] as Bbox;
});

const FIELDS = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  bbox: bbox.optional(),
  category: list(CATEGORIES, 'category').optional(),
  kind: list(MOVEMENT_KINDS, 'kind').optional(),
  source: list(SOURCE_TYPES, 'source').optional(),
  actor: z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine(isId, 'actor ids are slugs of letters, digits, - and _')).min(1))
    .optional(),
  unreviewed: z.enum(['show', 'hide'], { message: 'unreviewed must be show or hide' }).optional(),
  q: z
    .string()
    .trim()
    .max(MAX_Q, `q must be at most ${MAX_Q} characters`)
    .refine((q) => searchWords(q).length <= MAX_Q_WORDS, `q may have at most ${MAX_Q_WORDS} different words`)
    .optional(),
  fields: z.enum(['full', 'summary'], { message: 'fields must be full or summary' }).optional(),
  cursor: z.string().max(512, 'cursor is too long').optional(),
  order: z.enum(['asc', 'desc'], { message: 'order must be asc or desc' }).optional(),
  limit: int(1, PAGE.max, 'limit').optional(),
  zoom: z
    .string()
    // Decimal only: Number() would read '' and ' ' as 0 and '0x10' as 16.
    .regex(/^\d+(\.\d+)?$/, 'zoom must be a number')
    .transform(Number)
    .pipe(z.number({ message: 'zoom must be a number' }).min(0, 'zoom must be at least 0').max(ZOOM.max + 10, `zoom must be at most ${ZOOM.max + 10}`))
    .optional(),
  binDays: int(1, 36600, 'binDays').optional(),
  cluster: z.string().regex(/^\d{1,2}\/\d{1,10}\/\d{1,10}$/, 'cluster must be an id from /api/events/clusters (zoom/x/y)').optional(),
  // The timeline's variable bins, cut by lib/timeline from the scale it draws (histogramBins).
  scale: z.enum(['log', 'overview'], { message: 'scale must be log or overview' }).optional(),
  center: isoDate.optional(),
  width: int(1, MAX_CHART_WIDTH, 'width').optional(),
} as const;
type Key = keyof typeof FIELDS;

const COMMON: Key[] = ['from', 'to', 'bbox', 'category', 'actor', 'q', 'unreviewed'];
/** What each endpoint takes; anything else is refused rather than silently ignored. */
const ACCEPTS = {
  events: [...COMMON, 'source', 'fields', 'cursor', 'limit', 'order'],
  movements: [...COMMON, 'kind', 'cursor', 'limit'],
  count: [...COMMON, 'source'],
  clusters: [...COMMON, 'source', 'zoom'],
  leaves: [...COMMON, 'source', 'cluster', 'limit'],
  histogram: [...COMMON, 'source', 'binDays', 'scale', 'center', 'width'],
  articles: ['cursor', 'limit'],
} satisfies Record<string, Key[]>;
export type Endpoint = keyof typeof ACCEPTS;
const REQUIRED: Partial<Record<Endpoint, Key[]>> = { clusters: ['bbox', 'zoom'], leaves: ['cluster'], histogram: ['from', 'to'] };

export interface ParsedQuery {
  filter: Filter;
  fields: 'full' | 'summary';
  page: { cursor?: string; limit: number; order?: 'asc' | 'desc' };
  zoom?: number;
  /** histogram only: the bins to count into */
  bins?: HistogramBins;
  cluster?: string;
}
export type Issue = { path: string; message: string };
export type FilterParseResult = ({ ok: true } & ParsedQuery) | { ok: false; error: string; issues: Issue[] };

const fail = (issues: Issue[]): FilterParseResult => ({ ok: false, error: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), issues });

/**
 * The grid cells (32 px at MapLibre's zoom, indexed as the store indexes them) a box spans: what
 * bounds the features one clusters answer can hold.
 */
export function clusterCells([w, s, e, n]: Bbox, zoom: number): number {
  const side = 2 ** (Math.max(0, Math.min(ZOOM.max + 10, Math.floor(zoom))) + 4);
  const cell = (f: number) => Math.max(0, Math.min(side - 1, Math.floor(f * side)));
  const x = (lng: number) => cell((lng + 180) / 360);
  const y = (lat: number) => {
    const r = (Math.max(-85.05112878, Math.min(85.05112878, lat)) * Math.PI) / 180;
    return cell(0.5 - Math.log(Math.tan(Math.PI / 4 + r / 2)) / (2 * Math.PI));
  };
  // A box across the antimeridian spans two runs of columns.
  const columns = w <= e ? x(e) - x(w) + 1 : Math.min(side, side - x(w) + x(e) + 1);
  return columns * (y(s) - y(n) + 1);
}

/** The zoom a box is clustered at: the asked one, or the highest at which it spans at most MAX_CLUSTER_CELLS. */
export function clusterZoom(box: Bbox, zoom: number): number {
  let z = zoom;
  while (z > 0 && clusterCells(box, z) > MAX_CLUSTER_CELLS) z = Math.ceil(z) - 1;
  return z;
}

/** Parses a query string for an endpoint (default: every parameter allowed, as for a unit test). */
export function parseFilterQuery(params: URLSearchParams, endpoint?: Endpoint): FilterParseResult {
  const accepts: readonly Key[] = endpoint ? ACCEPTS[endpoint] : (Object.keys(FIELDS) as Key[]);
  const obj: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    if (all.length > 1) return fail([{ path: key, message: `given ${all.length} times` }]);
    if (!(key in FIELDS)) return fail([{ path: key, message: `unknown parameter: ${key}` }]);
    if (!accepts.includes(key as Key)) return fail([{ path: key, message: `${key} does not apply to ${endpoint}` }]);
    obj[key] = all[0]!;
  }
  const missing = (endpoint && REQUIRED[endpoint]?.filter((k) => obj[k] === undefined)) || [];
  if (missing.length) return fail(missing.map((k) => ({ path: k, message: `${k} is required for ${endpoint}` })));
  const r = z.object(FIELDS).safeParse(obj);
  if (!r.success) return fail(r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  const { from, to, bbox: box, category, kind, source, actor, q, unreviewed, fields, cursor, limit, order, zoom, binDays, scale, center, width, cluster } = r.data;
  if (from && to && from > to) return fail([{ path: 'from', message: 'from must not be after to' }]);
  if (binDays && from && to && (Date.parse(to) - Date.parse(from)) / 864e5 / binDays > MAX_BINS) {
    return fail([{ path: 'binDays', message: `at most ${MAX_BINS} bins per request: use wider bins` }]);
  }
  let bins: HistogramBins | undefined = binDays !== undefined ? { binDays } : undefined;
  if (scale !== undefined || center !== undefined || width !== undefined) {
    if (binDays !== undefined) return fail([{ path: 'scale', message: 'give binDays or scale (with center and width), not both' }]);
    const absent = (['scale', 'center', 'width'] as const).filter((k) => r.data[k] === undefined);
    if (absent.length) return fail(absent.map((k) => ({ path: k, message: `scale, center and width go together: ${k} is missing` })));
    // width ≤ MAX_CHART_WIDTH bounds the bins: a bin per column at most
    if (from && to) bins = histogramBins({ from, to }, { scale: scale!, center: center!, width: width! });
  }
  if (endpoint === 'histogram' && !bins) return fail([{ path: 'binDays', message: 'binDays, or scale with center and width, is required for histogram' }]);
  return {
    ok: true,
    fields: fields ?? 'full',
    // Movements default to the most a page holds: the map draws them all and follows no cursor.
    page: { limit: limit ?? (endpoint === 'movements' ? PAGE.max : PAGE.default), ...(cursor ? { cursor } : {}), ...(order ? { order } : {}) },
    // A box too wide for its zoom is clustered coarser (as the preview clamps, never refuses): the
    // counts still add up, and no answer holds more than MAX_CLUSTER_CELLS features.
    ...(zoom !== undefined ? { zoom: endpoint === 'clusters' && box ? clusterZoom(box, zoom) : zoom } : {}),
    ...(bins ? { bins } : {}),
    ...(cluster !== undefined ? { cluster } : {}),
    filter: {
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(box ? { bbox: box } : {}),
      ...(category ? { categories: category } : {}),
      ...(kind ? { kinds: kind } : {}),
      ...(source ? { sourceTypes: source } : {}),
      ...(actor ? { actors: actor } : {}),
      ...(q ? { q } : {}),
      ...(unreviewed ? { unreviewed: unreviewed === 'show' } : {}),
    },
  };
}
