// Response helpers shared by the route handlers: JSON with ETag and cache headers, 304 on a
// matching If-None-Match, and 400/404 bodies that always say what was wrong.
import { createHash } from 'node:crypto';
import { NextResponse } from 'next/server';
import { BodyCache } from './body-cache';
import { isId } from './limits';
import { StoreQueryError } from './store/contract';

export const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

type CachedBody = { body: string | Uint8Array<ArrayBuffer>; status: number; contentType: string };
/**
 * Bodies already produced, by ETag: many clients open the same default view and the map's cluster
 * URLs are quantised to tiles, so the same request comes back from other clients while the data is
 * unchanged; kept from a request's second time on. One cache per process (Next loads this module
 * once per route bundle).
 */
const holder = globalThis as unknown as { __situationMapBodies?: BodyCache<CachedBody> };
const bodies = (holder.__situationMapBodies ??= new BodyCache<CachedBody>(Number(process.env.RESPONSE_CACHE_MB ?? 64) * 2 ** 20));

/**
 * The ETag is derived from the data version and the normalised request, not from the body, so a
 * revalidation that ends in 304 costs no query and no serialisation.
 */
function etagFor(version: string, request: Request): string {
  const url = new URL(request.url);
  url.searchParams.sort();
  const h = createHash('sha1').update(version).update(url.pathname).update(url.search).digest('base64url').slice(0, 22);
  return `"${h}"`;
}

function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

const isBytes = (b: BodyInit): b is Uint8Array<ArrayBuffer> => b instanceof Uint8Array && b.buffer instanceof ArrayBuffer;

/** Any body under the data version's ETag: 304 without producing it when the client has it. */
export async function cached(
  request: Request,
  version: string,
  produce: () => Promise<{ body: BodyInit; status?: number; contentType: string }>,
): Promise<Response> {
  const etag = etagFor(version, request);
  const headers = { ETag: etag, 'Cache-Control': CACHE_CONTROL };
  if (etagMatches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  const hit = bodies.get(etag);
  if (hit) return new NextResponse(hit.body, { status: hit.status, headers: { ...headers, 'Content-Type': hit.contentType } });
  let produced: Awaited<ReturnType<typeof produce>>;
  try {
    produced = await produce();
  } catch (e) {
    // A query only the store can judge (a cursor it cannot decode, one from another query's shape)
    // is the client's mistake: 400 with the parameter named, not a 500 and a stack trace.
    if (StoreQueryError.is(e)) return badRequest(e.message, [{ path: e.path ?? '', message: e.message }]);
    throw e;
  }
  const { body, status = 200, contentType } = produced;
  // Strings and bytes only: a stream can be read once. (A Response copies the bytes it is given.)
  if (status === 200 && (typeof body === 'string' || isBytes(body))) bodies.set(etag, { body, status, contentType }, typeof body === 'string' ? body.length : body.byteLength);
  return new NextResponse(body, { status, headers: { ...headers, 'Content-Type': contentType } });
}

export function cachedJson(
  request: Request,
  version: string,
  produce: () => Promise<{ body: unknown; status?: number; contentType?: string }>,
): Promise<Response> {
  return cached(request, version, async () => {
    const { body, status, contentType = 'application/json' } = await produce();
    return { body: JSON.stringify(body), contentType, ...(status ? { status } : {}) };
  });
}

export function badRequest(error: string, issues?: unknown): Response {
  return NextResponse.json({ error, ...(issues ? { issues } : {}) }, { status: 400 });
}

export function notFound(error: string): Response {
  return NextResponse.json({ error }, { status: 404 });
}


/**
 * The shape every `/{collection}/{id}` route shares: validate the id, refuse query parameters,
 * look the item up, answer 404 or the cached JSON.
 */
export async function itemResponse(
  request: Request,
  id: string,
  opts: { what: string; example: string; version: string; find: (id: string) => Promise<unknown | null>; contentType?: string },
): Promise<Response> {
  // Path ids are slugs: anything else is a client error, not a lookup.
  if (!isId(id)) return badRequest(`${opts.what} id must be a slug such as ${opts.example}`);
  if ([...new URL(request.url).searchParams.keys()].length) return badRequest('this endpoint takes no query parameters');
  const item = await opts.find(id);
  if (!item) return notFound(`no ${opts.what} with id ${id}`);
  return cachedJson(request, opts.version, async () => ({ body: item, ...(opts.contentType ? { contentType: opts.contentType } : {}) }));
}
