// The one door to the data. Routes, pages and the preview renderer read through `getStore()`, so a
// SQLite or PostGIS store can replace the in-memory one without touching them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildCatalog, readRawCatalog, type Catalog } from './catalog';
import { matchesEvent, matchesMovement, type Filter } from './filters';
import type { Actor, ArticleDetail, ArticleSummary, EventFeature, MovementFeature } from './types';

export interface DataExtent {
  start: string;
  end: string;
}

export interface Store {
  /** changes whenever the data changes: the base of every ETag */
  readonly version: string;
  listEvents(filter: Filter): Promise<EventFeature[]>;
  getEvent(id: string): Promise<EventFeature | null>;
  listMovements(filter: Filter): Promise<MovementFeature[]>;
  getMovement(id: string): Promise<MovementFeature | null>;
  listArticles(): Promise<ArticleSummary[]>;
  getArticle(id: string): Promise<ArticleDetail | null>;
  listActors(): Promise<Actor[]>;
  extent(): Promise<DataExtent>;
}

export class MemoryStore implements Store {
  readonly version: string;
  private readonly eventById: Map<string, EventFeature>;
  private readonly movementById: Map<string, MovementFeature>;
  /** events sorted by start, so a date filter skips everything that starts after `to` */
  private readonly byStart: EventFeature[];
  private readonly span: DataExtent;

  constructor(private readonly catalog: Catalog, extraEvents: EventFeature[] = []) {
    const events = [...catalog.events, ...extraEvents];
    this.eventById = new Map(events.map((e) => [e.properties.id, e]));
    this.movementById = new Map(catalog.movements.map((m) => [m.properties.id, m]));
    this.byStart = [...events].sort((a, b) => (a.properties.start < b.properties.start ? -1 : a.properties.start > b.properties.start ? 1 : 0));
    this.version = createHash('sha1')
      .update(JSON.stringify([catalog.events, catalog.movements, catalog.articles.map((a) => a.id)]))
      .update(String(extraEvents.length))
      .digest('hex')
      .slice(0, 16);
    // The store never changes after construction, so neither does its span.
    let start = '9999-12-31';
    let end = '0000-01-01';
    for (const f of [...events, ...catalog.movements]) {
      if (f.properties.start < start) start = f.properties.start;
      if (f.properties.end > end) end = f.properties.end;
    }
    this.span = { start, end };
  }

  async listEvents(filter: Filter): Promise<EventFeature[]> {
    const out: EventFeature[] = [];
    const end = filter.to ? upperBound(this.byStart, filter.to) : this.byStart.length;
    for (let i = 0; i < end; i++) {
      const e = this.byStart[i]!;
      if (matchesEvent(e.properties, e.geometry.coordinates, filter)) out.push(e);
    }
    return out;
  }

  async getEvent(id: string) {
    return this.eventById.get(id) ?? null;
  }

  async listMovements(filter: Filter) {
    return this.catalog.movements.filter((m) => matchesMovement(m.properties, m.geometry.coordinates, filter));
  }

  async getMovement(id: string) {
    return this.movementById.get(id) ?? null;
  }

  async listArticles(): Promise<ArticleSummary[]> {
    return this.catalog.articles.map(({ text: _text, ...summary }) => summary);
  }

  async getArticle(id: string) {
    return this.catalog.articles.find((a) => a.id === id) ?? null;
  }

  async listActors() {
    return this.catalog.actors;
  }

  async extent(): Promise<DataExtent> {
    return this.span;
  }
}

/** First index whose start is after `to`. */
function upperBound(sorted: EventFeature[], to: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.properties.start <= to) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

let store: Store | undefined;

/**
 * The process-wide store. SITUATION_MAP_EXTRA_EVENTS may name a JSON file of extra event features
 * (the benchmark's synthetic load); they are served alongside the curated ones.
 */
export function getStore(): Store {
  if (!store) {
    const extraPath = process.env.SITUATION_MAP_EXTRA_EVENTS;
    const extra = extraPath ? (JSON.parse(readFileSync(extraPath, 'utf8')) as EventFeature[]) : [];
    store = new MemoryStore(buildCatalog(readRawCatalog()), extra);
  }
  return store;
}
