import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { MAX_Q } from './limits';
import { matchesEvent, matchesMovement, parseFilterQuery, type Filter } from './filters';
import type { EventProperties, MovementProperties, Place } from './types';

const parse = (qs: string) => parseFilterQuery(new URLSearchParams(qs));

function expectError(qs: string, param: string) {
  const r = parse(qs);
  expect(r.ok, `${qs} should be rejected`).toBe(false);
  if (r.ok) return;
  expect(r.error).toContain(param);
  expect(r.issues.some((i) => i.path.split('.')[0] === param || i.path.split(',').includes(param))).toBe(true);
}

const tehran: Place = { id: 'tehran', name: 'Tehran', country: 'Iran', lat: 35.6892, lng: 51.389, precision: 'city', inferred: false };
const telAviv: Place = { id: 'tel-aviv', name: 'Tel Aviv', country: 'Israel', lat: 32.0853, lng: 34.7818, precision: 'city', inferred: false };
const moscow: Place = { id: 'moscow', name: 'Moscow', country: 'Russia', lat: 55.7558, lng: 37.6173, precision: 'city', inferred: false };

function event(over: Partial<EventProperties> = {}): EventProperties {
  return {
    id: 'houthi-drone-strike-tel-aviv-2024-07',
    title: 'Houthi drone kills one person in Tel Aviv',
    summary: 'An Iranian-made drone launched by the Houthis kills one person.',
    category: 'strike',
    start: '2024-07-01',
    end: '2024-07-19',
    precision: 'month',
    dateInferred: true,
    place: telAviv,
    actors: [{ id: 'houthis', name: 'Houthis', role: 'Yemeni rebel movement', affiliation: 'Houthis' }],
    sources: [
      {
        article: '002_0b6099c57200e8a6',
        headline: null,
        outlet: null,
        articleDate: '2024-08-05',
        quote: 'The report came after an Iranian-made drone launched by the Houthis killed one person and injured at least eight others in Tel Aviv.',
        offset: 0,
      },
    ],
    corroboration: 1,
    disputed: [],
    precisionDiffers: [],
    ...over,
  };
}
const telAvivCoords: Position = [telAviv.lng, telAviv.lat];

function movement(over: Partial<MovementProperties> = {}): MovementProperties {
  return {
    id: 'shoigu-moscow-tehran-2024-08-05',
    kind: 'travel',
    title: 'Shoigu travels to Tehran',
    summary: "Russia's Security Council secretary flies to Tehran.",
    status: 'reported',
    actors: [{ id: 'shoigu', name: 'Sergei Shoigu', role: 'Secretary', affiliation: 'Russia' }],
    origin: { ...moscow, inferred: true, basis: 'base' },
    destination: tehran,
    via: [],
    start: '2024-08-05',
    end: '2024-08-05',
    precision: 'day',
    dateInferred: false,
    sources: [
      {
        article: '001_7faa1236c4f835ad',
        headline: null,
        outlet: 'Reuters',
        articleDate: '2024-08-05',
        quote: 'A senior ally of President Vladimir Putin arrived in Tehran on Monday',
        offset: 0,
      },
    ],
    corroboration: 1,
    ...over,
  };
}
const moscowTehran: Position[] = [
  [37.6173, 55.7558],
  [44.5, 45.8],
  [51.389, 35.6892],
];

function filterOf(qs: string): Filter {
  const r = parse(qs);
  if (!r.ok) throw new Error(`expected ${qs} to parse: ${r.error}`);
  return r.filter;
}

describe('parseFilterQuery: valid queries', () => {
  it('an empty query is no filter, full fields', () => {
    expect(parse('')).toEqual({ ok: true, filter: {}, fields: 'full' });
  });

  it('parses every parameter', () => {
    const r = parse('from=2024-07-01&to=2024-08-05&bbox=30,20,60,60&category=visit,strike&kind=travel&actor=shoigu,kurilla&q=%20Tehran%20&fields=summary');
    expect(r).toEqual({
      ok: true,
      fields: 'summary',
      filter: {
        from: '2024-07-01',
        to: '2024-08-05',
        bbox: [30, 20, 60, 60],
        categories: ['visit', 'strike'],
        kinds: ['travel'],
        actors: ['shoigu', 'kurilla'],
        q: 'Tehran',
      },
    });
  });

  it('accepts from equal to to, and a 200-character q', () => {
    expect(parse('from=2024-08-05&to=2024-08-05').ok).toBe(true);
    expect(parse(`q=${'a'.repeat(MAX_Q)}`).ok).toBe(true);
  });

  it('accepts an antimeridian-crossing bbox (west > east)', () => {
    const r = parse('bbox=170,-10,-170,10');
    expect(r.ok && r.filter.bbox).toEqual([170, -10, -170, 10]);
  });
});

describe('parseFilterQuery: 400-worthy queries name the parameter', () => {
  it.each([
    ['from=2024-13-45', 'from'],
    ['to=2024-02-30', 'to'],
    ['from=2024-08-06&to=2024-08-05', 'from'],
    ['bbox=1,2,3', 'bbox'],
    ['bbox=1,2,3,x', 'bbox'],
    ['bbox=0,200,10,10', 'bbox'],
    ['bbox=0,-10,10,200', 'bbox'],
    ['bbox=0,50,10,40', 'bbox'],
    ['category=nonsense', 'category'],
    ['category=visit,nonsense', 'category'],
    ['category=', 'category'],
    ['kind=teleport', 'kind'],
    ['actor=Not%20A%20Slug', 'actor'],
    ['colour=red', 'colour'],
    ['from=2024-07-01&from=2024-07-02', 'from'],
    [`q=${'a'.repeat(MAX_Q + 1)}`, 'q'],
    ['fields=bogus', 'fields'],
  ])('%s → error about %s', (qs, param) => {
    expectError(qs, param);
  });

  it('a parameter that means nothing for the endpoint is refused, not ignored', () => {
    const onEvents = parseFilterQuery(new URLSearchParams('kind=travel'), 'events');
    expect(onEvents.ok).toBe(false);
    expect(!onEvents.ok && onEvents.error).toMatch(/kind.*does not apply to events/);
    const onMovements = parseFilterQuery(new URLSearchParams('fields=summary'), 'movements');
    expect(!onMovements.ok && onMovements.error).toMatch(/fields.*does not apply to movements/);
    expect(parseFilterQuery(new URLSearchParams('kind=travel'), 'movements').ok).toBe(true);
    expect(parseFilterQuery(new URLSearchParams('fields=summary'), 'events').ok).toBe(true);
  });

  it('an unknown parameter is reported as unknown', () => {
    const r = parse('colour=red');
    expect(!r.ok && r.error).toMatch(/unknown parameter: colour/);
  });

  it('a repeated parameter says how many times', () => {
    const r = parse('category=visit&category=strike');
    expect(!r.ok && r.error).toMatch(/category given 2 times/);
  });
});

describe('matchesEvent: date overlap', () => {
  const e = event(); // 2024-07-01 .. 2024-07-19
  it('an event matches a range that touches only its last day', () => {
    expect(matchesEvent(e, telAvivCoords, filterOf('from=2024-07-19&to=2024-07-19'))).toBe(true);
  });
  it('an event does not match a range starting the day after it ends', () => {
    expect(matchesEvent(e, telAvivCoords, filterOf('from=2024-07-20'))).toBe(false);
  });
  it('an event does not match a range ending the day before it starts', () => {
    expect(matchesEvent(e, telAvivCoords, filterOf('to=2024-06-30'))).toBe(false);
    expect(matchesEvent(e, telAvivCoords, filterOf('to=2024-07-01'))).toBe(true);
  });
});

describe('matchesEvent: place, category, actor', () => {
  it('bbox keeps events inside and drops those outside', () => {
    expect(matchesEvent(event(), telAvivCoords, filterOf('bbox=34,31,36,33'))).toBe(true);
    expect(matchesEvent(event(), telAvivCoords, filterOf('bbox=50,30,55,40'))).toBe(false);
  });

  it('a bbox crossing the antimeridian (w > e) covers both sides and not the middle', () => {
    const f = filterOf('bbox=170,-20,-170,20');
    expect(matchesEvent(event(), [175, 0], f)).toBe(true);
    expect(matchesEvent(event(), [-175, 0], f)).toBe(true);
    expect(matchesEvent(event(), [180, 0], f)).toBe(true);
    expect(matchesEvent(event(), [0, 0], f)).toBe(false);
    expect(matchesEvent(event(), [175, 30], f)).toBe(false);
  });

  it('category and actor filters', () => {
    expect(matchesEvent(event(), telAvivCoords, filterOf('category=strike,visit'))).toBe(true);
    expect(matchesEvent(event(), telAvivCoords, filterOf('category=visit'))).toBe(false);
    expect(matchesEvent(event(), telAvivCoords, filterOf('actor=houthis'))).toBe(true);
    expect(matchesEvent(event(), telAvivCoords, filterOf('actor=shoigu'))).toBe(false);
  });
});

describe('matchesEvent: text search', () => {
  it('is case-insensitive', () => {
    expect(matchesEvent(event(), telAvivCoords, filterOf('q=HOUTHI'))).toBe(true);
    expect(matchesEvent(event(), telAvivCoords, filterOf('q=tel%20aviv'))).toBe(true);
  });
  it('needs every word to match', () => {
    expect(matchesEvent(event(), telAvivCoords, filterOf('q=drone%20houthis'))).toBe(true);
    expect(matchesEvent(event(), telAvivCoords, filterOf('q=drone%20shoigu'))).toBe(false);
  });
  it('matches text that only appears in a source quote', () => {
    // "injured at least eight" is in the quote, not the title or summary
    expect(matchesEvent(event(), telAvivCoords, filterOf('q=injured%20eight'))).toBe(true);
    expect(matchesEvent(event({ sources: [] }), telAvivCoords, filterOf('q=injured'))).toBe(false);
  });
});

describe('matchesMovement', () => {
  it('travel counts as the visit category, and kind filters', () => {
    expect(matchesMovement(movement(), moscowTehran, filterOf('category=visit'))).toBe(true);
    expect(matchesMovement(movement(), moscowTehran, filterOf('category=strike'))).toBe(false);
    expect(matchesMovement(movement(), moscowTehran, filterOf('kind=travel'))).toBe(true);
    expect(matchesMovement(movement(), moscowTehran, filterOf('kind=arms'))).toBe(false);
    expect(matchesMovement(movement({ kind: 'arms' }), moscowTehran, filterOf('category=arms-transfer'))).toBe(true);
  });

  it('dates overlap like events', () => {
    expect(matchesMovement(movement(), moscowTehran, filterOf('from=2024-08-05&to=2024-08-05'))).toBe(true);
    expect(matchesMovement(movement(), moscowTehran, filterOf('from=2024-08-06'))).toBe(false);
  });

  it('a bbox anywhere along the arc matches, one off the arc does not', () => {
    expect(matchesMovement(movement(), moscowTehran, filterOf('bbox=44,45,45,46.5'))).toBe(true);
    expect(matchesMovement(movement(), moscowTehran, filterOf('bbox=-10,35,0,45'))).toBe(false);
  });

  it('q searches origin and destination names and quotes', () => {
    expect(matchesMovement(movement(), moscowTehran, filterOf('q=moscow'))).toBe(true);
    expect(matchesMovement(movement(), moscowTehran, filterOf('q=vladimir%20putin'))).toBe(true);
    expect(matchesMovement(movement(), moscowTehran, filterOf('q=beirut'))).toBe(false);
  });
});
