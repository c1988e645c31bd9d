import { getStore } from '@/lib/store';
import { dataVersion, onDataChange } from '@/lib/store/changes';

export const dynamic = 'force-dynamic';

/** Server-Sent Events: the data's version now, then each time it changes, so open maps can offer it. */
export async function GET(request: Request) {
  if ([...new URL(request.url).searchParams.keys()].length) {
    return Response.json({ error: 'this endpoint takes no query parameters' }, { status: 400 });
  }
  const store = getStore();
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (chunk: string) => {
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          stop();
        }
      };
      send(`retry: 3000\nevent: version\ndata: ${JSON.stringify(await dataVersion(store))}\n\n`);
      const unsubscribe = onDataChange(store, (v) => send(`event: version\ndata: ${JSON.stringify(v)}\n\n`));
      // A comment line every 15 s keeps proxies from closing a quiet stream.
      const ping = setInterval(() => send(': ping\n\n'), 15_000);
      stop = () => {
        unsubscribe();
        clearInterval(ping);
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      request.signal.addEventListener('abort', () => stop());
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' },
  });
}
