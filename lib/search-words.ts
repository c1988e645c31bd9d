// The words of a free-text search, as the text index reads them: one definition for the store's
// query, the API's limit on them and the permalink's trimming, so a link the page keeps is never a
// search the API refuses.
import { MAX_Q_WORDS } from './limits';

const WORD = /[\p{L}\p{N}]+/gu;

/** Distinct words, normalised (NFKC, lower case), in their first order. */
export function searchWords(q: string): string[] {
  return [...new Set(q.normalize('NFKC').toLowerCase().match(WORD) ?? [])];
}

/** q cut after its MAX_Q_WORDS-th distinct word (a permalink's search keeps what the API takes). */
export function trimSearch(q: string): string {
  const seen = new Set<string>();
  for (const m of q.matchAll(WORD)) {
    seen.add(m[0].normalize('NFKC').toLowerCase());
    if (seen.size > MAX_Q_WORDS) return q.slice(0, m.index).trim();
  }
  return q;
}
