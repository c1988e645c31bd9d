import { describe, expect, it } from 'vitest';
import type { StoreHistogram } from './store/contract';
import {
  LOG_BAR_PX,
  MAX_CHART_WIDTH,
  addDays,
  binLayout,
  centerRange,
  chooseBinDays,
  clampRange,
  colorFor,
  crisisCenter,
  densestWindow,
  diffDays,
  focusHistogram,
  focusWindow,
  formatDate,
  formatRange,
  fromDayNumber,
  histogramBins,
  isIsoDate,
  linearTicks,
  nextFocus,
  overviewColumns,
  overviewScale,
  pickTicks,
  PLAYBACK_SPEEDS,
  applyDateInput,
  focusScale,
  placeTickLabels,
  presetsFrom,
  rangeLength,
  requestWidth,
  speedLabel,
  setRangeEdge,
  shiftRange,
  stepPlayback,
  toDayNumber,
  type DateRange,
  type HistogramBins,
} from './timeline';
import type { Category, DatePrecision } from './vocab';

/** An event as the store sees it for a histogram. */
interface Item {
  start: string;
  end: string;
  precision: DatePrecision;
  category: Category;
}
const day = (start: string, category: Category = 'strike', end = start): Item => ({ start, end, precision: 'day', category });
const coarse = (start: string, end: string, precision: DatePrecision, category: Category = 'visit'): Item => ({ start, end, precision, category });

/**
 * What the store answers (its contract, checked against its own oracle in lib/store/contract.test.ts),
 * by brute force: a day-precision event counts in every bin its interval overlaps; coarser events are
 * grouped spans with their own interval.
 */
function answer(items: readonly Item[], window: DateRange, bins: HistogramBins): StoreHistogram {
  const layout = binLayout(window, bins);
  const inWindow = items.filter((it) => it.start <= window.to && it.end >= window.from);
  const spans = new Map<string, StoreHistogram['spans'][number]>();
  for (const it of inWindow) {
    if (it.precision === 'day') continue;
    const key = `${it.start}|${it.end}|${it.precision}|${it.category}`;
    const sp = spans.get(key) ?? { start: it.start, end: it.end, precision: it.precision, category: it.category, count: 0 };
    sp.count++;
    spans.set(key, sp);
  }
  const out = layout.bins.map((b) => {
    const counts: Partial<Record<Category, number>> = {};
    const here = inWindow.filter((it) => it.precision === 'day' && it.start <= b.to && it.end >= b.from);
    for (const it of here) counts[it.category] = (counts[it.category] ?? 0) + 1;
    return { ...b, total: here.length, counts };
  });
  return { window, binDays: layout.binDays, bins: out, spans: [...spans.values()], maxTotal: Math.max(0, ...out.map((b) => b.total)) };
}
const DOMAIN = { from: '1983-01-01', to: '2024-08-07' };

describe('day arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-08-01', -2)).toBe('2024-07-30');
    expect(addDays('1983-01-01', 15194)).toBe('2024-08-07');
  });

  it('diffs days, independent of the local time zone and DST', () => {
    expect(diffDays('2024-07-30', '2024-08-07')).toBe(8);
    expect(diffDays('2024-08-07', '2024-07-30')).toBe(-8);
    expect(diffDays('2024-03-30', '2024-04-01')).toBe(2); // spans the EU DST switch
    expect(rangeLength({ from: '2024-08-01', to: '2024-08-01' })).toBe(1);
  });

  it('validates real calendar dates, including years below 100', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-8-1')).toBe(false);
    expect(isIsoDate('')).toBe(false);
    expect(isIsoDate(undefined)).toBe(false);
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(toDayNumber('0002-08-01') as number)).toBe('0002-08-01');
    expect(() => addDays('nope', 1)).toThrow(RangeError);
  });

  it('clamps and swaps ranges', () => {
    expect(clampRange({ from: '2024-08-09', to: '2024-08-01' }, DOMAIN)).toEqual({ from: '2024-08-01', to: '2024-08-07' });
    expect(clampRange({ from: '1900-01-01', to: '2100-01-01' }, DOMAIN)).toEqual(DOMAIN);
    expect(clampRange({ from: '2030-01-01', to: '2031-01-01' }, DOMAIN)).toEqual({ from: '2024-08-07', to: '2024-08-07' });
  });

  it('shifts keeping the length and stops at the domain edges', () => {
    const r = { from: '2024-07-30', to: '2024-08-02' };
    expect(shiftRange(r, 2, DOMAIN)).toEqual({ from: '2024-08-01', to: '2024-08-04' });
    expect(shiftRange(r, 30, DOMAIN)).toEqual({ from: '2024-08-04', to: '2024-08-07' });
    expect(shiftRange({ from: '1983-01-05', to: '1983-01-10' }, -30, DOMAIN)).toEqual({ from: '1983-01-01', to: '1983-01-06' });
    expect(centerRange('2024-08-07', 5, DOMAIN)).toEqual({ from: '2024-08-03', to: '2024-08-07' });
    expect(centerRange('2024-08-01', 5, DOMAIN)).toEqual({ from: '2024-07-30', to: '2024-08-03' });
  });

  it('moves one edge without crossing the other', () => {
    const r = { from: '2024-08-01', to: '2024-08-03' };
    expect(setRangeEdge(r, 'from', '2024-08-05', DOMAIN)).toEqual({ from: '2024-08-03', to: '2024-08-03' });
    expect(setRangeEdge(r, 'to', '2024-07-01', DOMAIN)).toEqual({ from: '2024-08-01', to: '2024-08-01' });
    expect(setRangeEdge(r, 'to', '2025-01-01', DOMAIN)).toEqual({ from: '2024-08-01', to: '2024-08-07' });
  });

  it('applies a typed date as is, and refuses incomplete, out-of-data and reversed dates with a message', () => {
    const r = { from: '2024-08-01', to: '2024-08-03' };
    expect(applyDateInput(r, 'to', '2024-08-06', DOMAIN)).toEqual({ ok: true, range: { from: '2024-08-01', to: '2024-08-06' } });
    expect(applyDateInput(r, 'from', '1983-01-01', DOMAIN)).toEqual({ ok: true, range: { from: '1983-01-01', to: '2024-08-03' } });
    expect(applyDateInput(r, 'from', '2024-08-03', DOMAIN)).toMatchObject({ ok: true }); // a one-day range
    expect(applyDateInput(r, 'from', '', DOMAIN)).toEqual({ ok: false, reason: 'incomplete', message: 'From: incomplete date — not applied' });
    expect(applyDateInput(r, 'from', '2024-02-30', DOMAIN)).toMatchObject({ ok: false, reason: 'incomplete' });
    // the old field swapped this into a range ending 6 Aug; now it is refused, saying why
    expect(applyDateInput(r, 'from', '2024-08-06', DOMAIN)).toEqual({ ok: false, reason: 'order', message: 'From 6 Aug 2024 is after To 3 Aug 2024 — not applied' });
    expect(applyDateInput(r, 'to', '2024-07-31', DOMAIN)).toEqual({ ok: false, reason: 'order', message: 'To 31 Jul 2024 is before From 1 Aug 2024 — not applied' });
    // Chromium's intermediate years (0002, 0020, 0202) were clamped to 1 Jan 1983: refused instead
    for (const v of ['0002-07-31', '0020-07-31', '0202-07-31', '2099-01-01']) expect(applyDateInput(r, 'to', v, DOMAIN)).toMatchObject({ ok: false, reason: 'outside' });
    expect(applyDateInput(r, 'to', '2099-01-01', DOMAIN)).toMatchObject({ message: 'To 1 Jan 2099 is outside the data (1 Jan 1983 – 7 Aug 2024) — not applied' });
  });

  it('formats dates without locale APIs', () => {
    expect(formatDate('2024-08-01', 'long')).toBe('1 August 2024');
    expect(formatDate('2024-08-01')).toBe('1 Aug 2024');
    expect(formatRange({ from: '2024-07-30', to: '2024-08-07' })).toBe('30 Jul – 7 Aug 2024');
    expect(formatRange({ from: '1983-01-01', to: '2024-08-07' })).toBe('1 Jan 1983 – 7 Aug 2024');
  });
});

describe('histogram bins', () => {
  const w = { from: '2024-07-30', to: '2024-08-05' };
  const d = (iso: string) => toDayNumber(iso) as number;

  it('lays out N-day bins from the window start, the last one shorter, and finds the bin of a day', () => {
    const l = binLayout(w, { binDays: 3 });
    expect(l.binDays).toBe(3);
    expect(l.bins).toEqual([
      { from: '2024-07-30', to: '2024-08-01' },
      { from: '2024-08-02', to: '2024-08-04' },
      { from: '2024-08-05', to: '2024-08-05' },
    ]);
    expect(['2024-07-30', '2024-08-01', '2024-08-02', '2024-08-05'].map((x) => l.index(d(x)))).toEqual([0, 0, 1, 2]);
    expect(binLayout({ from: w.to, to: w.from }, { binDays: 1 }).bins).toHaveLength(7); // a reversed window is swapped
  });

  it('lays out given bins: the window start first, days outside or out of order dropped', () => {
    const l = binLayout(w, { binStarts: ['2024-07-01', '2024-08-01', '2024-07-31', '2024-08-01', 'nonsense', '2024-08-04', '2024-08-09'] });
    expect(l.binDays).toBe(0);
    expect(l.bins).toEqual([
      { from: '2024-07-30', to: '2024-07-31' },
      { from: '2024-08-01', to: '2024-08-03' },
      { from: '2024-08-04', to: '2024-08-05' },
    ]);
    expect(['2024-07-30', '2024-07-31', '2024-08-01', '2024-08-03', '2024-08-04', '2024-08-05'].map((x) => l.index(d(x)))).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('rounds request widths up to a step, within the cap', () => {
    expect(requestWidth(1)).toBe(32);
    expect(requestWidth(1000)).toBe(1024);
    expect(requestWidth(1024)).toBe(1024);
    expect(requestWidth(1025)).toBe(1056);
    expect(requestWidth(1e6)).toBe(MAX_CHART_WIDTH);
  });

  it('cuts log bins from the focus scale: single days at the centre, years far from it, one per bar', () => {
    const spec = { scale: 'log', center: '2024-08-01', width: 1216 } as const;
    const bins = histogramBins(DOMAIN, spec);
    if (!('binStarts' in bins)) throw new Error('variable bins expected');
    const starts = bins.binStarts.map(d);
    expect(bins.binStarts[0]).toBe(DOMAIN.from);
    starts.slice(1).forEach((x, i) => expect(x).toBeGreaterThan(starts[i] as number));
    expect(starts.length).toBeLessThanOrEqual(Math.ceil(1216 / LOG_BAR_PX));
    const layout = binLayout(DOMAIN, bins);
    const lengthOf = (iso: string) => rangeLength(layout.bins[layout.index(d(iso))] as DateRange);
    expect(lengthOf('2024-08-01')).toBe(1);
    expect(lengthOf('2024-07-31')).toBe(1);
    expect(lengthOf('1990-01-01')).toBeGreaterThan(365);
    // the scale the chart draws is the one the bins were cut from: a bar per LOG_BAR_PX of the requested width
    const scale = focusScale(DOMAIN, 1216, { center: '2024-08-01' });
    expect(scale.bins).toEqual(spec);
    const edges = layout.bins.filter((b) => rangeLength(b) > 3).map((b) => scale.x(d(b.from)));
    edges.slice(1).forEach((x, i) => expect(x - (edges[i] as number)).toBeGreaterThan(LOG_BAR_PX - 1));
  });

  it('cuts overview bins: at most one per column, each column holding the days the scale puts there', () => {
    const center = '2024-08-01';
    const width = 1280;
    const bins = histogramBins(DOMAIN, { scale: 'overview', center, width });
    if (!('binStarts' in bins)) throw new Error('variable bins expected');
    expect(bins.binStarts.length).toBeLessThanOrEqual(width);
    const s = overviewScale(DOMAIN, center);
    const column = (day: number) => Math.min(width - 1, Math.floor(s.x(day) * width + 1e-9));
    const layout = binLayout(DOMAIN, bins);
    const wrong: string[] = [];
    for (let day = d(DOMAIN.from); day <= d(DOMAIN.to); day += day < d('2024-01-01') ? 17 : 1) {
      // every day of a bin falls in the bin's column
      const bin = layout.bins[layout.index(day)] as DateRange;
      if (column(day) !== column(d(bin.from))) wrong.push(fromDayNumber(day));
    }
    expect(wrong).toEqual([]);
    // near the crisis a day spans several columns: one bin per day
    expect(rangeLength(layout.bins[layout.index(d(center))] as DateRange)).toBe(1);
    // the cap holds at the widest chart
    const widest = histogramBins(DOMAIN, { scale: 'overview', center, width: MAX_CHART_WIDTH });
    expect('binStarts' in widest && widest.binStarts.length).toBeLessThanOrEqual(MAX_CHART_WIDTH);
    expect(histogramBins(DOMAIN, { binDays: 7 })).toEqual({ binDays: 7 });
  });
});

describe('focusHistogram: the chart from the store’s answer', () => {
  const w = { from: '2024-07-30', to: '2024-08-05' };
  const chart = (items: Item[], bins: HistogramBins = { binDays: 1 }, window: DateRange = w, maxLanes?: number) => focusHistogram(answer(items, window, bins), window, maxLanes ? { maxLanes } : {});

  it('counts day-precision events per day and by category, ignoring events outside the window', () => {
    const h = chart([day('2024-07-30'), day('2024-07-30', 'visit'), day('2024-08-02'), day('2024-08-06'), day('2024-07-01')]);
    expect(h.bins).toHaveLength(7);
    expect(h.bins.map((b) => b.total)).toEqual([2, 0, 0, 1, 0, 0, 0]);
    expect(h.bins[0]?.counts).toEqual({ strike: 1, visit: 1 });
    expect(h.maxTotal).toBe(2);
    expect(h.categories).toEqual(['strike', 'visit']);
  });

  it('never puts coarse-precision events on a single day: they become spans clipped to the window', () => {
    const month = coarse('2024-08-01', '2024-08-31', 'month');
    const year = coarse('2024-01-01', '2024-12-31', 'year');
    const week = coarse('2024-07-29', '2024-08-04', 'week');
    const h = chart([month, year, week, coarse('2020-01-01', '2020-12-31', 'year')]);
    expect(h.bins.every((b) => b.total === 0)).toBe(true);
    expect(h.spans).toHaveLength(3);
    expect(h.spans.find((s) => s.precision === 'month')).toMatchObject({ from: '2024-08-01', to: '2024-08-05', start: '2024-08-01', end: '2024-08-31', count: 1 });
    expect(h.spans.find((s) => s.precision === 'year')).toMatchObject({ from: '2024-07-30', to: '2024-08-05' });
  });

  it('counts a coarse event as a bar only in a bin that holds its whole interval', () => {
    const month = coarse('2024-05-01', '2024-05-31', 'month');
    const year = coarse('1983-01-01', '1983-12-31', 'year');
    const long = { from: '1983-01-01', to: '2024-12-31' };
    const h = chart([month, year], { binStarts: ['1984-01-01', '2024-01-01', '2024-05-01', '2024-05-16', '2024-06-01'] }, long);
    expect(h.bins.map((b) => b.total)).toEqual([1, 0, 0, 0, 0, 0]); // 1983 fits its bin; May straddles two bins
    expect(h.spans.map((s) => s.start)).toEqual(['2024-05-01']);
    expect(chart([month], { binDays: 365 }, long).spans).toHaveLength(0);
    // a one-day bin never takes a coarse event, even one whose interval is a single day
    expect(chart([coarse('2024-08-01', '2024-08-01', 'week')]).spans).toHaveLength(1);
    expect(chart([coarse('2024-08-01', '2024-08-01', 'week')], { binDays: 2 }).spans).toHaveLength(0);
  });

  it('draws events sharing an interval and category as one span that says how many', () => {
    const h = chart([coarse('2024-08-01', '2024-08-31', 'month'), coarse('2024-08-01', '2024-08-31', 'month'), coarse('2024-08-01', '2024-08-31', 'month', 'strike')]);
    expect(h.spans.map((s) => [s.category, s.count])).toEqual([
      ['strike', 1],
      ['visit', 2],
    ]);
    expect(new Set(h.spans.map((s) => s.id)).size).toBe(2);
  });

  it('packs overlapping spans into separate lanes and reuses freed lanes', () => {
    const a = coarse('2024-07-29', '2024-07-31', 'week');
    const b = coarse('2024-07-30', '2024-08-05', 'week');
    const c = coarse('2024-08-02', '2024-08-04', 'week');
    const h = chart([a, b, c]);
    const lane = (it: Item) => h.spans.find((s) => s.start === it.start)?.lane;
    expect(lane(a)).toBe(0);
    expect(lane(b)).toBe(1);
    expect(lane(c)).toBe(0);
    expect(h.lanes).toBe(2);
    expect(chart([a, b, c], undefined, w, 1).spans.every((s) => s.lane === 0)).toBe(true);
  });

  it('counts a multi-day day-precision event once on each day it covers, clipped to the window', () => {
    expect(chart([day('2024-07-28', 'strike', '2024-07-31')]).bins.map((b) => b.total)).toEqual([1, 1, 0, 0, 0, 0, 0]);
    const h = chart([day('2024-07-30', 'strike', '2024-07-31'), day('2024-08-02')], { binDays: 3 });
    expect(h.bins.map((b) => [b.from, b.to, b.total])).toEqual([
      ['2024-07-30', '2024-08-01', 1],
      ['2024-08-02', '2024-08-04', 1],
      ['2024-08-05', '2024-08-05', 0],
    ]);
  });

  it('draws a previous window’s answer (same filters, new window loading) only inside the new window', () => {
    const items = [day('2024-07-25'), day('2024-08-01'), coarse('2024-07-20', '2024-08-10', 'month')];
    const old = answer(items, { from: '2024-07-20', to: '2024-08-02' }, { binDays: 1 });
    const h = focusHistogram(old, w);
    expect(h.bins.map((b) => b.from)).toEqual(['2024-07-30', '2024-07-31', '2024-08-01', '2024-08-02']);
    expect(h.maxTotal).toBe(1);
    expect(h.spans).toMatchObject([{ from: '2024-07-30', to: '2024-08-05' }]);
  });
});

describe('crisis window and presets', () => {
  // A lone 1983 event, some scattered noise and a dense 30 Jul – 7 Aug cluster, as per-day counts.
  const perDay = (days: string[]) => {
    const counts = new Map<number, number>();
    for (const x of days) counts.set(toDayNumber(x) as number, (counts.get(toDayNumber(x) as number) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => a[0] - b[0]);
  };
  const cluster = ['2024-07-30', '2024-07-31', '2024-07-31', '2024-08-01', '2024-08-02', '2024-08-03', '2024-08-05', '2024-08-07'];
  const days = perDay(['1983-10-23', '2024-04-13', '2024-04-19', ...cluster]);

  it('finds the densest stretch of days, trimmed to it and padded', () => {
    expect(densestWindow(days)).toEqual({ from: '2024-07-28', to: '2024-08-09' });
    expect(densestWindow(days, 14, 0)).toEqual({ from: '2024-07-30', to: '2024-08-07' });
  });

  it('prefers the latest of equally dense stretches and respects the window size', () => {
    expect(densestWindow(perDay(['2020-01-01', '2020-01-02', '2022-05-01', '2022-05-03']), 14, 1)).toEqual({ from: '2022-04-30', to: '2022-05-04' });
    const spread = perDay(['2024-01-01', '2024-01-05', '2024-01-09', '2024-03-01', '2024-03-02']);
    expect(densestWindow(spread, 14, 0)).toEqual({ from: '2024-01-01', to: '2024-01-09' });
    expect(densestWindow(spread, 5, 0)).toEqual({ from: '2024-03-01', to: '2024-03-02' });
  });

  it('builds the three presets from the crisis window, the last precise day and the span, clamped to it', () => {
    const p = presetsFrom({ from: '2024-07-28', to: '2024-08-09' }, '2024-08-07', DOMAIN);
    expect(p.map((x) => x.id)).toEqual(['crisis', 'last7', 'all']);
    expect(p[0]).toMatchObject({ label: 'Crisis fortnight', from: '2024-07-28', to: '2024-08-07' });
    expect(p[1]).toMatchObject({ label: 'Last 7 days of data', from: '2024-08-01', to: '2024-08-07' });
    expect(p[2]).toMatchObject({ label: 'All', ...DOMAIN });
  });

  it('centres the log scales on the middle of the crisis preset, else of the span', () => {
    expect(crisisCenter(presetsFrom({ from: '2024-07-28', to: '2024-08-05' }, '2024-08-05', DOMAIN), DOMAIN)).toBe('2024-08-01');
    expect(crisisCenter([], { from: '2024-01-01', to: '2024-01-04' })).toBe('2024-01-02');
  });
});

describe('stepPlayback', () => {
  it('advances keeping the length', () => {
    expect(stepPlayback({ from: '2024-07-30', to: '2024-08-01' }, 2, DOMAIN)).toEqual({ range: { from: '2024-08-01', to: '2024-08-03' }, done: false });
  });

  it('stops exactly at the end of the domain', () => {
    const a = stepPlayback({ from: '2024-08-01', to: '2024-08-05' }, 4, DOMAIN);
    expect(a).toEqual({ range: { from: '2024-08-03', to: '2024-08-07' }, done: true });
    expect(stepPlayback(a.range, 1, DOMAIN)).toEqual({ range: a.range, done: true });
  });

  it('reports done when the window lands on the last day', () => {
    expect(stepPlayback({ from: '2024-08-01', to: '2024-08-06' }, 1, DOMAIN).done).toBe(true);
    expect(stepPlayback({ from: '2024-08-01', to: '2024-08-05' }, 1, DOMAIN).done).toBe(false);
  });

  it('can step backwards and repairs a reversed window', () => {
    expect(stepPlayback({ from: '1983-01-03', to: '1983-01-05' }, -7, DOMAIN)).toEqual({ range: { from: '1983-01-01', to: '1983-01-03' }, done: true });
    expect(stepPlayback({ from: '2024-08-02', to: '2024-07-31' }, 1, DOMAIN).range).toEqual({ from: '2024-08-01', to: '2024-08-03' });
  });
});

describe('focus window', () => {
  it('pads the range by half its length, at least 14 days, inside the domain', () => {
    expect(focusWindow({ from: '2024-07-10', to: '2024-07-29' }, DOMAIN)).toEqual({ from: '2024-06-29', to: '2024-08-07' }); // 20 + 2×10 days, shifted back from 8 Aug
    const small = focusWindow({ from: '2024-07-01', to: '2024-07-02' }, DOMAIN);
    expect(rangeLength(small)).toBe(14);
    expect(small.from < '2024-07-01' && small.to > '2024-07-02').toBe(true);
    expect(focusWindow(DOMAIN, DOMAIN)).toEqual(DOMAIN);
  });

  it('keeps the previous focus while it frames the range, re-frames when the range leaves or shrinks', () => {
    const prev = { from: '2024-07-20', to: '2024-08-07' };
    expect(nextFocus(prev, { from: '2024-07-30', to: '2024-08-02' }, DOMAIN)).toBe(prev);
    // touching the end is fine when it is also the domain's end
    expect(nextFocus(prev, { from: '2024-08-01', to: '2024-08-07' }, DOMAIN)).toBe(prev);
    // touching the start (not the domain's) re-frames so the brush can keep panning
    expect(nextFocus(prev, { from: '2024-07-20', to: '2024-07-25' }, DOMAIN)).not.toBe(prev);
    const all = nextFocus(DOMAIN, { from: '2024-08-01', to: '2024-08-02' }, DOMAIN);
    expect(rangeLength(all)).toBe(14);
    expect(nextFocus(null, DOMAIN, DOMAIN)).toEqual(DOMAIN);
  });

  it('is stable: a freshly framed focus is kept for the same range (no render loop)', () => {
    const ranges = [
      { from: '2024-08-01', to: '2024-08-01' },
      { from: '2024-08-07', to: '2024-08-07' },
      { from: '1983-01-01', to: '1983-01-03' },
      { from: '2024-07-28', to: '2024-08-07' },
      { from: '1990-01-01', to: '2024-08-06' },
      DOMAIN,
    ];
    for (const r of ranges) {
      const f = nextFocus(null, r, DOMAIN);
      expect(nextFocus(f, r, DOMAIN)).toBe(f);
    }
  });

  it('chooses wider bins when days get thinner than the minimum bar', () => {
    expect(chooseBinDays(14, 1200)).toBe(1);
    expect(chooseBinDays(400, 400)).toBe(3);
    expect(chooseBinDays(15195, 1200)).toBe(61);
  });
});

describe('ticks and overview scale', () => {
  it('keeps ticks at least minGap apart, preferring coarser units', () => {
    const w = { from: '2024-07-25', to: '2024-08-07' };
    const a = toDayNumber(w.from) as number;
    const x = (d: number) => ((d - a) / 14) * 700;
    const ticks = pickTicks(w, x, 46);
    const px = ticks.map((t) => x(toDayNumber(t.date) as number));
    px.slice(1).forEach((p, i) => expect(p - (px[i] as number)).toBeGreaterThanOrEqual(46));
    expect(ticks.find((t) => t.date === '2024-08-01')?.label).toBe('Aug');
    expect(ticks.find((t) => t.date === '2024-07-29')?.label).toBe('29 Jul');
    expect(pickTicks(DOMAIN, (d) => d, 46)[0]).toEqual({ date: '1983-01-01', label: '1983' }); // the domain start is labelled
    const years = pickTicks(DOMAIN, (d) => ((d - (toDayNumber(DOMAIN.from) as number)) / 15195) * 400, 46);
    expect(years.every((t) => /^\d{4}$/.test(t.label))).toBe(true);
    expect(years.some((t) => t.label === '2000')).toBe(true);
  });

  it('picks one regular tick interval for a linear axis', () => {
    const gaps = (ticks: { date: string }[]) => ticks.slice(1).map((t, i) => diffDays((ticks[i] as { date: string }).date, t.date));
    const fortnight = linearTicks({ from: '2024-07-25', to: '2024-08-07' }, 700, 46);
    expect(fortnight).toHaveLength(14);
    expect(fortnight.find((t) => t.date === '2024-08-01')?.label).toBe('Aug');
    const month = linearTicks({ from: '2024-07-11', to: '2024-08-07' }, 366, 46); // 13 px a day → Mondays
    expect(month.map((t) => t.label)).toEqual(['15 Jul', '22 Jul', 'Aug', '5 Aug']); // 29 Jul gives way to Aug
    const all = linearTicks(DOMAIN, 1200, 46);
    expect(new Set(gaps(all)).size).toBeLessThanOrEqual(2); // 730 or 731 days
    expect(all.map((t) => t.label)).toContain('2000');
    expect(all.every((t) => t.date.endsWith('-01-01'))).toBe(true);
    const leap = linearTicks({ from: '2024-02-20', to: '2024-03-05' }, 20 * 15 * 2, 46); // 2-day step
    expect(leap.map((t) => t.date)).not.toContain('2024-02-29');
    expect(leap.map((t) => t.date)).toContain('2024-03-01');
  });

  it('maps the domain onto [0, 1] monotonically and inverts', () => {
    const s = overviewScale(DOMAIN, '2024-08-03');
    const d = (iso: string) => toDayNumber(iso) as number;
    expect(s.x(d(DOMAIN.from))).toBeCloseTo(0);
    expect(s.x(d(DOMAIN.to))).toBeCloseTo(1);
    const samples = ['1983-01-01', '1990-01-01', '2010-01-01', '2024-01-01', '2024-07-30', '2024-08-03', '2024-08-07'].map((x) => s.x(d(x)));
    samples.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(samples[i] as number));
    for (const iso of ['1983-10-23', '2001-09-11', '2024-07-31', '2024-08-05']) expect(s.invert(s.x(d(iso)))).toBe(d(iso));
  });

  it('gives both the crowded days and the distant past visible width', () => {
    const s = overviewScale(DOMAIN, '2024-08-03');
    const d = (iso: string) => toDayNumber(iso) as number;
    const W = 390;
    // one crisis day is several pixels wide even on a phone…
    expect((s.x(d('2024-08-02')) - s.x(d('2024-08-01'))) * W).toBeGreaterThan(3);
    // …and 1983–2000 still gets a visible sliver
    expect(s.x(d('2000-01-01')) * W).toBeGreaterThan(10);
    // a linear scale would give the whole fortnight under a pixel
    expect((14 / 15195) * W).toBeLessThan(1);
  });
});

describe('playback speeds', () => {
  it('are stated in words', () => {
    expect(PLAYBACK_SPEEDS.map((s) => s.label)).toEqual(PLAYBACK_SPEEDS.map((s) => speedLabel(s.days)));
    expect(speedLabel(1)).toBe('1 day per second');
    expect(speedLabel(7)).toBe('1 week per second');
    expect(speedLabel(14)).toBe('2 weeks per second');
    expect(speedLabel(4)).toBe('4 days per second');
    expect(PLAYBACK_SPEEDS.every((s) => /per second$/.test(s.label) && Number.isInteger(s.days) && s.days > 0)).toBe(true);
  });
});

describe('focus scale for long windows ("All")', () => {
  // The seed data's shape: a 1983 event, a few scattered years, a dense crisis fortnight at the end.
  const crisisDays = ['2024-07-27', '2024-07-30', '2024-07-31', '2024-07-31', '2024-08-01', '2024-08-02', '2024-08-03', '2024-08-04', '2024-08-05', '2024-08-05', '2024-08-06'];
  const items = [day('1983-10-23'), day('2001-09-11'), day('2022-11-15'), day('2023-09-10'), day('2024-04-13'), ...crisisDays.map((d) => day(d))];
  const W = 1212;
  /** the chart the server's answer for the scale's own bins draws */
  const drawn = (scale: ReturnType<typeof focusScale>) => focusHistogram(answer(items, DOMAIN, histogramBins(DOMAIN, scale.bins)), DOMAIN);
  const barXs = (scale: ReturnType<typeof focusScale>) => drawn(scale).bins.filter((b) => b.total > 0).map((b) => scale.x(toDayNumber(b.from) as number));

  it('spreads the bars over the chart instead of one bar against the edge', () => {
    const scale = focusScale(DOMAIN, W, { center: '2024-08-01' });
    expect(scale.kind).toBe('log');
    const xs = barXs(scale);
    expect(new Set(xs.map(Math.round)).size).toBeGreaterThanOrEqual(10);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(W / 2);
    // crisis days get bars of their own, each several pixels wide
    const d = toDayNumber('2024-08-01') as number;
    expect(scale.x(d + 1) - scale.x(d)).toBeGreaterThan(6);
    // the old linear binning: 61-day bins, all crisis days in one or two bars at the right edge
    const linear = focusScale(DOMAIN, W);
    expect(linear.kind).toBe('linear');
    expect(linear.bins).toEqual({ binDays: 61 });
    const crisisBars = (sc: ReturnType<typeof focusScale>) => barXs(sc).filter((x) => x >= sc.x(toDayNumber('2024-07-27') as number) - 1e-6).length;
    expect(crisisBars(linear)).toBeLessThanOrEqual(2);
    expect(crisisBars(scale)).toBeGreaterThanOrEqual(9);
  });

  it('is monotone, spans [0, width], inverts, and its bins cover the window without gaps', () => {
    const scale = focusScale(DOMAIN, W, { center: '2024-08-01' });
    const a = toDayNumber(DOMAIN.from) as number;
    const b = (toDayNumber(DOMAIN.to) as number) + 1;
    expect(scale.x(a)).toBeCloseTo(0);
    expect(scale.x(b)).toBeCloseTo(W);
    for (const t of [a + 100, a + 9000, b - 40, b - 5, b - 1]) expect(scale.t(scale.x(t))).toBeCloseTo(t, 3);
    const h = drawn(scale);
    expect(h.binDays).toBe(0);
    expect(h.bins[0]?.from).toBe(DOMAIN.from);
    expect(h.bins.at(-1)?.to).toBe(DOMAIN.to);
    h.bins.slice(1).forEach((bin, i) => expect(bin.from).toBe(addDays((h.bins[i] as { to: string }).to, 1)));
    // every (one-day) event is counted exactly once
    expect(h.bins.reduce((n, bin) => n + bin.total, 0)).toBe(items.length);
  });

  it('stays linear for short windows; asks for its log bins at a rounded width, so a small resize asks again for nothing', () => {
    expect(focusScale({ from: '2024-07-20', to: '2024-08-07' }, W, { center: '2024-08-01' }).kind).toBe('linear');
    expect(focusScale({ from: '2024-07-20', to: '2024-08-07' }, W, { center: '2024-08-01' }).bins).toEqual({ binDays: 1 });
    const a = focusScale(DOMAIN, 1200, { center: '2024-08-01' });
    const b = focusScale(DOMAIN, 1210, { center: '2024-08-01' });
    expect(a.bins).toEqual({ scale: 'log', center: '2024-08-01', width: 1216 });
    expect(b.bins).toEqual(a.bins);
    // a window that does not hold the crisis is log-scaled around its nearest end
    const early = focusScale({ from: '1983-01-01', to: '2000-12-31' }, W, { center: '2024-08-01' });
    expect(early.kind).toBe('log');
    expect(early.x((toDayNumber('2000-12-31') as number) + 1) - early.x(toDayNumber('2000-12-31') as number)).toBeGreaterThan(6);
  });
});

describe('overview columns', () => {
  it('merges the bins falling on one pixel, coloured by their commonest category, and skips empty ones', () => {
    const bins = [
      { from: '2024-08-01', to: '2024-08-01', total: 2, counts: { strike: 2 } },
      { from: '2024-08-02', to: '2024-08-02', total: 3, counts: { visit: 3 } },
      { from: '2024-08-03', to: '2024-08-03', total: 0, counts: {} },
      { from: '2024-08-04', to: '2024-08-04', total: 1, counts: { strike: 1 } },
    ];
    const px = (d: number) => (d - (toDayNumber('2024-08-01') as number)) * 0.3;
    expect(overviewColumns(bins, px)).toEqual([
      { col: 0, n: 5, category: 'visit' }, // 1 Aug (0 px) and 2 Aug (0.3 px)
      { col: 1, n: 1, category: 'strike' }, // 4 Aug (0.9 px)
    ]);
  });

  it('asks for a bin per column of the strip, at a rounded width', () => {
    expect(overviewScale(DOMAIN, '2024-08-03').bins(1256)).toEqual({ scale: 'overview', center: '2024-08-03', width: 1280 });
  });
});

describe('tick labels', () => {
  const cases: [string, { from: string; to: string }, number][] = [
    ['crisis focus at 1280', { from: '2024-07-24', to: '2024-08-07' }, 1256],
    ['crisis focus on a phone', { from: '2024-07-24', to: '2024-08-07' }, 354],
    ['All on a phone', DOMAIN, 354],
  ];
  for (const [name, window, width] of cases) {
    it(`stay inside [0, width] without overlapping: ${name}`, () => {
      const inner = width - 24;
      const scale = focusScale(window, inner, { center: '2024-08-01' });
      const placed = placeTickLabels(scale.ticks.map((t) => ({ ...t, px: 12 + scale.x(toDayNumber(t.date) as number) })), width);
      expect(placed.length).toBeGreaterThan(1);
      for (const l of placed) {
        expect(l.x).toBeGreaterThanOrEqual(0);
        expect(l.x + l.label.length * 6.4).toBeLessThanOrEqual(width);
      }
      placed.slice(1).forEach((l, i) => expect(l.x).toBeGreaterThanOrEqual((placed[i] as { x: number; label: string }).x + (placed[i] as { label: string }).label.length * 6.4));
    });
  }

  it('pulls a label at the right edge inside (the old axis cut "5 Aug" to "5")', () => {
    const placed = placeTickLabels([{ date: '2024-08-05', label: '5 Aug', px: 348 }], 354);
    expect(placed[0]?.x).toBeCloseTo(354 - 5 * 6.4);
    const overlap = placeTickLabels(
      [
        { date: '2024-08-01', label: 'Aug', px: 310 },
        { date: '2024-08-05', label: '5 Aug', px: 348 },
      ],
      354,
    );
    expect(overlap.map((l) => l.label)).toEqual(['Aug']); // pulled in, 5 Aug would cover Aug: dropped
  });
});

describe('colorFor', () => {
  it('prefers the given colour and is stable otherwise', () => {
    expect(colorFor('strike', { strike: '#123456' })).toBe('#123456');
    expect(colorFor('visit')).toBe(colorFor('visit'));
    expect(colorFor('visit')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
