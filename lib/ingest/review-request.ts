// A reviewer's decision on a machine-extracted event or movement, checked before the store sees it;
// the store then applies the same domain rules as to any write.
import { z } from 'zod';
import type { ReviewDecision } from '../store/contract';
import { CategorySchema, DatePrecisionSchema, IsoDateSchema, PlacePrecisionSchema } from '../types';

const PlaceEditSchema = z
  .object({
    name: z.string().trim().min(1, 'place.name is empty').max(200),
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    precision: PlacePrecisionSchema,
    radiusKm: z.number().positive().max(20_000).optional(),
  })
  .strict();

const EditSchema = z
  .object({
    start: IsoDateSchema.optional(),
    end: IsoDateSchema.optional(),
    precision: DatePrecisionSchema.optional(),
    place: PlaceEditSchema.optional(),
    category: CategorySchema.optional(),
    actors: z.array(z.string().min(1).max(128)).max(50).optional(),
  })
  .strict()
  .refine((e) => Object.keys(e).length > 0, 'edit changes nothing: give start, end, precision, place, category or actors')
  .refine((e) => !e.start || !e.end || e.start <= e.end, 'edit.start is after edit.end');

const ReviewSchema = z.union([
  z.object({ state: z.enum(['accepted', 'rejected', 'unreviewed', 'restore']) }).strict(),
  z.object({ state: z.literal('edited'), edit: EditSchema }).strict(),
]);

export type ParsedReview = { ok: true; decision: ReviewDecision } | { ok: false; error: string; issues: { path: string; message: string }[] };

export function parseReviewRequest(body: unknown): ParsedReview {
  const state = (body as { state?: unknown } | null)?.state;
  if (typeof body !== 'object' || body === null || !['accepted', 'rejected', 'unreviewed', 'edited', 'restore'].includes(state as string)) {
    const message = 'state must be one of accepted, rejected, unreviewed, edited, restore';
    return { ok: false, error: `state: ${message}`, issues: [{ path: 'state', message }] };
  }
  // Parsed against the one branch the state names, so its messages are about that branch.
  const r = (state === 'edited' ? ReviewSchema.options[1] : ReviewSchema.options[0]).safeParse(body);
  if (r.success) return { ok: true, decision: r.data as ReviewDecision };
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return { ok: false, error: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), issues };
}
