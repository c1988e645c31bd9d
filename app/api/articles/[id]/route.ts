import { itemResponse } from '@/lib/http';
import { getStore } from '@/lib/store';

export async function GET(request: Request, ctx: RouteContext<'/api/articles/[id]'>) {
  const store = getStore();
  return itemResponse(request, (await ctx.params).id, {
    what: 'article',
    example: '000_4281fd604d241ad1',
    version: await store.revision(),
    find: (id) => store.getArticle(id),
  });
}
