import { badRequest, cachedJson, isSlug, notFound } from '@/lib/http';
import { getStore } from '@/lib/store';

export async function GET(request: Request, ctx: RouteContext<'/api/movements/[id]'>) {
  const { id } = await ctx.params;
  if (!isSlug(id)) return badRequest('movement id must be a slug such as shoigu-moscow-tehran-2024-08-05');
  if ([...new URL(request.url).searchParams.keys()].length) return badRequest('this endpoint takes no query parameters');
  const store = getStore();
  const movement = await store.getMovement(id);
  if (!movement) return notFound(`no movement with id ${id}`);
  return cachedJson(request, store.version, async () => ({ body: movement, contentType: 'application/geo+json' }));
}
