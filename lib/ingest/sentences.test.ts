import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences';

const texts = (t: string) => splitSentences(t).map((s) => s.text);

describe('splitSentences', () => {
  it('keeps abbreviations, titles, numbers and decimals inside a sentence', () => {
    const t = 'The U.S. envoy met Gen. Mark Ortiz and Lt. Col. Dana Reyes in the No. 2 hall at 3.5 km from the port. They left at 6 p.m. on Friday.';
    expect(texts(t)).toEqual(['The U.S. envoy met Gen. Mark Ortiz and Lt. Col. Dana Reyes in the No. 2 hall at 3.5 km from the port.', 'They left at 6 p.m. on Friday.']);
  });

  it('ends a sentence after a dotted acronym when a sentence opener follows', () => {
    expect(texts('The aid came from the U.S. The ministry confirmed it.')).toEqual(['The aid came from the U.S.', 'The ministry confirmed it.']);
  });

  it('keeps closing quotes with their sentence and splits after them', () => {
    const t = '“We will not leave,” the mayor said. “Never.” Crowds cheered.';
    expect(texts(t)).toEqual(['“We will not leave,” the mayor said.', '“Never.”', 'Crowds cheered.']);
  });

  it('gives exact offsets into the original text, across line breaks and paragraphs', () => {
    const t = 'date 2024-03-01 First line here.\n\nSecond paragraph, first sentence. Second one!\nThird paragraph?';
    const ss = splitSentences(t);
    for (const s of ss) expect(t.slice(s.start, s.end)).toBe(s.text);
    expect(ss.map((s) => s.paragraph)).toEqual([0, 1, 1, 2]);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('  \n\t ')).toEqual([]);
  });
});
