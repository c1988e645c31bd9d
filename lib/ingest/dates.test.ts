import { describe, expect, it } from 'vitest';
import { findDates, previousWeekday } from './dates';

const one = (text: string, published: string) => {
  const ds = findDates(text, published);
  expect(ds.length).toBeGreaterThan(0);
  const d = ds[0]!;
  expect(text.slice(d.start, d.end)).toBe(d.text);
  return d;
};

describe('findDates: the news layer over chrono-node', () => {
  it('reads a bare weekday as the most recent one on or before publication, across a month boundary', () => {
    // Published Tuesday 2 April 2024: "Friday" is 29 March, "Tuesday" the same day.
    expect(one('The convoy was hit on Friday near the border.', '2024-04-02').span).toEqual({ start: '2024-03-29', end: '2024-03-29', precision: 'day' });
    expect(one('Talks resumed Tuesday.', '2024-04-02').span.start).toBe('2024-04-02');
    expect(one('The minister resigned last Tuesday.', '2024-04-02').span.start).toBe('2024-03-26');
  });

  it('keeps words that only set the hour: "early Wednesday", "Monday morning", "late on Sunday"', () => {
    expect(one('The blast came early Wednesday.', '2024-05-10').span.start).toBe('2024-05-08');
    expect(one('Troops withdrew Monday morning.', '2024-05-10').span.start).toBe('2024-05-06');
    expect(one('They landed late on Sunday.', '2024-05-10').span.start).toBe('2024-05-05');
  });

  it('resolves yesterday, today and overnight to days', () => {
    expect(one('Protesters gathered yesterday.', '2024-01-01').span.start).toBe('2023-12-31');
    expect(one('The envoy arrives today.', '2024-01-01').span.start).toBe('2024-01-01');
  });

  it('gives week and month precision to "last week" and "earlier this month"', () => {
    const week = one('The ministry said last week that it would respond.', '2024-07-10').span;
    expect(week).toEqual({ start: '2024-07-01', end: '2024-07-07', precision: 'week' });
    const month = one('Earlier this month, the council met twice.', '2024-07-10').span;
    expect(month).toEqual({ start: '2024-07-01', end: '2024-07-10', precision: 'month' });
  });

  it('reads a bare month as the most recent one, "September last year" and "late 2022"', () => {
    expect(one('In June, the envoy visited the capital.', '2024-02-15').span).toEqual({ start: '2023-06-01', end: '2023-06-30', precision: 'month' });
    expect(one('He travelled there in September last year.', '2024-02-15').span).toEqual({ start: '2023-09-01', end: '2023-09-30', precision: 'month' });
    expect(one('The deal was signed in late 2022.', '2024-02-15').span).toEqual({ start: '2022-09-01', end: '2022-12-31', precision: 'month' });
  });

  it('anchors "two months later" and "a day after" on the previous mention', () => {
    const ds = findDates('The mutiny began in June 2023. Its leader died two months later.', '2024-08-05');
    expect(ds.map((d) => [d.text, d.span.start, d.span.precision])).toEqual([
      ['June 2023', '2023-06-01', 'month'],
      ['two months later', '2023-08-01', 'month'],
    ]);
    const after = findDates('Jets struck the port on Saturday, a day after a drone hit the city.', '2024-07-21');
    expect(after.map((d) => d.span.start)).toEqual(['2024-07-20', '2024-07-19']);
  });

  it('lets the local date beat GMT when the text gives both', () => {
    const d = one('The rocket was fired at 6:40 a.m. (2140 GMT on Monday) from the coast.', '2024-03-20');
    // Monday 18 March 21:40 GMT is Tuesday 19 March at 06:40 local time.
    expect(d.span.start).toBe('2024-03-19');
  });

  it('reads calendar dates through chrono-node, with the year only when stated', () => {
    expect(one('The summit opened on Aug. 23.', '2024-09-01').span.start).toBe('2024-08-23');
    expect(one('They met on Saturday, August 24 in the capital.', '2024-09-01').span.start).toBe('2024-08-24');
    expect(one('A treaty was signed on March 3, 2019.', '2024-09-01').span.start).toBe('2019-03-03');
  });

  it('marks announced dates after publication as future', () => {
    expect(one('The envoy will travel next Monday.', '2024-04-03').future).toBe(true);
  });

  it('skips an archive header that only restates the publication date', () => {
    expect(findDates('date 2024-01-01 Nothing dated here.', '2024-01-01')).toEqual([]);
  });

  it('previousWeekday counts back within the week', () => {
    expect(previousWeekday('2024-08-06', 1)).toBe('2024-08-05');
    expect(previousWeekday('2024-08-05', 1, true)).toBe('2024-07-29');
  });
});

describe('findDates: words that are not dates', () => {
  it('reads lowercase "may" and "march" as verbs', () => {
    expect(findDates('The army may strike again. Protesters will march to the square.', '2024-08-06')).toEqual([]);
    expect(findDates('In May, the talks failed.', '2024-08-06').map((d) => d.span.start)).toEqual(['2024-05-01']);
  });
});
