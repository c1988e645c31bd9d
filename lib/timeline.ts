// Pure timeline logic (no React): UTC day arithmetic on 'YYYY-MM-DD' strings, the per-day
// histogram, the data-driven default ("crisis") window, presets, playback stepping, the focus
// window the brush works in, axis ticks and the overview's fisheye-log scale.
// All ranges are inclusive: { from: '2024-08-01', to: '2024-08-01' } is one day.
import type { DatePrecision } from './vocab';

export interface DateRange {
  from: string;
  to: string;
}
export interface TimelineItem {
  id: string;
  start: string;
  end: string;
  precision: DatePrecision;
  category: string;
}

// ---- Day arithmetic ------------------------------------------------------------------------

import { MONTH_NAMES as MONTHS, addDays, dayNumber, diffDays, fromDayNumber, isIsoDate, toDayNumber } from './dates';

export { addDays, dayNumber, diffDays, fromDayNumber, isIsoDate, toDayNumber };

/** Number of days in an inclusive range (a one-day range has length 1). */
export function rangeLength(r: DateRange): number {
  return diffDays(r.from, r.to) + 1;
}

export const minDate = (a: string, b: string): string => (a <= b ? a : b);
export const maxDate = (a: string, b: string): string => (a >= b ? a : b);

export function clampDate(iso: string, domain: DateRange): string {
  return minDate(maxDate(iso, domain.from), domain.to);
}

/** Reversed ranges are swapped, then both ends are clamped into the domain. */
export function clampRange(range: DateRange, domain: DateRange): DateRange {
  const [a, b] = range.from <= range.to ? [range.from, range.to] : [range.to, range.from];
  return { from: clampDate(a, domain), to: clampDate(b, domain) };
}

export function sameRange(a: DateRange, b: DateRange): boolean {
  return a.from === b.from && a.to === b.to;
}

export function containsRange(outer: DateRange, inner: DateRange): boolean {
  return inner.from >= outer.from && inner.to <= outer.to;
}

/** Moves the range by `days` keeping its length; stops at the domain edges. */
export function shiftRange(range: DateRange, days: number, domain: DateRange): DateRange {
  const len = Math.min(rangeLength(range), rangeLength(domain));
  let from = dayNumber(range.from) + days;
  from = Math.max(dayNumber(domain.from), Math.min(from, dayNumber(domain.to) - len + 1));
  return { from: fromDayNumber(from), to: fromDayNumber(from + len - 1) };
}

/** A range of `length` days centred on `date`, kept inside the domain. */
export function centerRange(date: string, length: number, domain: DateRange): DateRange {
  const from = addDays(date, -Math.floor((length - 1) / 2));
  return shiftRange({ from, to: addDays(from, Math.max(1, length) - 1) }, 0, domain);
}

/** Moves one edge (as a brush handle does): clamped to the domain and never past the other edge. */
export function setRangeEdge(range: DateRange, edge: 'from' | 'to', date: string, domain: DateRange): DateRange {
  const d = clampDate(date, domain);
  return edge === 'from' ? { from: minDate(d, range.to), to: range.to } : { from: range.from, to: maxDate(d, range.from) };
}

export type DateInputResult =
  | { ok: true; range: DateRange }
  | { ok: false; reason: 'incomplete' | 'outside' | 'order'; message: string };

/**
 * A date typed or picked into the From or To field. Nothing is swapped or clamped: a typed date
 * the app silently bends into something else is how a stray intermediate year (0202) once became
 * "1 Jan 1983". A date outside the data span is refused rather than clamped for the same reason: with
 * a 40-year span it is almost always a typo, and the field's min/max already keep the native picker
 * inside the span. A reversed pair is refused so the user sees which edge to move first.
 */
export function applyDateInput(range: DateRange, edge: 'from' | 'to', value: string, domain: DateRange): DateInputResult {
  const name = edge === 'from' ? 'From' : 'To';
  if (!isIsoDate(value)) return { ok: false, reason: 'incomplete', message: `${name}: incomplete date — not applied` };
  if (value < domain.from || value > domain.to) {
    return { ok: false, reason: 'outside', message: `${name} ${formatDate(value)} is outside the data (${formatDate(domain.from)} – ${formatDate(domain.to)}) — not applied` };
  }
  if (edge === 'from' && value > range.to) return { ok: false, reason: 'order', message: `From ${formatDate(value)} is after To ${formatDate(range.to)} — not applied` };
  if (edge === 'to' && value < range.from) return { ok: false, reason: 'order', message: `To ${formatDate(value)} is before From ${formatDate(range.from)} — not applied` };
  return { ok: true, range: edge === 'from' ? { from: value, to: range.to } : { from: range.from, to: value } };
}

// ---- Formatting (fixed English names: no locale differences between server and client) -------

const parts = (iso: string) => ({ y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)) - 1, d: Number(iso.slice(8, 10)) });

/** 'long' → "1 August 2024", 'short' → "1 Aug 2024", 'day' → "1 Aug", 'month' → "Aug", 'year' → "2024" */
export function formatDate(iso: string, style: 'long' | 'short' | 'day' | 'month' | 'year' = 'short'): string {
  const { y, m, d } = parts(iso);
  const month = MONTHS[m] ?? '?';
  switch (style) {
    case 'long':
      return `${d} ${month} ${y}`;
    case 'day':
      return `${d} ${month.slice(0, 3)}`;
    case 'month':
      return month.slice(0, 3);
    case 'year':
      return String(y);
    default:
      return `${d} ${month.slice(0, 3)} ${y}`;
  }
}

/** "30 Jul – 7 Aug 2024", "1 Aug 2024", "1 Jan 1983 – 7 Aug 2024" */
export function formatRange(r: DateRange): string {
  if (r.from === r.to) return formatDate(r.from);
  if (r.from.slice(0, 4) === r.to.slice(0, 4)) return `${formatDate(r.from, 'day')} – ${formatDate(r.to)}`;
  return `${formatDate(r.from)} – ${formatDate(r.to)}`;
}

// ---- Data extent, histogram ---------------------------------------------------------------

/** Items with unusable dates are skipped everywhere; reversed intervals are swapped. */
function span(item: TimelineItem): [number, number] | null {
  const a = toDayNumber(item.start);
  const b = toDayNumber(item.end);
  if (a === null || b === null) return null;
  return a <= b ? [a, b] : [b, a];
}

export function dataExtent(items: readonly TimelineItem[]): DateRange | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const it of items) {
    const s = span(it);
    if (!s) continue;
    lo = Math.min(lo, s[0]);
    hi = Math.max(hi, s[1]);
  }
  return lo <= hi ? { from: fromDayNumber(lo), to: fromDayNumber(hi) } : null;
}

/** Items of any precision whose interval overlaps the range. */
export function countInRange(items: readonly TimelineItem[], range: DateRange): number {
  const a = dayNumber(range.from);
  const b = dayNumber(range.to);
  return items.filter((it) => {
    const s = span(it);
    return s !== null && s[0] <= b && s[1] >= a;
  }).length;
}

export interface HistogramBin {
  from: string;
  to: string;
  total: number;
  counts: Record<string, number>;
}
export interface HistogramSpan {
  id: string;
  category: string;
  precision: DatePrecision;
  /** the item's own interval */
  start: string;
  end: string;
  /** the part inside the window */
  from: string;
  to: string;
  lane: number;
}
export interface Histogram {
  window: DateRange;
  /** days per bin; 0 when the bins were given (variable width) */
  binDays: number;
  /** day-precision items, counted once in every bin their interval touches, and coarse items that fit in one bin */
  bins: HistogramBin[];
  /** week/month/year-precision items overlapping the window, packed into lanes */
  spans: HistogramSpan[];
  lanes: number;
  /** categories present in the bins, most frequent first (the stacking order) */
  categories: string[];
  maxTotal: number;
}

/**
 * Counts day-precision items per day (or per `binDays`-day bin, anchored at window.from, or per
 * given bin) inside the window. Week/month/year-precision items are counted only in a bin that holds
 * their whole interval: placing "sometime in August" on one day would be a false precision, so
 * otherwise they come back as spans to be drawn across their interval.
 */
export function histogram(
  items: readonly TimelineItem[],
  window: DateRange,
  opts: { binDays?: number; maxLanes?: number; binStarts?: readonly number[] } = {},
): Histogram {
  const binDays = Math.max(1, Math.floor(opts.binDays ?? 1));
  const maxLanes = Math.max(1, opts.maxLanes ?? 4);
  const w = clampRange(window, window); // swaps a reversed window
  const w0 = dayNumber(w.from);
  const w1 = dayNumber(w.to);
  // Bin start days: every binDays from the window start, or the caller's (variable-width bins of a
  // non-linear axis), always starting at the window start.
  const starts: number[] = [];
  if (opts.binStarts) {
    for (const d of [w0, ...opts.binStarts]) if (d >= w0 && d <= w1 && (starts.length === 0 || d > (starts[starts.length - 1] as number))) starts.push(d);
  } else for (let d = w0; d <= w1; d += binDays) starts.push(d);
  const bins: HistogramBin[] = starts.map((d, i) => ({ from: fromDayNumber(d), to: fromDayNumber(i + 1 < starts.length ? (starts[i + 1] as number) - 1 : w1), total: 0, counts: {} }));
  // index of the bin holding day d (d inside the window)
  const binOf = (d: number): number => {
    if (!opts.binStarts) return Math.floor((d - w0) / binDays);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= d) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const totals = new Map<string, number>();
  const coarse: Omit<HistogramSpan, 'lane'>[] = [];
  for (const it of items) {
    const s = span(it);
    if (!s || s[1] < w0 || s[0] > w1) continue;
    const a = Math.max(s[0], w0);
    const b = Math.min(s[1], w1);
    if (it.precision !== 'day') {
      // A bin that holds the item's whole interval (a year-long bin, a month-precision item) can count
      // it without false precision; anywhere else it is drawn as a span over its interval.
      const i = binOf(a);
      const bin = bins[i];
      if (bin && a === s[0] && b === s[1] && i === binOf(b) && bin.from !== bin.to) {
        bin.total++;
        bin.counts[it.category] = (bin.counts[it.category] ?? 0) + 1;
        totals.set(it.category, (totals.get(it.category) ?? 0) + 1);
        continue;
      }
      coarse.push({ id: it.id, category: it.category, precision: it.precision, start: fromDayNumber(s[0]), end: fromDayNumber(s[1]), from: fromDayNumber(a), to: fromDayNumber(b) });
      continue;
    }
    for (let i = binOf(a); i <= binOf(b); i++) {
      const bin = bins[i];
      if (!bin) continue;
      bin.total++;
      bin.counts[it.category] = (bin.counts[it.category] ?? 0) + 1;
      totals.set(it.category, (totals.get(it.category) ?? 0) + 1);
    }
  }
  // Greedy interval packing; once maxLanes are used, overflow shares the lane that frees up first.
  coarse.sort((x, y) => (x.from === y.from ? (x.to < y.to ? -1 : 1) : x.from < y.from ? -1 : 1));
  const laneEnds: string[] = [];
  const spans = coarse.map((c) => {
    let lane = laneEnds.findIndex((end) => end < c.from);
    if (lane < 0 && laneEnds.length < maxLanes) lane = laneEnds.length;
    if (lane < 0) lane = laneEnds.indexOf(laneEnds.reduce(minDate));
    laneEnds[lane] = maxDate(laneEnds[lane] ?? c.to, c.to);
    return { ...c, lane };
  });
  const categories = [...totals.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([c]) => c);
  return { window: w, binDays: opts.binStarts ? 0 : binDays, bins, spans, lanes: laneEnds.length, categories, maxTotal: bins.reduce((m, b) => Math.max(m, b.total), 0) };
}

// ---- Default window, presets ------------------------------------------------------------------

/**
 * The "crisis window": the densest `days`-day stretch of day-precision item start dates (ties go
 * to the most recent stretch), trimmed to the first and last event in it and padded by `pad` days.
 * Falls back to all items' start dates, then to the `days` days ending `today`.
 */
export function defaultWindow(items: readonly TimelineItem[], opts: { days?: number; pad?: number; today?: string } = {}): DateRange {
  const days = Math.max(1, opts.days ?? 14);
  const pad = Math.max(0, opts.pad ?? 2);
  const starts = (precise: boolean) =>
    items
      .filter((it) => !precise || it.precision === 'day')
      .flatMap((it) => span(it)?.slice(0, 1) ?? [])
      .sort((a, b) => a - b);
  let d = starts(true);
  if (d.length === 0) d = starts(false);
  if (d.length === 0) {
    const today = opts.today ?? new Date().toISOString().slice(0, 10);
    return { from: addDays(today, -(days - 1)), to: today };
  }
  return densestWindow(d.map((day) => [day, 1] as const), days, pad);
}

/**
 * The densest `days`-day stretch of sorted (day number, count) pairs (ties go to the most recent),
 * trimmed to its first and last day and padded by `pad` days. The store hands per-day counts, so
 * the window of a million events is found without listing them.
 */
export function densestWindow(d: readonly (readonly [number, number])[], days = 14, pad = 2): DateRange {
  let best = { count: 0, a: d[0]?.[0] ?? 0, b: d[0]?.[0] ?? 0 };
  let sum = 0;
  for (let i = 0, j = 0; j < d.length; j++) {
    sum += d[j]![1];
    while (d[j]![0] - d[i]![0] >= days) sum -= d[i++]![1];
    if (sum >= best.count) best = { count: sum, a: d[i]![0], b: d[j]![0] };
  }
  return { from: fromDayNumber(best.a - pad), to: fromDayNumber(best.b + pad) };
}

export type PresetId = 'crisis' | 'last7' | 'all';
export interface Preset extends DateRange {
  id: PresetId;
  label: string;
}

/** Presets, clamped to `domain` when given (else to the data's extent). */
export function presets(items: readonly TimelineItem[], domain?: DateRange): Preset[] {
  const extent = dataExtent(items);
  const crisis = defaultWindow(items);
  // Last 7 days end at the latest *day-precision* date: a year-precision item ending 31 Dec
  // would otherwise put the preset on days with no data.
  const precise = dataExtent(items.filter((it) => it.precision === 'day')) ?? extent ?? crisis;
  return presetsFrom(crisis, precise.to, domain ?? extent ?? crisis);
}

/** The presets from the facts they rest on: the crisis window, the last precise day, the data's span. */
export function presetsFrom(crisis: DateRange, lastDay: string, all: DateRange): Preset[] {
  const end = clampDate(lastDay, all);
  return [
    { id: 'crisis', label: 'Crisis fortnight', ...clampRange(crisis, all) },
    { id: 'last7', label: 'Last 7 days of data', ...clampRange({ from: addDays(end, -6), to: end }, all) },
    { id: 'all', label: 'All', ...all },
  ];
}

// ---- Playback -------------------------------------------------------------------------------

/** Playback moves the window one step per this many milliseconds; `speed` is the days per step. */
export const PLAYBACK_STEP_MS = 1000;

/** Speeds offered, in days per step (one step a second), with the words the select shows. */
export const PLAYBACK_SPEEDS: readonly { days: number; label: string }[] = [
  { days: 1, label: '1 day per second' },
  { days: 2, label: '2 days per second' },
  { days: 7, label: '1 week per second' },
  { days: 30, label: '30 days per second' },
];

/** Words for any speed the parent may hold, not only the offered ones. */
export function speedLabel(days: number): string {
  const offered = PLAYBACK_SPEEDS.find((s) => s.days === days);
  if (offered) return offered.label;
  const n = Math.max(1, Math.round(days));
  if (n % 7 === 0) return `${n / 7} week${n === 7 ? '' : 's'} per second`;
  return `${n} day${n === 1 ? '' : 's'} per second`;
}

/**
 * Advances the window by `step` days keeping its length. `done` once the window reaches the end
 * of the domain (or its start, for a negative step); the window never leaves the domain.
 */
export function stepPlayback(range: DateRange, step: number, domain: DateRange): { range: DateRange; done: boolean } {
  const r = clampRange(range, domain);
  const next = shiftRange(r, Math.trunc(step), domain);
  const done = step >= 0 ? next.to >= domain.to : next.from <= domain.from;
  return { range: next, done };
}

// ---- Focus window (the histogram + brush zoom) ------------------------------------------------

/** The range padded by half its length each side (≥ minPad days), at least minDays long, inside the domain. */
export function focusWindow(range: DateRange, domain: DateRange, opts: { minDays?: number; minPad?: number } = {}): DateRange {
  const r = clampRange(range, domain);
  const len = rangeLength(r);
  const padDays = Math.max(opts.minPad ?? 3, Math.round(len / 2));
  const total = Math.min(rangeLength(domain), Math.max(opts.minDays ?? 14, len + 2 * padDays));
  const extra = total - len;
  const from = addDays(r.from, -Math.floor(extra / 2));
  return shiftRange({ from, to: addDays(from, total - 1) }, 0, domain);
}

/**
 * Keeps the previous focus while it still frames the range (strictly inside, unless at the domain
 * edge) and the range is not tiny in it; otherwise re-frames. Returns `prev` itself when kept.
 */
export function nextFocus(prev: DateRange | null, range: DateRange, domain: DateRange): DateRange {
  const r = clampRange(range, domain);
  if (prev && containsRange(domain, prev)) {
    const framed = (r.from > prev.from || prev.from === domain.from) && (r.to < prev.to || prev.to === domain.to);
    const fresh = focusWindow(r, domain);
    const notTiny = rangeLength(r) * 8 >= rangeLength(prev) || rangeLength(fresh) >= rangeLength(prev);
    if (containsRange(prev, r) && framed && notTiny) return prev;
    return fresh;
  }
  return focusWindow(r, domain);
}

const BIN_STEPS = [1, 2, 3, 7, 14, 30, 61, 91, 182, 365, 730, 1826, 3652];
/** Smallest bin (in days) that keeps bars at least `minBarPx` wide. */
export function chooseBinDays(windowDays: number, widthPx: number, minBarPx = 3): number {
  const pxPerDay = widthPx / Math.max(1, windowDays);
  return BIN_STEPS.find((b) => b * pxPerDay >= minBarPx) ?? (BIN_STEPS[BIN_STEPS.length - 1] as number);
}

/** Focus windows longer than this are drawn on a fisheye-log scale (see focusScale). */
export const LOG_FOCUS_DAYS = 3 * 365;

export interface FocusScale {
  kind: 'linear' | 'log';
  window: DateRange;
  width: number;
  /** continuous day number (day d covers [d, d + 1)) → px in [0, width] */
  x(t: number): number;
  /** px → continuous day number in [window start, window end + 1] */
  t(px: number): number;
  /** first day of each histogram bin */
  binStarts: number[];
  /** days per bin on the linear axis; 0 on the log axis (bins vary) */
  binDays: number;
  ticks: Tick[];
}

/**
 * The focus histogram's axis. Up to LOG_FOCUS_DAYS it is linear, binned by chooseBinDays. Beyond, a
 * linear axis is useless for this kind of data: with "All" (1983 → 2024) every crisis event falls in
 * the last 61-day bin, one bar against the right edge of an empty chart. So long windows use the
 * overview's fisheye-log scale around `center` (the densest data), with bins of `minBarPx` pixels,
 * i.e. single days near the centre and years far from it; the bars then spread over the width.
 */
export function focusScale(window: DateRange, width: number, opts: { center?: string; minBarPx?: number; minGapPx?: number; k?: number } = {}): FocusScale {
  const w = clampRange(window, window);
  const w0 = dayNumber(w.from);
  const w1 = dayNumber(w.to) + 1; // exclusive end
  const W = Math.max(1, width);
  const minGap = opts.minGapPx ?? 46;
  const clampT = (t: number) => Math.max(w0, Math.min(w1, t));
  const c = opts.center && isIsoDate(opts.center) ? dayNumber(opts.center) + 0.5 : NaN;
  if (w1 - w0 <= LOG_FOCUS_DAYS || !Number.isFinite(c)) {
    const days = w1 - w0;
    const binDays = chooseBinDays(days, W, opts.minBarPx ?? 3);
    const binStarts: number[] = [];
    for (let d = w0; d < w1; d += binDays) binStarts.push(d);
    return { kind: 'linear', window: w, width: W, x: (t) => ((t - w0) / days) * W, t: (px) => clampT(w0 + (px / W) * days), binStarts, binDays, ticks: linearTicks(w, W, minGap) };
  }
  // k = 2 days: unlike the overview (k = 7), this chart exists to show the dense days, so they get
  // about a quarter of the width for "All" over the seed data, and 1983–2000 still a visible band.
  const k = opts.k ?? 2;
  const cc = Math.max(w0, Math.min(w1, c));
  const f = (t: number) => Math.sign(t - cc) * Math.log1p(Math.abs(t - cc) / k);
  const fa = f(w0);
  const span = f(w1) - fa || 1;
  const x = (t: number) => ((f(clampT(t)) - fa) / span) * W;
  const t = (px: number) => {
    const F = fa + Math.max(0, Math.min(1, px / W)) * span;
    return clampT(cc + Math.sign(F) * k * Math.expm1(Math.abs(F)));
  };
  const binStarts: number[] = [];
  const step = Math.max(1, opts.minBarPx ?? 6);
  for (let px = 0; px < W; px += step) {
    const d = Math.min(w1 - 1, Math.floor(t(px) + 1e-9));
    if (binStarts.length === 0 || d > (binStarts[binStarts.length - 1] as number)) binStarts.push(d);
  }
  return { kind: 'log', window: w, width: W, x, t, binStarts, binDays: 0, ticks: pickTicks(w, x, minGap) };
}

/**
 * Where a long focus window's log scale is centred: `preferred` (the overview's centre, the crisis)
 * when the window holds it, else the middle of the densest stretch of the items inside the window.
 */
export function focusCenter(items: readonly TimelineItem[], window: DateRange, preferred?: string): string | undefined {
  if (preferred && preferred >= window.from && preferred <= window.to) return preferred;
  const a = dayNumber(window.from);
  const b = dayNumber(window.to);
  const inside = items.filter((it) => {
    const s = span(it);
    return s !== null && s[0] >= a && s[0] <= b;
  });
  if (inside.length === 0) return undefined;
  const dense = defaultWindow(inside, { pad: 0 });
  return addDays(dense.from, Math.floor(diffDays(dense.from, dense.to) / 2));
}


export interface PlacedLabel extends Tick {
  /** the tick's position */
  px: number;
  /** the label's left edge (text-anchor start) */
  x: number;
}

/** Rough width of a 10 px axis label; errs wide so a label is never pulled less than it needs. */
export const LABEL_CHAR_PX = 6.4;

/**
 * Labels start just right of their tick; near either end of the chart they are pulled inside
 * [0, width] (an SVG clips or overflows them otherwise: "5 Aug" cut to "5"). A label that would
 * then overlap its left neighbour is dropped; its tick mark stays.
 */
export function placeTickLabels(ticks: readonly (Tick & { px: number })[], width: number, opts: { charPx?: number; offset?: number; gap?: number } = {}): PlacedLabel[] {
  const charPx = opts.charPx ?? LABEL_CHAR_PX;
  const offset = opts.offset ?? 2;
  const gap = opts.gap ?? 4;
  const placed: PlacedLabel[] = [];
  let rightEdge = -Infinity;
  for (const t of [...ticks].sort((a, b) => a.px - b.px)) {
    const w = t.label.length * charPx;
    if (w > width) continue;
    const x = Math.max(0, Math.min(width - w, t.px + offset));
    if (x < rightEdge + gap) continue;
    placed.push({ ...t, x });
    rightEdge = x + w;
  }
  return placed;
}


export interface Tick {
  date: string;
  label: string;
}

/**
 * Ticks for a non-linear axis: candidates from coarse to fine (domain start and decades, years,
 * months, Mondays, days), kept greedily when at least `minGapPx` from every tick already kept.
 * `x` maps a day number to pixels.
 */
export function pickTicks(domain: DateRange, x: (day: number) => number, minGapPx = 46): Tick[] {
  const a = dayNumber(domain.from);
  const b = dayNumber(domain.to);
  const y0 = Number(domain.from.slice(0, 4));
  const y1 = Number(domain.to.slice(0, 4));
  const levels: Tick[][] = [[{ date: domain.from, label: formatDate(domain.from, 'year') }], [], [], [], []];
  for (let y = y0; y <= y1; y++) {
    const iso = `${String(y).padStart(4, '0')}-01-01`;
    (levels[y % 10 === 0 ? 0 : 1] as Tick[]).push({ date: iso, label: String(y) });
    for (let m = 2; m <= 12; m++) {
      const mi = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
      (levels[2] as Tick[]).push({ date: mi, label: formatDate(mi, 'month') });
    }
  }
  // Day candidates only where a day is at least a pixel wide (all of them on a linear axis, the
  // neighbourhood of the centre on the overview's log axis).
  for (let d = a; d <= b && b - a < 200_000; d++) {
    if (x(d + 1) - x(d) < 1) continue;
    const iso = fromDayNumber(d);
    if (iso.endsWith('-01')) continue;
    const monday = (((d + 3) % 7) + 7) % 7 === 0; // 1970-01-01 was a Thursday
    (levels[monday ? 3 : 4] as Tick[]).push({ date: iso, label: formatDate(iso, 'day') });
  }
  // A year/month/week/day label only where that unit is at least half a gap wide, so a stray
  // "May" never appears in a stretch where the neighbouring months (and so its year) are unlabelled.
  const UNIT_DAYS = [0, 365, 30, 7, 1];
  const kept: { t: Tick; px: number }[] = [];
  for (const [li, level] of levels.entries()) {
    const unit = UNIT_DAYS[li] ?? 0;
    for (const t of level) {
      const d = dayNumber(t.date);
      if (d < a || d > b) continue;
      const px = x(d);
      if (unit && Math.abs(x(d + unit) - px) < minGapPx / 2 && Math.abs(px - x(d - unit)) < minGapPx / 2) continue;
      if (kept.every((k) => Math.abs(k.px - px) >= minGapPx)) kept.push({ t, px });
    }
  }
  return kept.sort((p, q) => p.px - q.px).map((k) => k.t);
}

const TICK_STEPS: { approxDays: number; keep: (iso: string, day: number) => boolean }[] = [
  { approxDays: 1, keep: () => true },
  { approxDays: 2, keep: (iso) => Number(iso.slice(8)) % 2 === 1 && !iso.endsWith('31') },
  { approxDays: 7, keep: (iso, d) => (((d + 3) % 7) + 7) % 7 === 0 || iso.endsWith('-01') },
  { approxDays: 30.4, keep: (iso) => iso.endsWith('-01') },
  { approxDays: 91, keep: (iso) => iso.endsWith('-01') && (Number(iso.slice(5, 7)) - 1) % 3 === 0 },
  ...[1, 2, 5, 10, 20, 50, 100].map((n) => ({ approxDays: 365.25 * n, keep: (iso: string) => iso.endsWith('-01-01') && Number(iso.slice(0, 4)) % n === 0 })),
];

/**
 * Regular ticks for a linear axis over `window` drawn `widthPx` wide: the finest of every day,
 * every other day, Mondays, months, quarters, years… whose spacing is at least `minGapPx`.
 * Labels: "29 Jul" for days, "Aug" for month starts, "2024" for year starts.
 */
export function linearTicks(window: DateRange, widthPx: number, minGapPx = 46): Tick[] {
  const a = dayNumber(window.from);
  const b = dayNumber(window.to);
  const dayPx = widthPx / (b - a + 1);
  const step = TICK_STEPS.find((st) => st.approxDays * dayPx >= minGapPx) ?? (TICK_STEPS[TICK_STEPS.length - 1] as (typeof TICK_STEPS)[number]);
  const ticks: Tick[] = [];
  for (let d = a; d <= b; d++) {
    const iso = fromDayNumber(d);
    if (!step.keep(iso, d)) continue;
    const label = iso.endsWith('-01-01') ? formatDate(iso, 'year') : iso.endsWith('-01') ? formatDate(iso, 'month') : formatDate(iso, 'day');
    ticks.push({ date: iso, label });
  }
  // A Monday (or 29 Feb) too close to a month start gives way to it.
  const starts = ticks.filter((t) => t.date.endsWith('-01')).map((t) => dayNumber(t.date));
  return ticks.filter((t) => t.date.endsWith('-01') || starts.every((m) => Math.abs(m - dayNumber(t.date)) * dayPx >= minGapPx));
}

// ---- Overview scale -------------------------------------------------------------------------

export interface OverviewScale {
  /** day number → [0, 1] */
  x(day: number): number;
  /** [0, 1] → day number (rounded, inside the domain) */
  invert(u: number): number;
}

/**
 * Fisheye-log scale: position ∝ sign(t − c)·ln(1 + |t − c| / k), normalised over the domain.
 * Near the centre `c` (the densest data) a day is wide; far away each e-fold of distance gets equal
 * width, so with k = 7 a 1983 → 2024 domain centred on Aug 2024 gives the last fortnight ~15 % of
 * the strip, 2024 so far ~half and 1983–2000 still a visible sliver at the left.
 */
export function overviewScale(domain: DateRange, center: string, k = 7): OverviewScale {
  const a = dayNumber(domain.from);
  const b = dayNumber(domain.to);
  const c = Math.max(a, Math.min(b, dayNumber(center)));
  const f = (d: number) => Math.sign(d - c) * Math.log1p(Math.abs(d - c) / k);
  const fa = f(a);
  const fb = f(b);
  const span = fb - fa || 1;
  return {
    x: (d) => (fb === fa ? 0.5 : (f(d) - fa) / span),
    invert: (u) => {
      const F = fa + Math.max(0, Math.min(1, u)) * span;
      return Math.max(a, Math.min(b, Math.round(c + Math.sign(F) * k * Math.expm1(Math.abs(F)))));
    },
  };
}

// ---- Colours --------------------------------------------------------------------------------

const PALETTE = ['#e15759', '#4e79a7', '#f28e2b', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#8a8f98'];
/** The caller's colour, else a stable palette colour derived from the category name. */
export function colorFor(category: string, colors?: Record<string, string>): string {
  const given = colors?.[category];
  if (given) return given;
  let h = 0;
  for (let i = 0; i < category.length; i++) h = (h * 31 + category.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length] as string;
}
