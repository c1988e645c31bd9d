import { reviewResponse } from '@/lib/ingest/review-route';
import { getStore } from '@/lib/store';

export async function POST(request: Request, ctx: RouteContext<'/api/events/[id]/review'>) {
  return reviewResponse(request, getStore(), 'event', (await ctx.params).id);
}
