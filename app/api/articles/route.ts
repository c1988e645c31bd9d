import { parseFilterQuery } from '@/lib/filters';
import { badRequest, cachedJson } from '@/lib/http';
import { getStore } from '@/lib/store';

export async function GET(request: Request) {
  const parsed = parseFilterQuery(new URL(request.url).searchParams, 'articles');
  if (!parsed.ok) return badRequest(parsed.error, parsed.issues);
  const store = getStore();
  return cachedJson(request, await store.revision(), async () => {
    const page = await store.articles(parsed.page);
    return { body: { articles: page.items, nextCursor: page.nextCursor } };
  });
}
