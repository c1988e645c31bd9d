// Schema versions, applied in order at open and recorded in PRAGMA user_version, so an old database file
// is brought forward instead of being rebuilt (and a newer one is refused rather than misread).
import type Database from 'better-sqlite3';

/**
 * v1. Events keep their filter columns in a lean table (a scan or count never reads quotes) and the
 * rest of the served feature in event_docs. events_rtree is 3-D — longitude, latitude and the day
 * interval — so a viewport + date window is one index probe. Mercator x/y (2^26 per world) make a
 * cluster cell at any zoom an integer shift. events_start serves pages in (start, id) order and checks
 * the end without touching the row; events_span covers every column a count, histogram or cluster of a
 * wide window reads, so those scan a narrow index instead of the table. The R*Tree carries the exact
 * position, category, source type and id beside its boxes, so a viewport count or page is answered from
 * the tree alone without a lookup into events per candidate. FTS tables are contentless and keep no positions
 * (detail=none): the text lives in the docs, and q only ever asks for word prefixes, never phrases.
 */
const V1 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE articles (
  id TEXT PRIMARY KEY,
  origin TEXT NOT NULL,
  meta TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX articles_origin ON articles(origin);

CREATE TABLE actors (
  id TEXT PRIMARY KEY,
  origin TEXT NOT NULL,
  name TEXT NOT NULL,
  doc TEXT NOT NULL
);

CREATE TABLE events (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  origin TEXT NOT NULL,
  source_type TEXT NOT NULL,
  category TEXT NOT NULL,
  start_day INTEGER NOT NULL,
  end_day INTEGER NOT NULL,
  precision TEXT NOT NULL,
  lng REAL NOT NULL,
  lat REAL NOT NULL,
  mx INTEGER NOT NULL,
  my INTEGER NOT NULL,
  title TEXT NOT NULL,
  date_inferred INTEGER NOT NULL,
  corroboration INTEGER NOT NULL,
  place_name TEXT NOT NULL,
  place_precision TEXT NOT NULL,
  place_inferred INTEGER NOT NULL,
  radius_km REAL NOT NULL,
  actor_ids TEXT NOT NULL
);
CREATE INDEX events_start ON events(start_day, id, end_day);
CREATE INDEX events_span ON events(start_day, end_day, category, source_type, precision, lng, lat, mx, my);
CREATE INDEX events_end ON events(end_day);
CREATE INDEX events_origin ON events(origin);

CREATE TABLE event_docs (rid INTEGER PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE event_actors (actor_id TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (actor_id, rid)) WITHOUT ROWID;
CREATE INDEX event_actors_rid ON event_actors(rid);
CREATE TABLE event_articles (article_id TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (article_id, rid)) WITHOUT ROWID;
CREATE INDEX event_articles_rid ON event_articles(rid);
CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_x, max_x, min_y, max_y, min_t, max_t, +lng, +lat, +category, +source_type, +eid);
CREATE VIRTUAL TABLE events_fts USING fts5(body, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 2');

CREATE TABLE movements (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  origin TEXT NOT NULL,
  kind TEXT NOT NULL,
  start_day INTEGER NOT NULL,
  end_day INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX movements_start ON movements(start_day);
CREATE TABLE movement_actors (actor_id TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (actor_id, rid)) WITHOUT ROWID;
CREATE INDEX movement_actors_rid ON movement_actors(rid);
CREATE TABLE movement_articles (article_id TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (article_id, rid)) WITHOUT ROWID;
CREATE INDEX movement_articles_rid ON movement_articles(rid);
CREATE VIRTUAL TABLE movements_fts USING fts5(body, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 2');
`;

/**
 * v2. Articles as further sources of events any origin wrote: event_sources holds the claims an origin
 * attached to an event by id (so a curated re-import, which rewrites its events, keeps them), and
 * event_docs.own_sources the event's own claims while its doc serves the merged list (NULL: the doc's
 * sources are all its own). Articles get their URL and a hash of their text, so an ingest can refuse
the same article twice (the hash of older rows is filled in at open: SQL has no SHA-256). event_review lists machine-extracted events by review state, so reads can
 * leave out the rejected (and the unreviewed, on request) in SQL, in the R*Tree path too (by eid).
 */
const V2 = `
CREATE TABLE event_sources (
  event_id TEXT NOT NULL,
  article_id TEXT NOT NULL,
  origin TEXT NOT NULL,
  claims TEXT NOT NULL,
  PRIMARY KEY (event_id, article_id, origin)
) WITHOUT ROWID;
CREATE INDEX event_sources_origin ON event_sources(origin);
CREATE INDEX event_sources_article ON event_sources(article_id);
ALTER TABLE event_docs ADD COLUMN own_sources TEXT;
ALTER TABLE articles ADD COLUMN url TEXT;
ALTER TABLE articles ADD COLUMN text_hash TEXT;
CREATE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE INDEX articles_text_hash ON articles(text_hash);
CREATE TABLE event_review (id TEXT PRIMARY KEY, state TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX event_review_state ON event_review(state, id);
`;

/**
 * v3. Articles as further sources of movements: the same trip reported by a second article becomes one
 * more source of the stored movement, as for events (movement_sources, movements.own_sources).
 */
const V3 = `
CREATE TABLE movement_sources (
  movement_id TEXT NOT NULL,
  article_id TEXT NOT NULL,
  origin TEXT NOT NULL,
  claims TEXT NOT NULL,
  PRIMARY KEY (movement_id, article_id, origin)
) WITHOUT ROWID;
CREATE INDEX movement_sources_origin ON movement_sources(origin);
CREATE INDEX movement_sources_article ON movement_sources(article_id);
ALTER TABLE movements ADD COLUMN own_sources TEXT;
`;

export const MIGRATIONS: readonly string[] = [V1, V2, V3];

export function migrate(db: Database.Database): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  const check = (current: number) => {
    if (current > MIGRATIONS.length) throw new Error(`database schema v${current} is newer than this code (v${MIGRATIONS.length}); refusing to touch it`);
  };
  check(version());
  // One IMMEDIATE transaction, the version read again under the write lock: two processes opening a new
  // file at once (the server and the ingest CLI) must not both run v1's CREATE TABLEs.
  db.transaction(() => {
    const current = version();
    check(current);
    for (let v = current; v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}
