import { describe, expect, it } from 'vitest';
import { articleTitle } from './articles';
import { buildCatalog, readRawCatalog } from './catalog';

describe('articleTitle', () => {
  it('is the headline when the text has one', () => {
    expect(articleTitle({ headline: 'Russian security chief visits Tehran', outlet: 'Reuters', date: '2024-08-05' })).toBe('Russian security chief visits Tehran');
  });

  it('is the outlet and date when there is no headline', () => {
    expect(articleTitle({ headline: null, outlet: 'Levant News', date: '2024-08-05' })).toBe('Levant News · 5 Aug 2024');
  });

  it('says what is missing when neither is named, and invents no outlet', () => {
    expect(articleTitle({ headline: null, outlet: null, date: '2024-08-05' })).toBe('Article of 5 Aug 2024 (no headline, outlet not named)');
  });

  it('treats a blank headline or outlet as absent', () => {
    expect(articleTitle({ headline: '  ', outlet: '', date: '2024-08-05' })).toBe('Article of 5 Aug 2024 (no headline, outlet not named)');
  });

  it('never names a seed article by its id or file name', () => {
    const { articles } = buildCatalog(readRawCatalog());
    expect(articles.length).toBeGreaterThan(0);
    for (const a of articles) {
      const title = articleTitle(a);
      expect(title, a.id).not.toContain(a.id);
      // no hash-like run of hex digits, no file extension
      expect(title, a.id).not.toMatch(/[0-9a-f]{8,}|\.txt\b/);
      if (a.headline) expect(title).toBe(a.headline);
      else if (a.outlet) expect(title.startsWith(`${a.outlet} · `)).toBe(true);
      else expect(title).toMatch(/outlet not named/);
    }
  });
});
