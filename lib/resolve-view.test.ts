import { describe, expect, it } from 'vitest';
import { ASSUME_KNOWN, resolveView, widenDomain, type DataFacts } from './resolve-view';
import { parseUrlState, serializeUrlState } from './url-state';

const facts: DataFacts = { domain: { from: '1983-04-18', to: '2024-08-31' }, defaultRange: { from: '2024-07-28', to: '2024-08-05' }, actorIds: ['shoigu', 'kurilla'] };
const knownOnly = (events: string[], movements: string[]) => ({ event: (id: string) => events.includes(id), movement: (id: string) => movements.includes(id) });
const resolve = (qs: string, known = ASSUME_KNOWN) => resolveView(parseUrlState(new URLSearchParams(qs)), facts, known);

describe('resolveView', () => {
  it('a link without dates opens on the default window and keeps following it', () => {
    const r = resolve('category=strike');
    expect(r.range).toEqual(facts.defaultRange);
    expect(r.state.from).toBeUndefined();
    expect(r.state.to).toBeUndefined();
  });

  it('dates are clamped to the data, and a link with one end is pinned to both', () => {
    expect(resolve('from=1900-01-01&to=2030-01-01').range).toEqual(facts.domain);
    const one = resolve('from=2024-08-20');
    expect(one.range).toEqual({ from: '2024-08-05', to: '2024-08-20' });
    expect(one.state).toMatchObject(one.range);
  });

  it('drops ids the data does not know', () => {
    const r = resolve('actor=nobody&event=gone', knownOnly([], []));
    expect(r.state.actor).toBeUndefined();
    expect(r.state.event).toBeUndefined();
    expect(resolve('movement=m1', knownOnly([], ['m1'])).state.movement).toBe('m1');
    expect(resolve('movement=m2', knownOnly([], ['m1'])).state.movement).toBeUndefined();
    expect(resolve('actor=shoigu').state.actor).toBe('shoigu');
  });

  it('is idempotent: resolving the canonical link again gives the same view', () => {
    const links = ['', 'from=2024-08-20', 'to=1950-01-01', 'map=99/99/999&from=2024-08-05&to=2024-07-01&category=visit,bogus&q=%20x%20', 'event=a&movement=b&kind=arms&layers=', 'actor=kurilla&actor=shoigu&embed=1'];
    for (const link of links) {
      const once = resolve(link);
      const twice = resolve(serializeUrlState(once.state));
      expect(twice).toEqual(once);
    }
  });

  it('server and client give the same result for the same URL and data', () => {
    // The server knows every id (it asked the store); the client assumes ids it was handed exist.
    const url = 'map=4/30/45&from=2024-07-30&to=2024-08-02&event=e1&category=strike&actor=shoigu&q=tehran';
    const server = resolveView(parseUrlState(Object.fromEntries(new URLSearchParams(url))), facts, knownOnly(['e1'], []));
    const client = resolveView(parseUrlState(new URLSearchParams(url)), facts, ASSUME_KNOWN);
    expect(client).toEqual(server);
  });
});

describe('widenDomain', () => {
  const facts: DataFacts = { domain: { from: '2024-07-01', to: '2024-08-31' }, defaultRange: { from: '2024-08-01', to: '2024-08-07' }, actorIds: [] };
  it('takes in data past either end, and a link to those dates then resolves to them', () => {
    const wide = widenDomain(facts, { from: '2024-08-10', to: '2026-02-10' });
    expect(wide.domain).toEqual({ from: '2024-07-01', to: '2026-02-10' });
    expect(resolveView(parseUrlState(new URLSearchParams('from=2026-02-01&to=2026-02-10')), wide, ASSUME_KNOWN).state).toMatchObject({ from: '2026-02-01', to: '2026-02-10' });
    expect(resolveView(parseUrlState(new URLSearchParams('from=2026-02-01&to=2026-02-10')), facts, ASSUME_KNOWN).state.to).toBe('2024-08-31');
    expect(widenDomain(facts, { from: '2020-01-01', to: '2024-07-02' }).domain).toEqual({ from: '2020-01-01', to: '2024-08-31' });
  });
  it('never narrows, and keeps the same object when nothing changes (no re-render)', () => {
    expect(widenDomain(facts, { from: '2024-07-10', to: '2024-07-20' })).toBe(facts);
  });
});
