import { summarizeEvent } from '@/lib/events';
import { parseFilterQuery } from '@/lib/filters';
import { badRequest, cachedJson } from '@/lib/http';
import { getStore } from '@/lib/store';

export async function GET(request: Request) {
  const parsed = parseFilterQuery(new URL(request.url).searchParams, 'events');
  if (!parsed.ok) return badRequest(parsed.error, parsed.issues);
  const store = getStore();
  return cachedJson(request, store.version, async () => {
    const events = await store.listEvents(parsed.filter);
    const features = parsed.fields === 'summary' ? events.map(summarizeEvent) : events;
    return { body: { type: 'FeatureCollection', features }, contentType: 'application/geo+json' };
  });
}
