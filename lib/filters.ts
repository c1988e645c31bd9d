// One filter for events and movements, and the zod schema that turns API query strings into it.
// An item matches a date range when its [start, end] interval overlaps the range (inclusive).
import { z } from 'zod';
import { isIsoDate, overlaps } from './dates';
import { MAX_Q, isId } from './limits';
import { inBbox, lineIntersectsBbox, type Bbox } from './bbox';
import { CATEGORIES, MOVEMENT_KINDS, type Category, type EventProperties, type MovementKind, type MovementProperties } from './types';
import type { Position } from 'geojson';

export interface Filter {
  from?: string;
  to?: string;
  bbox?: Bbox;
  categories?: Category[];
  kinds?: MovementKind[];
  actors?: string[];
  q?: string;
}


/** The event category a movement counts as under a category filter (a trip is a visit, and so on). */
export const MOVEMENT_CATEGORY: Record<MovementKind, Category> = { travel: 'visit', arms: 'arms-transfer', attack: 'strike' };

const isoDate = z.string().refine(isIsoDate, { message: 'must be a real date as YYYY-MM-DD' });

const list = <T extends string>(values: readonly [T, ...T[]], what: string) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values, { message: `unknown ${what}; expected one of ${values.join(', ')}` })).min(1, `empty ${what} list`));

const bbox = z
  .string()
  .transform((s, ctx) => {
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

export const FilterQuerySchema = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    bbox: bbox.optional(),
    category: list(CATEGORIES, 'category').optional(),
    kind: list(MOVEMENT_KINDS, 'kind').optional(),
    actor: z
      .string()
      .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
      .pipe(z.array(z.string().refine(isId, 'actor ids are slugs of letters, digits, - and _')).min(1))
      .optional(),
    q: z.string().trim().max(MAX_Q, `q must be at most ${MAX_Q} characters`).optional(),
    fields: z.enum(['full', 'summary'], { message: 'fields must be full or summary' }).optional(),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from must not be after to', path: ['from'] })
  .transform(({ category, kind, actor, q, fields, ...rest }): { filter: Filter; fields: 'full' | 'summary' } => ({
    fields: fields ?? 'full',
    filter: {
    ...rest,
    ...(category ? { categories: category } : {}),
    ...(kind ? { kinds: kind } : {}),
    ...(actor ? { actors: actor } : {}),
    ...(q ? { q } : {}),
    },
  }));

export type FilterParseResult = { ok: true; filter: Filter; fields: 'full' | 'summary' } | { ok: false; error: string; issues: { path: string; message: string }[] };

/** Parameters that mean nothing for one kind of item: refused rather than silently ignored. */
const NOT_FOR = { events: ['kind'], movements: ['fields'] } as const;

export function parseFilterQuery(params: URLSearchParams, endpoint?: keyof typeof NOT_FOR): FilterParseResult {
  const misplaced = endpoint ? NOT_FOR[endpoint].find((k) => params.has(k)) : undefined;
  if (misplaced) {
    const message = `${misplaced} does not apply to ${endpoint}`;
    return { ok: false, error: `${misplaced}: ${message}`, issues: [{ path: misplaced, message }] };
  }
  const obj: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    if (all.length > 1) {
      return { ok: false, error: `parameter ${key} given ${all.length} times`, issues: [{ path: key, message: 'repeated parameter' }] };
    }
    obj[key] = all[0]!;
  }
  const r = FilterQuerySchema.safeParse(obj);
  if (r.success) return { ok: true, ...r.data };
  const issues = r.error.issues.map((i) => ({
    path: i.path.join('.') || (i.code === 'unrecognized_keys' ? (i as { keys?: string[] }).keys?.join(',') ?? '' : ''),
    message: i.code === 'unrecognized_keys' ? `unknown parameter: ${(i as { keys?: string[] }).keys?.join(', ')}` : i.message,
  }));
  return { ok: false, error: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), issues };
}

function matchesText(q: string, hay: string[]): boolean {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const text = hay.join(' \u0000 ').toLowerCase();
  return words.every((w) => text.includes(w));
}

function common(p: EventProperties | MovementProperties, f: Filter): boolean {
  if ((f.from || f.to) && !overlaps(p, { start: f.from ?? '0000-01-01', end: f.to ?? '9999-12-31' })) return false;
  if (f.actors && !p.actors.some((a) => f.actors!.includes(a.id))) return false;
  return true;
}

export function matchesEvent(p: EventProperties, coords: Position, f: Filter): boolean {
  if (!common(p, f)) return false;
  if (f.categories && !f.categories.includes(p.category)) return false;
  if (f.bbox && !inBbox(coords[0]!, coords[1]!, f.bbox)) return false;
  if (f.q && !matchesText(f.q, [p.title, p.summary, p.place.name, p.place.country, ...p.actors.map((a) => a.name), ...p.sources.map((s) => s.quote)])) return false;
  return true;
}

export function matchesMovement(p: MovementProperties, coords: Position[], f: Filter): boolean {
  if (!common(p, f)) return false;
  if (f.kinds && !f.kinds.includes(p.kind)) return false;
  if (f.categories && !f.categories.includes(MOVEMENT_CATEGORY[p.kind])) return false;
  if (f.bbox && !lineIntersectsBbox(coords, f.bbox)) return false;
  if (f.q && !matchesText(f.q, [p.title, p.summary, p.origin.name, p.destination.name, ...p.actors.map((a) => a.name), ...p.sources.map((s) => s.quote)])) return false;
  return true;
}
