import { readQuery } from '@/lib/api-guard';
import { cachedJson } from '@/lib/http';
import { getStore } from '@/lib/store';
import type { MovementCollection } from '@/lib/types';

export async function GET(request: Request) {
  const parsed = readQuery(request, 'movements');
  if (!parsed.ok) return parsed.response;
  const store = getStore();
  return cachedJson(request, await store.revision(), async () => {
    const body: MovementCollection = { type: 'FeatureCollection', features: await store.movements(parsed.filter) };
    return { body, contentType: 'application/geo+json' };
  });
}
