import { reviewResponse } from '@/lib/ingest/review-route';
import { getStore } from '@/lib/store';

export async function POST(request: Request, ctx: RouteContext<'/api/movements/[id]/review'>) {
  return reviewResponse(request, getStore(), 'movement', (await ctx.params).id);
}
