// Stage 7: the whole extraction for one article, returning the project's own feature types, each item
// checked by the same domain rules the curated import and the store obey (quotes verbatim, dates
// supported by a quoted phrase or inferred with a basis, places with a radius). Pure apart from the
// gazetteer, which is loaded once per process.
import actorsJson from '../../data/actors.json';
import placesJson from '../../data/places.json';
import { finalizeEvent, finalizeMovement, type WriteLookup } from '../domain/features';
import { DomainError } from '../domain/rules';
import type { Actor, EventFeature, MovementFeature, Place, RawPlace, SourceClaim } from '../types';
import { findActors, type ActorMention } from './actors';
import { findDates, type DateSpanValue } from './dates';
import { foldName, loadGazetteer, type GazPlace, type Gazetteer } from './gazetteer';
import { findEvents, type ExtractedEvent } from './events';
import { findMovements, type ExtractedMovement } from './movements';
import { findPlaces, type ResolvedPlace } from './places';
import { splitSentences } from './sentences';
import { tokenize } from './tokens';
import { kindToCategory } from './triggers';

export const PIPELINE_VERSION = 'ingest@0.1.0';

/** Events below this confidence are dropped (chosen from the eval's precision/recall curve). */
export const DEFAULT_MIN_CONFIDENCE = 0.4;

export interface ArticleIn {
  id: string;
  title?: string;
  published: string;
  outlet?: string;
  url?: string;
  text: string;
}

export interface ExtractOptions {
  /** the known actors (default: data/actors.json) */
  actors?: readonly Actor[];
  /** known places the actors' bases refer to (default: data/places.json) */
  places?: readonly RawPlace[];
  minConfidence?: number;
  gazetteer?: Gazetteer;
}

export interface ExtractResult {
  events: EventFeature[];
  movements: MovementFeature[];
  /** actors the items name that the known table lacks: a writer stores these with the items */
  newActors: Actor[];
  warnings: string[];
  /** the stage outputs, for the eval's error analysis and the review UI */
  stages: Stages;
}

export interface Stages {
  sentences: ReturnType<typeof splitSentences>;
  dates: ReturnType<typeof findDates>;
  actors: ActorMention[];
  places: ReturnType<typeof findPlaces>;
  events: ExtractedEvent[];
  movements: ExtractedMovement[];
}

function slug(s: string): string {
  return foldName(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'x';
}

const CATEGORY_TITLE: Record<string, string> = {
  attack: 'Attack',
  killing: 'Killing',
  visit: 'Visit',
  meeting: 'Meeting',
  statement: 'Statement',
  diplomacy: 'Diplomatic move',
  arrest: 'Arrest',
  deployment: 'Deployment',
  protest: 'Protest',
  'arms-transfer': 'Arms transfer',
  political: 'Political decision',
  other: 'Incident',
};

export function extract(article: ArticleIn, opts: ExtractOptions = {}): ExtractResult {
  const gaz = opts.gazetteer ?? loadGazetteer();
  const table = opts.actors ?? (actorsJson as Actor[]);
  const knownPlaces = opts.places ?? (placesJson as RawPlace[]);
  const minConfidence = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const { text, published } = article;
  const warnings: string[] = [];

  const sentences = splitSentences(text);
  const tokens = tokenize(text);
  const dates = findDates(text, published);
  const actors = findActors(text, { actors: table, gazetteer: gaz }, tokens);
  const places = findPlaces(text, { gazetteer: gaz, actors }, tokens);
  const capitalOf = (code: string): ResolvedPlace | undefined => {
    const c = gaz.country(code)?.capital;
    return c ? { id: c.id, name: c.name, country: c.country, countryName: gaz.country(code)!.name, lat: c.lat, lng: c.lng, precision: 'city', radiusKm: 60 } : undefined;
  };
  const evs = findEvents({ text, published, sentences, dates, places, actors, capitalOf });
  const placeById = new Map(knownPlaces.map((p) => [p.id, p]));
  const tableBase = (a: Actor): GazPlace | undefined => {
    const p = a.base ? placeById.get(a.base) : undefined;
    if (!p) return undefined;
    return gaz.lookup(foldName(p.name)).find((g) => g.kind !== 'city' || g.capital) ?? gaz.lookup(foldName(p.name))[0];
  };
  const mvs = findMovements({ text, published, sentences, dates, places, actors, gazetteer: gaz, table, tableBase });

  // Actors: the table's entry when known, else a new record named as the text names it.
  const newActors = new Map<string, Actor>();
  const known = new Map(table.map((a) => [a.id, a]));
  const actorOf = (m: { name: string; kind: string; actorId?: string; country?: string; title?: string }): Actor => {
    if (m.actorId && known.has(m.actorId)) return known.get(m.actorId)!;
    const id = `x-${slug(m.name)}`;
    const existing = newActors.get(id);
    if (existing) return existing;
    const a: Actor = { id, name: m.name, role: m.title ?? m.kind, affiliation: m.country ? gaz.country(m.country)?.name ?? '' : '' };
    newActors.set(id, a);
    return a;
  };

  const lookup: WriteLookup = {
    articleText: (id) => (id === article.id ? text : undefined),
    hasActor: (id) => known.has(id) || newActors.has(id),
  };
  const articleSlug = slug(article.id);
  const claim = (q: { start: number; text: string; dateText?: string; date?: DateSpanValue; placeText?: string }): SourceClaim => ({
    article: article.id,
    headline: article.title ?? null,
    outlet: article.outlet ?? null,
    articleDate: published,
    quote: q.text,
    offset: q.start,
    ...(q.dateText && q.date ? { dateText: q.dateText, date: { start: q.date.start, end: q.date.end, precision: q.date.precision } } : {}),
    ...(q.placeText ? { placeText: q.placeText } : {}),
  });
  const place = (p: ResolvedPlace, inferred: boolean, basis?: string): Place => ({
    id: slug(p.id),
    name: p.name,
    country: p.countryName || p.name,
    lat: p.lat,
    lng: p.lng,
    precision: p.precision,
    radiusKm: p.radiusKm,
    inferred,
    ...(basis ? { basis } : {}),
  });

  const events: EventFeature[] = [];
  const used = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
  for (const e of evs) {
    if (e.confidence < minConfidence) continue;
    const category = kindToCategory(e.kind);
    const id = uniqueId(`${articleSlug}-${slug(e.kind)}-${slug(e.place.name)}-${e.date.start}`);
    const actorList = e.actors.map(actorOf);
    const names = actorList.map((a) => a.name);
    const feature: EventFeature = {
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: [e.place.lng, e.place.lat] },
      properties: {
        id,
        title: `${CATEGORY_TITLE[e.kind] ?? 'Event'} in ${e.place.name}${names.length ? ` (${names.slice(0, 2).join(', ')})` : ''}`,
        summary: e.quotes[0]!.text.length > 280 ? `${e.quotes[0]!.text.slice(0, 277)}…` : e.quotes[0]!.text,
        category,
        start: e.date.start,
        end: e.date.end,
        precision: e.date.precision,
        dateInferred: e.dateInferred,
        ...(e.dateBasis ? { dateBasis: e.dateBasis } : {}),
        place: place(e.place, e.placeInferred, e.placeBasis),
        actors: actorList,
        sources: e.quotes.map(claim),
        corroboration: 1,
        disputed: [],
        precisionDiffers: [],
        sourceType: 'article',
        extraction: { pipeline: PIPELINE_VERSION, confidence: round(e.confidence), kind: e.kind, review: 'unreviewed' },
      },
    };
    try {
      events.push(finalizeEvent(feature, lookup));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      warnings.push(`event dropped: ${err.message}`);
    }
  }

  const movements: MovementFeature[] = [];
  for (const m of mvs) {
    const id = uniqueId(`${articleSlug}-move-${slug(m.actor.name)}-${slug(m.destination.name)}-${m.date.start}`);
    const actor = 'actorId' in m.actor || m.actor.kind !== 'group' ? actorOf(m.actor as ActorMention) : actorOf({ name: m.actor.name, kind: 'group' });
    const feature: MovementFeature = {
      type: 'Feature',
      id,
      geometry: { type: 'LineString', coordinates: [] },
      properties: {
        id,
        kind: m.kind,
        title: `${actor.name} to ${m.destination.name}`,
        summary: m.quote.text.length > 280 ? `${m.quote.text.slice(0, 277)}…` : m.quote.text,
        status: 'reported',
        actors: [actor],
        origin: place(m.origin, m.originInferred, m.originBasis),
        destination: place(m.destination, false),
        via: [],
        start: m.date.start,
        end: m.date.end,
        precision: m.date.precision,
        dateInferred: m.dateInferred,
        ...(m.dateBasis ? { dateBasis: m.dateBasis } : {}),
        sources: [claim(m.quote)],
        corroboration: 1,
        extraction: { pipeline: PIPELINE_VERSION, confidence: round(m.confidence), review: 'unreviewed' },
      },
    };
    try {
      movements.push(finalizeMovement(feature, lookup));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      warnings.push(`movement dropped: ${err.message}`);
    }
  }

  if (sentences.length === 0) warnings.push('the text has no sentences');
  return { events, movements, newActors: [...newActors.values()], warnings, stages: { sentences, dates, actors, places, events: evs, movements: mvs } };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
