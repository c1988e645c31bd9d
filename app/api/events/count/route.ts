import { readQuery } from '@/lib/api-guard';
import { cachedJson } from '@/lib/http';
import { getStore } from '@/lib/store';
import { countBody } from '@/lib/store/views';

/** How many events match, and how many of them from each kind of source. */
export async function GET(request: Request) {
  const parsed = readQuery(request, 'count');
  if (!parsed.ok) return parsed.response;
  const store = getStore();
  return cachedJson(request, await store.revision(), async () => ({ body: await countBody(store, parsed.filter) }));
}
