import { describe, expect, it } from 'vitest';
import { CATEGORIES as LIB_CATEGORIES, DATE_PRECISIONS, PLACE_PRECISIONS } from '../lib/vocab';
import { summarizeEvent } from '../lib/events';
import { MemoryStore } from '../lib/store';
import type { Catalog } from '../lib/catalog';
import type { EventFeature } from '../lib/types';
import { BBOX, CATEGORIES, DATE_FROM, DATE_TO, syntheticEvents } from './synthetic-events.mjs';

const gen = (n: number, opts?: object) => syntheticEvents(n, opts) as EventFeature[];

describe('syntheticEvents', () => {
  const events = gen(5000);

  it('keeps its category list in sync with lib/vocab', () => {
    expect(CATEGORIES).toEqual([...LIB_CATEGORIES]);
  });

  it('is deterministic per seed', () => {
    expect(gen(200)).toEqual(events.slice(0, 200));
    expect(gen(200, { seed: 7 })).not.toEqual(events.slice(0, 200));
  });

  it('marks every event as synthetic', () => {
    expect(events[0]!.properties.id).toBe('synthetic-000001');
    expect(events[0]!.properties.title).toBe('Synthetic event 1');
    const bad = events.filter(
      (e) =>
        e.id !== e.properties.id ||
        !/^synthetic-\d{6}$/.test(e.properties.id) ||
        (e.properties as unknown as { synthetic?: boolean }).synthetic !== true ||
        e.properties.sources.length === 0 ||
        e.properties.sources.some((s) => s.article !== 'synthetic'),
    );
    expect(bad.map((e) => e.properties.id).slice(0, 5)).toEqual([]);
    expect(new Set(events.map((e) => e.properties.id)).size).toBe(events.length);
  });

  it('has valid shapes, places and dates', () => {
    const problems: string[] = [];
    const check = (ok: boolean, what: string, e: EventFeature) => ok || problems.push(`${e.properties.id}: ${what}`);
    for (const e of events) {
      const p = e.properties;
      const [lng, lat] = e.geometry.coordinates as [number, number];
      check(e.geometry.type === 'Point', 'geometry', e);
      check(lng >= BBOX.west && lng <= BBOX.east && lat >= BBOX.south && lat <= BBOX.north, 'outside bbox', e);
      check(p.place.lng === lng && p.place.lat === lat, 'place ≠ geometry', e);
      check(LIB_CATEGORIES.includes(p.category), 'category', e);
      check(DATE_PRECISIONS.includes(p.precision), 'date precision', e);
      check(PLACE_PRECISIONS.includes(p.place.precision), 'place precision', e);
      check(p.place.precision !== 'region' || (p.place.radiusKm ?? 0) > 0, 'region without radius', e);
      check(p.start <= p.end && p.start >= DATE_FROM && p.end <= DATE_TO, `dates ${p.start}..${p.end}`, e);
      check(p.corroboration === p.sources.length, 'corroboration', e);
      check(summarizeEvent(e).properties.id === p.id, 'summary', e);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('is mostly day precision, with a denser July–August 2024', () => {
    const day = events.filter((e) => e.properties.precision === 'day').length;
    expect(day / events.length).toBeGreaterThan(0.8);
    const perDay = (from: string, to: string) =>
      events.filter((e) => e.properties.start >= from && e.properties.start <= to).length / ((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1);
    expect(perDay('2024-07-01', '2024-08-05')).toBeGreaterThan(3 * perDay('2023-01-01', '2024-06-30'));
  });

  it('loads into the store as extra events', async () => {
    const catalog = { events: [], movements: [], articles: [], actors: [] } as unknown as Catalog;
    const store = new MemoryStore(catalog, events);
    expect((await store.listEvents({ from: '2024-08-01', to: '2024-08-05' })).length).toBeGreaterThan(0);
    expect(await store.getEvent('synthetic-000042')).not.toBeNull();
  });
});
