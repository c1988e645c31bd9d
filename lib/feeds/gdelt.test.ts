import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/sqlite';
import { cameoCategory, GdeltFormatError, parseGdeltExport, readGdeltFile } from './gdelt';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The real exports live beside the project (never copied into the repo).
const DIR = path.resolve(ROOT, '..', 'shared', 'gdelt');
const FILES = ['20151027220000.export.CSV', '20180326044500.export.CSV'].map((f) => path.join(DIR, f));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'situation-map-gdelt-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('GDELT 2.0 exports', () => {
  it('the shared exports are present', () => {
    for (const f of FILES) expect(existsSync(f), f).toBe(true);
  });

  it('parses every row: 61 columns, rows without coordinates counted and skipped', () => {
    const a = parseGdeltExport(readGdeltFile(FILES[0]!));
    const b = parseGdeltExport(readGdeltFile(FILES[1]!));
    expect(a.rows + b.rows).toBe(3656);
    expect(a.skipped['no-coordinates'] + b.skipped['no-coordinates']).toBe(103);
    expect(a.events.length + b.events.length).toBe(3656 - 103);
  });

  it('maps one known row field by field', () => {
    const { events, actors } = parseGdeltExport(readGdeltFile(FILES[0]!));
    const e = events.find((x) => x.properties.id === 'gdelt-479491239')!;
    expect(e.properties).toMatchObject({
      category: 'diplomacy', // CAMEO 051, root 05
      start: '2014-10-27',
      end: '2014-10-27',
      precision: 'day',
      sourceType: 'feed',
      sources: [],
      place: { name: 'Salem, Oregon, United States', country: 'US', lat: 44.9429, lng: -123.035, precision: 'city' },
      feedSources: [{ feed: 'gdelt', recordId: '479491239', url: 'http://www.capitalpress.com/Oregon/20151027/thornless-marionberries-reduce-liability-concerns', code: '051', articles: 3 }],
    });
    expect(e.properties.actors.map((x) => x.id)).toEqual(['gdelt-bus']);
    expect(actors.find((x) => x.id === 'gdelt-bus')?.name).toBe('COMPANY');
    const state = events.find((x) => x.properties.id === 'gdelt-479491240')!;
    expect(state.properties.place).toMatchObject({ precision: 'region', radiusKm: 150 });
  });

  it('CAMEO codes map to categories, specific codes first', () => {
    expect(cameoCategory('04', '042')).toBe('visit');
    expect(cameoCategory('04', '040')).toBe('meeting');
    expect(cameoCategory('17', '173')).toBe('arrest');
    expect(cameoCategory('18', '186')).toBe('killing');
    expect(cameoCategory('19', '190')).toBe('strike');
    expect(cameoCategory('07', '074')).toBe('arms-transfer');
    expect(cameoCategory('99', '999')).toBeNull();
  });

  it('reads a .CSV.zip like the .CSV', () => {
    const zipped = path.join(tmp, 'x.export.CSV.zip');
    writeFileSync(zipped, zipSync({ 'x.export.CSV': readFileSync(FILES[1]!) }));
    expect(readGdeltFile(zipped)).toBe(readGdeltFile(FILES[1]!));
    writeFileSync(path.join(tmp, 'bad.zip'), 'not a zip');
    expect(() => readGdeltFile(path.join(tmp, 'bad.zip'))).toThrow(GdeltFormatError);
  });

  it('refuses a malformed file naming the line', () => {
    const lines = readGdeltFile(FILES[0]!).split('\n');
    lines[4] = lines[4]!.split('\t').slice(0, 60).join('\t');
    expect(() => parseGdeltExport(lines.join('\n'), 'f.CSV')).toThrow(/f\.CSV line 5: expected 61/);
    const cols = lines[1]!.split('\t');
    cols[1] = '20141399';
    lines[4] = lines[1]!;
    lines[1] = cols.join('\t');
    expect(() => parseGdeltExport(lines.join('\n'), 'f.CSV')).toThrow(/line 2: SQLDATE/);
    const ok = readGdeltFile(FILES[0]!).split('\n');
    expect(() => parseGdeltExport([...ok.slice(0, 4), ok[2]!].join('\n'), 'f.CSV')).toThrow(/f\.CSV line 5: GLOBALEVENTID \d+ repeats line 3/);
  });

  it('imports idempotently by GLOBALEVENTID, as feed events', async () => {
    const store = new SqliteStore({ filename: ':memory:' });
    for (const f of FILES) {
      const p = parseGdeltExport(readGdeltFile(f));
      await store.writeBatch({ origin: 'gdelt', actors: p.actors, events: p.events });
    }
    expect(await store.countEvents({ sourceTypes: ['feed'] })).toBe(3553);
    const p = parseGdeltExport(readGdeltFile(FILES[0]!));
    await store.writeBatch({ origin: 'gdelt', actors: p.actors, events: p.events });
    expect(await store.countEvents({})).toBe(3553);
    expect(await store.countEvents({ sourceTypes: ['article'] })).toBe(0);
    expect((await store.getEvent('gdelt-479491239'))?.properties.feedSources?.[0]?.recordId).toBe('479491239');
    await store.close();
  });

  it('the CLI prints a JSON summary, and exits non-zero leaving the database untouched on a malformed file', () => {
    const db = `file:${path.join(tmp, 'cli.db')}`;
    const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
    const out = execFileSync(tsx, ['scripts/import-gdelt.ts', '--json', '--db', db, FILES[1]!], { cwd: ROOT, encoding: 'utf8' });
    const summary = JSON.parse(out) as { events: number; skipped: Record<string, number>; revision: string };
    expect(summary.events + summary.skipped['no-coordinates']!).toBe(1540);
    const bad = path.join(tmp, 'bad.export.CSV');
    writeFileSync(bad, 'a\tb\n');
    const r = spawnSync(tsx, ['scripts/import-gdelt.ts', '--json', '--db', db, FILES[0]!, bad], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.export\.CSV line 1: expected 61/);
    expect(r.stderr).toMatch(/nothing was imported/);
    const again = JSON.parse(execFileSync(tsx, ['scripts/import-gdelt.ts', '--json', '--db', db, FILES[1]!], { cwd: ROOT, encoding: 'utf8' })) as { new: number };
    expect(again.new).toBe(0);
  }, 60_000);
});
