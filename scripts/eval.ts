// npm run eval: the extraction pipeline against the curated seeds (data/ + seeds/) and the development
// corpus in ../shared/news-dev (articles.json + gold.json). Prints per-article and total precision and
// recall for events, movements, places, relative dates and actors, which stage lost each missed or false
// event, the precision/recall curve over confidence thresholds, throughput and peak memory; writes it all
// to eval-results/latest.json. The corpus texts are third-party: they are read here, never copied.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadGazetteer, foldName } from '../lib/ingest/gazetteer';
import { DEFAULT_MIN_CONFIDENCE, extract, type ExtractResult } from '../lib/ingest/pipeline';
import { haversineKm } from '../lib/ingest/geo-distance';
import type { RawEvent, RawMovement, RawPlace, ArticleMeta } from '../lib/types';

const root = process.cwd();
const newsDir = process.env.NEWS_DEV_DIR ?? path.resolve(root, '..', 'shared', 'news-dev');
const args = new Set(process.argv.slice(2));
const verbose = args.has('--verbose') || args.has('-v');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

interface GoldEvent {
  date: string;
  precision: string;
  place: string;
  place_precision: string;
  lat: number;
  lon: number;
  radius_km: number;
  kind: string;
  actors: string[];
  quote: string;
  background?: boolean;
}
interface GoldMovement {
  actor: string;
  from: string;
  from_stated: boolean;
  to: string;
  date: string;
  quote: string;
}
interface DevArticle {
  id: string;
  url: string;
  published: string;
  text: string;
}

interface Interval {
  start: string;
  end: string;
}

function goldInterval(date: string): Interval {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return { start: date, end: date };
  if (/^\d{4}-\d{2}$/.test(date)) {
    const [y, m] = date.split('-').map(Number) as [number, number];
    return { start: `${date}-01`, end: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
  }
  return { start: `${date}-01-01`, end: `${date}-12-31` };
}

function shift(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Date intervals overlap within ±1 day. */
function datesMatch(a: Interval, b: Interval, slack = 1): boolean {
  return a.start <= shift(b.end, slack) && shift(b.start, -slack) <= a.end;
}

/** Maximum one-to-one matching (augmenting paths; the sets are small). */
function bipartite(nPred: number, nGold: number, ok: (p: number, g: number) => boolean, score: (p: number, g: number) => number): Map<number, number> {
  const goldOf = new Map<number, number>();
  const predOf = new Map<number, number>();
  const order = [...Array(nPred).keys()];
  const tryAssign = (p: number, seen: Set<number>): boolean => {
    const gs = [...Array(nGold).keys()].filter((g) => ok(p, g)).sort((a, b) => score(p, b) - score(p, a));
    for (const g of gs) {
      if (seen.has(g)) continue;
      seen.add(g);
      const other = predOf.get(g);
      if (other === undefined || tryAssign(other, seen)) {
        predOf.set(g, p);
        goldOf.set(p, g);
        return true;
      }
    }
    return false;
  };
  for (const p of order) tryAssign(p, new Set());
  return goldOf;
}

function nameTokens(s: string): Set<string> {
  const stop = new Set(['the', 'of', 'and', 'al', 'el', 'bin', 'president', 'minister', 'prime', 'foreign', 'secretary', 'us', 'u', 's']);
  return new Set(
    foldName(s)
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 3 && !stop.has(w))
      .map((w) => w.replace(/s$/, '')),
  );
}

function namesMatch(a: string, b: string): boolean {
  const ta = nameTokens(a);
  for (const t of nameTokens(b)) if (ta.has(t)) return true;
  return false;
}

interface PR {
  tp: number;
  fp: number;
  fn: number;
}
const pr = (): PR => ({ tp: 0, fp: 0, fn: 0 });
const precision = (x: PR) => (x.tp + x.fp === 0 ? 1 : x.tp / (x.tp + x.fp));
const recall = (x: PR) => (x.tp + x.fn === 0 ? 1 : x.tp / (x.tp + x.fn));
const f2 = (n: number) => n.toFixed(2);
function add(a: PR, b: PR) {
  a.tp += b.tp;
  a.fp += b.fp;
  a.fn += b.fn;
}

const RELATIVE_RE = /\b(today|tonight|yesterday|overnight|last (?:week|month|year|night)|this (?:week|month|year)|earlier this|(?:on |early |late )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in (?:january|february|march|april|may|june|july|august|september|october|november|december)(?! \d)|(?:a|one|two|three) (?:day|days|week|weeks|month|months) (?:after|later|before|earlier)|hours (?:before|after|later)|the next day|in recent days|recent days)\b/i;

type Stage = 'sentence' | 'date' | 'place' | 'actor' | 'event decision' | 'confidence' | 'duplicate';

interface ArticleReport {
  id: string;
  events: PR;
  movements: PR;
  places: { correct: number; total: number; missing: number };
  relativeDates: { correct: number; total: number };
  actors: PR;
  misses: { quote: string; stage: Stage; detail: string }[];
  falses: { quote: string; stage: Stage; detail: string }[];
  curve: { threshold: number; events: PR }[];
  quotesVerbatim: { ok: number; bad: number };
}

const THRESHOLDS = [0, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8];

function evaluateDev(a: DevArticle, gold: { gold: GoldEvent[]; movements: GoldMovement[] }, res: ExtractResult): ArticleReport {
  const golds = gold.gold;
  const gi = golds.map((g) => goldInterval(g.date));
  const all = res.events;
  const events = all.filter((e) => (e.properties.extraction?.confidence ?? 1) >= DEFAULT_MIN_CONFIDENCE);
  const matchFor = (list: typeof all) =>
    bipartite(
      list.length,
      golds.length,
      (p, g) => {
        const e = list[p]!.properties;
        return datesMatch(e, gi[g]!) && haversineKm(e.place.lat, e.place.lng, golds[g]!.lat, golds[g]!.lon) <= golds[g]!.radius_km;
      },
      (p, g) => (list[p]!.properties.extraction?.kind === golds[g]!.kind ? 1 : 0) - haversineKm(list[p]!.properties.place.lat, list[p]!.properties.place.lng, golds[g]!.lat, golds[g]!.lon) / 10_000,
    );
  const matched = matchFor(events);
  const ev: PR = { tp: matched.size, fp: events.length - matched.size, fn: golds.length - matched.size };
  const curve = THRESHOLDS.map((t) => {
    const list = all.filter((e) => (e.properties.extraction?.confidence ?? 1) >= t);
    const m = matchFor(list);
    return { threshold: t, events: { tp: m.size, fp: list.length - m.size, fn: golds.length - m.size } };
  });

  // Actors over matched pairs.
  const act = pr();
  for (const [p, g] of matched) {
    const ours = events[p]!.properties.actors.map((x) => x.name);
    const theirs = golds[g]!.actors;
    const okOurs = ours.filter((o) => theirs.some((t) => namesMatch(o, t))).length;
    const okTheirs = theirs.filter((t) => ours.some((o) => namesMatch(o, t))).length;
    act.tp += okTheirs;
    act.fn += theirs.length - okTheirs;
    act.fp += ours.length - okOurs;
    if (verbose && (okOurs < ours.length || okTheirs < theirs.length)) console.log(`  ${a.id} ACTORS ours [${ours.join('; ')}] gold [${theirs.join('; ')}] :: ${golds[g]!.quote.slice(0, 70)}`);
  }

  // Movements: right actor, destination and date.
  const goldDest = (m: GoldMovement) => golds.find((g) => g.place === m.to);
  const mv = bipartite(
    res.movements.length,
    gold.movements.length,
    (p, g) => {
      const m = res.movements[p]!.properties;
      const gm = gold.movements[g]!;
      const dest = goldDest(gm);
      const near = dest ? haversineKm(m.destination.lat, m.destination.lng, dest.lat, dest.lon) <= Math.max(161, dest.radius_km) : namesMatch(m.destination.name, gm.to);
      return near && datesMatch(m, goldInterval(gm.date)) && m.actors.some((x) => namesMatch(x.name, gm.actor));
    },
    () => 0,
  );
  const movements: PR = { tp: mv.size, fp: res.movements.length - mv.size, fn: gold.movements.length - mv.size };
  if (verbose) {
    const hit = new Set(mv.values());
    gold.movements.forEach((g, k) => !hit.has(k) && console.log(`  ${a.id} MOVE MISS ${g.actor}: ${g.from} → ${g.to} ${g.date} :: ${g.quote.slice(0, 90)}`));
    res.movements.forEach((m, k) => !mv.has(k) && console.log(`  ${a.id} MOVE FALSE ${m.properties.actors.map((x) => x.name).join(',')}: ${m.properties.origin.name} → ${m.properties.destination.name} ${m.properties.start} :: ${m.properties.sources[0]!.quote.slice(0, 90)}`));
  }

  // Places: each gold place name found in the text, resolved within 161 km.
  const places = { correct: 0, total: 0, missing: 0 };
  const seen = new Set<string>();
  const folded = foldName(a.text);
  for (const g of golds) {
    const head = g.place.split(/[(,~]/)[0]!.trim();
    if (seen.has(head)) continue;
    seen.add(head);
    const fh = foldName(head);
    if (!folded.includes(fh)) continue;
    places.total++;
    const mentions = res.stages.places.filter((p) => foldName(p.text).includes(fh) || fh.includes(foldName(p.text)));
    if (mentions.length === 0) places.missing++;
    else if (mentions.some((p) => haversineKm(p.place.lat, p.place.lng, g.lat, g.lon) <= 161)) places.correct++;
    else if (verbose) console.log(`  place wrong ${a.id}: ${head} → ${mentions.map((m) => `${m.place.name} (${m.place.country})`).join(', ')}`);
  }

  // Relative dates in gold quotes, resolved to the gold date.
  const rel = { correct: 0, total: 0 };
  for (let k = 0; k < golds.length; k++) {
    const g = golds[k]!;
    const m = RELATIVE_RE.exec(g.quote);
    if (!m) continue;
    const at = a.text.indexOf(g.quote);
    if (at < 0) continue;
    rel.total++;
    const mentions = res.stages.dates.filter((d) => d.start >= at && d.end <= at + g.quote.length);
    if (mentions.some((d) => datesMatch(d.span, gi[k]!, 0))) rel.correct++;
    else if (verbose) console.log(`  relative date wrong ${a.id}: "${m[0]}" gold ${g.date} → ${mentions.map((d) => `${d.text}=${d.span.start}`).join(', ') || 'none'}`);
  }

  // Which stage lost each miss.
  const sentences = res.stages.sentences;
  const sentOf = (start: number, end: number) => sentences.filter((s) => s.start < end && start < s.end);
  const misses: ArticleReport['misses'] = [];
  const matchedGold = new Set(matched.values());
  const allMatched = matchFor(all);
  for (let k = 0; k < golds.length; k++) {
    if (matchedGold.has(k)) continue;
    const g = golds[k]!;
    const at = a.text.indexOf(g.quote);
    const ss = at >= 0 ? sentOf(at, at + g.quote.length) : [];
    const inS = <T extends { start: number; end: number }>(xs: readonly T[]) => xs.filter((x) => ss.some((s) => x.start >= s.start && x.end <= s.end));
    const placeOk = inS(res.stages.places).some((p) => haversineKm(p.place.lat, p.place.lng, g.lat, g.lon) <= g.radius_km);
    const dateOk = inS(res.stages.dates).some((d) => datesMatch(d.span, gi[k]!));
    const actorOk = g.actors.length === 0 || inS(res.stages.actors).some((x) => g.actors.some((n) => namesMatch(x.name, n)));
    const dropped = [...allMatched.entries()].find(([, gg]) => gg === k);
    let stage: Stage;
    let detail = '';
    const fromSentence = res.stages.events.filter((e) => e.quotes.some((q) => ss.some((s) => s.start === q.start)));
    if (ss.length > 1) {
      stage = 'sentence';
      detail = `quote spans ${ss.length} sentences`;
    } else if (dropped) {
      stage = 'confidence';
      detail = `confidence ${all[dropped[0]]!.properties.extraction?.confidence}`;
    } else if (fromSentence.length > 0) {
      const e = fromSentence[0]!;
      const pOk = haversineKm(e.place.lat, e.place.lng, g.lat, g.lon) <= g.radius_km;
      stage = !pOk ? 'place' : !datesMatch(e.date, gi[k]!) ? 'date' : 'duplicate';
      detail = `extracted ${e.kind} at ${e.place.name} ${e.date.start}`;
    } else if (!placeOk) {
      stage = 'place';
      detail = `no place within ${g.radius_km} km of ${g.place} in the sentence (${inS(res.stages.places).map((p) => `${p.text}:${p.role}`).join(', ') || 'none'})`;
    } else if (!dateOk) {
      stage = 'date';
      detail = `no date near ${g.date} in the sentence (${inS(res.stages.dates).map((d) => `${d.text}=${d.span.start}`).join(', ') || 'none'})`;
    } else if (!actorOk) {
      stage = 'actor';
      detail = `no actor of ${g.actors.join(', ')}`;
    } else {
      stage = 'event decision';
      detail = `${g.kind} not triggered`;
    }
    misses.push({ quote: g.quote, stage, detail });
  }
  const falses: ArticleReport['falses'] = [];
  for (let p = 0; p < events.length; p++) {
    if (matched.has(p)) continue;
    const e = events[p]!.properties;
    const q = e.sources[0]!;
    const near = golds.some((g) => haversineKm(e.place.lat, e.place.lng, g.lat, g.lon) <= g.radius_km);
    const sameDay = gi.some((i) => datesMatch(e, i));
    const overlapsGold = golds.some((g) => {
      const at = a.text.indexOf(g.quote);
      return at >= 0 && at < q.offset + q.quote.length && q.offset < at + g.quote.length;
    });
    const stage: Stage = overlapsGold ? (near && !sameDay ? 'date' : !near && sameDay ? 'place' : near && sameDay ? 'duplicate' : 'place') : 'event decision';
    falses.push({ quote: q.quote.slice(0, 140), stage, detail: `${e.extraction?.kind} at ${e.place.name} ${e.start} (${e.extraction?.confidence})` });
  }

  let ok = 0;
  let bad = 0;
  for (const f of [...res.events, ...res.movements]) for (const s of f.properties.sources) (a.text.slice(s.offset, s.offset + s.quote.length) === s.quote ? ok++ : bad++);
  return { id: a.id, events: ev, movements, places, relativeDates: rel, actors: act, misses, falses, curve, quotesVerbatim: { ok, bad } };
}

// ---- seeds --------------------------------------------------------------------------------------

function evaluateSeeds() {
  const metas = JSON.parse(readFileSync(path.join(root, 'data', 'articles.json'), 'utf8')) as ArticleMeta[];
  const events = JSON.parse(readFileSync(path.join(root, 'data', 'events.json'), 'utf8')) as RawEvent[];
  const movements = JSON.parse(readFileSync(path.join(root, 'data', 'movements.json'), 'utf8')) as RawMovement[];
  const places = new Map((JSON.parse(readFileSync(path.join(root, 'data', 'places.json'), 'utf8')) as RawPlace[]).map((p) => [p.id, p]));
  const rows: { id: string; events: PR; movements: PR }[] = [];
  const found = new Set<string>();
  for (const m of metas) {
    const text = readFileSync(path.join(root, 'seeds', `${m.id}.txt`), 'utf8');
    const res = extract({ id: m.id, published: m.date, text, ...(m.headline ? { title: m.headline } : {}), ...(m.outlet ? { outlet: m.outlet } : {}) });
    const mine = events.filter((e) => e.sources.some((s) => s.article === m.id));
    const match = bipartite(
      res.events.length,
      mine.length,
      (p, g) => {
        const e = res.events[p]!.properties;
        const gold = mine[g]!;
        const pl = places.get(gold.place.place)!;
        return datesMatch(e, gold.date) && haversineKm(e.place.lat, e.place.lng, pl.lat, pl.lng) <= Math.max(60, pl.radiusKm ?? 60);
      },
      // Among curated events at the same place and dates, the one of the same category and actors is
      // the one found (the count is the same; which curated event counts as found is not).
      (p, g) => {
        const e = res.events[p]!.properties;
        const gold = mine[g]!;
        return (e.category === gold.category ? 1 : 0) + 3 * e.actors.filter((a) => gold.actors.includes(a.id)).length;
      },
    );
    for (const g of match.values()) found.add(mine[g]!.id);
    if (verbose) {
      const hit = new Set(match.values());
      mine.forEach((g, k) => !hit.has(k) && console.log(`  ${m.id.slice(0, 3)} SEED MISS ${g.id} ${g.category} ${g.place.place} ${g.date.start} :: ${g.sources.find((s) => s.article === m.id)!.quote.slice(0, 120)}`));
      res.events.forEach((e, k) => !match.has(k) && console.log(`  ${m.id.slice(0, 3)} SEED FALSE ${e.properties.extraction?.kind} ${e.properties.place.name} ${e.properties.start} :: ${e.properties.sources[0]!.quote.slice(0, 120)}`));
    }
    const mineM = movements.filter((x) => x.sources.some((s) => s.article === m.id));
    const mm = bipartite(
      res.movements.length,
      mineM.length,
      (p, g) => {
        const x = res.movements[p]!.properties;
        const gold = mineM[g]!;
        const pl = places.get(gold.destination.place)!;
        return datesMatch(x, gold.date) && haversineKm(x.destination.lat, x.destination.lng, pl.lat, pl.lng) <= Math.max(161, pl.radiusKm ?? 60);
      },
      () => 0,
    );
    if (verbose) {
      const hitM = new Set(mm.values());
      mineM.forEach((g, k) => !hitM.has(k) && console.log(`  ${m.id.slice(0, 3)} SEED MOVE MISS ${g.id} ${g.origin.place} → ${g.destination.place} ${g.date.start} :: ${g.sources.find((s) => s.article === m.id)!.quote.slice(0, 110)}`));
      res.movements.forEach((x, k) => !mm.has(k) && console.log(`  ${m.id.slice(0, 3)} SEED MOVE FALSE ${x.properties.actors.map((a) => a.name).join(',')} ${x.properties.origin.name} → ${x.properties.destination.name} ${x.properties.start} :: ${x.properties.sources[0]!.quote.slice(0, 90)}`));
    }
    rows.push({ id: m.id, events: { tp: match.size, fp: res.events.length - match.size, fn: mine.length - match.size }, movements: { tp: mm.size, fp: res.movements.length - mm.size, fn: mineM.length - mm.size } });
  }
  return { rows, curatedEvents: events.length, curatedFound: found.size };
}

// ---- run ----------------------------------------------------------------------------------------

function pad(s: string | number, n: number): string {
  return String(s).padEnd(n);
}

function main() {
  const t0 = performance.now();
  loadGazetteer();
  const loadMs = performance.now() - t0;
  const report: Record<string, unknown> = { pipelineThreshold: DEFAULT_MIN_CONFIDENCE, gazetteerLoadMs: Math.round(loadMs) };

  const seeds = evaluateSeeds();
  const seedTotal = pr();
  console.log('\nSeeds (curated data/events.json, one row per seed article: events sourced to it)');
  console.log(`${pad('article', 24)}${pad('ev P', 7)}${pad('ev R', 7)}${pad('mv R', 7)}`);
  for (const r of seeds.rows) {
    add(seedTotal, r.events);
    console.log(`${pad(r.id, 24)}${pad(f2(precision(r.events)), 7)}${pad(f2(recall(r.events)), 7)}${pad(f2(recall(r.movements)), 7)}`);
  }
  console.log(`${pad('total (event-article pairs)', 24)} P ${f2(precision(seedTotal))} R ${f2(recall(seedTotal))}; curated events found in some article: ${seeds.curatedFound}/${seeds.curatedEvents} = ${f2(seeds.curatedFound / seeds.curatedEvents)}`);
  report.seeds = { rows: seeds.rows, total: seedTotal, precision: precision(seedTotal), recall: recall(seedTotal), curatedRecall: seeds.curatedFound / seeds.curatedEvents };

  if (!existsSync(path.join(newsDir, 'gold.json'))) {
    console.log(`\n${newsDir} not found: development corpus skipped`);
  } else {
    const articles = JSON.parse(readFileSync(path.join(newsDir, 'articles.json'), 'utf8')) as DevArticle[];
    const gold = new Map((JSON.parse(readFileSync(path.join(newsDir, 'gold.json'), 'utf8')) as { id: string; gold: GoldEvent[]; movements: GoldMovement[] }[]).map((g) => [g.id, g]));
    const reports: ArticleReport[] = [];
    for (const a of articles) {
      if (only && a.id !== only) continue;
      const res = extract({ id: a.id, published: a.published, text: a.text }, { minConfidence: 0 });
      reports.push(evaluateDev(a, gold.get(a.id)!, res));
    }
    const T = { events: pr(), movements: pr(), actors: pr(), places: { correct: 0, total: 0, missing: 0 }, rel: { correct: 0, total: 0 }, quotes: { ok: 0, bad: 0 } };
    console.log(`\nnews-dev (${reports.length} articles; events at confidence ≥ ${DEFAULT_MIN_CONFIDENCE})`);
    console.log(`${pad('article', 9)}${pad('ev tp/fp/fn', 13)}${pad('ev P', 6)}${pad('ev R', 6)}${pad('mv R', 10)}${pad('places', 9)}${pad('rel dates', 11)}${pad('actors P/R', 11)}`);
    for (const r of reports) {
      add(T.events, r.events);
      add(T.movements, r.movements);
      add(T.actors, r.actors);
      T.places.correct += r.places.correct;
      T.places.total += r.places.total;
      T.places.missing += r.places.missing;
      T.rel.correct += r.relativeDates.correct;
      T.rel.total += r.relativeDates.total;
      T.quotes.ok += r.quotesVerbatim.ok;
      T.quotes.bad += r.quotesVerbatim.bad;
      console.log(
        `${pad(r.id, 9)}${pad(`${r.events.tp}/${r.events.fp}/${r.events.fn}`, 13)}${pad(f2(precision(r.events)), 6)}${pad(f2(recall(r.events)), 6)}${pad(`${r.movements.tp}/${r.movements.tp + r.movements.fn}`, 10)}${pad(`${r.places.correct}/${r.places.total}`, 9)}${pad(`${r.relativeDates.correct}/${r.relativeDates.total}`, 11)}${pad(`${f2(precision(r.actors))}/${f2(recall(r.actors))}`, 11)}`,
      );
    }
    console.log(
      `${pad('TOTAL', 9)}${pad(`${T.events.tp}/${T.events.fp}/${T.events.fn}`, 13)}${pad(f2(precision(T.events)), 6)}${pad(f2(recall(T.events)), 6)}${pad(`${T.movements.tp}/${T.movements.tp + T.movements.fn}`, 10)}${pad(`${T.places.correct}/${T.places.total}`, 9)}${pad(`${T.rel.correct}/${T.rel.total}`, 11)}${pad(`${f2(precision(T.actors))}/${f2(recall(T.actors))}`, 11)}`,
    );
    const summary = {
      events: { ...T.events, precision: precision(T.events), recall: recall(T.events) },
      movements: { ...T.movements, precision: precision(T.movements), recall: recall(T.movements) },
      places: { ...T.places, accuracy: T.places.total ? T.places.correct / T.places.total : 1 },
      relativeDates: { ...T.rel, accuracy: T.rel.total ? T.rel.correct / T.rel.total : 1 },
      actors: { ...T.actors, precision: precision(T.actors), recall: recall(T.actors) },
      quotes: T.quotes,
    };
    console.log(
      `\nTotals: events P ${f2(summary.events.precision)} R ${f2(summary.events.recall)} | movements P ${f2(summary.movements.precision)} R ${f2(summary.movements.recall)} | places within 161 km ${f2(summary.places.accuracy)} (${T.places.missing} names not found) | relative dates ${f2(summary.relativeDates.accuracy)} | actors P ${f2(summary.actors.precision)} R ${f2(summary.actors.recall)} | quotes verbatim ${T.quotes.ok}/${T.quotes.ok + T.quotes.bad}`,
    );

    const blame = new Map<string, number>();
    for (const r of reports) for (const m of r.misses) blame.set(`miss: ${m.stage}`, (blame.get(`miss: ${m.stage}`) ?? 0) + 1);
    for (const r of reports) for (const m of r.falses) blame.set(`false: ${m.stage}`, (blame.get(`false: ${m.stage}`) ?? 0) + 1);
    console.log('\nStage that lost each missed or false event:');
    for (const [k, v] of [...blame.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${pad(k, 28)}${v}`);
    if (verbose) {
      for (const r of reports) {
        for (const m of r.misses) console.log(`  ${r.id} MISS [${m.stage}] ${m.detail} :: ${m.quote.slice(0, 110)}`);
        for (const m of r.falses) console.log(`  ${r.id} FALSE [${m.stage}] ${m.detail} :: ${m.quote.slice(0, 110)}`);
      }
    }

    console.log('\nEvents precision/recall by confidence threshold:');
    const curve = THRESHOLDS.map((t, i) => {
      const c = pr();
      for (const r of reports) add(c, r.curve[i]!.events);
      return { threshold: t, ...c, precision: precision(c), recall: recall(c) };
    });
    for (const c of curve) console.log(`  ≥ ${pad(c.threshold.toFixed(2), 6)} P ${f2(c.precision)} R ${f2(c.recall)} (${c.tp}/${c.fp}/${c.fn})`);
    report.newsDev = { summary, blame: Object.fromEntries(blame), curve, articles: reports };
  }

  // Throughput on one core: the corpus texts scaled to 4 kB articles.
  const texts: { id: string; published: string; text: string }[] = [];
  if (existsSync(path.join(newsDir, 'articles.json'))) for (const a of JSON.parse(readFileSync(path.join(newsDir, 'articles.json'), 'utf8')) as DevArticle[]) texts.push(a);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t.text), 0);
  const rounds = 3;
  // CPU time as well as wall time: on a shared machine the wall clock measures the neighbours too.
  const cpu0 = process.cpuUsage();
  const t1 = performance.now();
  for (let r = 0; r < rounds; r++) for (const t of texts) extract({ id: t.id, published: t.published, text: t.text });
  const secs = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  const articles4k = (rounds * bytes) / 4096;
  const perSec = articles4k / secs;
  const perCpuSec = articles4k / cpuSecs;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`\nPerformance: ${perCpuSec.toFixed(1)} articles of 4 kB per CPU-second on one core (${perSec.toFixed(1)} per wall-clock second; target ≥ 20); peak RSS ${peakMb.toFixed(0)} MB with the gazetteer loaded (target ≤ 300); gazetteer load ${Math.round(loadMs)} ms`);
  report.performance = { articlesPer4kBPerCpuSecond: perCpuSec, articlesPer4kBPerSecond: perSec, peakRssMb: peakMb, gazetteerLoadMs: loadMs };

  mkdirSync(path.join(root, 'eval-results'), { recursive: true });
  writeFileSync(path.join(root, 'eval-results', 'latest.json'), `${JSON.stringify(report, null, 1)}\n`);
  console.log('written to eval-results/latest.json');
}

main();
