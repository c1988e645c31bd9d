// The rules every writer obeys, as pure functions: the curated catalog, the database's write path and,
// later, article ingestion call these, so what makes a claim acceptable is written down once.
// Each check throws a DomainError naming the item ("owner") so a bad batch says what to fix.
import type { LineString } from 'geojson';
import { overlaps, resolveDatePhrase, type Interval } from '../dates';
import { greatCircleArc } from '../geo';
import type { DatePrecision, Place, SourceClaim } from '../types';

export class DomainError extends Error {
  override name = 'DomainError';
}

/** Where the quote starts in its article: it must be there character for character, or it is not a quote. */
export function locateQuote(owner: string, article: string, text: string, quote: string, hint?: number): number {
  // The recorded offset is tried first: a quote repeated in the text keeps pointing at the passage curated.
  if (hint !== undefined && hint >= 0 && text.startsWith(quote, hint)) return hint;
  const offset = text.indexOf(quote);
  if (offset < 0) throw new DomainError(`${owner}: quote not found verbatim in ${article}: "${quote}"`);
  return offset;
}

/** A date phrase is evidence only when the quoted sentence contains it. */
export function checkDatePhraseInQuote(owner: string, quote: string, dateText: string): void {
  if (!quote.toLowerCase().includes(dateText.toLowerCase())) {
    throw new DomainError(`${owner}: date phrase "${dateText}" is not in its quote`);
  }
}

/** Resolves a source's date phrase, refusing to guess when the phrase is not understood. */
export function resolveSourceDate(owner: string, dateText: string, anchor: string | Interval | undefined, anchorName?: string): Interval {
  if (!anchor) throw new DomainError(`${owner}: relativeTo ${anchorName ?? '(none)'} is unknown`);
  const resolved = resolveDatePhrase(dateText, anchor);
  if (!resolved) throw new DomainError(`${owner}: cannot resolve date phrase "${dateText}"`);
  return resolved;
}

/** An inferred fact without its reasoning cannot be checked by a reader, so it is refused. */
export function requireBasis(owner: string, what: string, inferred: boolean, basis: string | undefined): void {
  if (inferred && !basis?.trim()) throw new DomainError(`${owner}: an inferred ${what} needs a basis`);
}

export interface DatedFact {
  start: string;
  end: string;
  precision: DatePrecision;
  inferred: boolean;
  basis?: string;
}

/**
 * The curated date must be stated by some source (or be inferred with a basis), and no source may date
 * the happening outside it: a disagreement has to be visible in the span, never silently overridden.
 */
export function checkDateSupport(owner: string, date: DatedFact, sources: readonly Pick<SourceClaim, 'article' | 'date'>[], opts: { statedElsewhere?: boolean } = {}): void {
  if (date.start > date.end) throw new DomainError(`${owner}: start after end`);
  requireBasis(owner, 'date', date.inferred, date.basis);
  const dated = sources.filter((s) => s.date);
  if (!date.inferred && dated.length === 0 && !opts.statedElsewhere) {
    throw new DomainError(`${owner}: no source states the date; mark it inferred with a basis`);
  }
  for (const s of dated) {
    if (!overlaps(s.date!, date)) throw new DomainError(`${owner}: ${s.article} dates it ${s.date!.start}..${s.date!.end}, outside ${date.start}..${date.end}`);
  }
}

/** Region and country places are drawn as areas, so they need a radius; inferred places need a basis. */
export function checkPlace(owner: string, p: Pick<Place, 'id' | 'precision' | 'radiusKm' | 'inferred' | 'basis' | 'lat' | 'lng'>): void {
  if (!(Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180)) throw new DomainError(`${owner}: place ${p.id} has no valid coordinates`);
  if ((p.precision === 'region' || p.precision === 'country') && !p.radiusKm) {
    throw new DomainError(`place ${p.id}: ${p.precision} precision needs radiusKm`);
  }
  requireBasis(`${owner}: place ${p.id}`, 'place', p.inferred, p.basis);
}

/**
 * Corroboration counts distinct articles: two quotes from one article are one witness, and a
 * syndicated copy of a wire text is the same witness as the article it copies.
 */
export function corroboration(sources: readonly { article: string; syndicatedOf?: string }[]): number {
  return new Set(sources.map((s) => s.syndicatedOf ?? s.article)).size;
}

/** Which facts the sources state differently: kept visible rather than silently reconciled. */
/** Sources whose own dates do not overlap contradict each other: a dispute shown, never reconciled. */
export function datesDisputed(sources: readonly Pick<SourceClaim, 'date'>[]): boolean {
  const dated = sources.filter((s) => s.date);
  return dated.some((a) => dated.some((b) => !overlaps(a.date!, b.date!)));
}

/** The drawn path of a movement: great-circle legs through every stop, derived, never stored by hand. */
export function movementArc(stops: readonly Pick<Place, 'lng' | 'lat'>[]): LineString {
  return greatCircleArc(stops.map((p) => [p.lng, p.lat]));
}

/** Quote, offset and date phrase of one source, checked against the article text it claims to cite. */
export function checkSourceClaim(owner: string, s: SourceClaim, text: string | undefined): SourceClaim {
  if (text === undefined) throw new DomainError(`${owner}: unknown article ${s.article}`);
  const offset = locateQuote(owner, s.article, text, s.quote, s.offset);
  if (s.dateText !== undefined) {
    checkDatePhraseInQuote(owner, s.quote, s.dateText);
    if (!s.date) throw new DomainError(`${owner}: date phrase "${s.dateText}" has no resolved date`);
  }
  return offset === s.offset ? s : { ...s, offset };
}

/** A stated publication date must be quoted from the text itself. */
export function checkArticleDate(article: { id: string; dateStatus: 'stated' | 'inferred'; dateBasis: string }, text: string): void {
  if (article.dateStatus === 'stated' && !text.includes(article.dateBasis)) {
    throw new DomainError(`article ${article.id}: stated date "${article.dateBasis}" is not in its text`);
  }
  requireBasis(`article ${article.id}`, 'date', article.dateStatus === 'inferred', article.dateBasis);
}
