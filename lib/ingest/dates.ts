// Stage 2: date mentions, resolved against the publication date with the precision the wording gives.
// chrono-node reads the calendar expressions ("Aug. 23, 2024", "Saturday, August 24"); the news layer
// here reads what chrono resolves forward or not at all: a bare weekday or month is the most recent past
// one, "September last year", "late 2022", "earlier this month", "two months later", and a local time
// given beside GMT ("7:23 a.m. (2223 GMT on Wednesday)") dates the happening locally.
import * as chrono from 'chrono-node';
import { addDays, dayNumber, fromDayNumber, MONTH_NAMES } from '../dates';
import type { DatePrecision } from '../vocab';
import { SpanIndex } from './spans';

export interface DateSpanValue {
  start: string;
  end: string;
  precision: DatePrecision;
}

export interface DateMention {
  /** exactly text.slice(start, end) */
  text: string;
  start: number;
  end: number;
  span: DateSpanValue;
  /** the phrase needs the publication date or an earlier mention to mean anything */
  relative: boolean;
  /** resolved against the previous date mention ("a day later") rather than the publication date */
  anchoredTo?: number;
  /** a date after publication: scheduled or expected, never a happening the article reports */
  future: boolean;
}

const MONTHS = MONTH_NAMES.map((m) => m.toLowerCase());
const MONTH_RE = '(january|february|march|april|may|june|july|august|september|october|november|december|jan\\.?|feb\\.?|mar\\.?|apr\\.?|jun\\.?|jul\\.?|aug\\.?|sept?\\.?|oct\\.?|nov\\.?|dec\\.?)';
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAY_RE = '(sunday|monday|tuesday|wednesday|thursday|friday|saturday)';
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, several: 3, few: 3 };

function monthIndex(word: string): number {
  const w = word.toLowerCase().replace('.', '');
  return MONTHS.findIndex((m) => m.startsWith(w.slice(0, 3)));
}

function ymd(y: number, m0: number, d: number): string {
  const date = new Date(Date.UTC(y, m0, d));
  return date.toISOString().slice(0, 10);
}

export function monthSpan(y: number, m0: number): DateSpanValue {
  return { start: ymd(y, m0, 1), end: ymd(y, m0 + 1, 0), precision: 'month' };
}

function daySpan(iso: string): DateSpanValue {
  return { start: iso, end: iso, precision: 'day' };
}

function parts(iso: string): { y: number; m0: number; d: number; dow: number } {
  const date = new Date(`${iso}T00:00:00Z`);
  return { y: date.getUTCFullYear(), m0: date.getUTCMonth(), d: date.getUTCDate(), dow: date.getUTCDay() };
}

/** The latest `weekday` on or before `ref` ("last Monday" said on a Monday is a week back). */
export function previousWeekday(ref: string, weekday: number, strictlyBefore = false): string {
  let back = (parts(ref).dow - weekday + 7) % 7;
  if (back === 0 && strictlyBefore) back = 7;
  return addDays(ref, -back);
}

/** The latest month `m0` up to the publication month, in the publication year or the one before. */
function recentMonth(ref: string, m0: number): DateSpanValue {
  const p = parts(ref);
  return monthSpan(m0 > p.m0 ? p.y - 1 : p.y, m0);
}

function previousWeek(ref: string): DateSpanValue {
  const monday = addDays(ref, -((parts(ref).dow + 6) % 7));
  return { start: addDays(monday, -7), end: addDays(monday, -1), precision: 'week' };
}

function shiftSpan(s: DateSpanValue, days: number): DateSpanValue {
  return { start: addDays(s.start, days), end: addDays(s.end, days), precision: s.precision };
}

interface Rule {
  re: RegExp;
  resolve(m: RegExpExecArray, published: string, previous: DateMention | undefined): { span: DateSpanValue; anchored?: boolean; future?: boolean; relative?: boolean } | null;
}

// Order matters: longer, more specific phrases first; a matched range is masked before the next rule.
const RULES: Rule[] = [
  {
    // "7:23 a.m. (2223 GMT on Wednesday)": the local clock is the happening's date.
    re: new RegExp(`\\b(\\d{1,2})[:.](\\d{2})\\s*(a\\.m\\.|p\\.m\\.|am|pm)?\\s*(?:local time\\s*)?\\((\\d{1,2}):?(\\d{2})\\s*(?:GMT|UTC)(?:\\s+on)?\\s+${WEEKDAY_RE}\\)`, 'gi'),
    resolve(m, published) {
      let local = Number(m[1]) % 12;
      if (m[3] && /p/i.test(m[3])) local += 12;
      if (!m[3]) local = Number(m[1]);
      const gmt = Number(m[4]);
      const gmtDay = previousWeekday(published, WEEKDAYS.indexOf(m[6]!.toLowerCase()));
      const shift = local - gmt < -12 ? 1 : local - gmt > 12 ? -1 : 0;
      return { span: daySpan(addDays(gmtDay, shift)), relative: true };
    },
  },
  {
    re: new RegExp(`\\b${MONTH_RE}\\s+(last|this)\\s+year\\b`, 'gi'),
    resolve(m, published) {
      const y = parts(published).y - (m[2]!.toLowerCase() === 'last' ? 1 : 0);
      return { span: monthSpan(y, monthIndex(m[1]!)), relative: true };
    },
  },
  {
    // "late 2022", "early 2023", "mid-2021"
    re: /\b(early|mid-?|late|the end of|the beginning of|the start of)\s*(\d{4})\b/gi,
    resolve(m) {
      const y = Number(m[2]);
      const part = m[1]!.toLowerCase();
      if (part === 'early' || part.includes('beginning') || part.includes('start')) return { span: { start: `${y}-01-01`, end: `${y}-04-30`, precision: 'month' } };
      if (part.startsWith('mid')) return { span: { start: `${y}-05-01`, end: `${y}-08-31`, precision: 'month' } };
      return { span: { start: `${y}-09-01`, end: `${y}-12-31`, precision: 'month' } };
    },
  },
  {
    // "in late October", "early August": the most recent such month, with the part of it.
    re: new RegExp(`\\b(early|mid-?|late|the end of|the beginning of)\\s*${MONTH_RE}(?!\\s+\\d)`, 'gi'),
    resolve(m, published) {
      const span = recentMonth(published, monthIndex(m[2]!));
      const part = m[1]!.toLowerCase();
      const { y, m0 } = parts(span.start);
      if (part === 'early' || part.includes('beginning')) return { span: { start: span.start, end: ymd(y, m0, 10), precision: 'month' }, relative: true };
      if (part.startsWith('mid')) return { span: { start: ymd(y, m0, 10), end: ymd(y, m0, 20), precision: 'month' }, relative: true };
      return { span: { start: ymd(y, m0, 20), end: span.end, precision: 'month' }, relative: true };
    },
  },
  {
    re: /\b(earlier|later|late|early)?\s*this\s+(week|month|year)\b/gi,
    resolve(m, published) {
      const unit = m[2]!.toLowerCase();
      const p = parts(published);
      if (unit === 'week') {
        const monday = addDays(published, -((p.dow + 6) % 7));
        return { span: { start: monday, end: published, precision: 'week' }, relative: true };
      }
      if (unit === 'month') return { span: { start: ymd(p.y, p.m0, 1), end: published, precision: 'month' }, relative: true };
      return { span: { start: `${p.y}-01-01`, end: published, precision: 'year' }, relative: true };
    },
  },
  {
    re: /\blast\s+(week|month|year)\b/gi,
    resolve(m, published) {
      const unit = m[1]!.toLowerCase();
      const p = parts(published);
      if (unit === 'week') return { span: previousWeek(published), relative: true };
      if (unit === 'month') return { span: monthSpan(p.y, p.m0 - 1), relative: true };
      return { span: { start: `${p.y - 1}-01-01`, end: `${p.y - 1}-12-31`, precision: 'year' }, relative: true };
    },
  },
  {
    re: /\b(?:in\s+)?(?:recent|the (?:past|last) (?:few|several|two|three))\s+(days|weeks)\b/gi,
    resolve(m, published) {
      const days = m[1]!.toLowerCase() === 'days' ? 6 : 20;
      return { span: { start: addDays(published, -days), end: published, precision: 'week' }, relative: true };
    },
  },
  {
    // Relative to the previous mention: "a day after", "two days later", "the next day", "hours before".
    re: /\b(?:(a|an|one|two|three|four|five|six|seven|several|few|\d+)\s+(day|week|month|year)s?|(hours|minutes|moments))\s+(after|later|before|earlier)\b/gi,
    resolve(m, _published, previous) {
      if (!previous) return null;
      // Hours and days count only from a day: "hours after his death" after "in 1983" is unknown.
      if ((m[3] || /^(day|week)/i.test(m[2] ?? '')) && previous.span.precision !== 'day') return null;
      if (m[3]) return { span: daySpan(previous.span.start), anchored: true, relative: true };
      const n = NUMBER_WORDS[m[1]!.toLowerCase()] ?? Number(m[1]);
      const unit = m[2]!.toLowerCase();
      const word = m[4]!.toLowerCase();
      // "X, a day after Y": Y happened before the anchored X; "a day later" moves forward.
      const sign = word === 'later' ? 1 : word === 'earlier' ? -1 : /\bafter\b/.test(word) ? -1 : 1;
      if (unit === 'day') return { span: shiftSpan(previous.span, sign * n), anchored: true, relative: true };
      if (unit === 'week') return { span: { ...shiftSpan(previous.span, sign * 7 * n), precision: 'week' }, anchored: true, relative: true };
      const { y, m0 } = parts(previous.span.start);
      if (unit === 'month') return { span: monthSpan(y, m0 + sign * n), anchored: true, relative: true };
      return { span: { start: `${y + sign * n}-01-01`, end: `${y + sign * n}-12-31`, precision: 'year' }, anchored: true, relative: true };
    },
  },
  {
    re: /\b(?:the\s+)?(next|following|previous)\s+(day|morning|evening|night)\b|\bthe\s+day\s+(before|after)\b/gi,
    resolve(m, _published, previous) {
      if (!previous) return null;
      const word = (m[1] ?? m[3])!.toLowerCase();
      const shift = word === 'previous' || word === 'before' ? -1 : 1;
      return { span: daySpan(addDays(previous.span.start, shift)), anchored: true, relative: true };
    },
  },
  {
    re: /\b(today|tonight|this morning|this afternoon|this evening|overnight|yesterday|last night)\b/gi,
    resolve(m, published) {
      const w = m[1]!.toLowerCase();
      const back = w === 'yesterday' || w === 'last night' ? 1 : 0;
      return { span: daySpan(addDays(published, -back)), relative: true };
    },
  },
  {
    // Bare weekdays, with the words around them that only set the hour ("early Wednesday", "Monday morning").
    re: new RegExp(`\\b(?:(?:early|late)\\s+(?:on\\s+)?)?(?:(last|this|next|on)\\s+)?${WEEKDAY_RE}(?:\\s+(?:morning|afternoon|evening|night))?(?![,\\s]+${MONTH_RE}\\s*\\d|[,\\s]+\\d{1,2}\\s+${MONTH_RE})`, 'gi'),
    resolve(m, published) {
      const wd = WEEKDAYS.indexOf(m[2]!.toLowerCase());
      const mod = m[1]?.toLowerCase();
      if (mod === 'next') {
        const ahead = (wd - parts(published).dow + 7) % 7 || 7;
        return { span: daySpan(addDays(published, ahead)), future: true, relative: true };
      }
      return { span: daySpan(previousWeekday(published, wd, mod === 'last')), relative: true };
    },
  },
  {
    // "the 1983 bombing", "the 2022 invasion": a year naming a happening.
    re: /\b(?:the|a|its|their)\s+((?:19|20)\d{2})\s+(?=[a-z])/gi,
    resolve(m) {
      const y = Number(m[1]);
      return { span: { start: `${y}-01-01`, end: `${y}-12-31`, precision: 'year' } };
    },
  },
  {
    // Years chrono leaves alone: "in 1983", "since 2014".
    re: /\b(?:in|since|during|of|from|by)\s+((?:19|20)\d{2})\b(?![-/]\d)/gi,
    resolve(m) {
      const y = Number(m[1]);
      return { span: { start: `${y}-01-01`, end: `${y}-12-31`, precision: 'year' } };
    },
  },
];

function mask(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

/** Finds and resolves the date mentions of `text` against `published` (YYYY-MM-DD). */
export function findDates(text: string, published: string): DateMention[] {
  const found: Omit<DateMention, 'anchoredTo'>[] = [];
  let masked = text;
  // An archive header ("date 2024-07-21") is metadata, not a mention.
  const header = /^date \d{4}-\d{2}-\d{2}\b/.exec(text);
  if (header) masked = mask(masked, 0, header[0].length);

  // Absolute calendar dates from chrono first: they are the anchors for the relative ones.
  const ref = new Date(`${published}T12:00:00Z`);
  const pending: { rule: Rule; m: RegExpExecArray }[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    const scan = masked;
    while ((m = rule.re.exec(scan))) {
      const start = m.index + (m[0].length - m[0].trimStart().length);
      const end = m.index + m[0].trimEnd().length;
      if (end <= start) continue;
      pending.push({ rule, m });
      masked = mask(masked, start, end);
    }
  }
  for (const r of chrono.en.parse(masked, { instant: ref, timezone: 0 }, { forwardDate: false })) {
    // "may strike", "will march": a lowercase month name without a day is a verb.
    if (/^(?:in\s+|on\s+)?(?:may|march)\b/.test(r.text.trim()) && !/\d/.test(r.text)) continue;
    const span = fromChrono(r, published);
    if (!span) continue;
    const start = r.index + (r.text.length - r.text.trimStart().length);
    let text2 = r.text.trim().replace(/[,.;:)]+$/, '');
    if (/\.$/.test(r.text.trim()) && /\b[A-Z][a-z]{2}\.$/.test(r.text.trim())) text2 = r.text.trim();
    found.push({ text: text.slice(start, start + text2.length), start, end: start + text2.length, span: span.span, relative: span.relative, future: span.span.start > published });
  }
  // Rules in text order, so a relative phrase anchors on the mention before it.
  pending.sort((a, b) => a.m.index - b.m.index);
  const out: DateMention[] = [];
  const all = () => [...found, ...out].sort((a, b) => a.start - b.start);
  const foundIndex = new SpanIndex(found);
  for (const { rule, m } of pending) {
    const start = m.index + (m[0].length - m[0].trimStart().length);
    const end = m.index + m[0].trimEnd().length;
    // Rules resolve in text order, so the last one resolved is the latest of `out` before this one.
    const a = foundIndex.lastBefore(start, (d) => !d.future);
    let b: DateMention | undefined;
    for (let k = out.length - 1; k >= 0 && !b; k--) if (out[k]!.end <= start && !out[k]!.future) b = out[k];
    const previous = (a && b ? (a.start > b.start ? a : b) : a ?? b) as DateMention | undefined;
    const r = rule.resolve(m, published, previous);
    if (!r) continue;
    out.push({
      text: text.slice(start, end),
      start,
      end,
      span: r.span,
      relative: r.relative ?? false,
      ...(r.anchored && previous ? { anchoredTo: previous.start } : {}),
      future: r.future ?? r.span.start > published,
    });
  }
  // "Just before his arrival", "hours after her landing": the date of the trip the text reported.
  const merged = all();
  const tripRe = /\b(?:(just|shortly|hours|minutes|a day|the day|days)\s+)?(before|after|ahead of|following)\s+(?:his|her|their|the)\s+(?:\p{L}+\s+)?(arrival|visit|landing|trip)\b/giu;
  for (const m of text.matchAll(tripRe)) {
    const start = m.index!;
    if (out.some((d) => d.start < start + m[0].length && start < d.end) || found.some((d) => d.start < start + m[0].length && start < d.end)) continue;
    const travel = [...text.slice(0, start).matchAll(/\b(arrived|arrives|landed|visited|arrival in|visit to|trip to)\b/gi)];
    const anchorAt = travel.length > 0 ? travel[0]!.index! : -1;
    if (anchorAt < 0) continue;
    const anchor = merged
      .filter((d) => Math.abs(d.start - anchorAt) < 150 && d.span.precision === 'day' && !d.future)
      .sort((a, b) => Math.abs(a.start - anchorAt) - Math.abs(b.start - anchorAt))[0];
    if (!anchor) continue;
    const shift = m[1]?.toLowerCase() === 'a day' || m[1]?.toLowerCase() === 'the day' ? (m[2]!.toLowerCase() === 'before' || m[2]!.toLowerCase() === 'ahead of' ? -1 : 1) : 0;
    out.push({ text: m[0], start, end: start + m[0].length, span: shiftSpan(anchor.span, shift), relative: true, anchoredTo: anchor.start, future: false });
  }
  return all() as DateMention[];
}

function fromChrono(r: chrono.ParsedResult, published: string): { span: DateSpanValue; relative: boolean } | null {
  // "2:38 PM – Friday, August 8, 2025" parses as a range whose end holds the date.
  const hasDate = (x: chrono.ParsedComponents) => x.isCertain('day') || x.isCertain('month') || x.isCertain('weekday');
  const c = !hasDate(r.start) && r.end && hasDate(r.end) ? r.end : r.start;
  const known = (k: chrono.Component) => c.isCertain(k);
  const pub = parts(published);
  if (known('day') && known('month')) {
    let y = known('year') ? c.get('year')! : pub.y;
    const m0 = c.get('month')! - 1;
    const d = c.get('day')!;
    if (!known('year') && ymd(y, m0, d) > addDays(published, 60)) y -= 1;
    const iso = ymd(y, m0, d);
    if (Number(iso.slice(8, 10)) !== d) return null;
    return { span: daySpan(iso), relative: !known('year') };
  }
  if (known('month')) {
    const m0 = c.get('month')! - 1;
    if (known('year')) return { span: monthSpan(c.get('year')!, m0), relative: false };
    return { span: recentMonth(published, m0), relative: true };
  }
  if (known('weekday')) {
    return { span: daySpan(previousWeekday(published, c.get('weekday')!)), relative: true };
  }
  return null;
}

/** Days between two ISO dates' day numbers; for the nearest-mention choice of the event stage. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

export { fromDayNumber };
