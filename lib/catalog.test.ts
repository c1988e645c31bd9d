import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CatalogError, buildCatalog, readRawCatalog, type RawCatalog } from './catalog';
import type { EventFeature, MovementFeature, Place, SourceClaim } from './types';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SEEDS = path.join(ROOT, 'seeds');
const SHARED_SEEDS = path.resolve(ROOT, '..', 'shared', 'seeds');

/** The article texts, read straight from disk: independent of the catalog code. */
const articleText = (id: string) => readFileSync(path.join(SEEDS, `${id}.txt`), 'utf8');

const raw = readRawCatalog(ROOT);
const catalog = buildCatalog(raw);
const all: (EventFeature | MovementFeature)[] = [...catalog.events, ...catalog.movements];

const event = (id: string) => {
  const e = catalog.events.find((x) => x.properties.id === id);
  if (!e) throw new Error(`no event ${id}`);
  return e.properties;
};

function findMovement(pred: (m: MovementFeature['properties']) => boolean, what: string) {
  const found = catalog.movements.filter((m) => pred(m.properties));
  expect(found.length, `movement: ${what}`).toBeGreaterThanOrEqual(1);
  return found[0]!.properties;
}

const mentions = (m: { title: string; summary: string }, word: RegExp) => word.test(`${m.title} ${m.summary}`);

describe('the seeds', () => {
  it('seeds/ is a byte-identical copy of ../shared/seeds/', () => {
    expect(existsSync(SHARED_SEEDS), `expected the shared article seeds at ${SHARED_SEEDS}; they are always present in this workspace and in CI`).toBe(true);
    const mine = readdirSync(SEEDS).sort();
    const shared = readdirSync(SHARED_SEEDS).sort();
    expect(mine).toEqual(shared);
    expect(mine.length).toBe(5);
    for (const f of shared) {
      expect(readFileSync(path.join(SEEDS, f)).equals(readFileSync(path.join(SHARED_SEEDS, f))), `${f} differs from the shared copy`).toBe(true);
    }
  });

  it('every article in the registry has its text, and every text is registered', () => {
    const files = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
    expect(catalog.articles.map((a) => a.id).sort()).toEqual(files);
  });
});

describe('quote integrity', () => {
  it('every source quote is verbatim in its article, at the recorded offset', () => {
    let n = 0;
    for (const f of all) {
      for (const s of f.properties.sources) {
        const text = articleText(s.article);
        expect(text.slice(s.offset, s.offset + s.quote.length), `${f.properties.id} / ${s.article}`).toBe(s.quote);
        n++;
      }
    }
    expect(n).toBeGreaterThan(50);
  });

  it('every event and movement has a source, and corroboration counts distinct articles', () => {
    for (const f of all) {
      const p = f.properties;
      expect(p.sources.length, p.id).toBeGreaterThanOrEqual(1);
      expect(p.corroboration, p.id).toBe(new Set(p.sources.map((s) => s.article)).size);
    }
  });

  it('ids are unique kebab-case slugs', () => {
    const ids = all.map((f) => f.properties.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('every date phrase occurs inside its quote', () => {
    for (const f of all) {
      for (const s of f.properties.sources) {
        if (s.dateText) expect(s.quote.toLowerCase(), `${f.properties.id}: "${s.dateText}"`).toContain(s.dateText.toLowerCase());
      }
    }
  });

  it('every date not marked inferred is supported by a source whose resolved date lies within it', () => {
    for (const f of all) {
      const p = f.properties;
      if (p.dateInferred) continue;
      const supported = p.sources.some((s) => s.date && s.date.start >= p.start && s.date.end <= p.end);
      expect(supported, `${p.id} ${p.start}..${p.end}: ${JSON.stringify(p.sources.map((s) => s.date))}`).toBe(true);
    }
  });

  it('every inferred date or place says how it was inferred', () => {
    const places = (f: EventFeature | MovementFeature): Place[] =>
      'place' in f.properties ? [f.properties.place] : [f.properties.origin, ...f.properties.via, f.properties.destination];
    for (const f of all) {
      if (f.properties.dateInferred) expect(f.properties.dateBasis?.trim(), f.properties.id).toBeTruthy();
      for (const p of places(f)) if (p.inferred) expect(p.basis?.trim(), `${f.properties.id} ${p.id}`).toBeTruthy();
    }
  });

  it('region and country places carry an uncertainty radius', () => {
    for (const f of all) {
      const ps = 'place' in f.properties ? [f.properties.place] : [f.properties.origin, ...f.properties.via, f.properties.destination];
      for (const p of ps) if (p.precision === 'region' || p.precision === 'country') expect(p.radiusKm, p.id).toBeGreaterThan(0);
    }
  });
});

describe('what a reader sees', () => {
  it("Shoigu's arrival: 5 Aug 2024, Tehran, reported by all five articles, with the Iran/Tehran wording kept visible as a difference of precision", () => {
    const p = event('shoigu-arrives-tehran-2024-08-05');
    expect([p.start, p.end, p.precision]).toEqual(['2024-08-05', '2024-08-05', 'day']);
    expect(p.place.name).toBe('Tehran');
    expect(p.corroboration).toBe(5);
    const placeText = (prefix: string): SourceClaim['placeText'][] => p.sources.filter((s) => s.article.startsWith(prefix)).map((s) => s.placeText);
    expect(placeText('000_')).toEqual(['Iran']);
    for (const other of ['001_', '002_', '003_', '004_']) expect(placeText(other)).toEqual(['Tehran']);
    // Tehran lies in Iran: the sources do not disagree, one is less precise.
    expect(p.disputed).toEqual([]);
    expect(p.precisionDiffers).toEqual(['place']);
    expect(p.placeClaims).toEqual([
      { text: 'Iran', name: 'Iran', precision: 'country' },
      { text: 'Tehran', name: 'Tehran', precision: 'city' },
    ]);
  });

  it("Shukr's killing: “Beirut” and “southern Beirut” differ in precision, not in substance", () => {
    const p = event('shukr-killed-beirut-2024-07-30');
    expect(p.disputed).not.toContain('place');
    expect(p.precisionDiffers).toEqual(['place']);
    expect(p.placeClaims?.map((c) => c.text)).toEqual(['Beirut', 'southern Beirut']);
  });

  it('no seed event is reported as disputed unless its sources really contradict each other', () => {
    for (const e of catalog.events) {
      const p = e.properties;
      expect(p.disputed.includes('place') && p.precisionDiffers.includes('place'), p.id).toBe(false);
      if (!p.placeClaims) expect(p.precisionDiffers, p.id).toEqual([]);
    }
  });

  it("Haniyeh's killing is on 31 Jul 2024 in Tehran", () => {
    const p = event('haniyeh-killed-tehran-2024-07-31');
    expect([p.start, p.end, p.precision]).toEqual(['2024-07-31', '2024-07-31', 'day']);
    expect(p.place.name).toBe('Tehran');
    expect(p.category).toBe('killing');
  });

  it('the 1983 Beirut bombing is dated only to the year', () => {
    const p = event('beirut-bombing-1983');
    expect([p.start, p.end, p.precision]).toEqual(['1983-01-01', '1983-12-31', 'year']);
  });

  it('the Golan Heights attack is placed at region precision with a radius', () => {
    const e = catalog.events.find((x) => x.properties.place.name === 'Golan Heights');
    expect(e).toBeDefined();
    expect(e!.properties.place.precision).toBe('region');
    expect(e!.properties.place.radiusKm).toBeGreaterThan(0);
  });

  it('Shoigu travels Moscow → Tehran on 5 Aug 2024; the origin is inferred with a basis', () => {
    const m = findMovement((m) => m.kind === 'travel' && m.actors.some((a) => a.id === 'shoigu') && m.start === '2024-08-05', 'Shoigu to Tehran');
    expect(m.origin.name).toBe('Moscow');
    expect(m.destination.name).toBe('Tehran');
    expect(m.origin.inferred).toBe(true);
    expect(m.origin.basis).toBeTruthy();
  });

  it('Kurilla travels to Israel on 5 Aug 2024 from an inferred origin', () => {
    const m = findMovement((m) => m.kind === 'travel' && m.actors.some((a) => a.id === 'kurilla'), 'Kurilla to Israel');
    expect(m.start).toBe('2024-08-05');
    expect(m.destination.country).toBe('Israel');
    expect(m.origin.inferred).toBe(true);
    expect(m.origin.basis).toBeTruthy();
  });

  it('Safadi travels to Tehran on 4 Aug 2024', () => {
    const m = findMovement((m) => m.kind === 'travel' && m.actors.some((a) => a.id === 'safadi'), 'Safadi to Tehran');
    expect([m.start, m.end]).toEqual(['2024-08-04', '2024-08-04']);
    expect(m.destination.name).toBe('Tehran');
  });

  it('Haniyeh travels Doha → Tehran, arriving by 31 Jul 2024, from an inferred origin', () => {
    const m = findMovement((m) => m.kind === 'travel' && m.actors.some((a) => a.id === 'haniyeh'), 'Haniyeh to Tehran');
    expect(m.origin.name).toBe('Doha');
    expect(m.destination.name).toBe('Tehran');
    expect(m.end).toBe('2024-07-31');
    expect(m.origin.inferred).toBe(true);
  });

  it("Shoigu's September 2023 and Patrushev's late-2022 trips to Iran", () => {
    const s = findMovement((m) => m.kind === 'travel' && m.actors.some((a) => a.id === 'shoigu') && m.start.startsWith('2023'), 'Shoigu 2023');
    expect([s.start, s.end, s.destination.country]).toEqual(['2023-09-01', '2023-09-30', 'Iran']);
    const p = findMovement((m) => m.kind === 'travel' && m.actors.some((a) => a.id === 'patrushev'), 'Patrushev 2022');
    expect([p.start, p.end, p.destination.country]).toEqual(['2022-09-01', '2022-12-31', 'Iran']);
  });

  it('arms flows: Iran → Russia missiles and drones, Russia → Iran jamming, Russia → Yemen anti-ship missiles (considered)', () => {
    const arms = (from: string, to: string, word: RegExp, what: string) =>
      findMovement((m) => m.kind === 'arms' && m.origin.country === from && m.destination.country === to && mentions(m, word), what);
    arms('Iran', 'Russia', /ballistic missile/i, 'Iranian missiles to Russia');
    arms('Iran', 'Russia', /drone/i, 'Iranian drones to Russia');
    arms('Russia', 'Iran', /jam/i, 'Russian jamming systems to Iran');
    const ship = arms('Russia', 'Yemen', /anti-ship/i, 'Russian anti-ship missiles to Yemen');
    expect(ship.status).toBe('considered');
  });
});

describe('the article registry', () => {
  const article = (prefix: string) => catalog.articles.find((a) => a.id.startsWith(prefix))!;

  it('001 and 003 state their date, and the stated text is in the article', () => {
    for (const prefix of ['001_', '003_']) {
      const a = article(prefix);
      expect(a.dateStatus).toBe('stated');
      expect(a.date).toBe('2024-08-05');
      expect(articleText(a.id)).toContain(a.dateBasis);
    }
  });

  it("004's “Friday, 15 November 2024” is recorded as not its date", () => {
    const a = article('004_');
    expect(articleText(a.id)).toContain('Friday, 15 November 2024');
    expect(a.notDate).toBe('Friday, 15 November 2024');
    expect(a.date).toBe('2024-08-05');
  });

  it('no article invents an outlet: it is null or named in the text', () => {
    for (const a of catalog.articles) {
      if (a.outlet !== null) expect(articleText(a.id), a.id).toContain(a.outlet);
    }
  });

  it('names each article by its headline, else its outlet and date, never by its id', () => {
    for (const a of catalog.articles) {
      expect(a.displayTitle, a.id).not.toContain(a.id);
      expect(a.displayTitle, a.id).toBe(a.headline ?? (a.outlet ? `${a.outlet} · 5 Aug 2024` : 'Article of 5 Aug 2024 (no headline, outlet not named)'));
    }
  });

  it('lists the events each article supports', () => {
    for (const a of catalog.articles) {
      expect(a.eventIds.length, a.id).toBeGreaterThan(0);
      for (const id of a.eventIds) expect(event(id).sources.some((s) => s.article === a.id)).toBe(true);
    }
  });
});

describe('buildCatalog rejects broken curation', () => {
  interface JsonSource { article: string; quote: string; dateText?: string }
  interface JsonItem { id: string; actors: string[]; date: { start: string; end: string; inferred?: boolean; basis?: string }; sources: JsonSource[] }
  const clone = (): RawCatalog & { events: JsonItem[]; movements: JsonItem[] } => structuredClone(raw) as never;
  const item = (c: { events: JsonItem[] }, id: string) => c.events.find((e) => e.id === id)!;

  it('an unmodified clone builds (so each failure below is caused by its mutation)', () => {
    expect(() => buildCatalog(clone())).not.toThrow();
  });

  it('a quote altered by one character', () => {
    const c = clone();
    const s = item(c, 'shoigu-arrives-tehran-2024-08-05').sources[1]!;
    const before = s.quote;
    s.quote = before.replace('Tehran', 'Tahran');
    expect([...s.quote].filter((ch, i) => ch !== before[i]).length).toBe(1);
    expect(() => buildCatalog(c)).toThrow(CatalogError);
    expect(() => buildCatalog(c)).toThrow(/quote not found/);
  });

  it('an unknown actor id', () => {
    const c = clone();
    item(c, 'haniyeh-killed-tehran-2024-07-31').actors.push('nobody-at-all');
    expect(() => buildCatalog(c)).toThrow(CatalogError);
    expect(() => buildCatalog(c)).toThrow(/unknown actor nobody-at-all/);
  });

  it('a date phrase that cannot be resolved', () => {
    const c = clone();
    // "recent" is in the quote, so only the resolution can fail
    item(c, 'golan-heights-rocket-attack-2024-07').sources[0]!.dateText = 'recent';
    expect(() => buildCatalog(c)).toThrow(CatalogError);
    expect(() => buildCatalog(c)).toThrow(/cannot resolve date phrase "recent"/);
  });

  it('a date phrase that is not in its quote', () => {
    const c = clone();
    item(c, 'beirut-bombing-1983').sources[0]!.dateText = '1984';
    expect(() => buildCatalog(c)).toThrow(CatalogError);
  });

  it('a non-inferred date that disagrees with its sources', () => {
    const c = clone();
    const e = item(c, 'shoigu-arrives-tehran-2024-08-05');
    e.date.start = '2024-08-06';
    e.date.end = '2024-08-06';
    expect(() => buildCatalog(c)).toThrow(CatalogError);
    expect(() => buildCatalog(c)).toThrow(/outside 2024-08-06\.\.2024-08-06/);
  });

  it('a source that names a different city makes the place disputed', () => {
    const c = clone();
    (item(c, 'shoigu-arrives-tehran-2024-08-05').sources[0]! as JsonSource & { placeText?: string }).placeText = 'Moscow';
    const p = buildCatalog(c).events.find((e) => e.properties.id === 'shoigu-arrives-tehran-2024-08-05')!.properties;
    expect(p.disputed).toEqual(['place']);
    expect(p.precisionDiffers).toEqual([]);
  });

  it('a wording that is no place name is compared through its "place" id', () => {
    const c = clone();
    Object.assign(item(c, 'shoigu-arrives-tehran-2024-08-05').sources[0]!, { placeText: 'the Iranian capital', place: 'tehran' });
    const p = buildCatalog(c).events.find((e) => e.properties.id === 'shoigu-arrives-tehran-2024-08-05')!.properties;
    expect([p.disputed, p.precisionDiffers, p.placeClaims]).toEqual([[], [], undefined]);
    Object.assign(item(c, 'shoigu-arrives-tehran-2024-08-05').sources[0]!, { place: 'atlantis' });
    expect(() => buildCatalog(c)).toThrow(/unknown place atlantis/);
  });

  it('a place wording that names no known place, where sources word the place differently', () => {
    const c = clone();
    (item(c, 'shoigu-arrives-tehran-2024-08-05').sources[0]! as JsonSource & { placeText?: string }).placeText = 'Persia';
    expect(() => buildCatalog(c)).toThrow(CatalogError);
    expect(() => buildCatalog(c)).toThrow(/"Persia" is no place's name/);
  });

  it('a country-level place not named as its country (the map draws the country of that name)', () => {
    const c = clone();
    const russia = (c.places as { id: string; name: string }[]).find((p) => p.id === 'russia')!;
    russia.name = 'Russian Federation';
    expect(() => buildCatalog(c)).toThrow(/a country-level place is named as its country/);
  });

  it('an inferred date with no basis', () => {
    const c = clone();
    delete item(c, 'shoigu-meets-ahmadian-2024-08-05').date.basis;
    expect(() => buildCatalog(c)).toThrow(CatalogError);
  });
});
