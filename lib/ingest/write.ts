// The pipeline's last stage: a checked article request becomes one store write. Duplicates are refused
// before any work, extracted events that report a happening the store already holds become further
// sources of it instead of copies, and the article, its new events and movements and its claims on
// existing events land in one transaction, or nothing does.
import { addDays } from '../dates';
import { articleTextHash, type ArticleInput } from '../domain/features';
import { StaleRevisionError, type Store } from '../store/contract';
import type { Actor, EventFeature, MovementFeature, SourceClaim } from '../types';
import { haversineKm } from './geo-distance';
import { extract, type ExtractOptions } from './pipeline';
import { parseArticleRequest, type ArticleRequest } from './request';

export const INGEST_ORIGIN = 'ingest';
/** Two reports of one happening name its place at different precision: never closer than this. */
export const MERGE_MIN_KM = 50;
/** How far apart (days) two reports' dates may be and still be one happening. */
export const MERGE_DATE_SLACK_DAYS = 1;
/** Word 5-shingle Jaccard at or above which two texts are one wire story carried twice. */
export const SYNDICATION_JACCARD = 0.8;
/** Candidates are searched this far out at least, so a stored event's large radius can still match. */
const SEARCH_KM = 600;

export type IngestErrorKind = 'invalid' | 'duplicate' | 'refused';

/** An article the store will not take, with the reason a user can act on. */
export class IngestError extends Error {
  override name = 'IngestError';
  readonly kind: IngestErrorKind;
  readonly issues: { path: string; message: string }[];
  /** for a duplicate: the stored article */
  readonly existing: string | undefined;
  /**
   * for a duplicate: 'text' when the stored article has this very text (a re-run may count it as done),
   * 'url' when only the URL is taken (a different text: a conflict someone must look at)
   */
  readonly duplicateOf: 'text' | 'url' | undefined;
  constructor(kind: IngestErrorKind, message: string, opts: { issues?: { path: string; message: string }[]; existing?: string; duplicateOf?: 'text' | 'url' } = {}) {
    super(message);
    this.kind = kind;
    this.issues = opts.issues ?? [];
    this.existing = opts.existing;
    this.duplicateOf = opts.duplicateOf;
  }
  /** HTTP status for the API: 400 bad input, 409 already stored, 422 well-formed but breaking a domain rule */
  get status(): 400 | 409 | 422 {
    return this.kind === 'invalid' ? 400 : this.kind === 'duplicate' ? 409 : 422;
  }
  /** By name: Next may bundle this module more than once. */
  static is(e: unknown): e is IngestError {
    return e instanceof Error && e.name === 'IngestError';
  }
}

export interface IngestedEvent {
  id: string;
  /** true when the article became a further source of an event already stored */
  merged: boolean;
  /** set when this article is a syndicated copy of one the merged event already cites */
  syndicatedOf?: string;
}

export interface IngestResult {
  articleId: string;
  events: IngestedEvent[];
  /** merged: the article became a further source of a stored movement reporting the same trip */
  movements: IngestedEvent[];
  warnings: string[];
  revision: string;
}

export interface IngestOptions {
  origin?: string;
  extract?: ExtractOptions;
}

/** The article's id: from its text, so the same text always gets the same id. */
export function articleIdFor(text: string): string {
  return `ingest-${articleTextHash(text).slice(0, 16)}`;
}

/** Validates, checks for duplicates, extracts, merges and writes one article. */
export async function ingestArticle(store: Store, body: unknown, opts: IngestOptions = {}): Promise<IngestResult> {
  const parsed = parseArticleRequest(body);
  if (!parsed.ok) throw new IngestError('invalid', parsed.error, { issues: parsed.issues });
  const req = parsed.article;

  const articleId = articleIdFor(req.text);
  let extracted: ReturnType<typeof extract> | undefined;
  // What is stored decides the write (is the article new, which events it merges into), so the write is
  // made only if the store has not changed since those reads; another writer (a concurrent request, the
  // CLI beside the server) moving it on sends the article round again. Extraction reads nothing stored
  // and is done once.
  for (let attempt = 1; ; attempt++) {
    const revision = await store.revision();
    await refuseDuplicate(store, req);
    extracted ??= extract({ id: articleId, published: req.published, text: req.text, title: req.title, ...(req.outlet ? { outlet: req.outlet } : {}), ...(req.url ? { url: req.url } : {}) }, opts.extract);

    const syndication = new SyndicationCheck(store, req.text);
    const events = await mergeWithStored(extracted.events, (e) => findSameHappening(store, e), syndication);
    const movements = await mergeWithStored(extracted.movements, (m) => findSameTrip(store, m), syndication);

    let write;
    try {
      write = await store.writeBatch({
        origin: opts.origin ?? INGEST_ORIGIN,
        articles: [articleInput(articleId, req)],
        actors: await actorsToWrite(store, extracted.newActors, [...events.fresh, ...movements.fresh]),
        events: events.fresh,
        movements: movements.fresh,
        sources: events.claims.map(({ target, claim }) => ({ event: target, claim })),
        movementSources: movements.claims.map(({ target, claim }) => ({ movement: target, claim })),
        ifRevision: revision,
      });
    } catch (e) {
      // Each round trip is a few milliseconds of reads; only a store written to without pause keeps moving.
      if (StaleRevisionError.is(e) && attempt < MAX_WRITE_ATTEMPTS) continue;
      // The extractor only emits items the domain rules accept; a refusal here is still the article's, not the server's.
      if (e instanceof Error && e.name === 'DomainError') throw new IngestError('refused', `the store refused the article: ${e.message}`);
      throw e;
    }
    return { articleId, events: events.results, movements: movements.results, warnings: extracted.warnings, revision: write.revision };
  }
}

/**
 * Extracted items that report something already stored become further sources of it (marked as a
 * syndicated copy when the article copies one the stored item cites); the rest are written new.
 */
async function mergeWithStored<F extends { properties: { id: string; sources: SourceClaim[] } }>(items: readonly F[], findSame: (f: F) => Promise<{ properties: { id: string; sources: SourceClaim[] } } | null>, syndication: SyndicationCheck) {
  const fresh: F[] = [];
  const claims: { target: string; claim: SourceClaim }[] = [];
  const results: IngestedEvent[] = [];
  for (const f of items) {
    const match = await findSame(f);
    if (!match) {
      fresh.push(f);
      results.push({ id: f.properties.id, merged: false });
      continue;
    }
    const copyOf = await syndication.copyOf(match);
    for (const claim of f.properties.sources) claims.push({ target: match.properties.id, claim: copyOf ? { ...claim, syndicatedOf: copyOf } : claim });
    results.push({ id: match.properties.id, merged: true, ...(copyOf ? { syndicatedOf: copyOf } : {}) });
  }
  return { fresh, claims, results };
}

/** How often an article is sent round again when other writers keep moving the store on. */
const MAX_WRITE_ATTEMPTS = 50;

async function refuseDuplicate(store: Store, req: ArticleRequest): Promise<void> {
  const sameText = await store.findArticle({ text: req.text });
  if (sameText) throw new IngestError('duplicate', `this text is already stored as article ${sameText}`, { existing: sameText, duplicateOf: 'text' });
  if (req.url) {
    const sameUrl = await store.findArticle({ url: req.url });
    if (sameUrl) throw new IngestError('duplicate', `an article from ${req.url} is already stored as ${sameUrl}`, { existing: sameUrl, duplicateOf: 'url' });
  }
}

function articleInput(id: string, req: ArticleRequest): ArticleInput {
  return {
    id,
    headline: req.title,
    outlet: req.outlet ?? null,
    author: null,
    date: req.published,
    // The date comes with the submission, not from the text, so it is an inference with that basis.
    dateStatus: 'inferred',
    dateBasis: 'publication date given when the article was submitted',
    ...(req.url ? { url: req.url } : {}),
    text: req.text,
  };
}

/** New actors, plus any the items name that this store lacks (one opened without the curated set). */
async function actorsToWrite(store: Store, newActors: Actor[], items: { properties: { actors: Actor[] } }[]): Promise<Actor[]> {
  const known = new Set((await store.actors()).map((a) => a.id));
  const out = new Map(newActors.map((a) => [a.id, a]));
  for (const f of items) for (const a of f.properties.actors) if (!known.has(a.id) && !out.has(a.id)) out.set(a.id, a);
  return [...out.values()];
}

/**
 * The stored event that reports the same happening: dates within a day of each other, places within
 * the larger of the two radii (at least MERGE_MIN_KM), the same category, and a shared actor unless
 * either names none. The nearest wins, then the one sharing most actors.
 */
export async function findSameHappening(store: Store, e: EventFeature): Promise<EventFeature | null> {
  const p = e.properties;
  const candidates = await store.events(
    { from: addDays(p.start, -MERGE_DATE_SLACK_DAYS), to: addDays(p.end, MERGE_DATE_SLACK_DAYS), categories: [p.category], bbox: searchBox(p.place.lat, p.place.lng, Math.max(SEARCH_KM, p.place.radiusKm ?? 0)) },
    { limit: 500, fields: 'full' },
  );
  let best: { f: EventFeature; km: number; shared: number } | null = null;
  for (const c of candidates.items) {
    const q = c.properties;
    const km = haversineKm(p.place.lat, p.place.lng, q.place.lat, q.place.lng);
    if (km > Math.max(MERGE_MIN_KM, p.place.radiusKm ?? 0, q.place.radiusKm ?? 0)) continue;
    const shared = p.actors.filter((a) => q.actors.some((b) => sameActor(a, b))).length;
    if (p.actors.length && q.actors.length && shared === 0) continue;
    if (!best || km < best.km - 1e-9 || (Math.abs(km - best.km) <= 1e-9 && shared > best.shared)) best = { f: c, km, shared };
  }
  return best?.f ?? null;
}

/**
 * The stored movement that reports the same trip: the same kind, dates within a day of each other, the
 * destination within the larger of its radii (at least MERGE_MIN_KM) and a shared traveller. The
 * origin may differ: a second article may state what the first inferred.
 */
export async function findSameTrip(store: Store, m: MovementFeature): Promise<MovementFeature | null> {
  const p = m.properties;
  const candidates = await store.movements({ from: addDays(p.start, -MERGE_DATE_SLACK_DAYS), to: addDays(p.end, MERGE_DATE_SLACK_DAYS), kinds: [p.kind] });
  let best: { f: MovementFeature; km: number } | null = null;
  for (const c of candidates) {
    const q = c.properties;
    const km = haversineKm(p.destination.lat, p.destination.lng, q.destination.lat, q.destination.lng);
    if (km > Math.max(MERGE_MIN_KM, p.destination.radiusKm ?? 0, q.destination.radiusKm ?? 0)) continue;
    if (!p.actors.some((a) => q.actors.some((b) => sameActor(a, b)))) continue;
    if (!best || km < best.km) best = { f: c, km };
  }
  return best?.f ?? null;
}

/**
 * One actor as two reports name it: the same id, or one name's words all within the other's
 * ("police" and "Kenyan police"), since an extractor names an actor the table lacks as the text does.
 */
export function sameActor(a: Actor, b: Actor): boolean {
  if (a.id === b.id) return true;
  const words = (x: Actor) => new Set(x.name.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const [wa, wb] = [words(a), words(b)];
  if (!wa.size || !wb.size) return false;
  const [small, large] = wa.size <= wb.size ? [wa, wb] : [wb, wa];
  return [...small].every((w) => large.has(w));
}

function searchBox(lat: number, lng: number, km: number): [number, number, number, number] {
  const dLat = km / 111.2;
  const s = Math.max(-90, lat - dLat);
  const n = Math.min(90, lat + dLat);
  const cos = Math.cos((Math.min(89, Math.abs(lat) + dLat) * Math.PI) / 180);
  const dLng = km / (111.2 * Math.max(cos, 1e-6));
  if (dLng >= 180) return [-180, s, 180, n];
  const wrap = (x: number) => ((((x + 180) % 360) + 360) % 360) - 180;
  // west > east is a box across the antimeridian
  return [wrap(lng - dLng), s, wrap(lng + dLng), n];
}

/** The set of word 5-grams of a text, the usual unit for near-duplicate detection. */
export function shingles(text: string, n = 5): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  if (words.length < n) {
    if (words.length) out.add(words.join(' '));
    return out;
  }
  for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(' '));
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Whether the new article is a copy of one a stored event already cites; texts read once per ingest. */
class SyndicationCheck {
  private readonly mine: Set<string>;
  private readonly verdicts = new Map<string, boolean>();
  constructor(
    private readonly store: Store,
    text: string,
  ) {
    this.mine = shingles(text);
  }

  /** The original the copy counts as (a copy of a copy counts as the first), or undefined. */
  async copyOf(event: { properties: { sources: SourceClaim[] } }): Promise<string | undefined> {
    const seen = new Set<string>();
    for (const s of event.properties.sources as SourceClaim[]) {
      if (seen.has(s.article)) continue;
      seen.add(s.article);
      let same = this.verdicts.get(s.article);
      if (same === undefined) {
        const text = (await this.store.getArticle(s.article))?.text;
        same = text !== undefined && jaccard(this.mine, shingles(text)) >= SYNDICATION_JACCARD;
        this.verdicts.set(s.article, same);
      }
      if (same) return s.syndicatedOf ?? s.article;
    }
    return undefined;
  }
}
