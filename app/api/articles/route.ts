import { badRequest, cachedJson } from '@/lib/http';
import { getStore } from '@/lib/store';

export async function GET(request: Request) {
  if ([...new URL(request.url).searchParams.keys()].length) return badRequest('this endpoint takes no query parameters');
  const store = getStore();
  return cachedJson(request, store.version, async () => ({ body: { articles: await store.listArticles() } }));
}
