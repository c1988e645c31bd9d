// Start/stop the PRODUCTION server (scripts/start.mjs, what `npm start` runs) in its own process
// group, so that stopping it also ends anything it spawned.
//   import { ensureBuild, startServer } from './server.mjs';
//   const server = await startServer({ port: 0 });  // 0 = any free port
//   ... server.url ...
//   await server.stop();
// CLI: `node scripts/server.mjs [port]` runs it until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = path.join(ROOT, 'scripts', 'start.mjs');

/** Build unless `.next/BUILD_ID` exists. */
export function ensureBuild(root = ROOT) {
  if (existsSync(path.join(root, '.next', 'BUILD_ID'))) return;
  console.error('[server] no production build: running `npm run build`');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status})`);
}

/** A TCP port that was free a moment ago on `host`. */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {{ port?: number, host?: string, root?: string, timeoutMs?: number, quiet?: boolean, readyPath?: string, env?: Record<string, string> }} [opts]
 * @returns {Promise<{ url: string, port: number, pid: number, stop: () => Promise<void> }>}
 */
export async function startServer({ port = 0, host = '127.0.0.1', root = ROOT, timeoutMs = 60_000, quiet = true, readyPath = '/', env = {} } = {}) {
  if (!port) port = await freePort(host);
  const child = spawn(process.execPath, [SERVER, '-p', String(port), '-H', host], {
    cwd: root,
    detached: true, // own process group: process.kill(-pid) reaches anything it spawned too
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'pipe'],
    // One process unless the caller asks for more: tests read a server's state (rate limits) as one.
    env: { WEB_CONCURRENCY: '1', ...process.env, ...env, PORT: String(port), NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  const pid = /** @type {number} */ (child.pid);
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
    if (!quiet) process.stderr.write(d);
  });
  let exited = /** @type {null | { code: number | null, signal: string | null }} */ (null);
  const exitPromise = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exited = { code, signal }))));

  const killGroup = (signal) => {
    try {
      process.kill(-pid, signal);
    } catch {
      /* already gone */
    }
  };
  // Last resort if our process dies without calling stop().
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup('SIGTERM');
    await Promise.race([exitPromise, sleep(5000)]);
    killGroup('SIGKILL'); // also reaches grandchildren that outlived the leader
    process.removeListener('exit', onExit);
  };

  const url = `http://${host}:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`the server exited early (${JSON.stringify(exited)}):\n${stderr}`);
    }
    try {
      await fetch(url + readyPath, { signal: AbortSignal.timeout(5000), redirect: 'manual' });
      return { url, port, pid, stop }; // any HTTP answer means it is serving
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not answer on ${url} within ${timeoutMs} ms:\n${stderr}`);
    }
    await sleep(200);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureBuild();
  const server = await startServer({ port: Number(process.argv[2] ?? 0), quiet: false });
  console.log(`[server] ${server.url} (process group ${server.pid}); Ctrl-C stops it`);
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => void server.stop().then(() => process.exit(0)));
  }
}
