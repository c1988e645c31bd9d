// Response compression for the production server (scripts/start.mjs), in front of Next's handler.
// Next's own `compress` gzips pages but never route handlers: it copies their headers with
// appendHeader, so Content-Type reaches its compression filter as an array and is refused
// (vercel/next.js#98007), and it drops a Content-Encoding a handler sets itself. So next.config.js
// turns it off and every response goes through here instead: brotli or gzip as the client prefers,
// Vary: Accept-Encoding on whatever could be compressed, and nothing compressed that should not be —
// 1xx/204/206/304, HEAD, bodies under the threshold, types that are compressed already (PNG, fonts)
// and text/event-stream, whose events must reach the client as they are written.
import zlib from 'node:zlib';

/** text/*, JSON, JavaScript, XML and SVG; not text/event-stream (a stream must not wait for a buffer). */
const COMPRESSIBLE = /^\s*(?:text\/(?!event-stream\b)|application\/(?:json|javascript|x-javascript|ecmascript|xml|wasm)\b|[^;\s]*\+(?:json|xml)\b|image\/svg\+xml\b)/i;
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;
/** Statuses whose body is empty or must be sent as is (a 206 is a byte range of the identity body). */
const PASS_STATUS = new Set([204, 205, 206, 304]);

export const DEFAULTS = {
  /** bytes: below this, the framing and the CPU cost more than the bytes saved */
  threshold: 1024,
  /**
   * Measured on the list's 25 kB JSON pages (CPU per page, compression ratio): brotli 3 127 µs 11.5×,
   * 4 191 µs 12.1×, 5 272 µs 13.3×, 1 68 µs 10.0×; gzip 6 192 µs 12.1×. Compression runs on the request
   * path, so the ratio is bought no further than 3; 11, the library default, is 50× slower again.
   */
  brotliQuality: 3,
  gzipLevel: 6,
  /** bytes buffered while waiting to see whether the body ends (and can be sent with a length) */
  maxBuffer: 256 * 1024,
  /**
   * A whole body up to this size is compressed on the main thread: for a 25 kB JSON page that is about
   * 0.1 ms of CPU, where handing it to libuv's pool costs three times as much CPU in all (measured).
   */
  syncMax: 64 * 1024,
  /** bytes of compressed bodies kept by strong ETag, so a body sent again is not compressed again */
  memoBytes: 8 * 2 ** 20,
};

/**
 * Compressed bodies by coding, strong ETag and length. A strong ETag promises the same bytes (the
 * routes' ETags hash the data revision and the normalised request), so the compressed form is the
 * same too; weak ones (static files' size and date) promise less and are not used. Kept from a key's
 * second time on, so that bodies sent once do not crowd the heap.
 */
const memo = new Map();
const memoSeen = new Set();
let memoTotal = 0;
function memoGet(/** @type {string} */ key) {
  const v = memo.get(key);
  if (v) (memo.delete(key), memo.set(key, v));
  return v;
}
function memoSet(/** @type {string} */ key, /** @type {Buffer} */ value, /** @type {number} */ maxBytes) {
  if (value.length > maxBytes / 4 || memo.has(key)) return;
  if (!memoSeen.delete(key)) {
    memoSeen.add(key);
    if (memoSeen.size > 20_000) memoSeen.delete(memoSeen.values().next().value);
    return;
  }
  memo.set(key, value);
  memoTotal += value.length;
  for (const [k, v] of memo) {
    if (memoTotal <= maxBytes) break;
    memo.delete(k);
    memoTotal -= v.length;
  }
}

/**
 * The coding to use for an Accept-Encoding header: 'br' or 'gzip' (br wins a tie: at the quality used
 * here it costs a third less CPU than gzip 6 for nearly the same size), or null for identity.
 * @param {string | string[] | undefined} header
 * @returns {'br' | 'gzip' | null}
 */
export function negotiate(header) {
  if (!header) return null;
  const weights = new Map();
  for (const part of String(header).split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!name) continue;
    let q = 1;
    for (const p of params) {
      const m = /^q\s*=\s*([0-9.]+)$/.exec(p);
      if (m) q = Number(m[1]);
    }
    weights.set(name, Number.isFinite(q) ? q : 0);
  }
  const of = (/** @type {string} */ name) => weights.get(name) ?? weights.get('*') ?? 0;
  const br = of('br');
  const gzip = Math.max(of('gzip'), weights.get('x-gzip') ?? 0);
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return null;
}

/** @param {import('node:http').ServerResponse} res */
function headerString(res, name) {
  const v = res.getHeader(name);
  // Next copies a route handler's headers with appendHeader, which stores single values as arrays.
  return v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v);
}

/** @param {import('node:http').ServerResponse} res */
function addVary(res) {
  const vary = headerString(res, 'vary');
  if (/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(vary)) return;
  res.setHeader('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

/**
 * Makes `res` compress what it sends when `req` accepts it. Call before handing both to Next.
 * The decision waits for the headers (type, status, length) and, when no Content-Length says how
 * big the body is, for the end of the event-loop turn in which the body began: a body that has ended
 * by then (every route handler's JSON) is compressed in one piece on libuv's pool and sent with a
 * Content-Length, or as is when it is small; one still being written goes through a zlib stream,
 * flushed whenever Next flushes, so a streamed page still arrives in pieces.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Partial<typeof DEFAULTS>} [options]
 */
export function compressResponses(req, res, options = {}) {
  const opts = { ...DEFAULTS, ...options };
  const coding = req.method === 'HEAD' ? null : negotiate(req.headers['accept-encoding']);

  const writeHead = res.writeHead;
  const write = res.write;
  const end = res.end;
  const flushHeaders = res.flushHeaders;

  /** 'headers': no head yet; 'buffer': head and body held until the size is known; 'pass'; 'stream'; 'oneshot' */
  let state = 'headers';
  /** @type {[number, string | undefined]} */
  let head = [200, undefined];
  /** @type {Buffer[]} */
  let held = [];
  let heldBytes = 0;
  let ended = false;
  /** @type {zlib.Gzip | zlib.BrotliCompress | null} */
  let stream = null;
  let decideTimer = /** @type {NodeJS.Immediate | null} */ (null);
  let flushWanted = false;

  const toBuffer = (/** @type {any} */ chunk, /** @type {any} */ encoding) =>
    Buffer.isBuffer(chunk) ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.from(String(chunk), typeof encoding === 'string' ? encoding : 'utf8');

  const sendHead = () => writeHead.call(res, head[0], head[1]);

  const setEncodingHeaders = () => {
    res.setHeader('Content-Encoding', /** @type {string} */ (coding));
    res.removeHeader('Content-Length');
    // Another representation of the same resource: a strong validator would claim byte equality.
    const etag = headerString(res, 'etag');
    if (etag.startsWith('"')) res.setHeader('ETag', `W/${etag}`);
  };

  /** Sends the head and what is held as is. */
  const pass = () => {
    state = 'pass';
    sendHead();
    for (const b of held) write.call(res, b);
    held = [];
  };

  // No BROTLI_PARAM_SIZE_HINT: it made the same pages 15% slower to compress and no smaller.
  const zlibOptions = () => ({
    br: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: opts.brotliQuality } },
    gzip: { level: opts.gzipLevel },
  });

  /** Starts a zlib stream: the body is still coming. */
  const startStream = () => {
    state = 'stream';
    setEncodingHeaders();
    sendHead();
    const z = coding === 'br' ? zlib.createBrotliCompress(zlibOptions().br) : zlib.createGzip(zlibOptions().gzip);
    stream = z;
    let socketFull = false;
    let ownDrain = false;
    z.on('data', (/** @type {Buffer} */ c) => {
      if (!write.call(res, c)) {
        socketFull = true;
        z.pause();
      }
    });
    z.on('end', () => end.call(res));
    z.on('error', (err) => res.destroy(err));
    res.on('drain', () => {
      if (ownDrain || !socketFull) return;
      socketFull = false;
      z.resume();
    });
    // A writer that saw write() return false waits for the response's drain, which the socket
    // alone would never emit for backpressure inside zlib.
    z.on('drain', () => {
      ownDrain = true;
      try {
        res.emit('drain');
      } finally {
        ownDrain = false;
      }
    });
    for (const b of held) z.write(b);
    held = [];
    if (ended) z.end();
  };

  /** The whole body is here: compress it in one piece and send it with its length. */
  const oneShot = () => {
    state = 'oneshot';
    const body = Buffer.concat(held, heldBytes);
    held = [];
    const done = (/** @type {Error | null} */ err, /** @type {Buffer} */ out) => {
      if (res.destroyed) return;
      if (err) return void res.destroy(err);
      setEncodingHeaders();
      res.setHeader('Content-Length', out.length);
      sendHead();
      end.call(res, out);
    };
    const etag = headerString(res, 'etag');
    const key = etag.startsWith('"') ? `${coding} ${body.length} ${etag}` : null;
    const known = key ? memoGet(key) : undefined;
    if (known) return done(null, known);
    const o = zlibOptions();
    const doneAndKeep = (/** @type {Error | null} */ err, /** @type {Buffer} */ out) => {
      if (!err && key) memoSet(key, out, opts.memoBytes);
      done(err, out);
    };
    if (body.length <= opts.syncMax) {
      let out;
      try {
        out = coding === 'br' ? zlib.brotliCompressSync(body, o.br) : zlib.gzipSync(body, o.gzip);
      } catch (err) {
        return done(/** @type {Error} */ (err), Buffer.alloc(0));
      }
      return doneAndKeep(null, out);
    }
    // Bigger bodies go to libuv's pool, off the thread that answers the other requests.
    if (coding === 'br') zlib.brotliCompress(body, o.br, doneAndKeep);
    else zlib.gzip(body, o.gzip, doneAndKeep);
  };

  /** Called once the head is known: pass, stream, or hold the body until its size is known. */
  const onHead = () => {
    const type = headerString(res, 'content-type');
    const compressible = COMPRESSIBLE.test(type) && !PASS_STATUS.has(head[0]) && head[0] >= 200;
    if (compressible) addVary(res);
    const length = res.hasHeader('content-length') ? Number(headerString(res, 'content-length')) : null;
    if (!compressible || !coding || headerString(res, 'content-encoding') || NO_TRANSFORM.test(headerString(res, 'cache-control'))) return pass();
    if (length !== null && Number.isFinite(length)) return length < opts.threshold ? pass() : startStream();
    state = 'buffer';
  };

  const decide = () => {
    decideTimer = null;
    if (state !== 'buffer') return;
    if (!ended) {
      startStream();
      // What the producer flushed while it was held goes out now.
      if (flushWanted) /** @type {any} */ (stream).flush();
      return;
    }
    if (heldBytes >= opts.threshold) return oneShot();
    state = 'pass';
    res.setHeader('Content-Length', heldBytes);
    sendHead();
    end.call(res, Buffer.concat(held, heldBytes));
    held = [];
  };

  res.writeHead = function patchedWriteHead(statusCode, reason, headers) {
    if (state !== 'headers') return writeHead.apply(this, /** @type {any} */ (arguments));
    if (typeof reason !== 'string') (headers = reason), (reason = undefined);
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) this.setHeader(headers[i], headers[i + 1]);
    } else if (headers) {
      for (const [k, v] of Object.entries(headers)) if (v !== undefined) this.setHeader(k, v);
    }
    head = [statusCode, reason];
    this.statusCode = statusCode;
    onHead();
    return this;
  };

  res.flushHeaders = function patchedFlushHeaders() {
    if (state === 'headers') this.writeHead(this.statusCode);
    // Held heads are sent once the body's size is known; anything else is Node's business.
    if (state === 'pass' || state === 'stream') flushHeaders.call(this);
  };

  // Next calls flush() after each chunk it writes when a compressor provides it.
  /** @type {any} */ (res).flush = function flush() {
    if (state === 'buffer') flushWanted = true;
    else if (state === 'stream') /** @type {any} */ (stream).flush();
  };

  res.write = function patchedWrite(chunk, encoding, cb) {
    if (typeof encoding === 'function') (cb = encoding), (encoding = undefined);
    if (state === 'headers') this.writeHead(this.statusCode);
    if (state === 'pass') return write.call(this, chunk, /** @type {any} */ (encoding), cb);
    if (ended) return false;
    const b = toBuffer(chunk, encoding);
    if (cb) process.nextTick(cb);
    if (state === 'stream') return /** @type {any} */ (stream).write(b);
    held.push(b);
    heldBytes += b.length;
    if (heldBytes > opts.maxBuffer) startStream();
    // A body that ends in this turn of the event loop goes out in one piece; one that doesn't is a stream.
    else decideTimer ??= setImmediate(decide);
    return true;
  };

  res.end = function patchedEnd(chunk, encoding, cb) {
    if (typeof chunk === 'function') (cb = chunk), (chunk = undefined);
    else if (typeof encoding === 'function') (cb = encoding), (encoding = undefined);
    if (state === 'headers') this.writeHead(this.statusCode);
    if (state === 'pass') return end.call(this, chunk, /** @type {any} */ (encoding), cb);
    if (ended) return this;
    ended = true;
    if (cb) this.once('finish', cb);
    if (chunk != null && (typeof chunk !== 'string' || chunk.length)) {
      const b = toBuffer(chunk, encoding);
      if (state === 'stream') /** @type {any} */ (stream).write(b);
      else (held.push(b), (heldBytes += b.length));
    }
    if (state === 'stream') /** @type {any} */ (stream).end();
    else if (state === 'buffer') {
      if (decideTimer) clearImmediate(decideTimer);
      decide();
    }
    return this;
  };

  // A client that goes away mid-body: the zlib stream would otherwise hold its native memory.
  res.once('close', () => {
    if (decideTimer) clearImmediate(decideTimer);
    if (stream && !res.writableFinished) stream.destroy();
    held = [];
  });
}
