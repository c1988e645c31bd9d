// The one query interface every store implements (SQLite now, PostGIS later). It answers views — a page,
// a count, clusters for a viewport, a histogram for a window — rather than handing out whole collections,
// so a million events never cross the wire or the heap at once. Nothing here names a database type.
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { Bbox } from '../bbox';
import type { ArticleInput } from '../domain/features';
import type { EventSummary } from '../events';
import type { Actor, ArticleDetail, ArticleSummary, Category, DatePrecision, EventFeature, MovementFeature, MovementKind, PlacePrecision, ReviewState, SourceClaim, SourceType } from '../types';

export interface EventQuery {
  /** inclusive YYYY-MM-DD; an event matches when its [start, end] overlaps [from, to] */
  from?: string;
  to?: string;
  /** west,south,east,north; west > east crosses the antimeridian */
  bbox?: Bbox;
  /** map zoom; only clusters() reads it */
  zoom?: number;
  categories?: Category[];
  /** any of these actors */
  actors?: string[];
  /**
   * Every word must match the start of a word in the title, summary, place name or country, an actor's
   * name or a quote (word-prefix, case- and diacritic-insensitive: "tehr" finds Tehran, "ehran" does not,
   * unlike lib/filters.ts's substring test). A q with no letters or digits constrains nothing.
   */
  q?: string;
  sourceTypes?: SourceType[];
  /** machine-extracted items nobody has reviewed yet (default true: the map draws them, marked) */
  unreviewed?: boolean;
  /** rejected items are kept so a rejection can be undone, but no read shows them unless asked */
  rejected?: boolean;
}

export interface MovementQuery extends Omit<EventQuery, 'zoom' | 'sourceTypes'> {
  kinds?: MovementKind[];
}

export type EventFields = 'summary' | 'full';

/** The light map/list view plus where its evidence comes from. */
export interface StoreEventSummary extends EventSummary {
  sourceType: SourceType;
}
export type StoreEventSummaryFeature = Feature<Point, StoreEventSummary>;

export interface PageOptions {
  /** opaque, from a previous page's nextCursor (only valid with the same query and order) */
  cursor?: string;
  limit: number;
  /** events only: (start, id) ascending by default; 'desc' pages newest first (the list's order) */
  order?: 'asc' | 'desc';
}
export interface Page<T> {
  items: T[];
  /** null on the last page */
  nextCursor: string | null;
}

export interface ClusterProperties {
  cluster: true;
  /** pass to clusterLeaves() with the same query */
  clusterId: string;
  pointCount: number;
  /** zoom at which this cluster first splits (or null when all its events share one place) */
  expansionZoom: number | null;
  /** how many of its events were machine-extracted and nobody has reviewed yet */
  unreviewed: number;
}
export type ClusterFeature = Feature<Point, ClusterProperties>;
/** A viewport's events: clusters where events are dense, single events (summary view) elsewhere. */
export type ClusterCollection = FeatureCollection<Point, ClusterProperties | StoreEventSummary>;

/**
 * The window and its bins: every `binDays` days from `from`, or starting on the given days (ascending,
 * YYYY-MM-DD; `from` always starts the first bin, days outside the window or out of order are ignored).
 * The timeline asks for the bins it draws (lib/timeline histogramBins), which vary on its log axes.
 */
export type HistogramOptions = { from: string; to: string } & ({ binDays: number } | { binStarts: readonly string[] });
export interface StoreHistogramBin {
  from: string;
  to: string;
  total: number;
  counts: Partial<Record<Category, number>>;
}
/** Week/month/year-precision events sharing one interval and category, drawn as one span. */
export interface StoreHistogramSpan {
  start: string;
  end: string;
  precision: Exclude<DatePrecision, 'day'>;
  category: Category;
  count: number;
}
/**
 * lib/timeline.ts histogram semantics: day-precision events are counted in every bin their interval
 * touches; coarser events would be a false precision on one day, so they come back as spans (grouped,
 * since a million events share few distinct months).
 */
export interface StoreHistogram {
  window: { from: string; to: string };
  /** 0 when the bins were given as binStarts */
  binDays: number;
  bins: StoreHistogramBin[];
  spans: StoreHistogramSpan[];
  maxTotal: number;
}

export interface DataExtent {
  start: string;
  end: string;
}

export interface WriteBatch {
  /** who writes ('curated', 'gdelt', 'synthetic', an ingester's name): replaceOrigin works per origin */
  origin: string;
  /** remove everything this origin wrote before, in the same transaction */
  replaceOrigin?: boolean;
  articles?: ArticleInput[];
  actors?: Actor[];
  /** checked by lib/domain; derived fields (geometry, corroboration, disputes, offsets) are recomputed */
  events?: EventFeature[];
  movements?: MovementFeature[];
  /**
   * claims attached to events already stored (or in this batch) whatever origin wrote them: how an
   * ingested article becomes a further source of an event it reports. Owned by this batch's origin, so
   * replacing the event's own origin keeps them and replacing this origin removes them.
   */
  sources?: AttachedSource[];
  /** the same for movements */
  movementSources?: AttachedMovementSource[];
  /** meta entries written in the same transaction (e.g. the content hashes of imported files); null deletes */
  meta?: Record<string, string | null>;
  /**
   * write only if the store is still at this revision (checked under the write lock), else a
   * StaleRevisionError and nothing written: a writer that decided what to write from earlier reads
   * (is this article new? which stored event does it merge into?) redoes them instead of acting on a
   * store another writer, in this process or another, has changed since
   */
  ifRevision?: string;
}
export interface AttachedSource {
  event: string;
  claim: SourceClaim;
}
/** An article's claim on a movement some origin wrote: the same trip, reported again. */
export interface AttachedMovementSource {
  movement: string;
  claim: SourceClaim;
}

export type { ReviewState };
export interface ReviewEdit {
  start?: string;
  end?: string;
  precision?: DatePrecision;
  place?: { name: string; lat: number; lng: number; precision: PlacePrecision; radiusKm?: number };
  category?: Category;
  /** actor ids, every one already known to the store */
  actors?: string[];
}
/** `restore` undoes a rejection: the item gets back the state it had when it was rejected. */
export type ReviewDecision = { state: Exclude<ReviewState, 'edited'> } | { state: 'edited'; edit: ReviewEdit } | { state: 'restore' };

export interface WriteResult {
  revision: string;
  articles: number;
  actors: number;
  events: number;
  movements: number;
}

export interface Store {
  /** matching events in (start, id) order, one page at a time */
  events(query: EventQuery, opts: PageOptions & { fields: 'summary' }): Promise<Page<StoreEventSummaryFeature>>;
  events(query: EventQuery, opts: PageOptions & { fields: 'full' }): Promise<Page<EventFeature>>;
  events(query: EventQuery, opts: PageOptions & { fields: EventFields }): Promise<Page<StoreEventSummaryFeature | EventFeature>>;
  /**
   * The page events() gives, as the JSON text of `{"type":"FeatureCollection","features":[…],"nextCursor":…}`
   * (the same bytes JSON.stringify would make): what /api/events sends, so a store can write it
   * straight from its rows instead of building every feature only to serialize it.
   */
  eventsJson(query: EventQuery, opts: PageOptions & { fields: EventFields }): Promise<string>;
  countEvents(query: EventQuery): Promise<number>;
  /** a rejected event only with { rejected: true } */
  getEvent(id: string, opts?: { rejected?: boolean }): Promise<EventFeature | null>;
  /** needs query.bbox and query.zoom */
  clusters(query: EventQuery & { bbox: Bbox; zoom: number }): Promise<ClusterCollection>;
  /** the events of one cluster, in events() order */
  clusterLeaves(clusterId: string, query: EventQuery, limit: number): Promise<StoreEventSummaryFeature[]>;
  histogram(query: EventQuery, opts: HistogramOptions): Promise<StoreHistogram>;
  /** the span of all events and movements; null when the store is empty */
  extent(): Promise<DataExtent | null>;
  movements(query: MovementQuery): Promise<MovementFeature[]>;
  getMovement(id: string, opts?: { rejected?: boolean }): Promise<MovementFeature | null>;
  articles(opts: PageOptions): Promise<Page<ArticleSummary>>;
  getArticle(id: string): Promise<ArticleDetail | null>;
  /** the id of a stored article with this text (same after whitespace is normalised) or this URL */
  findArticle(by: { text?: string; url?: string }): Promise<string | null>;
  /** every actor, by name */
  actors(): Promise<Actor[]>;
  /** changes on every committed write: the base of ETags */
  revision(): Promise<string>;
  /** all of the batch lands, or none of it (a DomainError or any failure rolls back) */
  writeBatch(batch: WriteBatch): Promise<WriteResult>;
  /**
   * Records a review of a machine-extracted event or movement (edits pass the same domain rules as any
   * write); null when there is no such item. A DomainError when the item was not machine-extracted or
   * the edit breaks a rule.
   */
  review(kind: 'event' | 'movement', id: string, decision: ReviewDecision): Promise<EventFeature | MovementFeature | null>;
  close(): Promise<void>;
}

/**
 * A query the caller got wrong (an undecodable or foreign cursor, a limit out of range, a malformed
 * cluster id): the routes answer it with 400, never 500. A RangeError, so callers that only know the
 * built-in kind still catch it.
 */
export class StoreQueryError extends RangeError {
  override name = 'StoreQueryError';
  /** the request parameter at fault, when there is one */
  readonly path: string | undefined;
  constructor(message: string, path?: string) {
    super(message);
    this.path = path;
  }

  /**
   * By name, not instanceof: Next bundles this module once per route, and the process-wide store
   * (created by whichever route came first) throws that bundle's class.
   */
  static is(e: unknown): e is StoreQueryError {
    return e instanceof Error && e.name === 'StoreQueryError';
  }
}

/** A write made with ifRevision found the store moved on: nothing was written; read again and retry. */
export class StaleRevisionError extends Error {
  override name = 'StaleRevisionError';
  static is(e: unknown): e is StaleRevisionError {
    return e instanceof Error && e.name === 'StaleRevisionError';
  }
}

/**
 * A write that could not get the database's lock within its busy timeout (another process, such as the
 * ingest CLI or a long import, held it): a moment's unavailability the API answers 503 with Retry-After,
 * not a server error. By code: SQLite's error class is not this module's to import.
 */
export function isStoreBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED');
}
