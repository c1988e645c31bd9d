// The ingest CLI as a user runs it: a directory of articles with one bad among them, standard input,
// and the usage and IO errors, each with its exit code and a summary that adds up.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../lib/store/index-sqlite';
import { parseArgs, type Summary } from './ingest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

// Articles written for this test.
const DROUGHT = `Farmers in northern Morocco staged a protest in Tangier on Friday over water restrictions imposed during the drought, local officials said. Hundreds of people gathered outside the regional government offices and called for emergency aid for the worst-hit villages, which have had no rain for months.`;
const QUAKE = {
  title: 'Quake shakes eastern Turkey',
  published: '2025-04-10',
  outlet: 'Test Wire',
  text: `An earthquake of magnitude 5.1 struck near the city of Malatya in eastern Turkey on Wednesday, the national disaster agency said. Several old buildings were damaged and residents spent the night outdoors, but no deaths were reported in the first hours after the tremor.`,
};

let dir: string;
let db: string;

function cli(args: string[], input?: string) {
  const r = spawnSync(TSX, ['scripts/ingest.ts', ...args], { cwd: ROOT, encoding: 'utf8', input, env: { ...process.env, DATABASE_URL: 'file:/nonexistent-dir-for-test/x.db' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'situation-map-ingest-cli-'));
  db = `file:${path.join(dir, 'x.db')}`;
  const inbox = path.join(dir, 'inbox');
  mkdirSync(inbox);
  writeFileSync(path.join(inbox, 'a-drought.txt'), `Drought protest in Tangier\n\n${DROUGHT}\n`);
  writeFileSync(path.join(inbox, 'b-quake.json'), JSON.stringify(QUAKE));
  writeFileSync(path.join(inbox, 'c-empty.json'), JSON.stringify({ title: 'Nothing', published: '2025-04-10', text: '   ' }));
  writeFileSync(path.join(inbox, 'ignored.md'), 'not read');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run ingest', () => {
  it('ingests a directory, refusing the bad article with its reason (exit 1); a re-run counts what is stored as already there (exit 0)', { timeout: 120_000 }, () => {
    const r = cli(['--json', '--published', '2025-03-08', '--db', db, path.join(dir, 'inbox')]);
    expect(r.code, r.stderr).toBe(1);
    const s = JSON.parse(r.stdout) as Summary;
    expect(s).toMatchObject({ articles: 3, ingested: 2 });
    expect(s.refused).toEqual([{ input: expect.stringMatching(/c-empty\.json$/), reason: expect.stringMatching(/text is empty/) }]);
    expect(s.events.new + s.events.merged).toBe(s.results.reduce((n, x) => n + x.events.length, 0));

    const store = createStore(db, { curated: false });
    const drought = s.results.find((x) => x.input.endsWith('a-drought.txt'))!;
    const article = store.db.prepare('SELECT meta FROM articles WHERE id = ?').get(drought.id) as { meta: string };
    // The flag dates the plain text; its first line is its title.
    expect(JSON.parse(article.meta)).toMatchObject({ date: '2025-03-08', headline: 'Drought protest in Tangier' });
    const revision = store.revisionSync();
    store.closeSync();

    const again = cli(['--db', db, '--published', '2025-03-08', path.join(dir, 'inbox', 'a-drought.txt')]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`already there .*a-drought\\.txt: stored as article ${drought.id}`));
    expect(again.stdout).toMatch(/0 of 1 article\(s\) ingested, 1 already there, 0 refused/);
    const after = createStore(db, { curated: false });
    expect(after.revisionSync()).toBe(revision);
    after.closeSync();
  });

  it('reads JSON from standard input', { timeout: 60_000 }, () => {
    const r = cli(['--json', '--db', db, '-'], JSON.stringify({ ...QUAKE, text: QUAKE.text.replace('Wednesday', 'Wednesday morning'), url: 'https://wire.example/quake' }));
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ articles: 1, ingested: 1, refused: [] });
    // The same URL with another text is a conflict someone must look at, not a finished job: refused, exit 1.
    const url = cli(['--json', '--db', db, '-'], JSON.stringify({ ...QUAKE, text: `${QUAKE.text} Aftershocks followed overnight.`, url: 'https://wire.example/quake' }));
    expect(url.code).toBe(1);
    expect(JSON.parse(url.stdout)).toMatchObject({ ingested: 0, already: [], refused: [{ reason: expect.stringMatching(/already stored/) }] });
  });

  it('usage and IO errors exit 2 before anything is written', { timeout: 120_000 }, () => {
    expect(cli([]).code).toBe(2);
    expect(cli(['--bogus', 'x']).code).toBe(2);
    const missing = cli(['--db', db, path.join(dir, 'nope.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
    expect(cli(['--db', 'postgres://x', path.join(dir, 'inbox')]).code).toBe(2);
    expect(cli(['--help']).code).toBe(0);
  });

  it('parses flags with or without =, and refuses a flag without its value', () => {
    expect(parseArgs(['--published=2025-01-02', '--title', 'T', 'f.txt'])).toMatchObject({ published: '2025-01-02', title: 'T', inputs: ['f.txt'] });
    expect(() => parseArgs(['--db'])).toThrow(/needs a value/);
  });
});
