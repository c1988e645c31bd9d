import { itemResponse } from '@/lib/http';
import { getStore } from '@/lib/store';

export async function GET(request: Request, ctx: RouteContext<'/api/movements/[id]'>) {
  const store = getStore();
  return itemResponse(request, (await ctx.params).id, {
    what: 'movement',
    example: 'shoigu-moscow-tehran-2024-08-05',
    version: await store.revision(),
    find: (id) => store.getMovement(id),
    contentType: 'application/geo+json',
  });
}
