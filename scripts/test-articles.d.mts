// Types for test-articles.mjs (plain JavaScript so that scripts/bench.mjs runs it as is).
export interface TestArticle {
  happening: number;
  article: { title: string; published: string; outlet: string; text: string };
}
export const PLACES: readonly string[];
export const REPORTS_PER_HAPPENING: number;
export function testArticle(i: number, variant?: number): TestArticle;
export function testBatch(n: number, reports?: number): TestArticle[];
