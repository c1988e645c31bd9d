// The write path's gate: a feature arriving from any writer is checked against the domain rules and its
// derived fields (geometry, corroboration, datesDisputed, quote offsets) are recomputed, so a stored feature
// never carries a stale or hand-edited derivation.
import { createHash } from 'node:crypto';
import { isIsoDate } from '../dates';
import { CATEGORIES, DATE_PRECISIONS, MOVEMENT_KINDS, type Actor, type ArticleDetail, type EventFeature, type MovementFeature, type Place } from '../types';
import { checkArticleDate, checkDateSupport, checkPlace, checkSourceClaim, corroboration, datesDisputed, DomainError, movementArc } from './rules';

/** What a writer sends for an article: the detail without the derived back-references. */
/** displayTitle is derived from headline, outlet and date when read, never stored. */
export type ArticleInput = Omit<ArticleDetail, 'eventIds' | 'movementIds' | 'displayTitle'>;

export interface WriteLookup {
  /** the article's full text, from the same batch or already stored */
  articleText(id: string): string | undefined;
  /** whether an actor id is known (same batch or stored) */
  hasActor(id: string): boolean;
}

/**
 * What makes two article texts the same article: equal after whitespace is normalised (a re-paste
 * that gained a trailing newline or re-wrapped lines is still a duplicate).
 */
export function articleTextHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim(), 'utf8').digest('hex');
}

const ID_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function checkId(kind: string, id: string): void {
  if (!ID_RE.test(id) || id.length > 128) throw new DomainError(`${kind} id "${id}" must be a kebab-case slug`);
}

function checkDates(owner: string, start: string, end: string): void {
  if (!isIsoDate(start) || !isIsoDate(end)) throw new DomainError(`${owner}: dates must be real YYYY-MM-DD dates`);
}

function checkActors(owner: string, actors: readonly Actor[], lookup: WriteLookup): void {
  for (const a of actors) if (!lookup.hasActor(a.id)) throw new DomainError(`${owner}: unknown actor ${a.id}`);
}

export function finalizeArticle(a: ArticleInput): ArticleInput {
  // Article ids are file stems (`000_4281fd604d241ad1`), so underscores are allowed here.
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(a.id)) throw new DomainError(`article id "${a.id}" is not a file-safe name`);
  if (!isIsoDate(a.date)) throw new DomainError(`article ${a.id}: date must be YYYY-MM-DD`);
  checkArticleDate(a, a.text);
  return a;
}

export function finalizeActor(a: Actor): Actor {
  checkId('actor', a.id);
  if (!a.name.trim()) throw new DomainError(`actor ${a.id}: needs a name`);
  return a;
}

export function finalizeEvent(f: EventFeature, lookup: WriteLookup): EventFeature {
  const p = f.properties;
  const owner = p.id;
  checkId('event', p.id);
  if (!(CATEGORIES as readonly string[]).includes(p.category)) throw new DomainError(`${owner}: unknown category ${p.category}`);
  if (!(DATE_PRECISIONS as readonly string[]).includes(p.precision)) throw new DomainError(`${owner}: unknown precision ${p.precision}`);
  checkDates(owner, p.start, p.end);
  checkPlace(owner, p.place);
  checkActors(owner, p.actors, lookup);
  const sourceType = p.sourceType ?? 'article';
  // Only the date fields: spreading the whole properties object per event showed in the import profile.
  const date = { start: p.start, end: p.end, precision: p.precision, inferred: p.dateInferred, basis: p.dateBasis };
  const sources = p.sources.map((s) => checkSourceClaim(owner, s, lookup.articleText(s.article)));
  let corr: number;
  if (sourceType === 'feed') {
    const feeds = p.feedSources ?? [];
    if (feeds.length === 0) throw new DomainError(`${owner}: a feed event needs at least one feed record`);
    // The feed itself dates the record, so no quoted date is required.
    checkDateSupport(owner, date, sources, { statedElsewhere: true });
    corr = new Set(feeds.map((s) => s.url)).size + corroboration(sources);
  } else {
    if (sources.length === 0) throw new DomainError(`${owner}: an article event needs at least one quoted source`);
    checkDateSupport(owner, date, sources);
    corr = corroboration(sources);
  }
  return {
    type: 'Feature',
    id: p.id,
    geometry: { type: 'Point', coordinates: [p.place.lng, p.place.lat] },
    // Whether differently named places nest or conflict needs the places themselves: the writer that
    // knows them (the curated catalog, the gazetteer) judges it; dates are judged here.
    properties: { ...p, sources, corroboration: corr, disputed: [...(datesDisputed(sources) ? ['date' as const] : []), ...(p.disputed?.includes('place') ? ['place' as const] : [])], precisionDiffers: p.precisionDiffers ?? [], sourceType },
  };
}

export function finalizeMovement(f: MovementFeature, lookup: WriteLookup): MovementFeature {
  const p = f.properties;
  const owner = p.id;
  checkId('movement', p.id);
  if (!(MOVEMENT_KINDS as readonly string[]).includes(p.kind)) throw new DomainError(`${owner}: unknown kind ${p.kind}`);
  checkDates(owner, p.start, p.end);
  const stops: Place[] = [p.origin, ...p.via, p.destination];
  for (const s of stops) checkPlace(owner, s);
  checkActors(owner, p.actors, lookup);
  if (p.sources.length === 0) throw new DomainError(`${owner}: a movement needs at least one quoted source`);
  const sources = p.sources.map((s) => checkSourceClaim(owner, s, lookup.articleText(s.article)));
  checkDateSupport(owner, { ...p, inferred: p.dateInferred, basis: p.dateBasis }, sources);
  return {
    type: 'Feature',
    id: p.id,
    geometry: movementArc(stops),
    properties: { ...p, sources, corroboration: corroboration(sources) },
  };
}
