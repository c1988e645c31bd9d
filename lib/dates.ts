// Calendar dates as 'YYYY-MM-DD' strings in UTC, and the resolution of the relative date phrases
// news articles use ("on Monday", "last week", "September last year") against an article's date.
import type { DatePrecision } from './vocab';

export interface Interval {
  start: string;
  end: string;
  precision: DatePrecision;
}

const MS_PER_DAY = 86_400_000;
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS = MONTH_NAMES.map((m) => m.toLowerCase());
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, a: 1 };

export function toUtc(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

export function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** digits of 'YYYY-MM-DD' at i..i+n, or -1 on any other character */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Days since 1970-01-01 (UTC) or null when `iso` is not a real calendar date. Plain arithmetic on the
 * proleptic Gregorian calendar (as Date uses): the write path calls this several times per event, and a
 * Date per call was a tenth of the import's JavaScript time.
 */
export function toDayNumber(iso: string): number | null {
  if (typeof iso !== 'string' || iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return null;
  const y = digits(iso, 0, 4);
  const m = digits(iso, 5, 2);
  const d = digits(iso, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1) return null;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31)) return null;
  // days_from_civil (H. Hinnant): years start in March, so the leap day ends the year.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && toDayNumber(value) !== null;
}

/** Like toDayNumber but throws: for dates that have already been validated. */
export function dayNumber(iso: string): number {
  const n = toDayNumber(iso);
  if (n === null) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(iso)}`);
  return n;
}

export function fromDayNumber(n: number): string {
  const d = new Date(Math.round(n) * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const pad = (v: number, w = 2) => String(v).padStart(w, '0');
  return `${pad(y, 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/** b − a in whole days (positive when b is later). */
export function diffDays(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}


function monthSpan(year: number, month0: number): Interval {
  const start = fromUtc(Date.UTC(year, month0, 1));
  const end = fromUtc(Date.UTC(year, month0 + 1, 0));
  return { start, end, precision: 'month' };
}

function yearSpan(year: number): Interval {
  return { start: `${year}-01-01`, end: `${year}-12-31`, precision: 'year' };
}

function day(iso: string): Interval {
  return { start: iso, end: iso, precision: 'day' };
}

/** The Monday-to-Sunday week before the anchor's week: "last week" in the articles' usage. */
function previousWeek(anchor: string): Interval {
  const dow = new Date(toUtc(anchor)).getUTCDay();
  const mondayThisWeek = addDays(anchor, -((dow + 6) % 7));
  return { start: addDays(mondayThisWeek, -7), end: addDays(mondayThisWeek, -1), precision: 'week' };
}

/**
 * Resolves a date phrase against an anchor: the article's date for phrases relative to "now",
 * or another event's interval for phrases like "two months later" or "hours after".
 * Returns null for a phrase it does not understand, so callers never get a guessed date.
 */
export function resolveDatePhrase(phrase: string, anchor: string | Interval): Interval | null {
  const p = phrase.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();
  const base: Interval = typeof anchor === 'string' ? day(anchor) : anchor;
  const ref = base.start;
  const refDate = new Date(toUtc(ref));
  const refYear = refDate.getUTCFullYear();

  // Relative to another happening.
  const later = /^(one|two|three|four|five|six|a) months? later$/.exec(p);
  if (later) {
    const n = NUMBER_WORDS[later[1]!]!;
    return monthSpan(refYear, refDate.getUTCMonth() + n);
  }
  if (/^(hours|minutes) (after|later)$/.test(p)) return { ...day(ref), precision: 'day' };

  // Weekdays: the latest such day on or before the anchor ("last Monday" on a Monday: a week earlier).
  const wd = /^(?:(on|last|early|late|this) )?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)$/.exec(p);
  if (wd) {
    const target = WEEKDAYS.indexOf(wd[2]!);
    let back = (refDate.getUTCDay() - target + 7) % 7;
    if (back === 0 && wd[1] === 'last') back = 7;
    return day(addDays(ref, -back));
  }

  if (p === 'last week') return previousWeek(ref);
  if (p === 'today') return day(ref);
  if (p === 'yesterday') return day(addDays(ref, -1));

  // "July 31", "on July 31": the latest such day on or before the anchor.
  const md = /^(?:on )?(january|february|march|april|may|june|july|august|september|october|november|december) (\d{1,2})$/.exec(p);
  if (md) {
    const m0 = MONTHS.indexOf(md[1]!);
    const d = Number(md[2]);
    let y = refYear;
    if (Date.UTC(y, m0, d) > toUtc(ref)) y -= 1;
    const iso = fromUtc(Date.UTC(y, m0, d));
    return new Date(toUtc(iso)).getUTCDate() === d ? day(iso) : null;
  }

  // "in May", "since April", "until May", "February": the latest such month up to the anchor's.
  const m = /^(?:(?:in|since|until|from|by) )?(january|february|march|april|may|june|july|august|september|october|november|december)(?: (last|this) year)?$/.exec(p);
  if (m) {
    const m0 = MONTHS.indexOf(m[1]!);
    let y = refYear;
    if (m[2] === 'last') y -= 1;
    else if (!m[2] && m0 > refDate.getUTCMonth()) y -= 1;
    return monthSpan(y, m0);
  }

  // "June 2023", "in June 2023"
  const my = /^(?:in )?(january|february|march|april|may|june|july|august|september|october|november|december) (\d{4})$/.exec(p);
  if (my) return monthSpan(Number(my[2]), MONTHS.indexOf(my[1]!));

  // "1983", "in 1983"; "late 2022" / "early 2022" / "mid-2022" as a span of months.
  const yr = /^(?:in )?(early|mid|mid-|late)? ?(\d{4})$/.exec(p);
  if (yr) {
    const y = Number(yr[2]);
    const part = yr[1]?.replace('-', '');
    if (part === 'early') return { start: `${y}-01-01`, end: `${y}-04-30`, precision: 'month' };
    if (part === 'mid') return { start: `${y}-05-01`, end: `${y}-08-31`, precision: 'month' };
    if (part === 'late') return { start: `${y}-09-01`, end: `${y}-12-31`, precision: 'month' };
    return yearSpan(y);
  }
  if (p === 'last year') return yearSpan(refYear - 1);

  return null;
}

/** True when the two inclusive intervals share at least one day. */
export function overlaps(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return a.start <= b.end && b.start <= a.end;
}

const MONTH_SHORT = MONTH_NAMES.map((m) => m.slice(0, 3));

/** Human-readable date honest about precision: "5 Aug 2024", "week of 29 Jul 2024", "Sep–Dec 2022", "1983". */
export function formatInterval(i: { start: string; end: string; precision: DatePrecision }): string {
  const s = new Date(toUtc(i.start));
  const e = new Date(toUtc(i.end));
  const dmy = (d: Date) => `${d.getUTCDate()} ${MONTH_SHORT[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  const my = (d: Date) => `${MONTH_SHORT[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  switch (i.precision) {
    case 'year':
      return s.getUTCFullYear() === e.getUTCFullYear() ? String(s.getUTCFullYear()) : `${s.getUTCFullYear()}–${e.getUTCFullYear()}`;
    case 'month':
      if (s.getUTCFullYear() === e.getUTCFullYear() && s.getUTCMonth() === e.getUTCMonth()) {
        const fullMonth = s.getUTCDate() === 1 && fromUtc(Date.UTC(e.getUTCFullYear(), e.getUTCMonth() + 1, 0)) === i.end;
        return fullMonth ? my(s) : `${my(s)} (by ${dmy(e)})`;
      }
      return s.getUTCFullYear() === e.getUTCFullYear()
        ? `${MONTH_SHORT[s.getUTCMonth()]}–${MONTH_SHORT[e.getUTCMonth()]} ${s.getUTCFullYear()}`
        : `${my(s)} – ${my(e)}`;
    case 'week':
      return `week of ${dmy(s)}`;
    case 'day':
      return i.start === i.end ? dmy(s) : `${dmy(s)} – ${dmy(e)}`;
  }
}
