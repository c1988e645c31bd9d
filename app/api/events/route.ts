import { parseFilterQuery } from '@/lib/filters';
import { badRequest, cachedJson } from '@/lib/http';
import { getStore } from '@/lib/store';

/** A page of events (paged by cursor, at most PAGE.max), as GeoJSON with the next page's cursor. */
export async function GET(request: Request) {
  const parsed = parseFilterQuery(new URL(request.url).searchParams, 'events');
  if (!parsed.ok) return badRequest(parsed.error, parsed.issues);
  const store = getStore();
  return cachedJson(request, await store.revision(), async () => {
    const page = await store.events(parsed.filter, { ...parsed.page, fields: parsed.fields });
    return { body: { type: 'FeatureCollection', features: page.items, nextCursor: page.nextCursor }, contentType: 'application/geo+json' };
  });
}
