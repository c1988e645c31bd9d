import { parseFilterQuery } from '@/lib/filters';
import { badRequest, cachedJson } from '@/lib/http';
import { getStore } from '@/lib/store';

/** What a map viewport draws: clusters where events are dense, single events elsewhere. */
export async function GET(request: Request) {
  const parsed = parseFilterQuery(new URL(request.url).searchParams, 'clusters');
  if (!parsed.ok) return badRequest(parsed.error, parsed.issues);
  const store = getStore();
  return cachedJson(request, await store.revision(), async () => ({
    body: await store.clusters({ ...parsed.filter, bbox: parsed.filter.bbox!, zoom: parsed.zoom! }),
    contentType: 'application/geo+json',
  }));
}
