// The production server (`npm start`): Next's request handler behind our own response compression
// (why Next's is off: scripts/compress-responses.mjs). Takes what `next start` took for the address:
//   node scripts/start.mjs [-p PORT | --port PORT] [-H HOST | --hostname HOST]
// PORT in the environment when no -p (default 3000); without -H it listens on every interface.
import cluster from 'node:cluster';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PEER_HEADER } from '../lib/peer-header.mjs';
import { compressResponses } from './compress-responses.mjs';

// Before Next loads: it picks production code paths by NODE_ENV, and warns about anything else.
process.env.NODE_ENV = 'production';
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string[]} argv */
function parseArgs(argv, env = process.env) {
  /** @type {{ port: number, hostname: string | undefined }} */
  const out = { port: Number(env.PORT || 3000), hostname: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = /** @type {string} */ (argv[i]);
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '-p' || flag === '--port') out.port = Number(value());
    else if (flag === '-H' || flag === '--hostname') out.hostname = value();
    else throw new Error(`unknown argument ${a}: usage: node scripts/start.mjs [-p PORT] [-H HOST]`);
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) throw new Error(`port must be an integer in 0..65535, got ${out.port}`);
  return out;
}

const { port, hostname } = parseArgs(process.argv.slice(2));
// WEB_CONCURRENCY=N (default "auto": one per core) runs N copies of the server on one port (Node's cluster
// shares the socket). Each has its own store connection and caches; SQLite in WAL mode lets them read
// at once, and writes already tolerate other processes (the CLI writes beside the server the same way).
// Rate limits are per process. The test servers ask for 1 (scripts/server.mjs) unless a test wants more.
const wanted = process.env.WEB_CONCURRENCY ?? 'auto';
const concurrency = wanted === 'auto' ? os.availableParallelism() : Math.max(1, Number(wanted) || 1);
if (concurrency > 1 && cluster.isPrimary) {
  for (let i = 0; i < concurrency; i++) cluster.fork();
  let exiting = false;
  let exitCode = 0;
  const serving = new Set();
  cluster.on('listening', (worker) => serving.add(worker.id));
  cluster.on('exit', (worker, code, signal) => {
    if (exiting) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    // One that never served (a taken port, a missing build) would fail again: stop them all.
    if (!serving.has(worker.id)) {
      exiting = true;
      exitCode = 1;
      console.error(`worker ${worker.process.pid} exited (${signal ?? code}) before serving; stopping`);
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      setTimeout(() => process.exit(exitCode), 3000).unref();
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    // A worker that dies takes its requests with it; the others keep serving while a new one starts.
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(sig, () => {
      exiting = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(sig);
      setTimeout(() => process.exit(exitCode), 3000).unref();
    });
  }
} else {
  await serve();
}

async function serve() {
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: ROOT, hostname: hostname ?? 'localhost', port });
  await app.prepare();
  const handle = app.getRequestHandler();


  /**
   * A path whose percent-escapes do not decode (a lone `%`, `%zz`, bytes that are not UTF-8): Next's
   * router throws on it while matching a dynamic segment and answers a bare 500 before any route runs.
   * @param {string} url
   */
  function malformedPath(url) {
    try {
      decodeURIComponent(url.split('?', 1)[0] ?? '');
      return false;
    } catch {
      return true;
    }
  }

  const server = http.createServer((req, res) => {
    // Overwritten, never trusted from the client: the rate limit's key (TRUST_PROXY reads X-Forwarded-For instead).
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? 'unknown';
    if (malformedPath(req.url ?? '/')) {
      res.writeHead(400, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ error: 'the path has a malformed percent-escape: encode % as %25 and text as UTF-8' }));
      return;
    }
    compressResponses(req, res);
    handle(req, res).catch((/** @type {unknown} */ err) => {
      console.error(`request ${req.method} ${req.url} failed:`, err);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  // Requests Node refuses before any route sees them (a head over 16 kB, a malformed request line or
  // header) still get a JSON message, as every API answer does, instead of Node's bare status line.
  server.on('clientError', (/** @type {NodeJS.ErrnoException} */ err, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable || socket.destroyed) return socket.destroy();
    const [status, error] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? ['431 Request Header Fields Too Large', 'the request line and headers are over 16 kB']
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? ['408 Request Timeout', 'the request took too long to arrive']
          : ['400 Bad Request', 'malformed HTTP request'];
    const body = JSON.stringify({ error });
    socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  server.on('error', (err) => {
    console.error('server error:', err);
    process.exit(1);
  });
  server.listen(port, hostname, () => {
    const a = /** @type {import('node:net').AddressInfo} */ (server.address());
    const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
    console.log(`✓ Ready on http://${host}:${a.port} (production, pid ${process.pid})`);
  });

  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => {
      // Stop accepting, let Next release what it holds, and exit even if a keep-alive client lingers.
      server.close();
      server.closeIdleConnections();
      setTimeout(() => process.exit(0), 2000).unref();
      app.close().finally(() => process.exit(0));
    });
  }
}
