import { badRequest, cachedJson, isSlug, notFound } from '@/lib/http';
import { getStore } from '@/lib/store';

export async function GET(request: Request, ctx: RouteContext<'/api/articles/[id]'>) {
  const { id } = await ctx.params;
  if (!isSlug(id)) return badRequest('article id must be a file stem such as 000_4281fd604d241ad1');
  if ([...new URL(request.url).searchParams.keys()].length) return badRequest('this endpoint takes no query parameters');
  const store = getStore();
  const article = await store.getArticle(id);
  if (!article) return notFound(`no article with id ${id}`);
  return cachedJson(request, store.version, async () => ({ body: article }));
}
