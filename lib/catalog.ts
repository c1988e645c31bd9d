// Turns the hand-curated files in data/ and the article texts in seeds/ into the served shapes.
// Every cross-reference is checked here (articles, actors, places, quotes, date phrases), so a broken
// curation fails at load and in tests instead of showing an unsupported dot on the map.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { articleTitle } from './articles';
import type { Interval } from './dates';
import { checkArticleDate, checkDatePhraseInQuote, checkDateSupport, checkPlace, corroboration, datesDisputed, DomainError, locateQuote, movementArc, resolveSourceDate } from './domain/rules';
import { comparePlaceClaims } from './place-claims';
import {
  ActorSchema,
  ArticleMetaSchema,
  RawEventSchema,
  RawMovementSchema,
  RawPlaceSchema,
  type Actor,
  type ArticleDetail,
  type ArticleMeta,
  type ContestableFact,
  type EventFeature,
  type EventProperties,
  type MovementFeature,
  type Place,
  type PlaceRef,
  type RawEvent,
  type RawMovement,
  type RawPlace,
  type RawSource,
  type SourceClaim,
} from './types';

export interface RawCatalog {
  articles: unknown;
  actors: unknown;
  places: unknown;
  events: unknown;
  movements: unknown;
  /** article id → full text */
  texts: Record<string, string>;
}

export interface Catalog {
  articles: ArticleDetail[];
  actors: Actor[];
  events: EventFeature[];
  movements: MovementFeature[];
}

/** The catalog's refusals are the domain's: one error type whichever writer tripped the rule. */
export const CatalogError = DomainError;
export type CatalogError = DomainError;

export function buildCatalog(raw: RawCatalog): Catalog {
  const metas = z.array(ArticleMetaSchema).parse(raw.articles);
  const actors = z.array(ActorSchema).parse(raw.actors);
  const places = z.array(RawPlaceSchema).parse(raw.places);
  const rawEvents = z.array(RawEventSchema).parse(raw.events);
  const rawMovements = z.array(RawMovementSchema).parse(raw.movements);

  const metaById = unique(metas, 'article');
  const actorById = unique(actors, 'actor');
  const placeById = unique(places, 'place');
  unique([...rawEvents, ...rawMovements], 'event or movement');
  for (const m of metas) {
    if (raw.texts[m.id] === undefined) throw new CatalogError(`article ${m.id} has no text in seeds/`);
    checkArticleDate(m, raw.texts[m.id]!);
  }

  // Date phrases may be relative to another happening ("two months later"): resolve against its span.
  const spans = new Map<string, Interval>();
  for (const r of [...rawEvents, ...rawMovements]) spans.set(r.id, r.date);

  const claim = (owner: string, s: RawSource): SourceClaim => {
    const meta = metaById.get(s.article);
    if (!meta) throw new CatalogError(`${owner}: unknown article ${s.article}`);
    const text = raw.texts[s.article]!;
    const offset = locateQuote(owner, s.article, text, s.quote);
    const out: SourceClaim = {
      article: s.article,
      headline: meta.headline,
      outlet: meta.outlet,
      articleDate: meta.date,
      quote: s.quote,
      offset,
    };
    if (s.placeText) out.placeText = s.placeText;
    if (s.dateText) {
      checkDatePhraseInQuote(owner, s.quote, s.dateText);
      const anchor = s.relativeTo ? spans.get(s.relativeTo) : meta.date;
      out.dateText = s.dateText;
      out.date = resolveSourceDate(owner, s.dateText, anchor, s.relativeTo);
    }
    return out;
  };

  const place = (owner: string, ref: PlaceRef): Place => {
    const p = placeById.get(ref.place);
    if (!p) throw new CatalogError(`${owner}: unknown place ${ref.place}`);
    // The map draws a country-level place as the basemap country of that name.
    if (p.precision === 'country' && p.name !== p.country) {
      throw new CatalogError(`place ${p.id}: a country-level place is named as its country ("${p.country}"), not "${p.name}"`);
    }
    const out: Place = { ...p, inferred: ref.inferred, ...(ref.basis ? { basis: ref.basis } : {}) };
    checkPlace(owner, out);
    return out;
  };

  // The place each source's wording names, so a difference of wording can be judged.
  const placeByName = new Map(places.map((p) => [p.name.toLowerCase(), p]));
  const namedPlace = (owner: string, s: RawSource): RawPlace | undefined => {
    if (s.place !== undefined) {
      const p = placeById.get(s.place);
      if (!p) throw new CatalogError(`${owner}: ${s.article} names unknown place ${s.place}`);
      return p;
    }
    return s.placeText === undefined ? undefined : placeByName.get(s.placeText.trim().toLowerCase());
  };

  const actorList = (owner: string, ids: string[]): Actor[] =>
    ids.map((id) => {
      const a = actorById.get(id);
      if (!a) throw new CatalogError(`${owner}: unknown actor ${id}`);
      return a;
    });

  const events: EventFeature[] = rawEvents.map((e) => eventFeature(e, claim, place, actorList, namedPlace));
  const movements: MovementFeature[] = rawMovements.map((m) => movementFeature(m, claim, place, actorList));

  const articles: ArticleDetail[] = metas.map((m) => ({
    ...m,
    displayTitle: articleTitle(m),
    text: raw.texts[m.id]!,
    eventIds: events.filter((e) => e.properties.sources.some((s) => s.article === m.id)).map((e) => e.properties.id),
    movementIds: movements.filter((e) => e.properties.sources.some((s) => s.article === m.id)).map((e) => e.properties.id),
  }));

  return { articles, actors, events, movements };
}

type ClaimFn = (owner: string, s: RawSource) => SourceClaim;
type PlaceFn = (owner: string, ref: PlaceRef) => Place;
type ActorsFn = (owner: string, ids: string[]) => Actor[];
type NamedPlaceFn = (owner: string, s: RawSource) => RawPlace | undefined;

function checkDate(owner: string, date: RawEvent['date'], sources: SourceClaim[]) {
  checkDateSupport(owner, date, sources);
}

/**
 * Where sources state a fact differently, kept visible rather than silently reconciled: a real
 * contradiction is a dispute; places that nest (Iran, Tehran) are only a difference of precision.
 */
function disagreements(owner: string, raw: RawSource[], sources: SourceClaim[], namedPlace: NamedPlaceFn): Pick<EventProperties, 'disputed' | 'precisionDiffers' | 'placeClaims'> {
  const disputed: ContestableFact[] = datesDisputed(sources) ? ['date'] : [];

  const named = raw.flatMap((s) => (s.placeText === undefined ? [] : [{ text: s.placeText, place: namedPlace(owner, s) }]));
  const wordings = new Set(named.map((n) => n.text.trim().toLowerCase()));
  if (wordings.size < 2) return { disputed, precisionDiffers: [] };
  const unknown = named.find((n) => !n.place);
  if (unknown) {
    throw new CatalogError(`${owner}: sources word the place differently and "${unknown.text}" is no place's name: give that source a "place" id so the places can be compared`);
  }
  const agreement = comparePlaceClaims(named.map((n) => ({ ...n.place!, text: n.text })));
  if (agreement.kind === 'conflict') disputed.push('place');
  const out: Pick<EventProperties, 'disputed' | 'precisionDiffers' | 'placeClaims'> = {
    disputed,
    precisionDiffers: agreement.kind === 'precision' ? ['place'] : [],
  };
  if (agreement.places.length > 1) out.placeClaims = agreement.places.map((p) => ({ text: p.text, name: p.name, precision: p.precision }));
  return out;
}

function eventFeature(e: RawEvent, claim: ClaimFn, place: PlaceFn, actors: ActorsFn, namedPlace: NamedPlaceFn): EventFeature {
  const sources = e.sources.map((s) => claim(e.id, s));
  checkDate(e.id, e.date, sources);
  const p = place(e.id, e.place);
  return {
    type: 'Feature',
    id: e.id,
    geometry: { type: 'Point', coordinates: [p.lng, p.lat] },
    properties: {
      id: e.id,
      title: e.title,
      summary: e.summary,
      category: e.category,
      start: e.date.start,
      end: e.date.end,
      precision: e.date.precision,
      dateInferred: e.date.inferred,
      ...(e.date.basis ? { dateBasis: e.date.basis } : {}),
      place: p,
      actors: actors(e.id, e.actors),
      sources,
      corroboration: corroboration(sources),
      ...disagreements(e.id, e.sources, sources, namedPlace),
    },
  };
}

function movementFeature(m: RawMovement, claim: ClaimFn, place: PlaceFn, actors: ActorsFn): MovementFeature {
  const sources = m.sources.map((s) => claim(m.id, s));
  checkDate(m.id, m.date, sources);
  const origin = place(m.id, m.origin);
  const destination = place(m.id, m.destination);
  const via = m.via.map((v) => place(m.id, v));
  return {
    type: 'Feature',
    id: m.id,
    geometry: movementArc([origin, ...via, destination]),
    properties: {
      id: m.id,
      kind: m.kind,
      title: m.title,
      summary: m.summary,
      status: m.status,
      actors: actors(m.id, m.actors),
      origin,
      destination,
      via,
      start: m.date.start,
      end: m.date.end,
      precision: m.date.precision,
      dateInferred: m.date.inferred,
      ...(m.date.basis ? { dateBasis: m.date.basis } : {}),
      ...(m.event ? { event: m.event } : {}),
      sources,
      corroboration: corroboration(sources),
    },
  };
}

function unique<T extends { id: string }>(items: T[], what: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const it of items) {
    if (map.has(it.id)) throw new CatalogError(`duplicate ${what} id ${it.id}`);
    map.set(it.id, it);
  }
  return map;
}

/** Reads data/ and seeds/ under `root` (the project root in dev, test and production). */
export function readRawCatalog(root = process.cwd()): RawCatalog {
  const json = (f: string): unknown => JSON.parse(readFileSync(path.join(root, 'data', f), 'utf8'));
  const texts: Record<string, string> = {};
  for (const f of readdirSync(path.join(root, 'seeds'))) {
    if (f.endsWith('.txt')) texts[f.slice(0, -4)] = readFileSync(path.join(root, 'seeds', f), 'utf8');
  }
  return {
    articles: json('articles.json'),
    actors: json('actors.json'),
    places: json('places.json'),
    events: json('events.json'),
    movements: json('movements.json'),
    texts,
  };
}

