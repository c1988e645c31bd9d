import { parseFilterQuery } from '@/lib/filters';
import { badRequest, cachedJson } from '@/lib/http';
import { PAGE } from '@/lib/limits';
import { getStore } from '@/lib/store';

/** The events of one cluster from /api/events/clusters (same filters), for the list a click opens. */
export async function GET(request: Request) {
  const parsed = parseFilterQuery(new URL(request.url).searchParams, 'leaves');
  if (!parsed.ok) return badRequest(parsed.error, parsed.issues);
  const store = getStore();
  return cachedJson(request, await store.revision(), async () => ({
    body: { type: 'FeatureCollection', features: await store.clusterLeaves(parsed.cluster!, parsed.filter, parsed.page.limit ?? PAGE.default) },
    contentType: 'application/geo+json',
  }));
}
