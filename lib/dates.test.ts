import { describe, expect, it } from 'vitest';
import { addDays, formatInterval, fromDayNumber, isIsoDate, overlaps, resolveDatePhrase, toDayNumber, type Interval } from './dates';

// The articles are all dated Monday 5 August 2024.
const ANCHOR = '2024-08-05';

const day = (iso: string): Interval => ({ start: iso, end: iso, precision: 'day' });
const month = (start: string, end: string): Interval => ({ start, end, precision: 'month' });

describe('resolveDatePhrase against the article date (Monday 2024-08-05)', () => {
  it('sanity: the anchor is a Monday', () => {
    expect(new Date(`${ANCHOR}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it.each([
    ['on Monday', '2024-08-05'],
    ['Monday', '2024-08-05'],
    ['On Monday', '2024-08-05'],
    ['last Wednesday', '2024-07-31'],
    ['early Wednesday', '2024-07-31'],
    ['Wednesday', '2024-07-31'],
    ['on Sunday', '2024-08-04'],
    ['Last Friday', '2024-08-02'],
    ['on Friday', '2024-08-02'],
    ['July 31', '2024-07-31'],
    ['July 30', '2024-07-30'],
    ['July 19', '2024-07-19'],
  ])('"%s" → %s', (phrase, iso) => {
    expect(resolveDatePhrase(phrase, ANCHOR)).toEqual(day(iso));
  });

  it('"last Monday" said on a Monday means a week earlier, not today', () => {
    expect(resolveDatePhrase('last Monday', ANCHOR)).toEqual(day('2024-07-29'));
    expect(resolveDatePhrase('on Monday', ANCHOR)).toEqual(day('2024-08-05'));
  });

  it('"last week" is the previous Monday–Sunday week', () => {
    expect(resolveDatePhrase('last week', ANCHOR)).toEqual({ start: '2024-07-29', end: '2024-08-04', precision: 'week' });
    // Said on a Sunday, the anchor's own week began on Monday 29 July; last week is the one before.
    expect(resolveDatePhrase('last week', '2024-08-04')).toEqual({ start: '2024-07-22', end: '2024-07-28', precision: 'week' });
  });

  it('"in February" of a leap year ends on the 29th', () => {
    expect(resolveDatePhrase('in February', ANCHOR)).toEqual(month('2024-02-01', '2024-02-29'));
    expect(resolveDatePhrase('February', ANCHOR)).toEqual(month('2024-02-01', '2024-02-29'));
    // …and on the 28th in a common year
    expect(resolveDatePhrase('in February', '2023-08-07')).toEqual(month('2023-02-01', '2023-02-28'));
  });

  it.each([
    ['in May', '2024-05-01', '2024-05-31'],
    ['since April', '2024-04-01', '2024-04-30'],
    ['until May', '2024-05-01', '2024-05-31'],
    ['in June', '2024-06-01', '2024-06-30'],
    ['in August', '2024-08-01', '2024-08-31'],
  ])('"%s" → the latest such month up to August 2024', (phrase, start, end) => {
    expect(resolveDatePhrase(phrase, ANCHOR)).toEqual(month(start, end));
  });

  it('a month later in the year than the anchor is last year\'s ("in September" in Aug 2024 → Sep 2023)', () => {
    expect(resolveDatePhrase('in September', ANCHOR)).toEqual(month('2023-09-01', '2023-09-30'));
    expect(resolveDatePhrase('December', ANCHOR)).toEqual(month('2023-12-01', '2023-12-31'));
  });

  it('"September last year" → September 2023', () => {
    expect(resolveDatePhrase('September last year', ANCHOR)).toEqual(month('2023-09-01', '2023-09-30'));
  });

  it('"late 2022" → September–December 2022 at month precision', () => {
    expect(resolveDatePhrase('late 2022', ANCHOR)).toEqual(month('2022-09-01', '2022-12-31'));
  });

  it('"June 2023" → June 2023 regardless of the anchor', () => {
    expect(resolveDatePhrase('June 2023', ANCHOR)).toEqual(month('2023-06-01', '2023-06-30'));
    expect(resolveDatePhrase('in June 2023', ANCHOR)).toEqual(month('2023-06-01', '2023-06-30'));
  });

  it('"1983" → the whole year at year precision', () => {
    expect(resolveDatePhrase('1983', ANCHOR)).toEqual({ start: '1983-01-01', end: '1983-12-31', precision: 'year' });
  });

  it('is tolerant of case, curly quotes and extra spaces', () => {
    expect(resolveDatePhrase('  LAST   wednesday ', ANCHOR)).toEqual(day('2024-07-31'));
  });

  it.each(['recently', 'soon', '', 'next Tuesday', 'the other day', 'February 30'])('unknown phrase "%s" → null, never a guess', (phrase) => {
    expect(resolveDatePhrase(phrase, ANCHOR)).toBeNull();
  });
});

describe('resolveDatePhrase relative to another happening', () => {
  it('"two months later" after June 2023 → August 2023', () => {
    expect(resolveDatePhrase('two months later', month('2023-06-01', '2023-06-30'))).toEqual(month('2023-08-01', '2023-08-31'));
  });

  it('"two months later" rolls over a year end (Nov 2023 → Jan 2024)', () => {
    expect(resolveDatePhrase('two months later', month('2023-11-01', '2023-11-30'))).toEqual(month('2024-01-01', '2024-01-31'));
  });

  it('"hours after" an event on 2024-07-31 is the same day', () => {
    expect(resolveDatePhrase('hours after', day('2024-07-31'))).toEqual(day('2024-07-31'));
  });
});

describe('formatInterval', () => {
  it('formats each precision honestly', () => {
    expect(formatInterval(day('2024-08-05'))).toBe('5 Aug 2024');
    expect(formatInterval(month('2022-09-01', '2022-12-31'))).toBe('Sep–Dec 2022');
    expect(formatInterval({ start: '1983-01-01', end: '1983-12-31', precision: 'year' })).toBe('1983');
    expect(formatInterval({ start: '2024-07-29', end: '2024-08-04', precision: 'week' })).toBe('week of 29 Jul 2024');
    expect(formatInterval(month('2023-09-01', '2023-09-30'))).toBe('Sep 2023');
  });

  it('a partial month says where it stops', () => {
    expect(formatInterval(month('2024-07-01', '2024-07-19'))).toBe('Jul 2024 (by 19 Jul 2024)');
  });

  it('a month span crossing years names both years', () => {
    expect(formatInterval(month('2023-11-01', '2024-02-29'))).toBe('Nov 2023 – Feb 2024');
  });
});

describe('overlaps', () => {
  const a = { start: '2024-07-01', end: '2024-07-19' };
  it('is inclusive at both ends', () => {
    expect(overlaps(a, { start: '2024-07-19', end: '2024-07-19' })).toBe(true);
    expect(overlaps(a, { start: '2024-06-01', end: '2024-07-01' })).toBe(true);
  });
  it('is false for disjoint intervals, in either order', () => {
    expect(overlaps(a, { start: '2024-07-20', end: '2024-07-31' })).toBe(false);
    expect(overlaps({ start: '2024-07-20', end: '2024-07-31' }, a)).toBe(false);
  });
  it('is true when one contains the other', () => {
    expect(overlaps(a, { start: '2024-01-01', end: '2024-12-31' })).toBe(true);
  });
});

describe('addDays', () => {
  it('crosses month and year ends, including leap days', () => {
    expect(addDays('2024-07-31', 1)).toBe('2024-08-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-03-01', -1)).toBe('2023-02-28');
    expect(addDays('2024-08-05', -7)).toBe('2024-07-29');
  });
});

describe('toDayNumber', () => {
  // The arithmetic must agree with Date (proleptic Gregorian, years 0000-9999) on every calendar day.
  it('agrees with Date on every day of a whole 400-year cycle and of 1899-2101, and every 37th day to 9999', () => {
    const day = (y: number, m: number, d: number) => {
      const date = new Date(0);
      date.setUTCFullYear(y, m - 1, d);
      return Math.round(date.getTime() / 86_400_000);
    };
    const first = day(0, 1, 1);
    const last = day(9999, 12, 31);
    const bad: number[] = [];
    const check = (n: number) => {
      if (toDayNumber(fromDayNumber(n)) !== n) bad.push(n);
    };
    for (let n = first; n <= day(401, 1, 1); n++) check(n);
    for (let n = day(1899, 1, 1); n <= day(2101, 12, 31); n++) check(n);
    for (let n = first; n <= last; n += 37) check(n);
    check(last);
    expect(bad).toEqual([]);
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('0000-02-29')).toBe(first + 59);
  });
  it.each(['1900-02-29', '2024-04-31', '2024-1a-01', '+024-01-01', '2024-08-5 ', ' 2024-08-5', '2024/08/05', '10000-01-01'])('rejects %j', (s) => {
    expect(toDayNumber(s)).toBeNull();
  });
});

describe('isIsoDate', () => {
  it('accepts real dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('1983-12-31')).toBe(true);
  });
  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-2-3', '20240805', '2024-08-05T00:00', ''])('rejects %j', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });
});
