// Per-client token buckets for writes and expensive reads: a client may spend a minute's allowance at
// once, then earns it back evenly. In-process and in memory: `npm start` runs one process per core,
// each with its own buckets, so a client may get up to that many allowances.
import { RATE_LIMITS } from './limits';
import { PEER_HEADER } from './peer-header.mjs';

export type RateLimitKind = keyof typeof RATE_LIMITS;

export type Take = { ok: true } | { ok: false; retryAfterS: number };

/** Clients remembered at once: past it the longest-known is forgotten (it starts full again). */
const MAX_CLIENTS = 10_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    /** the most one client may spend at once */
    readonly capacity: number,
    /** tokens earned back per millisecond */
    readonly refillPerMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  static perMinute(n: number, now?: () => number): TokenBuckets {
    return new TokenBuckets(n, n / 60_000, now);
  }

  take(key: string, cost = 1): Take {
    const t = this.now();
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(this.capacity, b.tokens + (t - b.at) * this.refillPerMs) : this.capacity;
    if (tokens >= cost) {
      if (!b && this.buckets.size >= MAX_CLIENTS) this.buckets.delete(this.buckets.keys().next().value!);
      this.buckets.set(key, { tokens: tokens - cost, at: t });
      return { ok: true };
    }
    if (b) (b.tokens = tokens), (b.at = t);
    return { ok: false, retryAfterS: Math.max(1, Math.ceil((cost - tokens) / this.refillPerMs / 1000)) };
  }
}

/** Requests per minute for a kind: RATE_LIMIT_WRITES_PER_MIN / RATE_LIMIT_QUERIES_PER_MIN, else the default. */
export function configuredRate(kind: RateLimitKind, env: Record<string, string | undefined> = process.env): number {
  const raw = env[`RATE_LIMIT_${kind.toUpperCase()}_PER_MIN`];
  const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : RATE_LIMITS[kind];
}

// One set of buckets per process, on globalThis: Next loads this module once per route bundle, and a
// client must not get a fresh allowance from each route. Rebuilt when the configured rate changes.
const holder = globalThis as unknown as { __situationMapRateLimits?: Partial<Record<RateLimitKind, TokenBuckets>> };

/** Spends one request of `kind` for `client`; a rate of 0 means no limit. */
export function takeRequest(kind: RateLimitKind, client: string): Take {
  const rate = configuredRate(kind);
  if (rate === 0) return { ok: true };
  const all = (holder.__situationMapRateLimits ??= {});
  let buckets = all[kind];
  if (!buckets || buckets.capacity !== rate) buckets = all[kind] = TokenBuckets.perMinute(rate);
  return buckets.take(client);
}

export { PEER_HEADER };

/**
 * Who is asking: the socket's address; behind a reverse proxy (TRUST_PROXY = how many proxies, or
 * "true" for one) the address the outermost trusted proxy saw, from the end of X-Forwarded-For,
 * since anything before it the client could have written itself.
 */
export function clientKey(request: Request, trustProxy: string | undefined = process.env.TRUST_PROXY): string {
  const peer = request.headers.get(PEER_HEADER)?.trim() || 'unknown';
  const hops = trustProxy === 'true' ? 1 : Number(trustProxy);
  if (!trustProxy || !Number.isInteger(hops) || hops < 1) return peer;
  const chain = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - hops] ?? chain[0] ?? peer;
}
