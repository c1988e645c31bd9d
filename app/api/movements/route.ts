import { readQuery } from '@/lib/api-guard';
import { cachedJson } from '@/lib/http';
import { getStore } from '@/lib/store';
import { movementPage } from '@/lib/store/views';

/** A page of movements (at most PAGE.max, all of them by default) with the next page's cursor. */
export async function GET(request: Request) {
  const parsed = readQuery(request, 'movements');
  if (!parsed.ok) return parsed.response;
  const store = getStore();
  return cachedJson(request, await store.revision(), async () => ({ body: await movementPage(store, parsed.filter, parsed.page), contentType: 'application/geo+json' }));
}
