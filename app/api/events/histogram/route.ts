import { readQuery } from '@/lib/api-guard';
import { cachedJson } from '@/lib/http';
import { getStore } from '@/lib/store';

/**
 * Events per bin over a window (coarse-dated events as spans), for the timeline: bins of binDays, or
 * the bins of the scale a chart draws (scale=log|overview with center and width, lib/timeline).
 */
export async function GET(request: Request) {
  const parsed = readQuery(request, 'histogram');
  if (!parsed.ok) return parsed.response;
  const { from, to, ...filter } = parsed.filter;
  const store = getStore();
  return cachedJson(request, await store.revision(), async () => ({ body: await store.histogram(filter, { from: from!, to: to!, ...parsed.bins! }) }));
}
