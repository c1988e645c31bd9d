// What every API route checks before its own work: the query string's length, then, for writes and
// expensive reads, the client's rate. Each refusal is a JSON answer that says what to do.
import { NextResponse } from 'next/server';
import type { Bbox } from './bbox';
import { parseFilterQuery, type Endpoint, type ParsedQuery } from './filters';
import { badRequest } from './http';
import { MAX_QUERY_CHARS, WIDE_BBOX_DEG2 } from './limits';
import { clientKey, takeRequest, type RateLimitKind } from './rate-limit';

/** 414 for a query string past MAX_QUERY_CHARS, before anything parses it. */
export function queryTooLong(request: Request): Response | null {
  const q = request.url.indexOf('?');
  if (q < 0 || request.url.length - q - 1 <= MAX_QUERY_CHARS) return null;
  return NextResponse.json({ error: `the query string is over ${MAX_QUERY_CHARS} characters` }, { status: 414 });
}

/** 429 with Retry-After (seconds) once the client has spent its allowance of `kind`. */
export function rateLimited(request: Request, kind: RateLimitKind): Response | null {
  const r = takeRequest(kind, clientKey(request));
  if (r.ok) return null;
  const what = kind === 'writes' ? 'writes' : 'expensive queries (text search, histograms, previews, wide clusters)';
  return NextResponse.json(
    { error: `too many ${what} from this client: try again in ${r.retryAfterS} s`, retryAfter: r.retryAfterS },
    { status: 429, headers: { 'Retry-After': String(r.retryAfterS), 'Cache-Control': 'no-store' } },
  );
}

const area = ([w, s, e, n]: Bbox) => (w <= e ? e - w : 360 - (w - e)) * (n - s);

/**
 * Reads whose cost grows with the data rather than the page: a text search (prefix scans of the index),
 * a histogram (every event in its window), clusters over a wide box (every event in it aggregated).
 */
export function isExpensive(endpoint: Endpoint, q: ParsedQuery): boolean {
  if (q.filter.q) return true;
  if (endpoint === 'histogram') return true;
  return endpoint === 'clusters' && !!q.filter.bbox && area(q.filter.bbox) > WIDE_BBOX_DEG2;
}

export type ReadQuery = ({ ok: true } & ParsedQuery) | { ok: false; response: Response };

/** A list route's query: length checked, parsed (400 naming the parameter), rate-limited when expensive. */
export function readQuery(request: Request, endpoint: Endpoint): ReadQuery {
  const long = queryTooLong(request);
  if (long) return { ok: false, response: long };
  const parsed = parseFilterQuery(new URL(request.url).searchParams, endpoint);
  if (!parsed.ok) return { ok: false, response: badRequest(parsed.error, parsed.issues) };
  const limited = isExpensive(endpoint, parsed) ? rateLimited(request, 'queries') : null;
  return limited ? { ok: false, response: limited } : parsed;
}
