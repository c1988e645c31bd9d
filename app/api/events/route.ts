import { readQuery } from '@/lib/api-guard';
import { cached } from '@/lib/http';
import { getStore } from '@/lib/store';

/** A page of events (paged by cursor, at most PAGE.max), as GeoJSON with the next page's cursor. */
export async function GET(request: Request) {
  const parsed = readQuery(request, 'events');
  if (!parsed.ok) return parsed.response;
  const store = getStore();
  // The store writes the page's JSON itself: the busiest route never builds objects to stringify them.
  return cached(request, await store.revision(), async () => ({
    body: await store.eventsJson(parsed.filter, { ...parsed.page, fields: parsed.fields }),
    contentType: 'application/geo+json',
  }));
}
