import { parseFilterQuery } from '@/lib/filters';
import { badRequest, cachedJson } from '@/lib/http';
import { getStore } from '@/lib/store';
import type { MovementCollection } from '@/lib/types';

export async function GET(request: Request) {
  const parsed = parseFilterQuery(new URL(request.url).searchParams, 'movements');
  if (!parsed.ok) return badRequest(parsed.error, parsed.issues);
  const store = getStore();
  return cachedJson(request, await store.revision(), async () => {
    const body: MovementCollection = { type: 'FeatureCollection', features: await store.movements(parsed.filter) };
    return { body, contentType: 'application/geo+json' };
  });
}
