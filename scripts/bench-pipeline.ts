// npm run bench's pipeline phase (also runnable alone: npx tsx scripts/bench-pipeline.ts [--rounds N] [--json]).
// Articles go through the whole ingest path (request check, duplicate test, extraction, merge, one
// store transaction) into a fresh database holding the curated set, once per round, so every round
// ingests the same texts without tripping the duplicate check. Throughput is counted in articles of
// 4 kB per CPU-second of this process (one core), the issue's unit; the same texts through extraction
// alone are the baseline, so the store's share shows as the ratio. Peak memory is this process's
// maximum resident set: Node, the gazetteer, the store and its caches.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ArticleMeta } from '../lib/types';

const root = path.resolve(import.meta.dirname, '..');

interface BenchArticle {
  title: string;
  published: string;
  text: string;
}

/**
 * The development corpus when this checkout sits beside it, ingested into a store holding the curated
 * set (so merges happen as in use); else the project's seeds into an empty store (the curated set
 * already holds their texts, and a duplicate is refused before any work).
 */
export function benchCorpus(): { articles: BenchArticle[]; from: string; curated: boolean } {
  const dev = path.join(root, '..', 'shared', 'news-dev', 'articles.json');
  if (existsSync(dev)) {
    const list = JSON.parse(readFileSync(dev, 'utf8')) as { id: string; published: string; text: string }[];
    return { articles: list.map((a) => ({ title: `news-dev ${a.id}`, published: a.published, text: a.text })), from: `news-dev (${list.length} articles)`, curated: true };
  }
  const metas = JSON.parse(readFileSync(path.join(root, 'data', 'articles.json'), 'utf8')) as ArticleMeta[];
  const articles = metas.map((m) => ({ title: m.headline ?? `seed ${m.id}`, published: m.date, text: readFileSync(path.join(root, 'seeds', `${m.id}.txt`), 'utf8') }));
  return { articles, from: `seeds (${metas.length} articles)`, curated: false };
}

const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

export interface PipelineBench {
  corpus: string;
  articles: number;
  rounds: number;
  meanArticleBytes: number;
  gazetteerLoadMs: number;
  /** whole path: 4 kB articles per CPU-second / per wall-clock second */
  perCpuSecond: number;
  perSecond: number;
  /** extraction alone, same texts, same process */
  extractPerCpuSecond: number;
  meanMsPerArticle: number;
  refused: number;
  eventsWritten: number;
  peakRssMb: number;
  loadAverage: number[];
}

export async function benchPipeline(rounds: number): Promise<PipelineBench> {
  const t0 = performance.now();
  const { loadGazetteer } = await import('../lib/ingest/gazetteer');
  const { extract } = await import('../lib/ingest/pipeline');
  const { ingestArticle, IngestError } = await import('../lib/ingest/write');
  const { createStore } = await import('../lib/store/index-sqlite');
  loadGazetteer();
  const gazetteerLoadMs = performance.now() - t0;

  const { articles, from, curated } = benchCorpus();
  const bytes = articles.reduce((n, a) => n + Buffer.byteLength(a.text), 0);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-pipeline-'));
  let cpu = 0;
  let wall = 0;
  let refused = 0;
  let eventsWritten = 0;
  try {
    // Warm-up: the first article pays for lazy tables and JIT, which a running server paid long ago.
    for (const a of articles.slice(0, 3)) extract({ id: 'warm', published: a.published, text: a.text });
    for (let r = 0; r < rounds; r++) {
      // The curated import is setup, not ingest: it stays outside the timed part.
      const store = createStore(`file:${path.join(dir, `round-${r}.db`)}`, { root, curated });
      try {
        const c0 = process.cpuUsage();
        const w0 = performance.now();
        for (const a of articles) {
          try {
            const res = await ingestArticle(store, a);
            eventsWritten += res.events.length;
          } catch (e) {
            if (!IngestError.is(e)) throw e;
            refused++;
          }
        }
        wall += performance.now() - w0;
        cpu += cpuSeconds(process.cpuUsage(c0));
      } finally {
        store.closeSync();
      }
    }
    const c1 = process.cpuUsage();
    for (let r = 0; r < rounds; r++) for (const a of articles) extract({ id: 'bench', published: a.published, text: a.text, title: a.title });
    const extractCpu = cpuSeconds(process.cpuUsage(c1));
    const articles4k = (rounds * bytes) / 4096;
    return {
      corpus: from,
      articles: articles.length,
      rounds,
      meanArticleBytes: bytes / articles.length,
      gazetteerLoadMs,
      perCpuSecond: articles4k / cpu,
      perSecond: articles4k / (wall / 1000),
      extractPerCpuSecond: articles4k / extractCpu,
      meanMsPerArticle: wall / (rounds * articles.length),
      refused,
      eventsWritten,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      loadAverage: os.loadavg(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--rounds');
  const rounds = i >= 0 ? Number(argv[i + 1]) : 3;
  if (!Number.isInteger(rounds) || rounds < 1) {
    process.stderr.write('bench-pipeline: --rounds needs a whole number ≥ 1\n');
    process.exit(2);
  }
  const r = await benchPipeline(rounds);
  if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(r)}\n`);
  else
    console.log(
      `pipeline: ${r.perCpuSecond.toFixed(1)} articles of 4 kB per CPU-second with the store write (${r.perSecond.toFixed(1)} per wall-clock second; extraction alone ${r.extractPerCpuSecond.toFixed(1)}); ` +
        `${r.meanMsPerArticle.toFixed(1)} ms per article of ${Math.round(r.meanArticleBytes)} B; peak RSS ${r.peakRssMb.toFixed(0)} MB; gazetteer ${Math.round(r.gazetteerLoadMs)} ms; ${r.refused} refused; corpus ${r.corpus} × ${r.rounds}`,
    );
}
