import { describe, expect, it } from 'vitest';
import { RATE_LIMITS } from './limits';
import { PEER_HEADER, TokenBuckets, clientKey, configuredRate } from './rate-limit';

describe('TokenBuckets', () => {
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it('lets a burst of `capacity` through, then refuses with the seconds until one more is earned', () => {
    const c = clock();
    const b = TokenBuckets.perMinute(6, c.now); // one every 10 s
    for (let i = 0; i < 6; i++) expect(b.take('a')).toEqual({ ok: true });
    expect(b.take('a')).toEqual({ ok: false, retryAfterS: 10 });
    c.advance(4_000);
    expect(b.take('a')).toEqual({ ok: false, retryAfterS: 6 });
    c.advance(6_000);
    expect(b.take('a')).toEqual({ ok: true });
    expect(b.take('a')).toEqual({ ok: false, retryAfterS: 10 });
  });

  it('refills evenly up to the capacity, never beyond', () => {
    const c = clock();
    const b = TokenBuckets.perMinute(60, c.now);
    for (let i = 0; i < 60; i++) b.take('a');
    c.advance(30_000);
    let n = 0;
    while (b.take('a').ok) n++;
    expect(n).toBe(30);
    c.advance(3_600_000);
    n = 0;
    while (b.take('a').ok) n++;
    expect(n).toBe(60);
  });

  it('keeps one bucket per client', () => {
    const c = clock();
    const b = TokenBuckets.perMinute(1, c.now);
    expect(b.take('a').ok).toBe(true);
    expect(b.take('a').ok).toBe(false);
    expect(b.take('b').ok).toBe(true);
  });

  it('refused requests do not push the retry further out', () => {
    const c = clock();
    const b = TokenBuckets.perMinute(2, c.now); // one every 30 s
    b.take('a');
    b.take('a');
    for (let i = 0; i < 100; i++) b.take('a');
    c.advance(30_000);
    expect(b.take('a').ok).toBe(true);
  });
});

describe('configuredRate', () => {
  it('reads RATE_LIMIT_<KIND>_PER_MIN; 0 is off; anything unreadable keeps the default', () => {
    expect(configuredRate('writes', {})).toBe(RATE_LIMITS.writes);
    expect(configuredRate('writes', { RATE_LIMIT_WRITES_PER_MIN: '5' })).toBe(5);
    expect(configuredRate('queries', { RATE_LIMIT_QUERIES_PER_MIN: '0' })).toBe(0);
    for (const bad of ['', ' ', 'many', '-3', 'Infinity']) expect(configuredRate('queries', { RATE_LIMIT_QUERIES_PER_MIN: bad })).toBe(RATE_LIMITS.queries);
  });
});

describe('clientKey', () => {
  const req = (headers: Record<string, string>) => new Request('http://test/', { headers });

  it('is the peer address the server wrote; X-Forwarded-For is ignored unless TRUST_PROXY is set', () => {
    expect(clientKey(req({ [PEER_HEADER]: '10.0.0.7', 'x-forwarded-for': '1.2.3.4' }), undefined)).toBe('10.0.0.7');
    expect(clientKey(req({}), undefined)).toBe('unknown');
  });

  it('behind TRUST_PROXY proxies, the address the outermost trusted one saw (what the client cannot forge)', () => {
    const r = req({ [PEER_HEADER]: '10.0.0.1', 'x-forwarded-for': 'forged, 203.0.113.9, 10.0.0.2' });
    expect(clientKey(r, '1')).toBe('10.0.0.2');
    expect(clientKey(r, 'true')).toBe('10.0.0.2');
    expect(clientKey(r, '2')).toBe('203.0.113.9');
    expect(clientKey(req({ [PEER_HEADER]: '10.0.0.1' }), '1')).toBe('10.0.0.1');
    expect(clientKey(r, 'no')).toBe('10.0.0.1');
  });
});
