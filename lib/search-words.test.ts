import { describe, expect, it } from 'vitest';
import { parseFilterQuery } from './filters';
import { MAX_Q_WORDS } from './limits';
import { searchWords, trimSearch } from './search-words';
import { ftsQuery } from './store/sqlite';
import { parseUrlState } from './url-state';

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');

describe('search words', () => {
  it('are the distinct letter-or-digit runs, normalised', () => {
    expect(searchWords('Tehran, TEHRAN; «Shoigu» NEAR( "x"* ^y AND')).toEqual(['tehran', 'shoigu', 'near', 'x', 'y', 'and']);
    expect(searchWords('"*^()')).toEqual([]);
  });

  it('the API refuses more than MAX_Q_WORDS distinct words, repeats aside', () => {
    expect(parseFilterQuery(new URLSearchParams({ q: words(MAX_Q_WORDS) }), 'events').ok).toBe(true);
    expect(parseFilterQuery(new URLSearchParams({ q: `${words(MAX_Q_WORDS)} w0 W1` }), 'events').ok).toBe(true);
    const r = parseFilterQuery(new URLSearchParams({ q: words(MAX_Q_WORDS + 1) }), 'events');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]!.path).toBe('q');
  });

  it('a permalink keeps only the words the API takes, so the page never asks for a refused search', () => {
    const long = `${words(MAX_Q_WORDS)} extra more`;
    expect(trimSearch(long)).toBe(words(MAX_Q_WORDS));
    expect(trimSearch('a a a a a a a a a a b')).toBe('a a a a a a a a a a b');
    const q = parseUrlState(new URLSearchParams({ q: long })).q!;
    expect(q).toBe(words(MAX_Q_WORDS));
    expect(parseFilterQuery(new URLSearchParams({ q }), 'events').ok).toBe(true);
  });

  it('the store searches each distinct word once, as a quoted prefix (FTS5 syntax in q stays text)', () => {
    expect(ftsQuery('NEAR(a b) a "c"* OR')).toBe('"near"* "a"* "b"* "c"* "or"*');
  });
});
