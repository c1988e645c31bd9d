import { NextResponse } from 'next/server';
import { getStore } from '@/lib/store';
import { dataVersion } from '@/lib/store/changes';

// Liveness plus the data revision (the ETag base): cheap enough for a load balancer to poll, and the
// bench's baseline for "what a Next.js JSON route costs" next to /api/events (one store read each).
export const dynamic = 'force-dynamic';

export async function GET() {
  // The totals are computed once per revision (shared with the change stream), so polling stays cheap.
  const { revision, events, movements } = await dataVersion(getStore());
  return NextResponse.json({ ok: true, revision, counts: { events, movements } }, { headers: { 'Cache-Control': 'no-store' } });
}
