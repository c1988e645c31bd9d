// Stage 1: sentence splitting that keeps exact character offsets, so every quote the pipeline emits is
// a substring of the article by construction (the store refuses any other).

export interface Sentence {
  /** index in the article's sentence list */
  index: number;
  start: number;
  end: number;
  text: string;
  /** paragraph number: a blank line or a line break starts a new one */
  paragraph: number;
}

// Abbreviations after which a period does not end a sentence when a name or number follows
// ("Gen. Smith", "No. 2", "Lt. Col.", "Aug. 23").
const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'ft', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'cmdr', 'cdr', 'sgt', 'cpl', 'pvt', 'adm', 'brig', 'gov', 'sen', 'rep',
    'pres', 'rev', 'hon', 'amb', 'supt', 'insp', 'no', 'nos', 'vol', 'fig', 'art', 'sec', 'dept', 'univ', 'inc', 'corp', 'co', 'ltd', 'bros', 'vs', 'etc', 'approx', 'est', 'al',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'tues', 'wed', 'thu', 'thurs', 'fri', 'sat', 'sun', 'km', 'mi',
  ],
);

// Words that begin a sentence often enough that a dotted acronym before them ("… in the U.S. The next
// day …") is taken to end the sentence.
const SENTENCE_OPENERS = new Set(
  ['the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those', 'his', 'her', 'its', 'their', 'our', 'in', 'on', 'at', 'but', 'and', 'however', 'meanwhile', 'after', 'before', 'earlier', 'later', 'last', 'on', 'there', 'when', 'while', 'as', 'according', 'since', 'some', 'many', 'both', 'officials', 'if'],
);

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']']);

function isUpperStart(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{Lu}\d"“‘'(\[]/u.test(ch);
}

/** Whether the period at `i` ends a sentence, judged by the word before it and the text after. */
function periodEnds(text: string, i: number, nextWordStart: number): boolean {
  const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, i - 20), i))?.[1] ?? '';
  const word = before.replace(/\.$/, '');
  const next = text.slice(nextWordStart, nextWordStart + 20);
  const nextWord = /^[\p{L}]+/u.exec(next)?.[0] ?? '';
  // Dotted acronyms (U.S., U.N., a.m.): a sentence ends only if a typical opener follows.
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word) || /^\p{L}$/u.test(word)) {
    return SENTENCE_OPENERS.has(nextWord.toLowerCase()) && /^\p{Lu}/u.test(nextWord);
  }
  if (ABBREVIATIONS.has(word.toLowerCase()) && /^\p{Lu}/u.test(word)) return false;
  if (ABBREVIATIONS.has(word.toLowerCase()) && /^[\d]/.test(next)) return false;
  return true;
}

/** Splits `text` into sentences whose `text` is exactly `text.slice(start, end)`. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  let start = skipSpace(text, 0);
  const push = (end: number) => {
    let e = end;
    while (e > start && /\s/.test(text[e - 1]!)) e--;
    if (e > start) out.push({ index: out.length, start, end: e, text: text.slice(start, e), paragraph });
  };
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      push(i);
      paragraph++;
      start = skipSpace(text, i);
      i = start - 1;
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    // A period inside a number (3.5, 7.23) or an acronym (U.S.) is followed by no space.
    let j = i + 1;
    while (j < text.length && (CLOSERS.has(text[j]!) || text[j] === '.' || text[j] === '!' || text[j] === '?')) j++;
    if (j < text.length && !/\s/.test(text[j]!)) continue;
    const next = skipSpace(text, j, true);
    if (next >= text.length) continue;
    if (text[next] === '\n') continue; // handled by the line-break branch
    if (!isUpperStart(text[next])) continue;
    if (ch === '.' && !periodEnds(text, i, next)) continue;
    push(j);
    start = next;
    i = next - 1;
  }
  push(text.length);
  return out;
}

function skipSpace(text: string, i: number, stopAtNewline = false): number {
  let j = i;
  while (j < text.length && /\s/.test(text[j]!) && !(stopAtNewline && text[j] === '\n')) j++;
  return j;
}
