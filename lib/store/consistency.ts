// What must hold in any state a database file can be found in, whatever was killed when: SQLite's own
// check, and no half of an article's write without the other half (events citing an absent article,
// attached sources of an absent event, an article no event cites while every test article reports one).
// Used by the crash tests (the CLI's and the API's), on a read-only connection.
import type Database from 'better-sqlite3';

export function consistencyProblems(db: Database.Database, opts: { everyArticleHasEvents?: boolean } = {}): string[] {
  const problems: string[] = [];
  const check = db.pragma('integrity_check', { simple: true });
  if (check !== 'ok') problems.push(`integrity_check: ${String(check)}`);
  const orphans: [string, string][] = [
    ['events citing an absent article', 'SELECT article_id FROM event_articles WHERE article_id NOT IN (SELECT id FROM articles)'],
    ['article links of absent events', 'SELECT rid FROM event_articles WHERE rid NOT IN (SELECT rid FROM events)'],
    ['attached sources of an absent article', 'SELECT article_id FROM event_sources WHERE article_id NOT IN (SELECT id FROM articles)'],
    ['attached sources of an absent event', 'SELECT event_id FROM event_sources WHERE event_id NOT IN (SELECT id FROM events)'],
    ['documents without events', 'SELECT rid FROM event_docs WHERE rid NOT IN (SELECT rid FROM events)'],
    ['events without documents', 'SELECT rid FROM events WHERE rid NOT IN (SELECT rid FROM event_docs)'],
    ['R*Tree entries without events', 'SELECT id FROM events_rtree WHERE id NOT IN (SELECT rid FROM events)'],
    ['events missing from the R*Tree', 'SELECT rid FROM events WHERE rid NOT IN (SELECT id FROM events_rtree)'],
    ['ingested events citing no article', "SELECT id FROM events WHERE origin = 'ingest' AND rid NOT IN (SELECT rid FROM event_articles)"],
    ['movements citing an absent article', 'SELECT article_id FROM movement_articles WHERE article_id NOT IN (SELECT id FROM articles)'],
    ['attached movement sources of an absent article', 'SELECT article_id FROM movement_sources WHERE article_id NOT IN (SELECT id FROM articles)'],
    ['attached sources of an absent movement', 'SELECT movement_id FROM movement_sources WHERE movement_id NOT IN (SELECT id FROM movements)'],
  ];
  if (opts.everyArticleHasEvents) orphans.push(['ingested articles without their events', "SELECT id FROM articles WHERE origin = 'ingest' AND id NOT IN (SELECT article_id FROM event_articles)"]);
  for (const [what, sql] of orphans) {
    const rows = db.prepare(sql).pluck().all();
    if (rows.length) problems.push(`${what}: ${rows.slice(0, 5).join(', ')}${rows.length > 5 ? ` and ${rows.length - 5} more` : ''}`);
  }
  return problems;
}
