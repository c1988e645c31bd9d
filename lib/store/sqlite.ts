// The SQLite implementation of the store contract (better-sqlite3: synchronous, so every method is a
// plain function wrapped in a resolved promise, and a write batch is one real transaction).
import { articleTitle } from '../articles';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Bbox } from '../bbox';
import { lineIntersectsBbox } from '../bbox';
import { dayNumber, fromDayNumber, toDayNumber } from '../dates';
import { articleTextHash, finalizeActor, finalizeArticle, finalizeEvent, finalizeMovement, type ArticleInput, type WriteLookup } from '../domain/features';
import { checkSourceClaim, corroboration, datesDisputed, DomainError } from '../domain/rules';
import { MOVEMENT_CATEGORY } from '../filters';
import { searchWords } from '../search-words';
import { binLayout } from '../timeline';
import type { Actor, ArticleDetail, ArticleMeta, ArticleSummary, Category, DatePrecision, EventFeature, EventProperties, Extraction, MovementFeature, MovementKind, Place, PlacePrecision, ReviewState, SourceClaim, SourceType } from '../types';
import { MOVEMENT_KINDS } from '../types';
import type {
  ClusterCollection,
  ClusterFeature,
  DataExtent,
  EventFields,
  EventQuery,
  HistogramOptions,
  MovementQuery,
  Page,
  PageOptions,
  ReviewDecision,
  ReviewEdit,
  Store,
  StoreEventSummaryFeature,
  StoreHistogram,
  StoreHistogramBin,
  StoreHistogramSpan,
  WriteBatch,
  WriteResult,
} from './contract';
import { PAGE } from '../limits';
import { StaleRevisionError, StoreQueryError } from './contract';
import { migrate } from './migrations';

// ---- Geometry helpers ----------------------------------------------------------------------

/**
 * Mercator coordinates in units of 2^-26 of the world. Zoom is MapLibre's (512-pixel tiles): a
 * cluster cell at zoom z is 1/16 of a tile side, 32 pixels on screen (about a marker and its gap:
 * wider cells hid neighbouring cities in one cluster), a shift by 22 − z.
 */
const WORLD_BITS = 26;
const CELL_BITS = 4;
export const MAX_CLUSTER_ZOOM = WORLD_BITS - CELL_BITS;
const MAX_LAT = 85.05112878;

export function mercator(lng: number, lat: number): [number, number] {
  const scale = 2 ** WORLD_BITS;
  const x = (lng + 180) / 360;
  const la = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * (Math.PI / 180);
  const y = 0.5 - Math.log(Math.tan(Math.PI / 4 + la / 2)) / (2 * Math.PI);
  const clamp = (v: number) => Math.max(0, Math.min(scale - 1, Math.floor(v * scale)));
  return [clamp(x), clamp(y)];
}

function unmercator(mx: number, my: number): [number, number] {
  const scale = 2 ** WORLD_BITS;
  const lng = (mx / scale) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * my) / scale;
  const lat = (180 / Math.PI) * Math.atan(Math.sinh(n));
  return [lng, lat];
}

const cellShift = (z: number) => WORLD_BITS - CELL_BITS - z;

/** [minX, maxX, minY, maxY] boxes: a bbox across the antimeridian becomes two. */
type Box = [number, number, number, number];
function bboxBoxes([w, s, e, n]: Bbox): Box[] {
  return w <= e ? [[w, e, s, n]] : [[w, 180, s, n], [-180, e, s, n]];
}
function intersectBox(a: Box, b: Box): Box | null {
  const r: Box = [Math.max(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.min(a[3], b[3])];
  return r[0] <= r[1] && r[2] <= r[3] ? r : null;
}

// ---- Text search -----------------------------------------------------------------------------

/** The words of q as FTS5 prefix terms, all required; null when q has no searchable word. */
export function ftsQuery(q: string | undefined): string | null {
  if (!q) return null;
  const words = searchWords(q);
  if (!words.length) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

// ---- Review ----------------------------------------------------------------------------------

/**
 * The extraction record after a decision. A rejection remembers the state it ended, so undoing it
 * (`restore`) gives back an accepted or edited item as such rather than as unreviewed.
 */
function reviewed(id: string, x: Extraction, decision: ReviewDecision): Extraction {
  const { rejectedFrom, ...rest } = x;
  if (decision.state === 'restore') {
    if (x.review !== 'rejected') throw new DomainError(`${id} is not rejected: only a rejection can be undone`);
    return { ...rest, review: rejectedFrom ?? 'unreviewed' };
  }
  if (decision.state === 'rejected') return { ...rest, review: 'rejected', rejectedFrom: x.review === 'rejected' ? (rejectedFrom ?? 'unreviewed') : (x.review ?? 'unreviewed') };
  return { ...rest, review: decision.state };
}

/** The review states a query leaves out: rejected always unless asked, unreviewed on request. */
function hiddenStates(q: { unreviewed?: boolean; rejected?: boolean }): string[] {
  const hide: string[] = [];
  if (!q.rejected) hide.push('rejected');
  if (q.unreviewed === false) hide.push('unreviewed');
  return hide;
}
const hiddenSql = (col: string, states: string[]) => `${col} NOT IN (SELECT id FROM event_review WHERE state IN (${states.map((x) => `'${x}'`).join(',')}))`;

/** What the text index holds for an event: the words q can find. */
function ftsBody(p: EventProperties): string {
  let body = `${p.title}\n${p.summary}\n${p.place.name}\n${p.place.country}`;
  for (const a of p.actors) body += `\n${a.name}`;
  for (const x of p.sources) body += `\n${x.quote}`;
  return body;
}

// ---- Cursors ---------------------------------------------------------------------------------

function encodeCursor(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}
function decodeCursor<T>(c: string, check: (v: unknown) => v is T): T {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
  } catch {
    throw new StoreQueryError('malformed cursor: pass a nextCursor from the same query unchanged', 'cursor');
  }
  if (!check(v)) throw new StoreQueryError('malformed cursor: pass a nextCursor from the same query unchanged', 'cursor');
  return v;
}
/** [start, id] ascending; [start, id, 1] newest first */
const isEventCursor = (v: unknown): v is [number, string] | [number, string, 1] =>
  Array.isArray(v) && (v.length === 2 || (v.length === 3 && v[2] === 1)) && Number.isInteger(v[0]) && typeof v[1] === 'string';
const isStringCursor = (v: unknown): v is [string] => Array.isArray(v) && v.length === 1 && typeof v[0] === 'string';

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE.max) throw new StoreQueryError(`limit must be an integer in 1..${PAGE.max}`, 'limit');
  return limit;
}

// ---- Rows ------------------------------------------------------------------------------------

interface SummaryRow {
  rid: number;
  id: string;
  source_type: SourceType;
  category: Category;
  start_day: number;
  end_day: number;
  precision: DatePrecision;
  lng: number;
  lat: number;
  title: string;
  date_inferred: number;
  corroboration: number;
  place_name: string;
  place_precision: PlacePrecision;
  place_inferred: number;
  radius_km: number;
  actor_ids: string;
  review: ReviewState | null;
}
const SUMMARY_COLS = 'e.rid, e.id, e.source_type, e.category, e.start_day, e.end_day, e.precision, e.lng, e.lat, e.title, e.date_inferred, e.corroboration, e.place_name, e.place_precision, e.place_inferred, e.radius_km, e.actor_ids, (SELECT state FROM event_review WHERE id = e.id) AS review';

/** Days since 1970 ↔ ISO strings, memoised: a page of a million-event store reuses few distinct days. */
const dayIso = new Map<number, string>();
function iso(day: number): string {
  let s = dayIso.get(day);
  if (s === undefined) {
    s = fromDayNumber(day);
    if (dayIso.size < 200_000) dayIso.set(day, s);
  }
  return s;
}

/** The fields the lean row holds, as both the summary and the full feature carry them. */
function rowProperties(r: SummaryRow) {
  return {
    id: r.id,
    title: r.title,
    category: r.category,
    start: iso(r.start_day),
    end: iso(r.end_day),
    precision: r.precision,
    dateInferred: r.date_inferred === 1,
    corroboration: r.corroboration,
    sourceType: r.source_type,
  };
}

const pointOf = (r: SummaryRow) => ({ type: 'Point' as const, coordinates: [r.lng, r.lat] });

function summaryFeature(r: SummaryRow): StoreEventSummaryFeature {
  return {
    type: 'Feature',
    id: r.id,
    geometry: pointOf(r),
    properties: {
      ...rowProperties(r),
      placeName: r.place_name,
      placePrecision: r.place_precision,
      placeInferred: r.place_inferred === 1,
      radiusKm: r.radius_km,
      actors: JSON.parse(r.actor_ids) as string[],
      // Only machine-extracted events have a review state; the map draws the unreviewed ones apart.
      ...(r.review ? { review: r.review } : {}),
    },
  };
}

/**
 * Positions of SUMMARY_COLS (then the doc) in a row read raw: the JSON path reads arrays, with no
 * object per row (a fifth of its time on a 100-event page).
 */
const COL = { id: 1, sourceType: 2, category: 3, startDay: 4, endDay: 5, precision: 6, lng: 7, lat: 8, title: 9, dateInferred: 10, corroboration: 11, placeName: 12, placePrecision: 13, placeInferred: 14, radiusKm: 15, actorIds: 16, review: 17, doc: 18 } as const;
type RawRow = unknown[];
const str = (v: unknown) => JSON.stringify(v as string);

/**
 * The JSON text of summaryFeature(row), written directly (same keys, same order, same bytes as
 * JSON.stringify of the object): numbers print alike in templates and in JSON, and actor_ids is stored
 * as JSON text already.
 */
function summaryJson(r: RawRow): string {
  const id = str(r[COL.id]);
  return `{"type":"Feature","id":${id},"geometry":{"type":"Point","coordinates":[${r[COL.lng]},${r[COL.lat]}]},"properties":{${rowPropertiesJson(r, id)},"placeName":${str(r[COL.placeName])},"placePrecision":${str(r[COL.placePrecision])},"placeInferred":${r[COL.placeInferred] === 1},"radiusKm":${r[COL.radiusKm]},"actors":${r[COL.actorIds]}${r[COL.review] ? `,"review":${str(r[COL.review])}` : ''}}}`;
}

/** rowProperties(row) as JSON members, without the braces. */
function rowPropertiesJson(r: RawRow, id: string): string {
  return `"id":${id},"title":${str(r[COL.title])},"category":${str(r[COL.category])},"start":"${iso(r[COL.startDay] as number)}","end":"${iso(r[COL.endDay] as number)}","precision":${str(r[COL.precision])},"dateInferred":${r[COL.dateInferred] === 1},"corroboration":${r[COL.corroboration]},"sourceType":${str(r[COL.sourceType])}`;
}

/** The stored document: the feature's properties minus what the lean row and the actors table hold. */
type EventDoc = Omit<EventProperties, 'id' | 'title' | 'category' | 'start' | 'end' | 'precision' | 'dateInferred' | 'corroboration' | 'actors' | 'sourceType'>;

/** An event of a batch waiting for its turn, with its day numbers computed once (NaN if not a date). */
interface Pending {
  raw: EventFeature;
  start: number;
  end: number;
}

// ---- The store -------------------------------------------------------------------------------

interface Where {
  sql: string;
  params: unknown[];
  /** when the R*Tree answers the whole query: a SELECT of (id, min_t, eid) over events_rtree */
  rtree?: Where;
}

export interface SqliteStoreOptions {
  /** a file path or ':memory:' */
  filename: string;
}

/**
 * Indexes a bulk write builds once at its end instead of row by row: keyed by date, so every batch of
 * an import inserts all over them. The others grow at their ends (rid, origin, new ids) and stay.
 */
const DEFERRED_INDEXES = ['events_start', 'events_span', 'events_end'];

/** Date windows shorter than this go through the R*Tree even without a bbox; longer ones scan by column. */
const RTREE_MAX_DAYS = 120;
/** Boxes smaller than this share of the world go through the R*Tree whatever the dates. */
const RTREE_MAX_AREA = 0.25;

export class SqliteStore implements Store {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private actorCache = new Map<string, Actor | null>();
  /** set while writeBatchesSync holds back the R*Tree: its rows are copied in at the end, after this rid */
  private bulkRtreeAfter: number | null = null;
  /** JSON.stringify of each actor, for full features written as text */
  private actorJsonCache = new Map<string, string | null>();
  private maxDurationCache: number | null = null;
  private revisionCache: string | null = null;
  private reviewsCache: boolean | null = null;
  private dataVersion = -1;
  private readonly rawStatements = new Map<string, Database.Statement>();
  private readonly dataVersionStmt: Database.Statement;

  constructor({ filename }: SqliteStoreOptions) {
    if (filename !== ':memory:') mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
    this.db = new Database(filename);
    // First: the server, the ingest CLI and a backup may all hold the file, and switching to WAL, the
    // migrations and the first writes below wait for their locks instead of failing with SQLITE_BUSY.
    this.db.pragma('busy_timeout = 5000');
    if (filename !== ':memory:') this.db.pragma('journal_mode = WAL');
    // Durable enough for a rebuildable index of the curated files and feeds, and far faster on bulk import.
    // In WAL mode a commit survives the process being killed (only power loss can take the last ones).
    this.db.pragma('synchronous = NORMAL');
    // 256 MB: a 1M-event import touches the date indexes and the R*Tree all over; with 64 MB it spent
    // a quarter more CPU, much of it in system calls re-reading pages (a cap, taken only as used).
    this.db.pragma('cache_size = -262144');
    // A bulk import grows the WAL to the size of what it wrote; once checkpointed it is cut back to this.
    if (filename !== ':memory:') this.db.pragma('journal_size_limit = 67108864');
    this.db.pragma('temp_store = MEMORY');
    // Reads straight from the mapped file (SQLite caps it at 2 GB): a page outside the 64 MB cache is
    // then no read() copy. A cold week + country page at 1M events: 3.0 → 2.4 ms CPU, system time 0.33 → 0.02 ms.
    if (filename !== ':memory:') this.db.pragma('mmap_size = 2147483648');
    migrate(this.db);
    this.dataVersionStmt = this.db.prepare('PRAGMA data_version').pluck();
    this.fillTextHashes();
    const epoch = this.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', 'epoch');
    if (!epoch) {
      // A fresh epoch per database file: a rebuilt file restarts its counter without reusing old ETags.
      // OR IGNORE: two processes opening a new file at once both find no epoch; the first one's stays.
      this.db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?), (?, ?)').run('epoch', randomBytes(6).toString('hex'), 'revision', '0');
    }
  }

  /** Articles written before v2 get their text hash once, at the first open that finds them. */
  private fillTextHashes(): void {
    const rows = this.db.prepare('SELECT id, text FROM articles WHERE text_hash IS NULL').all() as { id: string; text: string }[];
    if (!rows.length) return;
    const put = this.db.prepare('UPDATE articles SET text_hash = ? WHERE id = ?');
    this.db
      .transaction(() => {
        for (const r of rows) put.run(articleTextHash(r.text), r.id);
      })
      .immediate();
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      if (this.statements.size > 500) this.statements.clear();
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }
  private get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.stmt(sql).get(...params) as T | undefined;
  }
  private all<T>(sql: string, ...params: unknown[]): T[] {
    return this.stmt(sql).all(...params) as T[];
  }
  /** Rows as arrays, from statements of their own (raw mode is a property of the statement). */
  private allRaw(sql: string, ...params: unknown[]): RawRow[] {
    let s = this.rawStatements.get(sql);
    if (!s) {
      if (this.rawStatements.size > 200) this.rawStatements.clear();
      s = this.db.prepare(sql).raw(true);
      this.rawStatements.set(sql, s);
    }
    return s.all(...params) as RawRow[];
  }

  // ---- Reads: events ---------------------------------------------------------------------------

  /**
   * The query answered by the R*Tree alone (one SELECT per box, UNION ALL across the antimeridian): the
   * boxes find candidates, the auxiliary columns test them exactly (the boxes are 32-bit floats rounded
   * outwards; days are small integers and exact), and actors and text are rid subqueries.
   */
  private rtreeSelect(q: EventQuery, boxes: Box[] | null, t0: number | null, t1: number | null): Where {
    const params: unknown[] = [];
    const hide = this.hasReviews() ? hiddenStates(q) : [];
    const selects = (boxes ?? [[-180, 180, -90, 90] as Box]).map((b) => {
      const parts = ['r.min_x <= ?', 'r.max_x >= ?', 'r.min_y <= ?', 'r.max_y >= ?', 'r.min_t <= ?', 'r.max_t >= ?'];
      params.push(b[1], b[0], b[3], b[2], t1 ?? 1e8, t0 ?? -1e8);
      if (boxes) (parts.push('r.lng BETWEEN ? AND ?', 'r.lat BETWEEN ? AND ?'), params.push(...b));
      if (q.categories) (parts.push(`r.category IN (${q.categories.map(() => '?').join(',')})`), params.push(...q.categories));
      if (q.sourceTypes) (parts.push(`r.source_type IN (${q.sourceTypes.map(() => '?').join(',')})`), params.push(...q.sourceTypes));
      if (q.actors) (parts.push(`r.id IN (SELECT rid FROM event_actors WHERE actor_id IN (${q.actors.map(() => '?').join(',')}))`), params.push(...q.actors));
      const fts = ftsQuery(q.q);
      if (fts) (parts.push('r.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)'), params.push(fts));
      if (hide.length) parts.push(hiddenSql('r.eid', hide));
      return `SELECT r.id AS id, r.min_t AS min_t, r.eid AS eid FROM events_rtree r WHERE ${parts.join(' AND ')}`;
    });
    return { sql: selects.join(' UNION ALL '), params };
  }

  /** The WHERE clause for a query; `cell` restricts to one cluster cell (for clusterLeaves). */
  private eventWhere(q: EventQuery, cell?: { z: number; cx: number; cy: number }, purpose: 'rows' | 'aggregate' = 'rows'): Where | null {
    const parts: string[] = [];
    const params: unknown[] = [];
    const t0 = q.from ? dayNumber(q.from) : null;
    const t1 = q.to ? dayNumber(q.to) : null;
    if (t0 !== null && t1 !== null && t0 > t1) return null;
    if (q.categories?.length === 0 || q.sourceTypes?.length === 0 || q.actors?.length === 0) return null;
    let boxes: Box[] | null = q.bbox ? bboxBoxes(q.bbox) : null;
    if (cell) {
      const s = cellShift(cell.z);
      const [w, n] = unmercator(cell.cx * 2 ** s, cell.cy * 2 ** s);
      const [e, so] = unmercator((cell.cx + 1) * 2 ** s, (cell.cy + 1) * 2 ** s);
      const eps = 1e-6;
      const cellBox: Box = [w - eps, e + eps, so - eps, n + eps];
      boxes = (boxes ?? [[-180, 180, -90, 90]]).map((b) => intersectBox(b, cellBox)).filter((b): b is Box => b !== null);
      if (boxes.length === 0) return null;
      parts.push('(e.mx >> ?) = ? AND (e.my >> ?) = ?');
      params.push(s, cell.cx, s, cell.cy);
    }
    const narrowDates = t0 !== null && t1 !== null && t1 - t0 < RTREE_MAX_DAYS;
    const smallBox = boxes !== null && boxes.reduce((a, b) => a + (b[1] - b[0]) * (b[3] - b[2]), 0) < RTREE_MAX_AREA * 360 * 180;
    // Aggregates read events columns (cells, precision) for every match anyway, so for them the tree
    // only proposes candidates; counts and pages are answered inside it.
    if ((smallBox || narrowDates) && !cell && purpose === 'rows') {
      const rtree = this.rtreeSelect(q, boxes, t0, t1);
      return { sql: `e.rid IN (SELECT id FROM (${rtree.sql}))`, params: rtree.params, rtree };
    }
    if (smallBox || narrowDates) {
      const rb = boxes ?? [[-180, 180, -90, 90] as Box];
      const lo = t0 ?? -1e8;
      const hi = t1 ?? 1e8;
      const sub = rb.map(() => 'SELECT id FROM events_rtree WHERE min_x <= ? AND max_x >= ? AND min_y <= ? AND max_y >= ? AND min_t <= ? AND max_t >= ?').join(' UNION ALL ');
      parts.push(`e.rid IN (${sub})`);
      for (const b of rb) params.push(b[1], b[0], b[3], b[2], hi, lo);
    }
    // The R*Tree stores 32-bit floats rounded outwards, so the exact test is repeated on the columns.
    // Without it, a page walks events_start in order from (from − longest event) and stops at the
    // limit; an aggregate reads the covering events_span over the same range.
    if (t1 !== null) (parts.push('e.start_day <= ?'), params.push(t1));
    if (t0 !== null) {
      parts.push('e.end_day >= ?', 'e.start_day >= ?');
      params.push(t0, t0 - this.maxDuration());
    }
    if (boxes) {
      parts.push(`(${boxes.map(() => '(e.lng BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?)').join(' OR ')})`);
      for (const b of boxes) params.push(...b);
    }
    if (q.categories) {
      if (q.categories.length === 0) return null;
      parts.push(`e.category IN (${q.categories.map(() => '?').join(',')})`);
      params.push(...q.categories);
    }
    if (q.sourceTypes) {
      if (q.sourceTypes.length === 0) return null;
      parts.push(`e.source_type IN (${q.sourceTypes.map(() => '?').join(',')})`);
      params.push(...q.sourceTypes);
    }
    if (q.actors) {
      if (q.actors.length === 0) return null;
      parts.push(`e.rid IN (SELECT rid FROM event_actors WHERE actor_id IN (${q.actors.map(() => '?').join(',')}))`);
      params.push(...q.actors);
    }
    const fts = ftsQuery(q.q);
    if (fts) {
      parts.push('e.rid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)');
      params.push(fts);
    }
    const hide = this.hasReviews() ? hiddenStates(q) : [];
    if (hide.length) parts.push(hiddenSql('e.id', hide));
    return { sql: parts.length ? parts.join(' AND ') : '1', params };
  }

  events(query: EventQuery, opts: PageOptions & { fields: 'summary' }): Promise<Page<StoreEventSummaryFeature>>;
  events(query: EventQuery, opts: PageOptions & { fields: 'full' }): Promise<Page<EventFeature>>;
  events(query: EventQuery, opts: PageOptions & { fields: EventFields }): Promise<Page<StoreEventSummaryFeature | EventFeature>>;
  async events(query: EventQuery, opts: PageOptions & { fields: EventFields }): Promise<Page<StoreEventSummaryFeature | EventFeature>> {
    return this.eventsSync(query, opts);
  }

  eventsSync(query: EventQuery, opts: PageOptions & { fields: EventFields }, cell?: { z: number; cx: number; cy: number }): Page<StoreEventSummaryFeature | EventFeature> {
    const q = this.pageQuery(query, opts, cell);
    if (!q) return { items: [], nextCursor: null };
    this.freshen();
    const rows = this.all<SummaryRow & { doc?: string }>(q.sql, ...q.params);
    const more = rows.length > q.limit;
    if (more) rows.pop();
    const last = rows[rows.length - 1];
    const items = opts.fields === 'full' ? rows.map((r) => this.fullFeature(r, r.doc!)) : rows.map(summaryFeature);
    return { items, nextCursor: more && last ? encodeCursor(q.desc ? [last.start_day, last.id, 1] : [last.start_day, last.id]) : null };
  }

  async eventsJson(query: EventQuery, opts: PageOptions & { fields: EventFields }): Promise<string> {
    return this.eventsJsonSync(query, opts);
  }

  /** eventsSync's page as the text JSON.stringify would make of it, without the objects in between. */
  eventsJsonSync(query: EventQuery, opts: PageOptions & { fields: EventFields }): string {
    const q = this.pageQuery(query, opts);
    if (!q) return '{"type":"FeatureCollection","features":[],"nextCursor":null}';
    this.freshen();
    const rows = this.allRaw(q.sql, ...q.params);
    const more = rows.length > q.limit;
    if (more) rows.pop();
    const last = rows[rows.length - 1];
    const features = opts.fields === 'full' ? rows.map((r) => this.fullJson(r)) : rows.map(summaryJson);
    const cursor = more && last ? encodeCursor(q.desc ? [last[COL.startDay], last[COL.id], 1] : [last[COL.startDay], last[COL.id]]) : null;
    return `{"type":"FeatureCollection","features":[${features.join(',')}],"nextCursor":${cursor === null ? 'null' : `"${cursor}"`}}`;
  }

  /** The SELECT of one page's rows (limit + 1 of them, to tell whether more follow), or null when none can match. */
  private pageQuery(query: EventQuery, opts: PageOptions & { fields: EventFields }, cell?: { z: number; cx: number; cy: number }): { sql: string; params: unknown[]; limit: number; desc: boolean } | null {
    const limit = checkLimit(opts.limit);
    const w = this.eventWhere(query, cell);
    if (!w) return null;
    const desc = opts.order === 'desc';
    const cursor = opts.cursor ? decodeCursor(opts.cursor, isEventCursor) : null;
    // A cursor carries its direction: one from the other order would skip or repeat events.
    if (cursor && (cursor.length === 3) !== desc) throw new StoreQueryError('this cursor belongs to the other order', 'cursor');
    const [cmp, dir] = desc ? ['<', ' DESC'] : ['>', ''];
    let page: string;
    const params: unknown[] = [];
    if (w.rtree) {
      // The page is chosen inside the R*Tree on (start, id) and only its rows are read from events.
      params.push(...w.rtree.params);
      const after = cursor ? ` WHERE (min_t ${cmp} ? OR (min_t = ? AND eid ${cmp} ?))` : '';
      if (cursor) params.push(cursor[0], cursor[0], cursor[1]);
      page = `SELECT id FROM (${w.rtree.sql})${after} ORDER BY min_t${dir}, eid${dir} LIMIT ?`;
    } else {
      let sql = w.sql;
      params.push(...w.params);
      if (cursor) {
        sql += ` AND (e.start_day ${cmp} ? OR (e.start_day = ? AND e.id ${cmp} ?))`;
        params.push(cursor[0], cursor[0], cursor[1]);
      }
      // The page is chosen on (start, id, rid) alone and only its rows are read whole.
      page = `SELECT e.rid FROM events e WHERE ${sql} ORDER BY e.start_day${dir}, e.id${dir} LIMIT ?`;
    }
    params.push(limit + 1);
    const order = `ORDER BY e.start_day${dir}, e.id${dir}`;
    const sql =
      opts.fields === 'full'
        ? `SELECT ${SUMMARY_COLS}, d.doc FROM events e JOIN event_docs d ON d.rid = e.rid WHERE e.rid IN (${page}) ${order}`
        : `SELECT ${SUMMARY_COLS} FROM events e WHERE e.rid IN (${page}) ${order}`;
    return { sql, params, limit, desc };
  }

  async countEvents(query: EventQuery): Promise<number> {
    return this.countSync(query);
  }

  countSync(query: EventQuery): number {
    const w = this.eventWhere(query);
    if (!w) return 0;
    if (w.rtree) return this.get<{ n: number }>(`SELECT count(*) AS n FROM (${w.rtree.sql})`, ...w.rtree.params)!.n;
    return this.get<{ n: number }>(`SELECT count(*) AS n FROM events e WHERE ${w.sql}`, ...w.params)!.n;
  }

  async getEvent(id: string, opts: { rejected?: boolean } = {}): Promise<EventFeature | null> {
    return this.getEventSync(id, opts);
  }

  getEventSync(id: string, opts: { rejected?: boolean } = {}): EventFeature | null {
    this.freshen();
    const r = this.get<SummaryRow & { doc: string }>(`SELECT ${SUMMARY_COLS}, d.doc FROM events e JOIN event_docs d ON d.rid = e.rid WHERE e.id = ?`, id);
    if (!r) return null;
    const f = this.fullFeature(r, r.doc);
    return !opts.rejected && f.properties.extraction?.review === 'rejected' ? null : f;
  }

  /** Drops the cached answer of hasReviews() (the bench writes review rows behind the store's back). */
  forgetReviews(): void {
    this.reviewsCache = null;
  }

  /** Whether any event carries a review state: a store without machine-extracted events skips the filter. */
  private hasReviews(): boolean {
    this.freshen();
    this.reviewsCache ??= this.get('SELECT 1 FROM event_review LIMIT 1') !== undefined;
    return this.reviewsCache;
  }

  /**
   * Drops what this connection caches when any connection has committed since (the GDELT importer runs
   * as its own process against the server's file). data_version is an in-memory counter of the pager,
   * cheaper than any table read; commits on this connection do not move it, so writes here reset
   * dataVersion themselves. Called once per read, not per row.
   */
  private freshen(): void {
    const v = this.dataVersionStmt.get() as number;
    if (v !== this.dataVersion) {
      this.dataVersion = v;
      this.actorCache = new Map();
      this.actorJsonCache = new Map();
      this.maxDurationCache = null;
      this.revisionCache = null;
      this.reviewsCache = null;
    }
  }
  /** The longest event interval in days, so an index walk by start knows how far back to begin. */
  private maxDuration(): number {
    this.freshen();
    if (this.maxDurationCache === null) this.maxDurationCache = Number(this.getMeta('max-event-days') ?? 0);
    return this.maxDurationCache;
  }

  /** Callers freshen() first. */
  private actor(id: string): Actor | null {
    let a = this.actorCache.get(id);
    if (a === undefined) {
      const r = this.get<{ doc: string }>('SELECT doc FROM actors WHERE id = ?', id);
      a = r ? (JSON.parse(r.doc) as Actor) : null;
      this.actorCache.set(id, a);
    }
    return a;
  }

  /** JSON.stringify(actor(id)), or null for an unknown actor; callers freshen() first. */
  private actorJson(id: string): string | null {
    let j = this.actorJsonCache.get(id);
    if (j === undefined) {
      const a = this.actor(id);
      j = a ? JSON.stringify(a) : null;
      this.actorJsonCache.set(id, j);
    }
    return j;
  }

  /**
   * The JSON text of fullFeature(row, doc): the stored document is spliced in as it was written
   * (JSON.stringify's text, never parsed here), then the row's members and the actors, in the order
   * the object spread gives them.
   */
  private fullJson(r: RawRow): string {
    const doc = r[COL.doc] as string;
    const id = str(r[COL.id]);
    const actors: string[] = [];
    for (const a of JSON.parse(r[COL.actorIds] as string) as string[]) {
      const j = this.actorJson(a);
      if (j !== null) actors.push(j);
    }
    // Documents written before precision notes existed carry none. An unescaped quote before the key
    // cannot occur inside a JSON string, so this finds only the member itself.
    const precisionDiffers = doc.includes('"precisionDiffers":') ? '' : ',"precisionDiffers":[]';
    const members = doc.length > 2 ? `${doc.slice(1, -1)},` : '';
    return `{"type":"Feature","id":${id},"geometry":{"type":"Point","coordinates":[${r[COL.lng]},${r[COL.lat]}]},"properties":{${members}${rowPropertiesJson(r, id)}${precisionDiffers},"actors":[${actors.join(',')}]}}`;
  }

  private fullFeature(r: SummaryRow, docJson: string): EventFeature {
    const doc = JSON.parse(docJson) as EventDoc;
    const actorIds = JSON.parse(r.actor_ids) as string[];
    return {
      type: 'Feature',
      id: r.id,
      geometry: pointOf(r),
      properties: {
        ...doc,
        ...rowProperties(r),
        // Documents written before precision notes existed carry none.
        precisionDiffers: doc.precisionDiffers ?? [],
        actors: actorIds.map((id) => this.actor(id)).filter((a): a is Actor => a !== null),
      },
    };
  }

  // ---- Reads: clusters ----------------------------------------------------------------------------

  async clusters(query: EventQuery & { bbox: Bbox; zoom: number }): Promise<ClusterCollection> {
    return this.clustersSync(query);
  }

  clustersSync(query: EventQuery & { bbox: Bbox; zoom: number }): ClusterCollection {
    if (!query.bbox || !Number.isFinite(query.zoom)) throw new StoreQueryError('clusters need a bbox and a zoom');
    const z = Math.max(0, Math.min(MAX_CLUSTER_ZOOM, Math.floor(query.zoom)));
    const s = cellShift(z);
    const w = this.eventWhere(query, undefined, 'aggregate');
    if (!w) return { type: 'FeatureCollection', features: [] };
    // A store with no machine-extracted events skips the review lookup (a primary-key probe per event).
    const unreviewed = this.hasReviews() ? `sum(EXISTS (SELECT 1 FROM event_review r WHERE r.id = e.id AND r.state = 'unreviewed'))` : '0';
    const cells = this.all<{ cx: number; cy: number; n: number; u: number; lng: number; lat: number; rid: number; x0: number; x1: number; y0: number; y1: number }>(
      `SELECT e.mx >> ? AS cx, e.my >> ? AS cy, count(*) AS n, ${unreviewed} AS u, avg(e.lng) AS lng, avg(e.lat) AS lat, min(e.rid) AS rid,
              min(e.mx) AS x0, max(e.mx) AS x1, min(e.my) AS y0, max(e.my) AS y1
       FROM events e WHERE ${w.sql} GROUP BY cx, cy`,
      s,
      s,
      ...w.params,
    );
    const singles = cells.filter((c) => c.n === 1).map((c) => c.rid);
    const singleById = new Map<number, StoreEventSummaryFeature>();
    for (let i = 0; i < singles.length; i += 500) {
      const chunk = singles.slice(i, i + 500);
      const rows = this.all<SummaryRow>(`SELECT ${SUMMARY_COLS} FROM events e WHERE e.rid IN (${chunk.map(() => '?').join(',')})`, ...chunk);
      for (const r of rows) singleById.set(r.rid, summaryFeature(r));
    }
    const features: ClusterCollection['features'] = [];
    for (const c of cells) {
      if (c.n === 1) {
        const f = singleById.get(c.rid);
        if (f) features.push(f);
        continue;
      }
      const clusterId = `${z}/${c.cx}/${c.cy}`;
      const f: ClusterFeature = {
        type: 'Feature',
        id: clusterId,
        geometry: { type: 'Point', coordinates: [round6(c.lng), round6(c.lat)] },
        properties: { cluster: true, clusterId, pointCount: c.n, expansionZoom: expansionZoom(z, c), unreviewed: c.u },
      };
      features.push(f);
    }
    return { type: 'FeatureCollection', features };
  }

  async clusterLeaves(clusterId: string, query: EventQuery, limit: number): Promise<StoreEventSummaryFeature[]> {
    const m = /^(\d{1,2})\/(\d{1,10})\/(\d{1,10})$/.exec(clusterId);
    const z = Number(m?.[1]);
    if (!m || z > MAX_CLUSTER_ZOOM) throw new StoreQueryError(`malformed cluster id ${clusterId}`, 'clusterId');
    const cell = { z, cx: Number(m[2]), cy: Number(m[3]) };
    const out: StoreEventSummaryFeature[] = [];
    let cursor: string | undefined;
    while (out.length < limit) {
      const page = this.eventsSync(query, { limit: Math.min(PAGE.max, limit - out.length), fields: 'summary', ...(cursor ? { cursor } : {}) }, cell);
      out.push(...(page.items as StoreEventSummaryFeature[]));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return out;
  }

  // ---- Reads: histogram, extent --------------------------------------------------------------------

  async histogram(query: EventQuery, opts: HistogramOptions): Promise<StoreHistogram> {
    const [from, to] = opts.from <= opts.to ? [opts.from, opts.to] : [opts.to, opts.from];
    const w0 = dayNumber(from);
    const w1 = dayNumber(to);
    const layout = binLayout({ from, to }, opts);
    const binDays = layout.binDays;
    const bins: StoreHistogramBin[] = layout.bins.map((b) => ({ ...b, total: 0, counts: {} }));
    const windowed: EventQuery = { ...query, from: query.from && query.from > from ? query.from : from, to: query.to && query.to < to ? query.to : to };
    const w = this.eventWhere(windowed, undefined, 'aggregate');
    if (!w) return { window: { from, to }, binDays, bins, spans: [], maxTotal: 0 };
    // Grouped by clipped interval: a million single-day events collapse to (days × categories) rows.
    // One pass over the covering index, grouped in its order; clipping and binning happen here.
    const rows = this.all<{ start_day: number; end_day: number; precision: DatePrecision; category: Category; n: number }>(
      `SELECT e.start_day, e.end_day, e.precision, e.category, count(*) AS n FROM events e WHERE ${w.sql} GROUP BY e.start_day, e.end_day, e.category, e.precision`,
      ...w.params,
    );
    const dayRows = rows.filter((r) => r.precision === 'day').map((r) => ({ a: Math.max(r.start_day, w0), b: Math.min(r.end_day, w1), category: r.category, n: r.n }));
    for (const r of dayRows) {
      for (let i = layout.index(r.a); i <= layout.index(r.b); i++) {
        const bin = bins[i];
        if (!bin) continue;
        bin.total += r.n;
        bin.counts[r.category] = (bin.counts[r.category] ?? 0) + r.n;
      }
    }
    const spans: StoreHistogramSpan[] = rows
      .filter((r) => r.precision !== 'day')
      .map((r) => ({ start: iso(r.start_day), end: iso(r.end_day), precision: r.precision as StoreHistogramSpan['precision'], category: r.category, count: r.n }));
    return { window: { from, to }, binDays, bins, spans, maxTotal: bins.reduce((m, b) => Math.max(m, b.total), 0) };
  }

  async extent(): Promise<DataExtent | null> {
    const r = this.get<{ a: number | null; b: number | null }>(
      `SELECT min(a) AS a, max(b) AS b FROM (
         SELECT (SELECT min(start_day) FROM events) AS a, (SELECT max(end_day) FROM events) AS b
         UNION ALL SELECT (SELECT min(start_day) FROM movements), (SELECT max(end_day) FROM movements))`,
    )!;
    return r.a === null || r.b === null ? null : { start: iso(r.a), end: iso(r.b) };
  }

  // ---- Reads: movements, articles, actors ------------------------------------------------------------

  async movements(q: MovementQuery): Promise<MovementFeature[]> {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (q.to) (parts.push('m.start_day <= ?'), params.push(dayNumber(q.to)));
    if (q.from) (parts.push('m.end_day >= ?'), params.push(dayNumber(q.from)));
    let kinds: readonly MovementKind[] = q.kinds ?? MOVEMENT_KINDS;
    if (q.categories) kinds = kinds.filter((k) => q.categories!.includes(MOVEMENT_CATEGORY[k]));
    if (q.kinds || q.categories) {
      if (kinds.length === 0) return [];
      parts.push(`m.kind IN (${kinds.map(() => '?').join(',')})`);
      params.push(...kinds);
    }
    if (q.actors) {
      if (q.actors.length === 0) return [];
      parts.push(`m.rid IN (SELECT rid FROM movement_actors WHERE actor_id IN (${q.actors.map(() => '?').join(',')}))`);
      params.push(...q.actors);
    }
    const fts = ftsQuery(q.q);
    if (fts) (parts.push('m.rid IN (SELECT rowid FROM movements_fts WHERE movements_fts MATCH ?)'), params.push(fts));
    const rows = this.all<{ doc: string }>(`SELECT m.doc FROM movements m WHERE ${parts.length ? parts.join(' AND ') : '1'} ORDER BY m.start_day, m.id`, ...params);
    const hide = hiddenStates(q);
    const out = rows.map((r) => JSON.parse(r.doc) as MovementFeature).filter((m) => !hide.includes(m.properties.extraction?.review ?? ''));
    // Few movements, long arcs: the exact line-vs-box test is cheaper in JS than an index would be.
    return q.bbox ? out.filter((m) => lineIntersectsBbox(m.geometry.coordinates, q.bbox!)) : out;
  }

  async getMovement(id: string, opts: { rejected?: boolean } = {}): Promise<MovementFeature | null> {
    return this.getMovementSync(id, opts);
  }

  getMovementSync(id: string, opts: { rejected?: boolean } = {}): MovementFeature | null {
    const r = this.get<{ doc: string }>('SELECT doc FROM movements WHERE id = ?', id);
    const m = r ? (JSON.parse(r.doc) as MovementFeature) : null;
    return m && !opts.rejected && m.properties.extraction?.review === 'rejected' ? null : m;
  }

  private articleSummary(r: { id: string; meta: string }): ArticleSummary {
    const meta = JSON.parse(r.meta) as ArticleMeta;
    const eventIds = this.all<{ id: string }>('SELECT e.id FROM event_articles a JOIN events e ON e.rid = a.rid WHERE a.article_id = ? ORDER BY e.id', r.id).map((x) => x.id);
    const movementIds = this.all<{ id: string }>('SELECT m.id FROM movement_articles a JOIN movements m ON m.rid = a.rid WHERE a.article_id = ? ORDER BY m.id', r.id).map((x) => x.id);
    return { ...meta, displayTitle: articleTitle(meta), eventIds, movementIds };
  }

  async articles(opts: PageOptions): Promise<Page<ArticleSummary>> {
    const limit = checkLimit(opts.limit);
    const after = opts.cursor ? decodeCursor(opts.cursor, isStringCursor)[0] : '';
    const rows = this.all<{ id: string; meta: string }>('SELECT id, meta FROM articles WHERE id > ? ORDER BY id LIMIT ?', after, limit + 1);
    const more = rows.length > limit;
    if (more) rows.pop();
    return { items: rows.map((r) => this.articleSummary(r)), nextCursor: more ? encodeCursor([rows[rows.length - 1]!.id]) : null };
  }

  async getArticle(id: string): Promise<ArticleDetail | null> {
    const r = this.get<{ id: string; meta: string; text: string }>('SELECT id, meta, text FROM articles WHERE id = ?', id);
    return r ? { ...this.articleSummary(r), text: r.text } : null;
  }

  async findArticle(by: { text?: string; url?: string }): Promise<string | null> {
    if (by.text !== undefined) {
      const r = this.get<{ id: string }>('SELECT id FROM articles WHERE text_hash = ? ORDER BY id LIMIT 1', articleTextHash(by.text));
      if (r) return r.id;
    }
    if (by.url !== undefined) return this.get<{ id: string }>('SELECT id FROM articles WHERE url = ? ORDER BY id LIMIT 1', by.url)?.id ?? null;
    return null;
  }

  async actors(): Promise<Actor[]> {
    return this.all<{ doc: string }>('SELECT doc FROM actors ORDER BY name, id').map((r) => JSON.parse(r.doc) as Actor);
  }

  async revision(): Promise<string> {
    this.freshen();
    return (this.revisionCache ??= this.revisionSync());
  }

  revisionSync(): string {
    return revisionOf(this.db);
  }

  getMeta(key: string): string | null {
    return this.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', key)?.value ?? null;
  }

  metaWithPrefix(prefix: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const r of this.all<{ key: string; value: string }>('SELECT key, value FROM meta WHERE key >= ? AND key < ?', prefix, `${prefix}\uffff`)) out[r.key] = r.value;
    return out;
  }

  // ---- Writes --------------------------------------------------------------------------------------

  async writeBatch(batch: WriteBatch): Promise<WriteResult> {
    return this.writeBatchSync(batch);
  }

  /**
   * Many batches as ONE transaction: all land or none does, each through the same checks and writes as
   * writeBatchSync. For an import that at least doubles the events (expectedEvents, when the caller
   * knows it), the date indexes and the R*Tree are filled at the end, inside the same transaction, by
   * a sort instead of row by row: a crash or a failing batch rolls the drop back with everything else.
   */
  writeBatchesSync(batches: Iterable<WriteBatch>, opts: { expectedEvents?: number } = {}): WriteResult {
    const total: WriteResult = { revision: '', articles: 0, actors: 0, events: 0, movements: 0 };
    try {
      // IMMEDIATE, as in writeBatchSync.
      this.db.transaction(() => {
        const stored = this.get<{ n: number }>('SELECT count(*) AS n FROM events')!.n;
        let defer = (opts.expectedEvents ?? 0) >= Math.max(stored, 1);
        const rebuild: string[] = [];
        for (const batch of batches) {
          // Only once there is something to write: an empty import must not rebuild anything.
          if (defer && batch.events?.length) {
            defer = false;
            for (const ix of this.all<{ name: string; sql: string }>(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' AND name IN (${DEFERRED_INDEXES.map(() => '?').join(',')})`, ...DEFERRED_INDEXES)) {
              rebuild.push(ix.sql);
              this.db.exec(`DROP INDEX ${ix.name}`);
            }
            this.bulkRtreeAfter = this.get<{ m: number }>('SELECT coalesce(max(rid), 0) AS m FROM events')!.m;
          }
          const r = this.applyBatch(batch);
          total.revision = r.revision;
          total.articles += r.articles;
          total.actors += r.actors;
          total.events += r.events;
          total.movements += r.movements;
        }
        if (this.bulkRtreeAfter !== null) this.fillRtree(this.bulkRtreeAfter);
        for (const sql of rebuild) this.db.exec(sql);
      }).immediate();
    } finally {
      this.bulkRtreeAfter = null;
      this.dataVersion = -1;
      this.actorCache = new Map();
      this.maxDurationCache = null;
      this.reviewsCache = null;
    }
    if (!total.revision) total.revision = this.revisionSync();
    return total;
  }

  writeBatchSync(batch: WriteBatch): WriteResult {
    // IMMEDIATE: the write lock is taken (waiting up to busy_timeout) before the batch reads anything. A
    // deferred transaction that read first and then wrote while another process (the ingest CLI beside
    // the server) had committed would fail at once with SQLITE_BUSY, which no busy timeout retries.
    const result = this.db.transaction(() => this.applyBatch(batch)).immediate();
    // Commits on this connection leave data_version as it was: make the next read drop its caches.
    this.dataVersion = -1;
    this.actorCache = new Map();
    this.maxDurationCache = null;
    this.reviewsCache = null;
    return result;
  }

  private applyBatch(batch: WriteBatch): WriteResult {
    if (!batch.origin || !/^[a-z0-9-]+$/.test(batch.origin)) throw new DomainError(`batch origin "${batch.origin}" must be a lower-case slug`);
    if (batch.ifRevision !== undefined && this.revisionSync() !== batch.ifRevision) throw new StaleRevisionError(`the store moved on from revision ${batch.ifRevision}`);
    // Events whose merged sources must be recomputed once the batch is in.
    const touched = new Set<string>();
    const touchedMovements = new Set<string>();
    if (batch.replaceOrigin) {
      for (const r of this.all<{ event_id: string }>('SELECT DISTINCT event_id FROM event_sources WHERE origin = ?', batch.origin)) touched.add(r.event_id);
      for (const r of this.all<{ movement_id: string }>('SELECT DISTINCT movement_id FROM movement_sources WHERE origin = ?', batch.origin)) touchedMovements.add(r.movement_id);
      this.deleteOrigin(batch.origin);
    }

    const articles = new Map<string, ArticleInput>();
    for (const a of batch.articles ?? []) {
      if (articles.has(a.id)) throw new DomainError(`duplicate article id ${a.id} in batch`);
      articles.set(a.id, finalizeArticle(a));
    }
    const actors = new Map<string, Actor>();
    for (const a of batch.actors ?? []) actors.set(a.id, finalizeActor(a));

    const textCache = new Map<string, string | undefined>();
    const actorKnown = new Map<string, boolean>();
    const lookup: WriteLookup = {
      articleText: (id) => {
        const inBatch = articles.get(id);
        if (inBatch) return inBatch.text;
        if (!textCache.has(id)) textCache.set(id, this.get<{ text: string }>('SELECT text FROM articles WHERE id = ?', id)?.text);
        return textCache.get(id);
      },
      hasActor: (id) => {
        if (actors.has(id)) return true;
        let k = actorKnown.get(id);
        if (k === undefined) actorKnown.set(id, (k = this.get('SELECT 1 FROM actors WHERE id = ?', id) !== undefined));
        return k;
      },
    };

    const putArticle = this.stmt(
      'INSERT INTO articles (id, origin, meta, text, url, text_hash) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET origin = excluded.origin, meta = excluded.meta, text = excluded.text, url = excluded.url, text_hash = excluded.text_hash',
    );
    for (const a of articles.values()) {
      const { text, ...meta } = a;
      putArticle.run(a.id, batch.origin, JSON.stringify(meta), text, a.url ?? null, articleTextHash(text));
    }
    const putActor = this.stmt('INSERT INTO actors (id, origin, name, doc) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET origin = excluded.origin, name = excluded.name, doc = excluded.doc');
    for (const a of actors.values()) putActor.run(a.id, batch.origin, a.name, JSON.stringify(a));

    const seen = new Set<string>();
    for (const raw of batch.events ?? []) {
      if (seen.has(raw.properties.id)) throw new DomainError(`duplicate event id ${raw.properties.id} in batch`);
      seen.add(raw.properties.id);
    }
    const longest = this.putEvents(batch.events ?? [], batch.origin, lookup);
    const written = batch.events ?? [];
    if (written.length && this.get('SELECT 1 FROM event_sources LIMIT 1')) {
      for (let i = 0; i < written.length; i += 500) {
        const ids = written.slice(i, i + 500).map((f) => f.properties.id);
        for (const r of this.all<{ event_id: string }>(`SELECT DISTINCT event_id FROM event_sources WHERE event_id IN (${ids.map(() => '?').join(',')})`, ...ids)) touched.add(r.event_id);
      }
    }
    this.attachSources(batch, lookup, touched);
    // Actors of this batch may have been cached as unknown before it.
    if (touched.size) this.actorCache = new Map();
    for (const id of touched) this.remerge(id);
    seen.clear();
    for (const raw of batch.movements ?? []) {
      if (seen.has(raw.properties.id)) throw new DomainError(`duplicate movement id ${raw.properties.id} in batch`);
      seen.add(raw.properties.id);
      this.putMovement(finalizeMovement(raw, lookup), batch.origin);
      if (this.get('SELECT 1 FROM movement_sources WHERE movement_id = ? LIMIT 1', raw.properties.id)) touchedMovements.add(raw.properties.id);
    }
    this.attachMovementSources(batch, lookup, touchedMovements);
    for (const id of touchedMovements) this.remergeMovement(id);

    const putMeta = this.stmt('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    // Only ever grows (deletes leave it): a bound too far back costs a little scanning, never a miss.
    putMeta.run('max-event-days', String(Math.max(longest, Number(this.getMeta('max-event-days') ?? 0))));
    const delMeta = this.stmt('DELETE FROM meta WHERE key = ?');
    for (const [k, v] of Object.entries(batch.meta ?? {})) {
      if (k === 'epoch' || k === 'revision' || k === 'max-event-days') throw new DomainError(`meta key ${k} is reserved`);
      if (v === null) delMeta.run(k);
      else putMeta.run(k, v);
    }
    this.stmt("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'").run();
    return {
      revision: this.revisionSync(),
      articles: articles.size,
      actors: actors.size,
      events: batch.events?.length ?? 0,
      movements: batch.movements?.length ?? 0,
    };
  }

  private deleteEventRows(where: string, ...params: unknown[]): void {
    const rids = `SELECT rid FROM events WHERE ${where}`;
    this.stmt(`DELETE FROM events_fts WHERE rowid IN (${rids})`).run(...params);
    this.stmt(`DELETE FROM events_rtree WHERE id IN (${rids})`).run(...params);
    this.stmt(`DELETE FROM event_docs WHERE rid IN (${rids})`).run(...params);
    this.stmt(`DELETE FROM event_actors WHERE rid IN (${rids})`).run(...params);
    this.stmt(`DELETE FROM event_articles WHERE rid IN (${rids})`).run(...params);
    this.stmt(`DELETE FROM event_review WHERE id IN (SELECT id FROM events WHERE ${where})`).run(...params);
    this.stmt(`DELETE FROM events WHERE ${where}`).run(...params);
  }

  private deleteMovementRows(where: string, ...params: unknown[]): void {
    const rids = `SELECT rid FROM movements WHERE ${where}`;
    this.stmt(`DELETE FROM movements_fts WHERE rowid IN (${rids})`).run(...params);
    this.stmt(`DELETE FROM movement_actors WHERE rid IN (${rids})`).run(...params);
    this.stmt(`DELETE FROM movement_articles WHERE rid IN (${rids})`).run(...params);
    this.stmt(`DELETE FROM movements WHERE ${where}`).run(...params);
  }

  /** Actors stay: events of other origins may name them, and an upsert refreshes them anyway. */
  private deleteOrigin(origin: string): void {
    this.deleteEventRows('origin = ?', origin);
    this.deleteMovementRows('origin = ?', origin);
    this.stmt('DELETE FROM articles WHERE origin = ?').run(origin);
    this.stmt('DELETE FROM event_sources WHERE origin = ?').run(origin);
    this.stmt('DELETE FROM movement_sources WHERE origin = ?').run(origin);
  }

  /** A batch's claims on events by id, checked against their articles' text like any source. */
  private attachSources(batch: WriteBatch, lookup: WriteLookup, touched: Set<string>): void {
    const inBatch = new Set((batch.events ?? []).map((f) => f.properties.id));
    this.attachClaims('event', (batch.sources ?? []).map((s) => ({ target: s.event, claim: s.claim })), batch.origin, lookup, touched, (id) => inBatch.has(id));
  }

  /** The same for movements: claims on movements some origin wrote. */
  private attachMovementSources(batch: WriteBatch, lookup: WriteLookup, touched: Set<string>): void {
    this.attachClaims('movement', (batch.movementSources ?? []).map((s) => ({ target: s.movement, claim: s.claim })), batch.origin, lookup, touched, () => false);
  }

  /** Claims grouped per item and article into `<kind>_sources`, owned by the batch's origin. */
  private attachClaims(kind: 'event' | 'movement', items: { target: string; claim: SourceClaim }[], origin: string, lookup: WriteLookup, touched: Set<string>, inBatch: (id: string) => boolean): void {
    if (!items.length) return;
    const grouped = new Map<string, { target: string; article: string; claims: SourceClaim[] }>();
    for (const s of items) {
      if (!inBatch(s.target) && !this.get(`SELECT 1 FROM ${kind}s WHERE id = ?`, s.target)) throw new DomainError(`a source of ${s.claim.article} names unknown ${kind} ${s.target}`);
      const claim = checkSourceClaim(s.target, s.claim, lookup.articleText(s.claim.article));
      const key = `${s.target}\u0000${claim.article}`;
      const g = grouped.get(key) ?? { target: s.target, article: claim.article, claims: [] };
      g.claims.push(claim);
      grouped.set(key, g);
    }
    const put = this.stmt(`INSERT INTO ${kind}_sources (${kind}_id, article_id, origin, claims) VALUES (?, ?, ?, ?) ON CONFLICT(${kind}_id, article_id, origin) DO UPDATE SET claims = excluded.claims`);
    for (const g of grouped.values()) {
      put.run(g.target, g.article, origin, JSON.stringify(g.claims));
      touched.add(g.target);
    }
  }

  /** The claims other origins attached to an item, but none from an article among its own sources. */
  private attachedClaims(kind: 'event' | 'movement', id: string, own: readonly SourceClaim[]): SourceClaim[] {
    const ownArticles = new Set(own.map((x) => x.article));
    return this.all<{ claims: string }>(`SELECT claims FROM ${kind}_sources WHERE ${kind}_id = ? ORDER BY article_id, origin`, id)
      .flatMap((x) => JSON.parse(x.claims) as SourceClaim[])
      .filter((c) => !ownArticles.has(c.article));
  }

  /** A movement's served sources: its own plus every claim attached to it, as for events. */
  private remergeMovement(id: string): void {
    const r = this.get<{ rid: number; doc: string; own_sources: string | null }>('SELECT rid, doc, own_sources FROM movements WHERE id = ?', id);
    if (!r) return;
    const f = JSON.parse(r.doc) as MovementFeature;
    const own: SourceClaim[] = r.own_sources ? (JSON.parse(r.own_sources) as SourceClaim[]) : f.properties.sources;
    const added = this.attachedClaims('movement', id, own);
    const sources = [...own, ...added];
    const p = { ...f.properties, sources, corroboration: corroboration(sources) };
    this.stmt('UPDATE movements SET doc = ?, own_sources = ? WHERE rid = ?').run(JSON.stringify({ ...f, properties: p }), added.length ? JSON.stringify(own) : null, r.rid);
    this.stmt('DELETE FROM movement_articles WHERE rid = ?').run(r.rid);
    for (const a of new Set(sources.map((x) => x.article))) this.stmt('INSERT OR IGNORE INTO movement_articles (article_id, rid) VALUES (?, ?)').run(a, r.rid);
    this.stmt('DELETE FROM movements_fts WHERE rowid = ?').run(r.rid);
    this.stmt('INSERT INTO movements_fts (rowid, body) VALUES (?, ?)').run(r.rid, movementFtsBody(p));
  }

  /**
   * An event's served sources are its own plus every claim attached to it; corroboration, the date
   * dispute and the article links and text index follow from all of them. No date-support check here:
   * a later article dating the happening differently is a dispute to show, not a write to refuse.
   */
  private remerge(id: string): void {
    const r = this.get<SummaryRow & { doc: string; own_sources: string | null }>(`SELECT ${SUMMARY_COLS}, d.doc, d.own_sources FROM events e JOIN event_docs d ON d.rid = e.rid WHERE e.id = ?`, id);
    if (!r) return;
    const doc = JSON.parse(r.doc) as EventDoc;
    const own: SourceClaim[] = r.own_sources ? (JSON.parse(r.own_sources) as SourceClaim[]) : doc.sources;
    const added = this.attachedClaims('event', id, own);
    const sources = [...own, ...added];
    const feeds = r.source_type === 'feed' ? new Set((doc.feedSources ?? []).map((x) => x.url)).size : 0;
    doc.sources = sources;
    doc.disputed = [...(datesDisputed(sources) ? ['date' as const] : []), ...(doc.disputed?.includes('place') ? ['place' as const] : [])];
    this.stmt('UPDATE event_docs SET doc = ?, own_sources = ? WHERE rid = ?').run(JSON.stringify(doc), added.length ? JSON.stringify(own) : null, r.rid);
    this.stmt('UPDATE events SET corroboration = ? WHERE rid = ?').run(feeds + corroboration(sources), r.rid);
    this.stmt('DELETE FROM event_articles WHERE rid = ?').run(r.rid);
    for (const a of new Set(sources.map((x) => x.article))) this.stmt('INSERT OR IGNORE INTO event_articles (article_id, rid) VALUES (?, ?)').run(a, r.rid);
    const f = this.fullFeature(r, JSON.stringify(doc));
    this.stmt('DELETE FROM events_fts WHERE rowid = ?').run(r.rid);
    this.stmt('INSERT INTO events_fts (rowid, body) VALUES (?, ?)').run(r.rid, ftsBody(f.properties));
  }

  // ---- Review --------------------------------------------------------------------------------------

  async review(kind: 'event' | 'movement', id: string, decision: ReviewDecision): Promise<EventFeature | MovementFeature | null> {
    return this.reviewSync(kind, id, decision);
  }

  /** A review rewrites the item under its own origin, through the same checks as any write. */
  reviewSync(kind: 'event' | 'movement', id: string, decision: ReviewDecision): EventFeature | MovementFeature | null {
    if (kind === 'event') {
      const row = this.get<{ origin: string; own_sources: string | null }>('SELECT e.origin, d.own_sources FROM events e JOIN event_docs d ON d.rid = e.rid WHERE e.id = ?', id);
      if (!row) return null;
      const f = this.getEventSync(id, { rejected: true })!;
      const x = f.properties.extraction;
      if (!x) throw new DomainError(`event ${id} was not machine-extracted; only extracted items are reviewed`);
      let p: EventProperties = { ...f.properties, sources: row.own_sources ? (JSON.parse(row.own_sources) as SourceClaim[]) : f.properties.sources };
      if (decision.state === 'edited') p = this.applyEdit(p, decision.edit, (place) => ({ ...p, place }));
      p.extraction = reviewed(id, x, decision);
      this.writeBatchSync({ origin: row.origin, events: [{ ...f, properties: p }] });
      return this.getEventSync(id, { rejected: true });
    }
    const row = this.get<{ origin: string; own_sources: string | null }>('SELECT origin, own_sources FROM movements WHERE id = ?', id);
    if (!row) return null;
    const m = this.getMovementSync(id, { rejected: true })!;
    const x = m.properties.extraction;
    if (!x) throw new DomainError(`movement ${id} was not machine-extracted; only extracted items are reviewed`);
    // Written back under its own origin with its own claims; the attached ones are merged again after.
    let p = { ...m.properties, sources: row.own_sources ? (JSON.parse(row.own_sources) as SourceClaim[]) : m.properties.sources };
    if (decision.state === 'edited') {
      if (decision.edit.category) throw new DomainError(`movement ${id}: a movement has a kind, not a category`);
      p = this.applyEdit(p, decision.edit, (destination) => ({ ...p, destination }));
    }
    p = { ...p, extraction: reviewed(id, x, decision) };
    this.writeBatchSync({ origin: row.origin, events: [], movements: [{ ...m, properties: p }] });
    return this.getMovementSync(id, { rejected: true });
  }

  /** Dates, place (a movement's destination), category and actors as a reviewer set them. */
  private applyEdit<P extends { start: string; end: string; precision: DatePrecision; dateInferred: boolean; dateBasis?: string; actors: Actor[] }>(p: P, edit: ReviewEdit, withPlace: (place: Place) => P): P {
    let out = p;
    if (edit.place) {
      const e = edit.place;
      const slug = e.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'place';
      out = withPlace({ id: `edit-${slug}`.slice(0, 100), name: e.name, country: '', lat: e.lat, lng: e.lng, precision: e.precision, inferred: false, ...(e.radiusKm !== undefined ? { radiusKm: e.radiusKm } : e.precision === 'region' ? { radiusKm: 100 } : e.precision === 'country' ? { radiusKm: 400 } : {}) });
    }
    if (edit.start !== undefined || edit.end !== undefined || edit.precision !== undefined) {
      // A date the reviewer sets may be stated by no quote: it is then an inference with its basis.
      out = { ...out, start: edit.start ?? out.start, end: edit.end ?? edit.start ?? out.end, precision: edit.precision ?? out.precision, dateInferred: true, dateBasis: 'set by a reviewer' };
    }
    if (edit.category !== undefined) out = { ...out, category: edit.category };
    if (edit.actors) {
      out = {
        ...out,
        actors: edit.actors.map((a) => {
          const actor = this.actor(a);
          if (!actor) throw new DomainError(`unknown actor ${a}`);
          return actor;
        }),
      };
    }
    return out;
  }

  /**
   * Checks and writes a batch's events in bulk, returning the longest event in days: rids are assigned
   * here, so every table gets multi-row INSERTs (one statement per 100 rows instead of seven per event);
   * ids already stored are deleted first.
   * - Rows go in by start day: the date indexes then take a batch as one ordered run (a leaf page is
   *   visited once per batch, not once per event), and a stable sort keeps the batch's order otherwise.
   * - Each event is finalized just before its rows are built and dropped right after, so the checked
   *   copies never outlive a young-generation collection (holding a whole batch of them made the
   *   garbage collector copy and promote them all). A domain error still aborts the whole transaction.
   * - Values are bound from one flat array per statement: no array per row.
   */
  private putEvents(raws: readonly EventFeature[], origin: string, lookup: WriteLookup): number {
    if (raws.length === 0) return 0;
    for (let i = 0; i < raws.length; i += 500) {
      const ids = raws.slice(i, i + 500).map((f) => f.properties.id);
      const list = ids.map(() => '?').join(',');
      if (this.get(`SELECT 1 FROM events WHERE id IN (${list}) LIMIT 1`, ...ids)) this.deleteEventRows(`id IN (${list})`, ...ids);
    }
    // toDayNumber, not dayNumber: a bad date must reach finalizeEvent and fail there as a DomainError.
    const pending: Pending[] = raws.map((raw) => ({ raw, start: toDayNumber(raw.properties.start) ?? NaN, end: toDayNumber(raw.properties.end) ?? NaN }));
    pending.sort((a, b) => a.start - b.start);
    // Within a bulk write rids only grow past where it started, even when it replaced the newest
    // events: the R*Tree is filled at the end from the rids after that point.
    let rid = Math.max(this.get<{ m: number }>('SELECT coalesce(max(rid), 0) AS m FROM events')!.m, this.bulkRtreeAfter ?? 0);
    const firstRid = rid + 1;
    const events = this.inserter('events (rid, id, origin, source_type, category, start_day, end_day, precision, lng, lat, mx, my, title, date_inferred, corroboration, place_name, place_precision, place_inferred, radius_km, actor_ids)', 20);
    const docs = this.inserter('event_docs (rid, doc)', 2);
    const texts = this.inserter('events_fts (rowid, body)', 2);
    const actorLinks = this.inserter('event_actors (actor_id, rid)', 2);
    const actorIds: string[] = [];
    // Article links wait to go in sorted by article id: in date order they landed all over the
    // (article_id, rid) key, splitting pages in the middle; sorted, a batch's new articles append.
    const articleLinks: [string, number][] = [];
    const reviews: [string, string][] = [];
    let longest = 0;
    for (const item of pending) {
      const p = finalizeEvent(item.raw, lookup).properties;
      const { start, end } = item;
      const place = p.place;
      rid++;
      longest = Math.max(longest, end - start);
      const [mx, my] = mercator(place.lng, place.lat);
      actorIds.length = 0;
      let body = `${p.title}\n${p.summary}\n${place.name}\n${place.country}`;
      for (const a of p.actors) {
        if (!actorIds.includes(a.id)) actorIds.push(a.id);
        body += `\n${a.name}`;
      }
      for (let i = 0; i < p.sources.length; i++) {
        const x = p.sources[i]!;
        if (!p.sources.some((y, j) => j < i && y.article === x.article)) articleLinks.push([x.article, rid]);
        body += `\n${x.quote}`;
      }
      events.add20(rid, p.id, origin, p.sourceType ?? 'article', p.category, start, end, p.precision, place.lng, place.lat, mx, my, p.title, p.dateInferred ? 1 : 0, p.corroboration, place.name, place.precision, place.inferred ? 1 : 0, place.radiusKm ?? 0, JSON.stringify(actorIds));
      // Keys in the order documents have always had (dateBasis second), without a spread per event.
      const doc: EventDoc =
        p.dateBasis === undefined
          ? { summary: p.summary, place, sources: p.sources, disputed: p.disputed, precisionDiffers: p.precisionDiffers }
          : { summary: p.summary, dateBasis: p.dateBasis, place, sources: p.sources, disputed: p.disputed, precisionDiffers: p.precisionDiffers };
      if (p.placeClaims) doc.placeClaims = p.placeClaims;
      if (p.feedSources) doc.feedSources = p.feedSources;
      if (p.extraction) doc.extraction = p.extraction;
      docs.add2(rid, JSON.stringify(doc));
      texts.add2(rid, body);
      for (const a of actorIds) actorLinks.add2(a, rid);
      if (p.extraction) reviews.push([p.id, p.extraction.review ?? 'unreviewed']);
    }
    for (const [id, state] of reviews) this.stmt('INSERT INTO event_review (id, state) VALUES (?, ?)').run(id, state);
    events.flush();
    docs.flush();
    if (this.bulkRtreeAfter === null) this.fillRtree(firstRid - 1);
    texts.flush();
    actorLinks.flush();
    let ordered = true;
    for (let i = 1; i < articleLinks.length && ordered; i++) ordered = articleLinks[i - 1]![0] <= articleLinks[i]![0];
    if (!ordered) articleLinks.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    const articleRows = this.inserter('event_articles (article_id, rid)', 2);
    for (const [a, r] of articleLinks) articleRows.add2(a, r);
    articleRows.flush();
    return longest;
  }

  /**
   * The tree's rows are copied inside SQLite from the events rows written after `afterRid` (no second
   * trip of twelve values per event from JS), in spatial order (1/1024-world cells, then start) so
   * consecutive inserts descend into the same tree nodes. 100k synthetic: 14.5k → 16.4k rows per CPU s.
   */
  private fillRtree(afterRid: number): void {
    this.stmt(
      `INSERT INTO events_rtree (id, min_x, max_x, min_y, max_y, min_t, max_t, lng, lat, category, source_type, eid)
       SELECT rid, lng, lng, lat, lat, start_day, end_day, lng, lat, category, source_type, id FROM events WHERE rid > ? ORDER BY mx >> 16, my >> 16, start_day`,
    ).run(afterRid);
  }

  /**
   * Collects rows for one table and writes them CHUNK at a time through one cached multi-row INSERT,
   * from one preallocated array of values (no array per row; only a last short chunk is copied).
   */
  private inserter(target: string, width: number) {
    const CHUNK = 100;
    const values: unknown[] = new Array(CHUNK * width);
    let n = 0;
    const write = (rows: number) => {
      const tuple = `(${Array(width).fill('?').join(',')})`;
      this.stmt(`INSERT INTO ${target} VALUES ${Array(rows).fill(tuple).join(',')}`).run(rows === CHUNK ? values : values.slice(0, rows * width));
      n = 0;
    };
    return {
      add2: (a: unknown, b: unknown) => {
        values[n++] = a;
        values[n++] = b;
        if (n === values.length) write(CHUNK);
      },
      // prettier-ignore
      add20: (a: unknown, b: unknown, c: unknown, d: unknown, e: unknown, f: unknown, g: unknown, h: unknown, i: unknown, j: unknown, k: unknown, l: unknown, m: unknown, o: unknown, p: unknown, q: unknown, r: unknown, s: unknown, t: unknown, u: unknown) => {
        values[n++] = a; values[n++] = b; values[n++] = c; values[n++] = d; values[n++] = e; values[n++] = f; values[n++] = g; values[n++] = h; values[n++] = i; values[n++] = j;
        values[n++] = k; values[n++] = l; values[n++] = m; values[n++] = o; values[n++] = p; values[n++] = q; values[n++] = r; values[n++] = s; values[n++] = t; values[n++] = u;
        if (n === values.length) write(CHUNK);
      },
      flush: () => {
        if (n > 0) write(n / width);
      },
    };
  }

  private putMovement(f: MovementFeature, origin: string): void {
    const p = f.properties;
    const old = this.get<{ rid: number }>('SELECT rid FROM movements WHERE id = ?', p.id);
    if (old) this.deleteMovementRows('rid = ?', old.rid);
    const info = this.stmt('INSERT INTO movements (id, origin, kind, start_day, end_day, doc) VALUES (?, ?, ?, ?, ?, ?)').run(p.id, origin, p.kind, dayNumber(p.start), dayNumber(p.end), JSON.stringify(f));
    const rid = info.lastInsertRowid;
    this.stmt('INSERT INTO movements_fts (rowid, body) VALUES (?, ?)').run(rid, movementFtsBody(p));
    for (const a of new Set(p.actors.map((x) => x.id))) this.stmt('INSERT OR IGNORE INTO movement_actors (actor_id, rid) VALUES (?, ?)').run(a, rid);
    for (const a of new Set(p.sources.map((x) => x.article))) this.stmt('INSERT OR IGNORE INTO movement_articles (article_id, rid) VALUES (?, ?)').run(a, rid);
  }

  async close(): Promise<void> {
    this.closeSync();
  }

  closeSync(): void {
    if (this.db.open) this.db.close();
  }
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** A database file's revision, "<epoch>-<counter>": what ETags and /api/health carry (a backup reports it too). */
export function revisionOf(db: Database.Database): string {
  const rows = db.prepare("SELECT key, value FROM meta WHERE key IN ('epoch', 'revision') ORDER BY key").all() as { key: string; value: string }[];
  return `${rows[0]!.value}-${rows[1]!.value}`;
}

/** What the movements' text index holds: a movement's names and every quote of it. */
function movementFtsBody(p: MovementFeature['properties']): string {
  return [p.title, p.summary, p.origin.name, p.destination.name, ...p.actors.map((a) => a.name), ...p.sources.map((x) => x.quote)].join('\n');
}

/** The first zoom at which a cell's events fall into more than one cell, or null if they never do. */
function expansionZoom(z: number, c: { x0: number; x1: number; y0: number; y1: number }): number | null {
  for (let z2 = z + 1; z2 <= MAX_CLUSTER_ZOOM; z2++) {
    const s = cellShift(z2);
    if (c.x0 >> s !== c.x1 >> s || c.y0 >> s !== c.y1 >> s) return z2;
  }
  return null;
}
