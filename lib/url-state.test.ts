import { countUrl } from './map/view-query';
import { describe, expect, it } from 'vitest';
import {
  sourceTypesShown,
  LAYERS,
  movementsUrl,
  LIMITS,
  coordinatePrecision,
  eventFilterQuery,
  formatMap,
  histogramUrl,
  layerVisible,
  parseMap,
  parseUrlState,
  serializeUrlState,
  type UrlState,
} from './url-state';
import { parseFilterQuery } from './filters';

const parse = (qs: string) => parseUrlState(new URLSearchParams(qs));
const roundTrip = (s: UrlState) => parse(serializeUrlState(s));

describe('round trip: parse(serialize(state)) is the state', () => {
  const states: [string, UrlState][] = [
    ['nothing set', { embed: false }],
    ['map without bearing/pitch', { map: { zoom: 5, lat: 33.89, lng: 35.5, bearing: 0, pitch: 0 }, embed: false }],
    ['map with bearing and pitch', { map: { zoom: 11.5, lat: 35.6892, lng: 51.389, bearing: -30.5, pitch: 45 }, embed: false }],
    ['dates and event', { from: '2024-07-29', to: '2024-08-05', event: 'shoigu-arrives-tehran-2024-08-05', embed: false }],
    ['categories and actor', { categories: ['strike', 'visit', 'arms-transfer'], actor: 'kurilla', embed: false }],
    ['q with spaces, unicode and &', { q: 'Shoigu & Ahmadian — “Tehran” 100% ثأر a+b=c?/#', embed: false }],
    ['layers subset', { layers: ['events', 'areas'], embed: false }],
    ['feeds only', { layers: ['feeds'], embed: false }],
    ['movement and kinds', { movement: 'shoigu-moscow-tehran-2024-08-05', kinds: ['travel', 'attack'], embed: false }],
    ['no layers', { layers: [], embed: false }],
    [
      'everything, embedded',
      {
        map: { zoom: 3.25, lat: -12.35, lng: -170.5, bearing: 90, pitch: 60 },
        from: '2022-09-01',
        to: '2024-08-05',
        event: 'beirut-bombing-1983',
        categories: ['killing', 'meeting'],
        actor: 'shoigu',
        q: 'jamming systems',
        layers: ['movements'],
        embed: true,
      },
    ],
  ];

  it.each(states)('%s', (_name, s) => {
    expect(roundTrip(s)).toEqual(s);
  });

  it('serialization is canonical: the same state always gives the same string', () => {
    for (const [, s] of states) expect(serializeUrlState(roundTrip(s))).toBe(serializeUrlState(s));
  });

  it('all layers are the default and not written into the link', () => {
    expect(serializeUrlState({ layers: [...LAYERS], embed: false })).toBe('');
    expect(roundTrip({ layers: [...LAYERS], embed: false }).layers).toBeUndefined();
  });
});

describe('clamping and dropping bad input', () => {
  it('map=25/999/540 → max zoom, max latitude, longitude wrapped', () => {
    const m = parse('map=25/999/540').map!;
    expect(m.zoom).toBe(LIMITS.maxZoom);
    // the map's own limit: a link never asks for a zoom the map cannot show
    expect(m.zoom).toBe(12);
    expect(m.lat).toBe(85.05);
    // 540° is the antimeridian; this code writes it as -180 (190 would be -170)
    expect(m.lng).toBe(-180);
    expect(parse('map=5/0/190').map!.lng).toBe(-170);
    expect(parse('map=5/0/-190').map!.lng).toBe(170);
    expect(parse('map=-3/-999/0').map).toMatchObject({ zoom: 1, lat: -85.05 });
  });

  it('pitch is clamped and bearing wrapped', () => {
    expect(parse('map=5/0/0/370/200').map).toMatchObject({ bearing: 10, pitch: 85 });
    expect(parse('map=5/0/0/-180/-5').map).toMatchObject({ bearing: 180, pitch: 0 });
  });

  it.each(['abc', '1/2', '1/2/3/4', '1/2/3/4/5/6', '5//35', '5/x/35', '5/33/NaN', 'Infinity/1/2'])('map=%s is ignored', (v) => {
    expect(parse(`map=${v}`).map).toBeUndefined();
    expect(parseMap(v)).toBeUndefined();
  });

  it('an impossible date is ignored', () => {
    const s = parse('from=2024-99-99&to=2024-08-05');
    expect(s.from).toBeUndefined();
    expect(s.to).toBe('2024-08-05');
    expect(parse('to=2024-02-30').to).toBeUndefined();
  });

  it('from after to is swapped', () => {
    const s = parse('from=2024-08-05&to=2024-07-01');
    expect(s.from).toBe('2024-07-01');
    expect(s.to).toBe('2024-08-05');
  });

  it('unknown categories are dropped, known ones kept (deduplicated)', () => {
    expect(parse('category=visit,nonsense,strike,visit').categories).toEqual(['strike', 'visit']);
    expect(parse('category=nonsense').categories).toBeUndefined();
  });

  it('unknown keys are ignored', () => {
    expect(parse('colour=red&from=2024-08-05&utm_source=x')).toEqual({ from: '2024-08-05', embed: false });
  });

  it('q is trimmed and truncated to 200 characters', () => {
    const s = parse(`q=${'x'.repeat(250)}`);
    expect(s.q).toHaveLength(200);
    expect(parse('q=%20%20').q).toBeUndefined();
  });

  it('a malformed event or actor id is dropped', () => {
    expect(parse('event=%3Cscript%3E').event).toBeUndefined();
    expect(parse('actor=a%20b').actor).toBeUndefined();
  });

  it('layers=nonsense shows every layer; layers= (empty) shows none', () => {
    const junk = parse('layers=nonsense');
    expect(junk.layers).toBeUndefined();
    for (const l of LAYERS) expect(layerVisible(junk, l)).toBe(true);

    const none = parse('layers=');
    expect(none.layers).toEqual([]);
    for (const l of LAYERS) expect(layerVisible(none, l)).toBe(false);

    const some = parse('layers=areas,bogus,events');
    expect(some.layers).toEqual(['events', 'areas']);
    expect(layerVisible(some, 'movements')).toBe(false);
  });

  it('embed=1 embeds; anything else does not', () => {
    expect(parse('embed=1').embed).toBe(true);
    expect(parse('embed=0').embed).toBe(false);
    expect(parse('').embed).toBe(false);
  });

  it('unknown kinds are dropped, known ones kept in vocabulary order', () => {
    expect(parse('kind=attack,bogus,travel,attack').kinds).toEqual(['travel', 'attack']);
    expect(parse('kind=bogus').kinds).toBeUndefined();
  });

  it('one popup at a time: an event wins over a movement', () => {
    expect(parse('event=a-b&movement=c-d')).toEqual({ event: 'a-b', embed: false });
    expect(parse('event=%3Cx%3E&movement=c-d')).toEqual({ movement: 'c-d', embed: false });
  });

  it('a repeated key counts once, with its first value', () => {
    const s = parse('category=strike&category=visit&q=one&q=two&map=4/30/45&map=9/0/0');
    expect(s).toEqual({ categories: ['strike'], q: 'one', map: { zoom: 4, lat: 30, lng: 45, bearing: 0, pitch: 0 }, embed: false });
    expect(serializeUrlState(s)).toBe('map=4/30/45&category=strike&q=one');
  });

  it('also reads a Next.js searchParams record (first value of an array)', () => {
    expect(parseUrlState({ from: ['2024-07-01', '2024-07-02'], embed: '1' })).toEqual({ from: '2024-07-01', embed: true });
  });
});

describe('movementsUrl: the query the page sends for its movements', () => {
  const s: UrlState = { map: { zoom: 4, lat: 30, lng: 45, bearing: 0, pitch: 0 }, event: 'x', categories: ['strike'], kinds: ['arms'], actor: 'shoigu', q: 'a b', layers: ['events', 'unreviewed'], embed: true };
  it('carries the filters and nothing of the page (camera, selection, embed, layers)', () => {
    expect(movementsUrl(s)).toBe('/api/movements?category=strike&kind=arms&actor=shoigu&q=a%20b');
    expect(movementsUrl({ ...s, map: undefined, event: undefined, layers: ['events', 'movements', 'unreviewed'], embed: false })).toBe(movementsUrl(s));
    expect(movementsUrl({ embed: false })).toBe('/api/movements');
  });
  it('asks the server to leave unreviewed items out when their layer is off', () => {
    expect(movementsUrl({ layers: ['movements'], embed: false })).toBe('/api/movements?unreviewed=hide');
    expect(eventFilterQuery({ layers: ['events', 'movements'], embed: false })).toBe('source=article&unreviewed=hide');
    expect(eventFilterQuery({ layers: ['events', 'unreviewed'], embed: false })).toBe('source=article');
    expect(serializeUrlState({ layers: ['events', 'feeds', 'movements', 'areas'], embed: false })).toBe('layers=events,feeds,movements,areas');
  });
});

describe('eventFilterQuery and histogramUrl: the timeline asks for the events the map shows', () => {
  const s: UrlState = { map: { zoom: 4, lat: 30, lng: 45, bearing: 0, pitch: 0 }, event: 'x', categories: ['strike'], kinds: ['arms'], actor: 'shoigu', q: 'a b', layers: ['events', 'unreviewed'], embed: true };
  const w = { from: '2024-07-28', to: '2024-08-05' };
  it('is the events query without paging: same filters, same source rule', () => {
    expect(eventFilterQuery(s)).toBe('source=article&category=strike&actor=shoigu&q=a%20b');
    // the map's count asks for the same events
    expect(countUrl({ ...s, ...w }, sourceTypesShown(s))).toBe(`/api/events/count?source=article&from=${w.from}&to=${w.to}&category=strike&actor=shoigu&q=a%20b`);
    expect(eventFilterQuery({ ...s, layers: ['feeds', 'movements', 'unreviewed'] })).toContain('source=feed');
    expect(eventFilterQuery({ embed: false })).toBe('');
    expect(eventFilterQuery({ ...s, map: undefined, event: undefined, embed: false })).toBe(eventFilterQuery(s));
  });
  it('names the window, the bins and the filters', () => {
    expect(histogramUrl(eventFilterQuery(s), w, { binDays: 1 })).toBe('/api/events/histogram?from=2024-07-28&to=2024-08-05&binDays=1&source=article&category=strike&actor=shoigu&q=a%20b');
    expect(histogramUrl('', w, { scale: 'log', center: '2024-08-01', width: 640 })).toBe('/api/events/histogram?from=2024-07-28&to=2024-08-05&scale=log&center=2024-08-01&width=640');
  });
  it('is a query the histogram route accepts', () => {
    const url = new URL(histogramUrl(eventFilterQuery(s), w, { scale: 'overview', center: '2024-08-01', width: 640 }), 'http://x');
    expect(parseFilterQuery(url.searchParams, 'histogram')).toMatchObject({ ok: true, filter: { from: w.from, to: w.to, categories: ['strike'], actors: ['shoigu'], q: 'a b', sourceTypes: ['article'] } });
  });
});

describe('map formatting', () => {
  it('coordinate precision grows with zoom', () => {
    expect(coordinatePrecision(0)).toBe(1);
    expect(coordinatePrecision(5)).toBe(2);
    expect(coordinatePrecision(12)).toBe(5);
    expect(coordinatePrecision(18)).toBe(6);
    for (let z = 1; z <= 18; z++) expect(coordinatePrecision(z)).toBeGreaterThanOrEqual(coordinatePrecision(z - 1));
  });

  it('rounds coordinates to that precision', () => {
    expect(formatMap({ zoom: 5, lat: 35.689213, lng: 51.389456, bearing: 0, pitch: 0 })).toBe('5/35.69/51.39');
    expect(formatMap({ zoom: 18, lat: 35.689213, lng: 51.389456, bearing: 0, pitch: 0 })).toBe('18/35.689213/51.389456');
  });

  it('omits bearing and pitch when both are 0, keeps both otherwise', () => {
    expect(formatMap({ zoom: 4, lat: 30, lng: 45, bearing: 0, pitch: 0 })).toBe('4/30/45');
    expect(formatMap({ zoom: 4, lat: 30, lng: 45, bearing: 0, pitch: 30 })).toBe('4/30/45/0/30');
    expect(formatMap({ zoom: 4, lat: 30, lng: 45, bearing: 15, pitch: 0 })).toBe('4/30/45/15/0');
  });

  it('keeps slashes and commas readable in the query string', () => {
    const qs = serializeUrlState({ map: { zoom: 4, lat: 30, lng: 45, bearing: 0, pitch: 0 }, categories: ['strike', 'visit'], embed: false });
    expect(qs).toBe('map=4/30/45&category=strike,visit');
  });
});

