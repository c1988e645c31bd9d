import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compressResponses, negotiate } from './compress-responses.mjs';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

let server: http.Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(null));
  server = null;
});

async function serve(handler: Handler): Promise<string> {
  server = http.createServer((req, res) => {
    compressResponses(req, res);
    void handler(req, res);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Got {
  status: number;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  text: string;
}

/** Raw bytes as sent (fetch would decode them), plus the decoded text. */
function get(url: string, headers: Record<string, string> = {}, method = 'GET', onFirstData?: () => void): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        if (!chunks.length) onFirstData?.();
        chunks.push(c);
      });
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const enc = res.headers['content-encoding'];
        const body = enc === 'br' ? zlib.brotliDecompressSync(raw) : enc === 'gzip' ? zlib.gunzipSync(raw) : raw;
        resolve({ status: res.statusCode!, headers: res.headers, raw, text: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const JSON_BODY = JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: 200 }, (_, i) => ({ id: `event-${i}`, title: 'A title that repeats' })) });

/** What Next does for a route handler: headers via appendHeader, flushHeaders, one write, flush, end. */
function nextStyle(body: string, type = 'application/geo+json', extra: Record<string, string> = {}): Handler {
  return async (_req, res) => {
    res.statusCode = 200;
    res.appendHeader('content-type', type);
    for (const [k, v] of Object.entries(extra)) res.appendHeader(k, v);
    res.flushHeaders();
    res.write(new TextEncoder().encode(body));
    (res as unknown as { flush(): void }).flush();
    await Promise.resolve();
    res.end();
  };
}

describe('negotiate', () => {
  it('prefers br, honours q-values and wildcards, and refuses what q=0 refuses', () => {
    expect(negotiate(undefined)).toBeNull();
    expect(negotiate('')).toBeNull();
    expect(negotiate('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiate('gzip')).toBe('gzip');
    expect(negotiate('br;q=0.5, gzip')).toBe('gzip');
    expect(negotiate('br;q=0, gzip;q=0')).toBeNull();
    expect(negotiate('identity')).toBeNull();
    expect(negotiate('*')).toBe('br');
    expect(negotiate('*;q=0.1, br;q=0')).toBe('gzip');
    expect(negotiate('deflate')).toBeNull();
  });
});

describe('compressResponses', () => {
  it('compresses a route-handler JSON body in one piece, with a length, a weak ETag and Vary', async () => {
    const url = await serve(nextStyle(JSON_BODY, 'application/geo+json', { etag: '"abc"', vary: 'rsc' }));
    for (const [accept, coding] of [['gzip, deflate, br', 'br'], ['gzip', 'gzip']] as const) {
      const r = await get(url, { 'accept-encoding': accept });
      expect(r.headers['content-encoding']).toBe(coding);
      expect(Number(r.headers['content-length'])).toBe(r.raw.length);
      expect(r.raw.length).toBeLessThan(JSON_BODY.length / 4);
      expect(r.text).toBe(JSON_BODY);
      expect(r.headers['etag']).toBe('W/"abc"');
      expect(r.headers['vary']).toBe('rsc, Accept-Encoding');
    }
  });

  it('compresses a bigger body off the main thread, still in one piece with a length', async () => {
    const big = JSON_BODY.repeat(20);
    expect(big.length).toBeGreaterThan(64 * 1024);
    const url = await serve(nextStyle(big));
    for (const coding of ['br', 'gzip']) {
      const r = await get(url, { 'accept-encoding': coding });
      expect(r.headers['content-encoding']).toBe(coding);
      expect(Number(r.headers['content-length'])).toBe(r.raw.length);
      expect(r.text === big).toBe(true);
    }
  });

  it('keeps the compressed body of a strong ETag that repeats, and reuses it while the ETag stays', async () => {
    const spy = vi.spyOn(zlib, 'brotliCompressSync');
    try {
      let etag = '"memo-1"';
      let body = JSON_BODY;
      const url = await serve((req, res) => nextStyle(body, 'application/json', { etag })(req, res));
      const a = await get(url, { 'accept-encoding': 'br' });
      await get(url, { 'accept-encoding': 'br' }); // the second time: kept
      const b = await get(url, { 'accept-encoding': 'br' });
      expect(spy).toHaveBeenCalledTimes(2);
      expect(b.raw.equals(a.raw)).toBe(true);
      expect(b.text).toBe(JSON_BODY);
      etag = '"memo-2"';
      await get(url, { 'accept-encoding': 'br' });
      expect(spy).toHaveBeenCalledTimes(3);
      etag = 'W/"weak"';
      for (let i = 0; i < 3; i++) await get(url, { 'accept-encoding': 'br' });
      expect(spy).toHaveBeenCalledTimes(6);
      // A body of another length under the same ETag is a different body: never the kept one.
      etag = '"memo-1"';
      body = JSON_BODY + ' ';
      expect((await get(url, { 'accept-encoding': 'br' })).text).toBe(body);
    } finally {
      spy.mockRestore();
    }
  });

  it('sends identity, still with Vary, when the client accepts no coding we have', async () => {
    const url = await serve(nextStyle(JSON_BODY, 'application/json', { etag: '"abc"' }));
    for (const headers of [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'deflate' }] as Record<string, string>[]) {
      const r = await get(url, headers);
      expect(r.headers['content-encoding']).toBeUndefined();
      expect(r.text).toBe(JSON_BODY);
      expect(r.headers['etag']).toBe('"abc"');
      expect(r.headers['vary']).toBe('Accept-Encoding');
    }
  });

  it('leaves bodies under the threshold alone, and sends them with a length', async () => {
    const small = JSON.stringify({ ok: true, revision: 'x-1' });
    const url = await serve(nextStyle(small, 'application/json'));
    const r = await get(url, { 'accept-encoding': 'gzip, br' });
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['content-length']).toBe(String(small.length));
    expect(r.text).toBe(small);
  });

  it('never compresses images, 304s, HEAD, no-transform or an already encoded body', async () => {
    const png = Buffer.alloc(5000, 7);
    const url = await serve((req, res) => {
      if (req.url === '/png') {
        res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length });
        return void res.end(png);
      }
      if (req.url === '/304') {
        res.writeHead(304, { ETag: '"abc"', 'Content-Type': 'application/json' });
        return void res.end();
      }
      if (req.url === '/no-transform') return nextStyle(JSON_BODY, 'application/json', { 'cache-control': 'public, no-transform' })(req, res);
      if (req.url === '/encoded') {
        const gz = zlib.gzipSync(JSON_BODY);
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
        return void res.end(gz);
      }
      return nextStyle(JSON_BODY)(req, res);
    });
    const ae = { 'accept-encoding': 'gzip, br' };
    const png200 = await get(`${url}/png`, ae);
    expect(png200.headers['content-encoding']).toBeUndefined();
    expect(png200.raw.equals(png)).toBe(true);
    expect(png200.headers['vary']).toBeUndefined();
    const notModified = await get(`${url}/304`, ae);
    expect(notModified.status).toBe(304);
    expect(notModified.headers['content-encoding']).toBeUndefined();
    expect(notModified.raw.length).toBe(0);
    const head = await get(`${url}/json`, ae, 'HEAD');
    expect(head.headers['content-encoding']).toBeUndefined();
    expect((await get(`${url}/no-transform`, ae)).headers['content-encoding']).toBeUndefined();
    const encoded = await get(`${url}/encoded`, ae);
    expect(encoded.headers['content-encoding']).toBe('gzip');
    expect(encoded.text).toBe(JSON_BODY);
  });

  it('streams a body that is still being written: the first piece arrives before the rest is written', async () => {
    let firstArrived!: () => void;
    const arrived = new Promise<void>((r) => (firstArrived = r));
    const part = '<p>' + 'streamed html '.repeat(200) + '</p>';
    const url = await serve(async (_req, res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.flushHeaders();
      res.write(part);
      (res as unknown as { flush(): void }).flush();
      // Deadlocks (and times out) if the compressor holds the first piece back.
      await arrived;
      res.end(part);
    });
    const r = await get(url, { 'accept-encoding': 'br' }, 'GET', () => firstArrived());
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['transfer-encoding']).toBe('chunked');
    expect(r.text).toBe(part + part);
  });

  it('passes text/event-stream through as written', async () => {
    let firstArrived!: () => void;
    const arrived = new Promise<void>((r) => (firstArrived = r));
    const event = `data: ${'x'.repeat(3000)}\n\n`;
    const url = await serve(async (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      res.write(event);
      await arrived;
      res.end(event);
    });
    const r = await get(url, { 'accept-encoding': 'gzip, br' }, 'GET', () => firstArrived());
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.text).toBe(event + event);
  });

  it('compresses a static file of known length as a stream, and keeps backpressure', async () => {
    const big = Buffer.from(Array.from({ length: 60_000 }, (_, i) => `line ${i} of a large script;\n`).join(''));
    const url = await serve((_req, res) => {
      res.setHeader('Content-Type', 'application/javascript; charset=UTF-8');
      res.setHeader('Content-Length', big.length);
      let offset = 0;
      const pump = () => {
        while (offset < big.length) {
          const ok = res.write(big.subarray(offset, (offset += 16_384)));
          if (!ok) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const r = await get(url, { 'accept-encoding': 'gzip' });
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.headers['content-length']).toBeUndefined();
    expect(r.text.length).toBe(big.length);
    expect(r.text === big.toString()).toBe(true);
  });

  it('streams a large body written without flushes once it outgrows the buffer', async () => {
    const piece = JSON_BODY.repeat(10);
    const url = await serve((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      for (let i = 0; i < 40; i++) res.write(piece);
      res.end();
    });
    const r = await get(url, { 'accept-encoding': 'br' });
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.text === piece.repeat(40)).toBe(true);
  });
});
