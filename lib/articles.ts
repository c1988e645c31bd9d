// How an article is named wherever it is shown. A reader cannot tell articles apart by a file stem
// or hash, and an invented name would misattribute the text, so only what the text itself states is
// used: its headline, else the outlet it names, else an honest description. Free of zod and node
// modules so client components can import it.
import { formatInterval } from './dates';
import type { ArticleMeta } from './types';

export type ArticleNaming = Pick<ArticleMeta, 'headline' | 'outlet' | 'date'>;

const dayOf = (date: string) => formatInterval({ start: date, end: date, precision: 'day' });
const given = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';

/** The headline; else "<outlet> · <date>"; else a description of what is missing. Never the id. */
export function articleTitle(meta: ArticleNaming): string {
  if (given(meta.headline)) return meta.headline.trim();
  if (given(meta.outlet)) return `${meta.outlet.trim()} · ${dayOf(meta.date)}`;
  return `Article of ${dayOf(meta.date)} (no headline, outlet not named)`;
}
