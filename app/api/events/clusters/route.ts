import { readQuery } from '@/lib/api-guard';
import { cachedJson } from '@/lib/http';
import { getStore } from '@/lib/store';

/** What a map viewport draws: clusters where events are dense, single events elsewhere. */
export async function GET(request: Request) {
  const parsed = readQuery(request, 'clusters');
  if (!parsed.ok) return parsed.response;
  const store = getStore();
  return cachedJson(request, await store.revision(), async () => ({
    body: await store.clusters({ ...parsed.filter, bbox: parsed.filter.bbox!, zoom: parsed.zoom! }),
    contentType: 'application/geo+json',
  }));
}
