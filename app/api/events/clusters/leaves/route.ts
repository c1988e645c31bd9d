import { readQuery } from '@/lib/api-guard';
import { cachedJson } from '@/lib/http';
import { PAGE } from '@/lib/limits';
import { getStore } from '@/lib/store';

/** The events of one cluster from /api/events/clusters (same filters), for the list a click opens. */
export async function GET(request: Request) {
  const parsed = readQuery(request, 'leaves');
  if (!parsed.ok) return parsed.response;
  const store = getStore();
  return cachedJson(request, await store.revision(), async () => ({
    body: { type: 'FeatureCollection', features: await store.clusterLeaves(parsed.cluster!, parsed.filter, parsed.page.limit ?? PAGE.default) },
    contentType: 'application/geo+json',
  }));
}
