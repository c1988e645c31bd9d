// Answers shared by a route and the page's first paint, so both say exactly the same thing.
import { PAGE } from '../limits';
import type { MovementCollection } from '../types';
import { SOURCE_TYPES, type SourceType } from '../vocab';
import { StoreQueryError, type EventQuery, type MovementQuery, type Store } from './contract';

export interface CountBody {
  count: number;
  /** of which from each kind of source: a feed counts reports, an article event one quoted happening */
  bySource: Record<SourceType, number>;
}

export async function countBody(store: Store, query: EventQuery): Promise<CountBody> {
  const asked = query.sourceTypes ?? SOURCE_TYPES;
  const counts = await Promise.all(SOURCE_TYPES.map((t) => (asked.includes(t) ? store.countEvents({ ...query, sourceTypes: [t] }) : 0)));
  return { count: counts.reduce((a, b) => a + b, 0), bySource: Object.fromEntries(SOURCE_TYPES.map((t, i) => [t, counts[i]!])) as Record<SourceType, number> };
}

function decodeMovementCursor(c: string): [string, string] {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'string' || typeof v[1] !== 'string') throw badCursor();
  return [v[0], v[1]];
}

export type MovementPage = MovementCollection & { nextCursor: string | null };

const badCursor = () => new StoreQueryError('malformed cursor: pass a nextCursor from the same query unchanged', 'cursor');

/**
 * Movements in (start, id) order, at most `limit` (PAGE.max by default: the map draws every one at
 * once, and a store holds far fewer), with the cursor for the rest: no answer grows with the store.
 */
export async function movementPage(store: Store, query: MovementQuery, page: { limit?: number; cursor?: string } = {}): Promise<MovementPage> {
  const limit = page.limit ?? PAGE.max;
  const after = page.cursor === undefined ? null : decodeMovementCursor(page.cursor);
  const all = await store.movements(query);
  const from = after ? all.findIndex((m) => m.properties.start > after[0] || (m.properties.start === after[0] && m.properties.id > after[1])) : 0;
  const features = from < 0 ? [] : all.slice(from, from + limit);
  const last = features[features.length - 1];
  const more = from >= 0 && from + limit < all.length;
  return { type: 'FeatureCollection', features, nextCursor: more && last ? Buffer.from(JSON.stringify([last.properties.start, last.properties.id])).toString('base64url') : null };
}
