import { NextResponse } from 'next/server';
import { getStore } from '@/lib/store';

// Liveness plus the data revision (the ETag base): cheap enough for a load balancer to poll, and the
// bench's baseline for "what a Next.js JSON route costs" next to /api/events (one store read each).
export const dynamic = 'force-dynamic';

export async function GET() {
  const revision = await getStore().revision();
  return NextResponse.json({ ok: true, revision }, { headers: { 'Cache-Control': 'no-store' } });
}
