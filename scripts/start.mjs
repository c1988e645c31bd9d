// The production server (`npm start`): Next's request handler behind our own response compression
// (why Next's is off: scripts/compress-responses.mjs). Takes what `next start` took for the address:
//   node scripts/start.mjs [-p PORT | --port PORT] [-H HOST | --hostname HOST]
// PORT in the environment when no -p (default 3000); without -H it listens on every interface.
import cluster from 'node:cluster';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
// Unset means one per core; the test servers ask for 1 (scripts/server.mjs) unless a test wants more.
const wanted = process.env.WEB_CONCURRENCY ?? 'auto';
const concurrency = wanted === 'auto' ? os.availableParallelism() : Math.max(1, Number(wanted) || 1);
if (concurrency > 1 && cluster.isPrimary) {
  for (let i = 0; i < concurrency; i++) cluster.fork();
  let exiting = false;
  cluster.on('exit', (worker, code, signal) => {
    if (exiting) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
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
      setTimeout(() => process.exit(0), 3000).unref();
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

  const server = http.createServer((req, res) => {
    compressResponses(req, res);
    handle(req, res).catch((/** @type {unknown} */ err) => {
      console.error(`request ${req.method} ${req.url} failed:`, err);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
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
