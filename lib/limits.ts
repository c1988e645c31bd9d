// Limits shared by the permalink, the API and the map: written once so a link the page accepts is
// never one the API refuses, and the map, the preview and the address bar clamp zoom alike.

/** The map's zoom range: the basemap (Natural Earth 1:50m) has nothing to show past 12. */
export const ZOOM = { min: 1, max: 12 } as const;
export const MAX_LAT = 85.05;
export const MAX_PITCH = 85;
/** Free-text search, in characters. */
export const MAX_Q = 200;
/**
 * Distinct words of a search: every word is a prefix scan of the text index, and on a million events
 * a hundred one-letter words took 10 s where eight take about 1.5 s. A headline's key words fit.
 */
export const MAX_Q_WORDS = 8;
/** Ids of events, movements, actors and articles: slugs of letters, digits, `-` and `_`. */
export const MAX_ID = 120;
const ID_PATTERN = new RegExp(`^[a-z0-9][a-z0-9_-]{0,${MAX_ID - 1}}$`, 'i');

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** Features per page of /api/events: the default, and the most one request may ask for. */
export const PAGE = { default: 1000, max: 5000 } as const;

/** Histogram bins per request: enough for a day per bin over a decade, or a bin per pixel of a chart, never a runaway loop. */
export const MAX_BINS = 4000;

/**
 * Grid cells one /api/events/clusters request may span (each can be a feature): 256 × 256 cells of
 * 32 px, a viewport of 8192 px square, twice a 4K screen rounded out to whole tiles.
 */
export const MAX_CLUSTER_CELLS = 256 * 256;

/**
 * Characters of a request's query string. Permalinks stay far below (q is 200 characters), and Node
 * refuses a request head over 16 kB before any route sees it.
 */
export const MAX_QUERY_CHARS = 8 * 1024;

/** Bytes of text one article may carry (UTF-8). */
export const MAX_TEXT_BYTES = 1024 * 1024;
/** A posted article's body: its text plus the extra tenth its title, URL and JSON escaping take. */
export const MAX_BODY_BYTES = Math.round(MAX_TEXT_BYTES * 1.1);
/** A review decision's body: a state and a few edited fields. */
export const MAX_REVIEW_BODY_BYTES = 64 * 1024;

/**
 * Requests per client per minute (each also the largest burst), over RATE_LIMIT_*_PER_MIN in the
 * environment (0 switches that limit off). Writes: articles and reviews. Queries: the expensive reads
 * (any text search, histograms, preview images, clusters over a wide box); plain list, count and
 * item reads on a box are never limited, so the map's panning and the load test are unaffected.
 */
export const RATE_LIMITS = { writes: 120, queries: 600 } as const;
/** A clusters box wider than this (square degrees, ~32° × 32°) aggregates a whole region: an expensive query. */
export const WIDE_BBOX_DEG2 = 1000;
