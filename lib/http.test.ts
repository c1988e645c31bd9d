import { describe, expect, it, vi } from 'vitest';
import { cached } from './http';
import { StoreQueryError } from './store/contract';

const req = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

describe('cached', () => {
  it('produces a body at most twice per data version and request, whatever the parameter order', async () => {
    const produce = vi.fn(async () => ({ body: '{"n":1}', contentType: 'application/json' }));
    const a = await cached(req('http://t/api/x?b=2&a=1'), 'rev-1', produce);
    await cached(req('http://t/api/x?a=1&b=2'), 'rev-1', produce); // the second time: kept
    const b = await cached(req('http://t/api/x?a=1&b=2'), 'rev-1', produce);
    expect(produce).toHaveBeenCalledTimes(2);
    expect(await b.text()).toBe(await a.text());
    expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
    expect(b.headers.get('content-type')).toBe('application/json');

    await cached(req('http://t/api/x?a=1&b=2'), 'rev-2', produce);
    await cached(req('http://t/api/x?a=1&b=3'), 'rev-2', produce);
    expect(produce).toHaveBeenCalledTimes(4);
  });

  it('keeps bytes intact across hits, and answers a matching If-None-Match with 304 before anything', async () => {
    const png = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    const produce = vi.fn(async () => ({ body: png, contentType: 'image/png' }));
    const first = await cached(req('http://t/api/png'), 'rev-1', produce);
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(png);
    await cached(req('http://t/api/png'), 'rev-1', produce);
    for (let i = 0; i < 2; i++) {
      const again = await cached(req('http://t/api/png'), 'rev-1', produce);
      expect(new Uint8Array(await again.arrayBuffer())).toEqual(png);
    }
    expect(produce).toHaveBeenCalledTimes(2);
    const notModified = await cached(req('http://t/api/png', { 'If-None-Match': `W/${first.headers.get('etag')}` }), 'rev-1', produce);
    expect(notModified.status).toBe(304);
  });

  it('never keeps errors or other statuses', async () => {
    const failing = vi.fn(async (): Promise<{ body: string; contentType: string }> => {
      throw new StoreQueryError('bad cursor', 'cursor');
    });
    expect((await cached(req('http://t/api/e?cursor=x'), 'rev-1', failing)).status).toBe(400);
    expect((await cached(req('http://t/api/e?cursor=x'), 'rev-1', failing)).status).toBe(400);
    expect(failing).toHaveBeenCalledTimes(2);
    const accepted = vi.fn(async () => ({ body: '{}', status: 202, contentType: 'application/json' }));
    for (let i = 0; i < 3; i++) await cached(req('http://t/api/a'), 'rev-1', accepted);
    expect(accepted).toHaveBeenCalledTimes(3);
  });
});
