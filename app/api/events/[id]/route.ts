import { itemResponse } from '@/lib/http';
import { getStore } from '@/lib/store';

export async function GET(request: Request, ctx: RouteContext<'/api/events/[id]'>) {
  const store = getStore();
  return itemResponse(request, (await ctx.params).id, {
    what: 'event',
    example: 'shoigu-arrives-tehran-2024-08-05',
    version: await store.revision(),
    find: (id) => store.getEvent(id),
    contentType: 'application/geo+json',
  });
}
