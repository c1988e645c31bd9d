// Responses are compressed when the client accepts it (npm start = scripts/start.mjs). Raw node:http,
// not Playwright's request fixture: that one asks for gzip/br itself and hands back decoded bodies,
// so it could not tell a compressed response from an uncompressed one.
import http from 'node:http';
import zlib from 'node:zlib';
import { test, expect } from './fixtures';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function rawGet(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

function decode(r: Raw): string {
  const enc = r.headers['content-encoding'];
  if (enc === 'br') return zlib.brotliDecompressSync(r.body).toString('utf8');
  if (enc === 'gzip') return zlib.gunzipSync(r.body).toString('utf8');
  throw new Error(`expected a compressed body, got Content-Encoding ${enc}`);
}

const EVENTS = '/api/events';

test.describe('compression', () => {
  test('/api/events is compressed for a client that accepts gzip or br, and decodes to the same JSON', async ({ baseURL }) => {
    const plain = await rawGet(baseURL + EVENTS);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding'], 'no Accept-Encoding, no Content-Encoding').toBeUndefined();
    expect(plain.headers['vary']).toMatch(/accept-encoding/i);
    const expected = JSON.parse(plain.body.toString('utf8'));
    expect(expected.features.length).toBeGreaterThan(0);

    for (const [accept, coding] of [
      ['gzip, br', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const r = await rawGet(baseURL + EVENTS, { 'Accept-Encoding': accept });
      expect(r.status).toBe(200);
      expect(r.headers['content-encoding'], `Accept-Encoding: ${accept}`).toBe(coding);
      expect(r.headers['vary']).toMatch(/accept-encoding/i);
      expect(r.headers['content-type']).toMatch(/json/);
      expect(r.body.length, 'smaller on the wire').toBeLessThan(plain.body.length / 3);
      expect(JSON.parse(decode(r))).toEqual(expected);
    }
  });

  test('a compressed response still revalidates to an empty, uncompressed 304', async ({ baseURL }) => {
    const first = await rawGet(baseURL + EVENTS, { 'Accept-Encoding': 'gzip, br' });
    const etag = first.headers['etag'];
    expect(etag).toBeTruthy();
    const again = await rawGet(baseURL + EVENTS, { 'Accept-Encoding': 'gzip, br', 'If-None-Match': etag! });
    expect(again.status).toBe(304);
    expect(again.headers['content-encoding']).toBeUndefined();
    expect(again.body.length).toBe(0);
  });

  test('pages are compressed too; tiny bodies and PNG previews are not', async ({ baseURL }) => {
    const page = await rawGet(`${baseURL}/`, { 'Accept-Encoding': 'gzip, br' });
    expect(page.headers['content-encoding']).toBe('br');
    expect(decode(page)).toContain('<html');

    const health = await rawGet(`${baseURL}/api/health`, { 'Accept-Encoding': 'gzip, br' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body.toString('utf8')).ok).toBe(true);

    const png = await rawGet(`${baseURL}/api/preview`, { 'Accept-Encoding': 'gzip, br' });
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.body.subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
