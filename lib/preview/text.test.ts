import { ImageResponse } from 'next/og';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { estimateWidth, FONT_FAMILY, getFonts, printable } from './text';
import { offline } from './test-fixtures';

describe('printable', async () => {
  const { coverage } = await getFonts();
  const p = (s: string) => printable(s, coverage);

  it('keeps Latin, accented and Cyrillic text and typographic punctuation as it is', () => {
    for (const s of ['Shoigu in Tehran', 'Çavuşoğlu, Pašić, Đoković', 'Шойгу в Тегеране', '“Quoted” — 30 Jul – 7 Aug 2024 · 5 events…', '<b>not markup</b> & "quotes"']) {
      expect(p(s)).toBe(s);
    }
  });

  it('puts everything on one line with single spaces', () => {
    expect(p('  a\n\tb\u00a0\u2003c\r\n ')).toBe('a b c');
  });

  it('drops controls and invisible format characters (bidi overrides, zero-width joiners)', () => {
    expect(p('ab\u0000c\u0007d\u202eevil\u202c\u200d\ufeffe')).toBe('abcdevile');
  });

  it('stands one U+FFFD for each run of characters the fonts cannot draw', () => {
    expect(p('Strike in بيروت today')).toBe('Strike in \ufffd today');
    expect(p('launch 🚀🔥 now')).toBe('launch \ufffd now');
    expect(p('北京')).toBe('\ufffd');
    expect(p('غارة على بيروت 🚀 x')).toBe('\ufffd x');
    // a hyphen the font lacks becomes one it has
    expect(p('Hezbollah\u2011run')).toBe('Hezbollah-run');
    expect(p('\ud800x')).toBe('x');
  });
});

describe('fonts', () => {
  let net: ReturnType<typeof offline> | undefined;
  afterEach(() => net?.restore());

  // ImageResponse fetches a font (or an emoji image) for any character its fonts lack. Every
  // character printable() lets through must be drawn from the bundled files, with no request.
  it('draw every character printable() keeps, with no network', async () => {
    const { list, coverage } = await getFonts();
    const all: string[] = [];
    for (const [a, b] of coverage) for (let cp = a; cp <= b; cp++) all.push(String.fromCodePoint(cp));
    const text = printable(all.join(' '), coverage);
    expect(text.length).toBeGreaterThan(1000);
    net = offline();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const weight of [400, 700]) {
      const page = createElement('div', { style: { width: 1200, height: 630, display: 'flex', flexWrap: 'wrap', fontFamily: FONT_FAMILY, fontWeight: weight, fontSize: 8 } }, text);
      const image = new ImageResponse(page, { width: 1200, height: 630, fonts: list });
      expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
    errors.mockRestore();
    expect(net.requests).toEqual([]);
  }, 60_000);
});

describe('estimateWidth', () => {
  it('grows with the text, the size, the weight and the tracking', () => {
    const w = estimateWidth('SAUDI ARABIA', 12);
    expect(w).toBeGreaterThan(60);
    expect(w).toBeLessThan(110);
    expect(estimateWidth('SAUDI ARABIA', 24)).toBeCloseTo(2 * w, 6);
    expect(estimateWidth('SAUDI ARABIA', 12, { bold: true })).toBeGreaterThan(w);
    expect(estimateWidth('SAUDI ARABIA', 12, { letterSpacing: 0.06 })).toBeCloseTo(w + 12 * 12 * 0.06, 6);
  });
});
