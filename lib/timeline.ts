// Pure timeline logic (no React): UTC day arithmetic on 'YYYY-MM-DD' strings, histogram bins (the
// layout the store counts into and the scales that name them, so the server bins exactly what the
// chart draws), the "crisis" window, presets, playback stepping, the focus window the brush works in,
// axis ticks and the fisheye-log scales.
// All ranges are inclusive: { from: '2024-08-01', to: '2024-08-01' } is one day.
import { MAX_BINS } from './limits';
import type { StoreHistogram } from './store/contract';
import type { DatePrecision } from './vocab';

export interface DateRange {
  from: string;
  to: string;
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

/** The range with its ends in order. */
export function ordered(r: DateRange): DateRange {
  return r.from <= r.to ? r : { from: r.to, to: r.from };
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

// ---- Histogram bins: what the store counts into and what the charts draw ------------------------

/**
 * How a histogram request names its bins: a fixed width in days, or a scale the bins are cut from,
 * around `center` for a chart `width` pixels wide: `log` is the focus chart's fisheye-log axis (a bar
 * every LOG_BAR_PX pixels), `overview` the overview strip's (a bin per pixel column).
 */
export type BinSpec = { binDays: number } | { scale: 'log' | 'overview'; center: string; width: number };
/** The bins a store counts into: every `binDays` days from the window start, or from the given first days. */
export type HistogramBins = { binDays: number } | { binStarts: readonly string[] };

export interface BinLayout {
  /** days per bin; 0 when the bins were given (variable width) */
  binDays: number;
  /** contiguous, from the window's start to its end */
  bins: DateRange[];
  /** the index of the bin holding day number d (d inside the window) */
  index(d: number): number;
}


/** The index of the last of the ascending `starts` at or before `d` (0 when none is). */
function lastAtOrBefore(starts: readonly number[], d: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= d) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The bins over a window (a reversed one is swapped). Given first days outside the window, or not
 * after the one before, are dropped: the window's start always starts the first bin.
 */
export function binLayout(window: DateRange, spec: HistogramBins): BinLayout {
  const w = ordered(window);
  const w0 = dayNumber(w.from);
  const w1 = dayNumber(w.to);
  const starts = [w0];
  const binDays = 'binStarts' in spec ? 0 : Math.max(1, Math.floor(spec.binDays));
  if ('binStarts' in spec) {
    for (const iso of spec.binStarts) {
      const d = toDayNumber(iso);
      if (d !== null && d <= w1 && d > (starts[starts.length - 1] as number)) starts.push(d);
    }
  } else for (let d = w0 + binDays; d <= w1; d += binDays) starts.push(d);
  const bins = starts.map((d, i) => ({ from: fromDayNumber(d), to: fromDayNumber(i + 1 < starts.length ? (starts[i + 1] as number) - 1 : w1) }));
  const index = (d: number): number => (binDays ? Math.floor((d - w0) / binDays) : lastAtOrBefore(starts, d));
  return { binDays, bins, index };
}

/** A chart is as wide as this at most, so a scale's bins stay within a request's cap. */
export const MAX_CHART_WIDTH = MAX_BINS;
/** Chart widths are rounded up to this step in requests: a small resize reuses the bins it has. */
export const WIDTH_STEP = 32;
export function requestWidth(px: number): number {
  return Math.min(MAX_CHART_WIDTH, Math.max(WIDTH_STEP, Math.ceil(px / WIDTH_STEP) * WIDTH_STEP));
}

/** The bins a spec names over a window: what the histogram route asks the store to count. */
export function histogramBins(window: DateRange, spec: BinSpec): HistogramBins {
  if ('binDays' in spec) return { binDays: spec.binDays };
  const w = ordered(window);
  const w0 = dayNumber(w.from);
  const w1 = dayNumber(w.to);
  const starts: number[] = [];
  const push = (d: number) => {
    if (starts.length === 0 || d > (starts[starts.length - 1] as number)) starts.push(d);
  };
  const width = Math.max(1, Math.min(MAX_CHART_WIDTH, Math.floor(spec.width)));
  if (spec.scale === 'log') {
    // a bar every LOG_BAR_PX pixels: single days near the centre, years far from it
    const axis = focusLogAxis(w, spec.center);
    for (let px = 0; px < width; px += LOG_BAR_PX) push(Math.min(w1, Math.floor(axis.t(px / width) + 1e-9)));
  } else {
    // a bin per column: the days whose position falls in it
    const axis = overviewAxis(w, spec.center);
    for (let col = 0; col < width; col++) push(Math.min(w1, Math.ceil(axis.t(col / width) - 1e-9)));
  }
  return { binStarts: starts.map(fromDayNumber) };
}

export interface HistogramBin {
  from: string;
  to: string;
  total: number;
  counts: Record<string, number>;
}
export interface HistogramSpan {
  /** the group's key: its category, precision and interval */
  id: string;
  category: string;
  precision: DatePrecision;
  /** events sharing this interval and category */
  count: number;
  /** the events' own interval */
  start: string;
  end: string;
  /** the part inside the window */
  from: string;
  to: string;
  lane: number;
}
export interface Histogram {
  window: DateRange;
  /** days per bin; 0 when the bins vary (a log axis) */
  binDays: number;
  /** day-precision events, counted once in every bin their interval touches, and coarse ones that fit in one bin */
  bins: HistogramBin[];
  /** week/month/year-precision events overlapping the window, grouped, packed into lanes */
  spans: HistogramSpan[];
  lanes: number;
  /** categories present in the bins, most frequent first (the stacking order) */
  categories: string[];
  maxTotal: number;
}

/**
 * The focus chart's histogram from the store's answer (lib/store/contract StoreHistogram), clipped to
 * `window`: while a new window loads, the previous answer for the same filters is drawn by its dates.
 * The store returns week/month/year-precision events as spans: placing "sometime in August" on one day
 * would be a false precision. A group whose whole interval lies in one (multi-day) bin can be counted
 * there without that false precision (a year-long bin, a month-precision event); the rest are drawn as
 * spans across their interval.
 */
export function focusHistogram(h: StoreHistogram, window: DateRange, opts: { maxLanes?: number } = {}): Histogram {
  const maxLanes = Math.max(1, opts.maxLanes ?? 4);
  const w = ordered(window);
  const w0 = dayNumber(w.from);
  const w1 = dayNumber(w.to);
  const bins: HistogramBin[] = h.bins.filter((b) => b.from >= w.from && b.to <= w.to).map((b) => ({ from: b.from, to: b.to, total: b.total, counts: { ...b.counts } as Record<string, number> }));
  const starts = bins.map((b) => dayNumber(b.from));
  const binAt = (d: number): HistogramBin | undefined => {
    const lo = lastAtOrBefore(starts, d);
    const bin = bins[lo];
    return bin && (starts[lo] as number) <= d && d <= dayNumber(bin.to) ? bin : undefined;
  };
  const coarse: Omit<HistogramSpan, 'lane'>[] = [];
  for (const s of h.spans) {
    const s0 = Math.min(dayNumber(s.start), dayNumber(s.end));
    const s1 = Math.max(dayNumber(s.start), dayNumber(s.end));
    if (s1 < w0 || s0 > w1) continue;
    const a = Math.max(s0, w0);
    const b = Math.min(s1, w1);
    const bin = binAt(a);
    if (bin && a === s0 && b === s1 && s1 <= dayNumber(bin.to) && bin.from !== bin.to) {
      bin.total += s.count;
      bin.counts[s.category] = (bin.counts[s.category] ?? 0) + s.count;
      continue;
    }
    const start = fromDayNumber(s0);
    const end = fromDayNumber(s1);
    coarse.push({ id: `${s.category}/${s.precision}/${start}/${end}`, category: s.category, precision: s.precision, count: s.count, start, end, from: fromDayNumber(a), to: fromDayNumber(b) });
  }
  // Greedy interval packing; once maxLanes are used, overflow shares the lane that frees up first.
  coarse.sort((x, y) => (x.from === y.from ? (x.to < y.to ? -1 : x.to > y.to ? 1 : x.id < y.id ? -1 : 1) : x.from < y.from ? -1 : 1));
  const laneEnds: string[] = [];
  const spans = coarse.map((c) => {
    let lane = laneEnds.findIndex((end) => end < c.from);
    if (lane < 0 && laneEnds.length < maxLanes) lane = laneEnds.length;
    if (lane < 0) lane = laneEnds.indexOf(laneEnds.reduce(minDate));
    laneEnds[lane] = maxDate(laneEnds[lane] ?? c.to, c.to);
    return { ...c, lane };
  });
  const totals = new Map<string, number>();
  for (const b of bins) for (const [c, n] of Object.entries(b.counts)) totals.set(c, (totals.get(c) ?? 0) + n);
  const categories = [...totals.entries()]
    .filter(([, n]) => n > 0)
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .map(([c]) => c);
  return { window: w, binDays: h.binDays, bins, spans, lanes: laneEnds.length, categories, maxTotal: bins.reduce((m, b) => Math.max(m, b.total), 0) };
}

export interface OverviewColumn {
  /** the pixel column */
  col: number;
  n: number;
  /** the commonest category in it */
  category: string;
}

/** The overview's columns: the store's bins (about one per pixel) merged by the pixel `px` puts their first day on. */
export function overviewColumns(bins: readonly StoreHistogram['bins'][number][], px: (day: number) => number): OverviewColumn[] {
  const cols = new Map<number, Map<string, number>>();
  for (const b of bins) {
    if (!b.total) continue;
    const col = Math.round(px(dayNumber(b.from)));
    const c = cols.get(col) ?? new Map<string, number>();
    for (const [cat, n] of Object.entries(b.counts)) if (n) c.set(cat, (c.get(cat) ?? 0) + n);
    cols.set(col, c);
  }
  return [...cols.entries()]
    .filter(([, c]) => c.size > 0)
    .map(([col, c]) => {
      const top = [...c.entries()].reduce((m, v) => (v[1] > m[1] || (v[1] === m[1] && v[0] < m[0]) ? v : m));
      return { col, n: [...c.values()].reduce((t, v) => t + v, 0), category: top[0] };
    });
}

// ---- Crisis window, presets ------------------------------------------------------------------

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

/** The presets from the facts they rest on: the crisis window, the last precise day, the data's span. */
export function presetsFrom(crisis: DateRange, lastDay: string, all: DateRange): Preset[] {
  const end = clampDate(lastDay, all);
  return [
    { id: 'crisis', label: 'Crisis fortnight', ...clampRange(crisis, all) },
    { id: 'last7', label: 'Last 7 days of data', ...clampRange({ from: addDays(end, -6), to: end }, all) },
    { id: 'all', label: 'All', ...all },
  ];
}

/** Where the fisheye scales are least compressed: the middle of the crisis preset (else of `domain`). */
export function crisisCenter(presets: readonly Preset[], domain: DateRange): string {
  const crisis = presets.find((p) => p.id === 'crisis') ?? domain;
  return addDays(crisis.from, Math.floor(diffDays(crisis.from, crisis.to) / 2));
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
/** A bar of the log focus axis is this many pixels wide (a minimum on the linear axis is 3). */
export const LOG_BAR_PX = 6;
/**
 * The fisheye scales' k: the distance from the centre, in days, beyond which they turn logarithmic.
 * The focus chart exists to show the dense days, so with k = 2 they get about a quarter of the width
 * for "All" over the seed data and 1983–2000 still a visible band; the overview (k = 7) gives the
 * last fortnight ~15 %, 2024 so far ~half.
 */
const LOG_K = 2;
const OVERVIEW_K = 7;

/**
 * Fisheye-log position: ∝ sign(t − c)·ln(1 + |t − c| / k), normalised so [a, b] maps onto [0, 1]
 * (c clamped into [a, b]). Near c a day is wide; far away each e-fold of distance gets equal width.
 * `t` inverts `x` (clamped to [a, b]); `x` itself is not clamped, so ticks can look past the ends.
 */
function fisheye(a: number, b: number, center: number, k: number): { x(t: number): number; t(u: number): number } {
  const c = Math.max(a, Math.min(b, center));
  const f = (t: number) => Math.sign(t - c) * Math.log1p(Math.abs(t - c) / k);
  const fa = f(a);
  const span = f(b) - fa;
  return {
    x: (t) => (span === 0 ? 0.5 : (f(t) - fa) / span),
    t: (u) => {
      const F = fa + Math.max(0, Math.min(1, u)) * span;
      return Math.max(a, Math.min(b, c + Math.sign(F) * k * Math.expm1(Math.abs(F))));
    },
  };
}

/** The log focus axis over continuous days [window start, window end + 1), centred inside `center`'s day. */
function focusLogAxis(w: DateRange, center: string) {
  return fisheye(dayNumber(w.from), dayNumber(w.to) + 1, dayNumber(center) + 0.5, LOG_K);
}

/** The overview axis over day numbers, day d at x(d). */
function overviewAxis(domain: DateRange, center: string) {
  return fisheye(dayNumber(domain.from), dayNumber(domain.to), dayNumber(center), OVERVIEW_K);
}

export interface FocusScale {
  kind: 'linear' | 'log';
  window: DateRange;
  width: number;
  /** continuous day number (day d covers [d, d + 1)) → px in [0, width] */
  x(t: number): number;
  /** px → continuous day number in [window start, window end + 1] */
  t(px: number): number;
  /**
   * The bins to ask the server for: a fixed width on the linear axis; on the log axis the scale
   * itself, at a width rounded up to WIDTH_STEP (drawn `width` wide, its bars are a little narrower).
   */
  bins: BinSpec;
  ticks: Tick[];
}

/**
 * The focus histogram's axis. Up to LOG_FOCUS_DAYS it is linear, binned by chooseBinDays. Beyond, a
 * linear axis is useless for this kind of data: with "All" (1983 → 2024) every crisis event falls in
 * the last 61-day bin, one bar against the right edge of an empty chart. So long windows use a
 * fisheye-log scale around `center` (the crisis), with bins of LOG_BAR_PX pixels, i.e. single days
 * near the centre and years far from it; the bars then spread over the width.
 */
export function focusScale(window: DateRange, width: number, opts: { center?: string; minGapPx?: number } = {}): FocusScale {
  const w = ordered(window);
  const w0 = dayNumber(w.from);
  const w1 = dayNumber(w.to) + 1; // exclusive end
  const W = Math.max(1, width);
  const minGap = opts.minGapPx ?? 46;
  const clampT = (t: number) => Math.max(w0, Math.min(w1, t));
  if (w1 - w0 <= LOG_FOCUS_DAYS || !opts.center || !isIsoDate(opts.center)) {
    const days = w1 - w0;
    const binDays = chooseBinDays(days, W);
    return { kind: 'linear', window: w, width: W, x: (t) => ((t - w0) / days) * W, t: (px) => clampT(w0 + (px / W) * days), bins: { binDays }, ticks: linearTicks(w, W, minGap) };
  }
  const axis = focusLogAxis(w, opts.center);
  const x = (t: number) => axis.x(clampT(t)) * W;
  return { kind: 'log', window: w, width: W, x, t: (px) => axis.t(px / W), bins: { scale: 'log', center: opts.center, width: requestWidth(W) }, ticks: pickTicks(w, x, minGap) };
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
  /** the bins to ask the server for: a bin per pixel column of a strip `width` pixels wide */
  bins(width: number): BinSpec;
}

/**
 * The overview strip's fisheye-log scale around `center` (the densest data): with a 1983 → 2024
 * domain centred on Aug 2024 the last fortnight gets ~15 % of the strip, 2024 so far ~half and
 * 1983–2000 still a visible sliver at the left.
 */
export function overviewScale(domain: DateRange, center: string): OverviewScale {
  const axis = overviewAxis(domain, center);
  return {
    x: axis.x,
    invert: (u) => Math.round(axis.t(u)),
    bins: (width) => ({ scale: 'overview', center, width: requestWidth(width) }),
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
