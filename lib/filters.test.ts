import { describe, expect, it } from 'vitest';
import { parseFilterQuery } from './filters';
import { MAX_Q, PAGE } from './limits';
import { MAX_CHART_WIDTH, histogramBins } from './timeline';

const parse = (qs: string) => parseFilterQuery(new URLSearchParams(qs));

function expectError(qs: string, param: string) {
  const r = parse(qs);
  expect(r.ok, `${qs} should be rejected`).toBe(false);
  if (r.ok) return;
  expect(r.error).toContain(param);
  expect(r.issues.some((i) => i.path.split('.')[0] === param || i.path.split(',').includes(param))).toBe(true);
}

describe('parseFilterQuery: valid queries', () => {
  it('an empty query is no filter, full fields', () => {
    expect(parse('')).toEqual({ ok: true, filter: {}, fields: 'full', page: { limit: PAGE.default } });
  });

  it('parses every parameter', () => {
    const r = parse('from=2024-07-01&to=2024-08-05&bbox=30,20,60,60&category=visit,strike&kind=travel&actor=shoigu,kurilla&q=%20Tehran%20&fields=summary');
    expect(r).toEqual({
      ok: true,
      fields: 'summary',
      page: { limit: PAGE.default },
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

  it('unreviewed=hide|show toggles machine-extracted items nobody has reviewed', () => {
    expect(parse('unreviewed=hide')).toMatchObject({ ok: true, filter: { unreviewed: false } });
    expect(parse('unreviewed=show')).toMatchObject({ ok: true, filter: { unreviewed: true } });
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
    ['limit=0', 'limit'],
    [`limit=${PAGE.max + 1}`, 'limit'],
    ['limit=1.5', 'limit'],
    ['source=rumour', 'source'],
    ['unreviewed=no', 'unreviewed'],
    ['zoom=abc', 'zoom'],
    ['zoom=', 'zoom'],
    ['zoom=%20', 'zoom'],
    ['zoom=0x10', 'zoom'],
    ['zoom=-1', 'zoom'],
    ['binDays=0', 'binDays'],
    ['order=newest', 'order'],
    ['from=1900-01-01&to=2024-01-01&binDays=1', 'binDays'],
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

  it('clusters need a bbox and a zoom; a histogram needs its window and bin width', () => {
    expect(parseFilterQuery(new URLSearchParams('zoom=3'), 'clusters')).toMatchObject({ ok: false, issues: [{ path: 'bbox' }] });
    expect(parseFilterQuery(new URLSearchParams('bbox=0,0,10,10&zoom=3.5'), 'clusters')).toMatchObject({ ok: true, zoom: 3.5 });
    expect(parseFilterQuery(new URLSearchParams('from=2024-01-01&to=2024-12-31'), 'histogram')).toMatchObject({ ok: false, issues: [{ path: 'binDays' }] });
    expect(parseFilterQuery(new URLSearchParams('from=2024-01-01&to=2024-12-31&binDays=7'), 'histogram')).toMatchObject({ ok: true, bins: { binDays: 7 } });
  });

  it('a histogram takes the bins of a timeline scale: lib/timeline cuts them from scale, center and width', () => {
    const window = { from: '1983-01-01', to: '2024-08-07' };
    for (const scale of ['log', 'overview'] as const) {
      const r = parseFilterQuery(new URLSearchParams(`from=${window.from}&to=${window.to}&scale=${scale}&center=2024-08-01&width=1216&category=strike`), 'histogram');
      expect(r).toMatchObject({ ok: true, filter: { categories: ['strike'] } });
      expect(r.ok && r.bins).toEqual(histogramBins(window, { scale, center: '2024-08-01', width: 1216 }));
    }
    const bad = (qs: string, path: string) => expect(parseFilterQuery(new URLSearchParams(`from=2024-01-01&to=2024-12-31&${qs}`), 'histogram'), qs).toMatchObject({ ok: false, issues: [{ path }] });
    bad('scale=log&center=2024-06-01&width=600&binDays=7', 'scale');
    bad('scale=log&center=2024-06-01', 'width');
    bad('scale=overview&width=600', 'center');
    bad('center=2024-06-01&width=600', 'scale');
    bad('scale=linear&center=2024-06-01&width=600', 'scale');
    bad('scale=log&center=2024-06-31&width=600', 'center');
    for (const width of ['0', '-5', '1.5', 'wide', '', String(MAX_CHART_WIDTH + 1)]) bad(`scale=log&center=2024-06-01&width=${width}`, 'width');
    expect(parseFilterQuery(new URLSearchParams('scale=log&center=2024-06-01&width=600'), 'events')).toMatchObject({ ok: false, issues: [{ path: 'scale' }] });
  });

  it('paging: a cursor and a limit up to the cap', () => {
    expect(parse(`cursor=abc&limit=${PAGE.max}`)).toMatchObject({ ok: true, page: { cursor: 'abc', limit: PAGE.max } });
  });

  it('an unknown parameter is reported as unknown', () => {
    const r = parse('colour=red');
    expect(!r.ok && r.error).toMatch(/unknown parameter: colour/);
  });

  it('a repeated parameter says how many times', () => {
    const r = parse('category=visit&category=strike');
    expect(!r.ok && r.error).toMatch(/category: given 2 times/);
  });
});

