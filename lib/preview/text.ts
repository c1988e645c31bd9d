// Text for the card: the fonts satori lays it out with, and what may be written with them.
//
// The fonts are the map's own: Noto Sans 400 and 700 in the @fontsource subsets the map's style
// declares (latin, latin-ext, cyrillic), as .woff because satori reads TTF, OTF and WOFF but not
// the WOFF2 files the browser gets. They are read from node_modules, never fetched.
//
// ImageResponse asks the network for any glyph its fonts lack (Google Fonts for a script, a CDN
// for an emoji, and an emoji it cannot fetch fails the whole image). Article text is untrusted and
// the route must work offline, so every string is reduced to characters these fonts draw before
// it reaches satori: spaces become plain spaces, invisible controls go, anything else outside the
// fonts becomes U+FFFD. Coverage is fontsource's declared unicode-range of each subset, less the
// code points in that range the font files have no glyph for (text.test.ts renders every
// allowed character offline to keep this list honest).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const SUBSETS = ['latin', 'latin-ext', 'cyrillic'] as const;
const WEIGHTS = [400, 700] as const;
const PACKAGE = '@fontsource/noto-sans';

/** CSS font-family for satori: each subset is its own family, so each is a fallback for the others. */
export const FONT_FAMILY = SUBSETS.map((s) => `noto-sans-${s}`).join(', ');

/** Declared in unicode.json, yet not in the 5.x font files (found by rendering each, offline). */
const NO_GLYPH: ReadonlyArray<readonly [number, number]> = [
  [0x2010, 0x2012], [0x2015, 0x2017], [0x201b, 0x201b], [0x201f, 0x201f], [0x2021, 0x2021],
  [0x2023, 0x2025], [0x2027, 0x2027], [0x2030, 0x2031], [0x2034, 0x2038], [0x203b, 0x2043],
  [0x2045, 0x205e], [0x2191, 0x2191], [0x2193, 0x2193], [0x2215, 0x2215], [0xa7cb, 0xa7cf],
  [0xa7d2, 0xa7d2], [0xa7d4, 0xa7d4], [0xa7da, 0xa7dc], [0xa7f1, 0xa7f1],
];

/** Characters without a glyph that have a close one: hyphens are common in titles. */
const SUBSTITUTES: Readonly<Record<string, string>> = { '\u2010': '-', '\u2011': '-', '\u2012': '\u2013', '\u2015': '\u2014' };

export type FontWeight = (typeof WEIGHTS)[number];
export interface Font {
  name: string;
  data: Buffer;
  weight: FontWeight;
  style: 'normal';
}
export interface Fonts {
  /** for ImageResponse's `fonts`; the same array every time, so satori parses the files once */
  list: Font[];
  /** sorted, merged [first, last] code point ranges the fonts draw */
  coverage: Array<[number, number]>;
}

// resolved as Node resolves from the project (package exports honoured), wherever the bundle runs
const resolve = createRequire(path.join(process.cwd(), 'package.json')).resolve;

function parseRanges(css: string): Array<[number, number]> {
  return css.split(',').map((r) => {
    const m = /^\s*U\+([0-9a-f]+)(?:-([0-9a-f]+))?\s*$/i.exec(r);
    if (!m?.[1]) throw new Error(`preview: unexpected unicode-range ${r}`);
    const first = parseInt(m[1], 16);
    return [first, m[2] ? parseInt(m[2], 16) : first];
  });
}

/** Ranges minus holes, sorted and merged. */
function subtract(ranges: Array<[number, number]>, holes: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  let out = merged;
  for (const [h0, h1] of holes) {
    out = out.flatMap(([a, b]): Array<[number, number]> => {
      if (h1 < a || h0 > b) return [[a, b]];
      const parts: Array<[number, number]> = [];
      if (a < h0) parts.push([a, h0 - 1]);
      if (h1 < b) parts.push([h1 + 1, b]);
      return parts;
    });
  }
  return out;
}

async function load(): Promise<Fonts> {
  const unicode = JSON.parse(await readFile(resolve(`${PACKAGE}/unicode.json`), 'utf8')) as Record<string, string>;
  const list = await Promise.all(
    SUBSETS.flatMap((subset) =>
      WEIGHTS.map(async (weight): Promise<Font> => ({
        name: `noto-sans-${subset}`,
        data: await readFile(resolve(`${PACKAGE}/files/noto-sans-${subset}-${weight}-normal.woff`)),
        weight,
        style: 'normal',
      })),
    ),
  );
  const declared = SUBSETS.flatMap((s) => {
    const css = unicode[s];
    if (!css) throw new Error(`preview: ${PACKAGE} declares no unicode-range for ${s}`);
    return parseRanges(css);
  });
  return { list, coverage: subtract(declared, NO_GLYPH) };
}

let fonts: Promise<Fonts> | undefined;

/** Read once per process; a failed read is retried on the next call. */
export function getFonts(): Promise<Fonts> {
  if (!fonts) {
    fonts = load();
    fonts.catch(() => {
      fonts = undefined;
    });
  }
  return fonts;
}

function covered(coverage: ReadonlyArray<readonly [number, number]>, cp: number): boolean {
  let lo = 0;
  let hi = coverage.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = coverage[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

// Not \s: JavaScript counts U+FEFF (a byte-order mark, invisible) as a space.
const SPACE = /[\p{Z}\t\n\v\f\r\u0085]/u;

/**
 * `text` reduced to what the fonts draw, on one line: any run of spaces or line breaks is one
 * space, controls and invisible format characters are dropped, and each run of other characters
 * the fonts lack (spaces between included) is one U+FFFD.
 */
export function printable(text: string, coverage: ReadonlyArray<readonly [number, number]>): string {
  let out = '';
  let missing = false;
  for (const ch of text.normalize('NFC')) {
    if (SPACE.test(ch)) {
      if (!out.endsWith(' ')) out += ' ';
      missing = false;
      continue;
    }
    if (/\p{C}/u.test(ch)) continue;
    const c = SUBSTITUTES[ch] ?? ch;
    if (covered(coverage, c.codePointAt(0)!)) {
      out += c;
      missing = false;
    } else if (!missing) {
      out += '\uFFFD';
      missing = true;
    }
  }
  // a phrase in a script the fonts lack is one mark, not one per word
  return out.replace(/\uFFFD(?: \uFFFD)+/g, '\uFFFD').trim();
}

/**
 * Approximate width in px of a line of Noto Sans, for choosing among layouts and keeping labels
 * apart. satori does the real layout (wrapping, ellipsis) with the real metrics; an estimate here
 * only costs a label that could have fitted or a title set one size smaller.
 */
export function estimateWidth(text: string, size: number, opts: { bold?: boolean; letterSpacing?: number } = {}): number {
  let em = 0;
  for (const ch of text) {
    if (ch === ' ') em += 0.26;
    else if (/[iljI.,:;'!|·]/.test(ch)) em += 0.3;
    else if (/[MWmw@]/.test(ch)) em += 0.88;
    else if (/\p{Lu}/u.test(ch)) em += 0.66;
    else if (/\p{N}/u.test(ch)) em += 0.57;
    else em += 0.55;
    em += opts.letterSpacing ?? 0;
  }
  return em * size * (opts.bold ? 1.05 : 1);
}
