import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';
import { newNonce, pageCsp } from './csp';

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));

describe('page CSP', () => {
  it('fresh nonces that Next can read back (its pattern: base64 characters, at most two =)', () => {
    const seen = new Set(Array.from({ length: 200 }, newNonce));
    expect(seen.size).toBe(200);
    for (const n of seen) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it('scripts only by nonce: no inline, no eval, no data:, no blob: in production', () => {
    const d = directives(pageCsp({ nonce: 'abc', framing: 'none' }));
    expect(d.get('script-src')).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(d.get('worker-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'", "'nonce-abc'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('the embed may be framed; next dev gets the eval and inline styles it needs', () => {
    expect(directives(pageCsp({ nonce: 'abc', framing: 'any' })).get('frame-ancestors')).toEqual(['*']);
    const dev = directives(pageCsp({ nonce: 'abc', framing: 'none', dev: true }));
    expect(dev.get('script-src')).toContain("'unsafe-eval'");
    expect(dev.get('style-src')).toContain("'unsafe-inline'");
  });
});

describe('proxy', () => {
  const run = (url: string) => proxy(new NextRequest(new URL(url, 'http://localhost')));

  it('passes the nonce to the render in the request CSP, and enforces it in the response', () => {
    const res = run('/');
    const csp = res.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    // NextResponse.next({ request: { headers } }) hands overridden request headers on this way.
    expect(res.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
    expect(res.headers.get('x-middleware-request-x-nonce')).toBe(nonce);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(run('/').headers.get('content-security-policy')).not.toBe(csp);
  });

  it('only the embed, as the page itself reads the link, may be framed', () => {
    for (const url of ['/?embed=1', '/?embed=true&embed=0', '/?from=2024-08-01&embed=1']) {
      const res = run(url);
      expect(directives(res.headers.get('content-security-policy')!).get('frame-ancestors'), url).toEqual(['*']);
      expect(res.headers.get('x-frame-options'), url).toBeNull();
    }
    for (const url of ['/?embed=0', '/?embed=yes', '/?embed=0&embed=1', '/articles/x?embed=1', '/no-such-page?embed=1']) {
      expect(run(url).headers.get('x-frame-options'), url).toBe('DENY');
    }
  });
});
