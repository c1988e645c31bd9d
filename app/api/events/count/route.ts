import { parseFilterQuery } from '@/lib/filters';
import { badRequest, cachedJson } from '@/lib/http';
import { getStore } from '@/lib/store';
import { countBody } from '@/lib/store/views';

/** How many events match, and how many of them from each kind of source. */
export async function GET(request: Request) {
  const parsed = parseFilterQuery(new URL(request.url).searchParams, 'count');
  if (!parsed.ok) return badRequest(parsed.error, parsed.issues);
  const store = getStore();
  return cachedJson(request, await store.revision(), async () => ({ body: await countBody(store, parsed.filter) }));
}
