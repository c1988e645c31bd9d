// The production server (`npm start`): Next's request handler behind our own response compression
// (why Next's is off: scripts/compress-responses.mjs). Takes what `next start` took for the address:
//   node scripts/start.mjs [-p PORT | --port PORT] [-H HOST | --hostname HOST]
// PORT in the environment when no -p (default 3000); without -H it listens on every interface.
import http from 'node:http';
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
