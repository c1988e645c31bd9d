import { badRequest, cachedJson, isSlug, notFound } from '@/lib/http';
import { getStore } from '@/lib/store';

export async function GET(request: Request, ctx: RouteContext<'/api/events/[id]'>) {
  const { id } = await ctx.params;
  if (!isSlug(id)) return badRequest('event id must be a slug such as shoigu-arrives-tehran-2024-08-05');
  if ([...new URL(request.url).searchParams.keys()].length) return badRequest('this endpoint takes no query parameters');
  const store = getStore();
  const event = await store.getEvent(id);
  if (!event) return notFound(`no event with id ${id}`);
  return cachedJson(request, store.version, async () => ({ body: event, contentType: 'application/geo+json' }));
}
