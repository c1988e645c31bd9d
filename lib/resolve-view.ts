// The one step from a parsed permalink to the state the page draws: dates clamped to the data,
// the default range filled in, ids the data does not know dropped. The server render, client
// navigation and Back/Forward all call it, so the same URL and the same data give the same view.
import { clampRange, type DateRange } from './timeline';
import type { UrlState } from './url-state';

/** What resolving needs to know of the data; small, so the server can hand it to the client. */
export interface DataFacts {
  /** the span of all data */
  domain: DateRange;
  /** the crisis window: the range a link without dates opens on */
  defaultRange: DateRange;
  actorIds: readonly string[];
}

/** The facts with their domain widened to take in a span (new data never narrows what a page may show). */
export function widenDomain(facts: DataFacts, span: DateRange): DataFacts {
  if (span.from >= facts.domain.from && span.to <= facts.domain.to) return facts;
  return { ...facts, domain: { from: span.from < facts.domain.from ? span.from : facts.domain.from, to: span.to > facts.domain.to ? span.to : facts.domain.to } };
}

/** Whether an event or movement id exists. The client, which cannot ask the store synchronously,
 * answers yes and drops an id when fetching it answers 404. */
export interface KnownIds {
  event(id: string): boolean;
  movement(id: string): boolean;
}

export const ASSUME_KNOWN: KnownIds = { event: () => true, movement: () => true };

export interface ResolvedView {
  /** canonical: what the address bar shows */
  state: UrlState;
  /** the range the page filters by: the link's, clamped to the data, else the crisis window */
  range: DateRange;
}

export function resolveView(raw: UrlState, facts: DataFacts, known: KnownIds): ResolvedView {
  const state: UrlState = { ...raw };
  const range = clampRange({ from: raw.from ?? facts.defaultRange.from, to: raw.to ?? facts.defaultRange.to }, facts.domain);
  // A link without dates keeps following the data's default window as the data grows; a link
  // with either end is pinned to both, so resolving its canonical form again gives the same range.
  if (raw.from || raw.to) Object.assign(state, range);
  if (raw.actor && !facts.actorIds.includes(raw.actor)) delete state.actor;
  if (raw.event && !known.event(raw.event)) delete state.event;
  if (raw.movement && !known.movement(raw.movement)) delete state.movement;
  return { state, range };
}
