// Answers shared by a route and the page's first paint, so both say exactly the same thing.
import { SOURCE_TYPES, type SourceType } from '../vocab';
import type { EventQuery, Store } from './contract';

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
