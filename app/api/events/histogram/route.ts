import { parseFilterQuery } from '@/lib/filters';
import { badRequest, cachedJson } from '@/lib/http';
import { getStore } from '@/lib/store';

/**
 * Events per bin over a window (coarse-dated events as spans), for the timeline: bins of binDays, or
 * the bins of the scale a chart draws (scale=log|overview with center and width, lib/timeline).
 */
export async function GET(request: Request) {
  const parsed = parseFilterQuery(new URL(request.url).searchParams, 'histogram');
  if (!parsed.ok) return badRequest(parsed.error, parsed.issues);
  const { from, to, ...filter } = parsed.filter;
  const store = getStore();
  return cachedJson(request, await store.revision(), async () => ({ body: await store.histogram(filter, { from: from!, to: to!, ...parsed.bins! }) }));
}
