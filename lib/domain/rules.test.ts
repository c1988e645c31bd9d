import { describe, expect, it } from 'vitest';
import { checkDatePhraseInQuote, checkDateSupport, checkPlace, corroboration, datesDisputed, DomainError, locateQuote, movementArc, requireBasis, resolveSourceDate } from './rules';

const text = 'He said on Monday that talks went well. Later, on Monday, he left.';

describe('domain rules', () => {
  it('a quote is located verbatim, preferring the recorded offset when the text repeats it', () => {
    expect(locateQuote('e', 'a', text, 'on Monday')).toBe(8);
    expect(locateQuote('e', 'a', text, 'on Monday', 47)).toBe(47);
    expect(locateQuote('e', 'a', text, 'on Monday', 3)).toBe(8);
    expect(() => locateQuote('e', 'a', text, 'on Tuesday')).toThrow(DomainError);
    expect(() => locateQuote('e', 'a', text, 'ON MONDAY')).toThrow(/not found verbatim/);
  });

  it('a date phrase must sit inside its quote and resolve', () => {
    expect(() => checkDatePhraseInQuote('e', 'talks went well on Monday', 'on monday')).not.toThrow();
    expect(() => checkDatePhraseInQuote('e', 'talks went well', 'on Monday')).toThrow(/not in its quote/);
    expect(resolveSourceDate('e', 'on Monday', '2024-08-06')).toEqual({ start: '2024-08-05', end: '2024-08-05', precision: 'day' });
    expect(() => resolveSourceDate('e', 'recently', '2024-08-06')).toThrow(/cannot resolve/);
    expect(() => resolveSourceDate('e', 'two months later', undefined, 'x')).toThrow(/relativeTo x is unknown/);
  });

  it('inferred facts carry a basis', () => {
    expect(() => requireBasis('e', 'date', true, undefined)).toThrow(/needs a basis/);
    expect(() => requireBasis('e', 'date', true, '  ')).toThrow(/needs a basis/);
    expect(() => requireBasis('e', 'date', false, undefined)).not.toThrow();
    expect(() => checkPlace('e', { id: 'p', precision: 'city', lat: 1, lng: 2, inferred: true })).toThrow(/needs a basis/);
    expect(() => checkPlace('e', { id: 'p', precision: 'country', lat: 1, lng: 2, inferred: false })).toThrow(/radiusKm/);
  });

  it('the curated date must be supported by a source and contain every source date', () => {
    const d = { start: '2024-08-05', end: '2024-08-05', precision: 'day' as const, inferred: false };
    const src = (start: string) => ({ article: 'a', date: { start, end: start, precision: 'day' as const } });
    expect(() => checkDateSupport('e', d, [src('2024-08-05')])).not.toThrow();
    expect(() => checkDateSupport('e', d, [])).toThrow(/no source states the date/);
    expect(() => checkDateSupport('e', d, [], { statedElsewhere: true })).not.toThrow();
    expect(() => checkDateSupport('e', d, [src('2024-08-07')])).toThrow(/outside/);
  });

  it('derivations: corroboration counts distinct articles; non-overlapping dates are a dispute; arcs', () => {
    expect(corroboration([{ article: 'a' }, { article: 'a' }, { article: 'b' }])).toBe(2);
    expect(datesDisputed([{ date: { start: '2024-01-01', end: '2024-01-01', precision: 'day' } }, { date: { start: '2024-01-03', end: '2024-01-03', precision: 'day' } }])).toBe(true);
    expect(datesDisputed([{ date: { start: '2024-01-01', end: '2024-01-31', precision: 'month' } }, { date: { start: '2024-01-03', end: '2024-01-03', precision: 'day' } }])).toBe(false);
    const arc = movementArc([{ lng: 37.6, lat: 55.7 }, { lng: 51.4, lat: 35.7 }]);
    expect(arc.coordinates[0]).toEqual([37.6, 55.7]);
    expect(arc.coordinates.at(-1)).toEqual([51.4, 35.7]);
  });
});
