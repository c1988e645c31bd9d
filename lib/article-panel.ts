// The "Add article" panel's logic without React: where quotes sit in the text, what a dropped file
// holds, how a server's refusal reads, and a reviewer's edit checked before it is sent.
import { isIsoDate } from './dates';
import type { ReviewEdit } from './store/contract';
import { CATEGORIES, DATE_PRECISIONS, PLACE_PRECISIONS, type Category, type DatePrecision, type PlacePrecision } from './vocab';

export interface ArticleDraft {
  title: string;
  published: string;
  outlet: string;
  url: string;
  text: string;
}

export const EMPTY_DRAFT: ArticleDraft = { title: '', published: '', outlet: '', url: '', text: '' };

/** The POST /api/articles body: optional fields left out rather than sent empty (the API refuses ""). */
export function articleBody(d: ArticleDraft): Record<string, string> {
  return {
    title: d.title.trim(),
    published: d.published,
    ...(d.outlet.trim() ? { outlet: d.outlet.trim() } : {}),
    ...(d.url.trim() ? { url: d.url.trim() } : {}),
    text: d.text,
  };
}

/**
 * What a dropped file fills in: a .json file may carry every field (the CLI's format), anything else
 * is the text. Unknown or mistyped JSON fields are ignored, not trusted.
 */
export function draftFromFile(name: string, content: string): { ok: true; draft: Partial<ArticleDraft> } | { ok: false; error: string } {
  if (!/\.json$/i.test(name)) return { ok: true, draft: { text: content } };
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch {
    return { ok: false, error: `${name} is not valid JSON` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, error: `${name} must hold one object {title, published, outlet?, url?, text}` };
  const o = data as Record<string, unknown>;
  const draft: Partial<ArticleDraft> = {};
  for (const k of ['title', 'published', 'outlet', 'url', 'text'] as const) if (typeof o[k] === 'string') draft[k] = o[k];
  if (draft.text === undefined) return { ok: false, error: `${name} has no "text" string` };
  return { ok: true, draft };
}

/** The server's own words for a refusal: its `error`, then each issue it lists. */
export function errorMessage(status: number, body: unknown): string {
  const b = (typeof body === 'object' && body !== null ? body : {}) as { error?: unknown; issues?: unknown };
  const error = typeof b.error === 'string' ? b.error : `the server answered ${status}`;
  const issues = Array.isArray(b.issues) ? b.issues.map((i: { path?: unknown; message?: unknown }) => (typeof i?.message === 'string' ? (i.path ? `${String(i.path)}: ${i.message}` : i.message) : null)).filter((m): m is string => !!m) : [];
  const extra = issues.filter((m) => !error.includes(m));
  return extra.length ? `${error} (${extra.join('; ')})` : error;
}

export interface Mark {
  /** the item the quote belongs to */
  key: string;
  quote: string;
  /** where the extractor says the quote starts */
  offset: number;
}

export interface Segment {
  text: string;
  /** the items quoting this stretch; empty for plain text */
  keys: string[];
}

/**
 * The text cut into stretches, each with the items that quote it. A quote is taken at its offset when
 * it is there, else at its first occurrence (a text normalised after extraction); one found nowhere
 * is left out rather than highlighting the wrong words.
 */
export function highlightSegments(text: string, marks: readonly Mark[]): Segment[] {
  const ranges: { start: number; end: number; key: string }[] = [];
  for (const m of marks) {
    if (!m.quote) continue;
    const start = text.startsWith(m.quote, m.offset) ? m.offset : text.indexOf(m.quote);
    if (start >= 0) ranges.push({ start, end: start + m.quote.length, key: m.key });
  }
  const cuts = [...new Set([0, text.length, ...ranges.flatMap((r) => [r.start, r.end])])].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i]!, cuts[i + 1]!];
    const keys = [...new Set(ranges.filter((r) => r.start <= a && r.end >= b).map((r) => r.key))];
    const last = out[out.length - 1];
    // Neighbouring stretches quoted by the same items are one mark, not several.
    if (last && last.keys.join('\n') === keys.join('\n')) last.text += text.slice(a, b);
    else out.push({ text: text.slice(a, b), keys });
  }
  return out;
}

/** How an extracted event joined the map. */
export function mergeLabel(e: { merged: boolean; syndicatedOf?: string }): string {
  if (e.syndicatedOf) return `syndicated copy of article ${e.syndicatedOf}: merged, not counted again`;
  return e.merged ? 'merged into an existing event' : 'new event';
}

/** The edit form's fields, as strings from inputs. */
export interface EditFields {
  start: string;
  end: string;
  precision: DatePrecision;
  category: Category;
  actors: string;
  placeName: string;
  lat: string;
  lng: string;
  placePrecision: PlacePrecision;
}

export interface Editable {
  start: string;
  end: string;
  precision: DatePrecision;
  category?: Category;
  actors: { id: string }[];
  place: { name: string; lat: number; lng: number; precision: PlacePrecision };
}

export function editFields(p: Editable): EditFields {
  return {
    start: p.start,
    end: p.end,
    precision: p.precision,
    category: p.category ?? 'incident',
    actors: p.actors.map((a) => a.id).join(', '),
    placeName: p.place.name,
    lat: String(p.place.lat),
    lng: String(p.place.lng),
    placePrecision: p.place.precision,
  };
}

/**
 * Only what the reviewer changed goes in the edit: an untouched place keeps its id and country, and
 * the server's message for a refused change names the field that was changed.
 */
export function editFromFields(before: EditFields, f: EditFields, opts: { category: boolean }): { ok: true; edit: ReviewEdit } | { ok: false; error: string } {
  const edit: ReviewEdit = {};
  if (f.start !== before.start || f.end !== before.end || f.precision !== before.precision) {
    if (!isIsoDate(f.start) || !isIsoDate(f.end)) return { ok: false, error: 'dates must be real dates as YYYY-MM-DD' };
    if (f.start > f.end) return { ok: false, error: 'the start is after the end' };
    if (!DATE_PRECISIONS.includes(f.precision)) return { ok: false, error: 'unknown date precision' };
    Object.assign(edit, { start: f.start, end: f.end, precision: f.precision });
  }
  if (f.placeName !== before.placeName || f.lat !== before.lat || f.lng !== before.lng || f.placePrecision !== before.placePrecision) {
    const lat = Number(f.lat);
    const lng = Number(f.lng);
    if (!f.placeName.trim()) return { ok: false, error: 'the place needs a name' };
    if (f.lat.trim() === '' || !Number.isFinite(lat) || Math.abs(lat) > 90) return { ok: false, error: 'latitude must be a number within ±90' };
    if (f.lng.trim() === '' || !Number.isFinite(lng) || Math.abs(lng) > 180) return { ok: false, error: 'longitude must be a number within ±180' };
    if (!PLACE_PRECISIONS.includes(f.placePrecision)) return { ok: false, error: 'unknown place precision' };
    edit.place = { name: f.placeName.trim(), lat, lng, precision: f.placePrecision };
  }
  if (opts.category && f.category !== before.category) {
    if (!CATEGORIES.includes(f.category)) return { ok: false, error: 'unknown category' };
    edit.category = f.category;
  }
  const ids = (s: string) => s.split(',').map((a) => a.trim()).filter(Boolean);
  if (ids(f.actors).join(',') !== ids(before.actors).join(',')) edit.actors = ids(f.actors);
  if (Object.keys(edit).length === 0) return { ok: false, error: 'nothing was changed' };
  return { ok: true, edit };
}

/**
 * The dates and the camera that show a set of extracted items together: their whole span, and the
 * middle of their places at a zoom that keeps them all on screen (roughly: a world is 360° at zoom 0).
 */
export function itemsView(items: readonly { start: string; end: string; coords: readonly [number, number][] }[], maxZoom = 8): { from: string; to: string; lng: number; lat: number; zoom: number } | null {
  const pts = items.flatMap((i) => i.coords);
  if (!items.length || !pts.length) return null;
  const from = items.map((i) => i.start).reduce((a, b) => (a < b ? a : b));
  const to = items.map((i) => i.end).reduce((a, b) => (a > b ? a : b));
  const lngs = pts.map((p) => p[0]);
  const lats = pts.map((p) => p[1]);
  const [w, e, s, n] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  const span = Math.max(e - w, (n - s) * 1.5, 1e-6);
  const zoom = Math.max(1, Math.min(maxZoom, Math.log2(360 / span) - 0.5));
  return { from, to, lng: (w + e) / 2, lat: (s + n) / 2, zoom: Math.round(zoom * 100) / 100 };
}
