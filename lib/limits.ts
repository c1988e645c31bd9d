// Limits shared by the permalink, the API and the map: written once so a link the page accepts is
// never one the API refuses, and the map, the preview and the address bar clamp zoom alike.

/** The map's zoom range: the basemap (Natural Earth 1:50m) has nothing to show past 12. */
export const ZOOM = { min: 1, max: 12 } as const;
export const MAX_LAT = 85.05;
export const MAX_PITCH = 85;
/** Free-text search, in characters. */
export const MAX_Q = 200;
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
