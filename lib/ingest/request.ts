// Stage 0: what a writer hands the pipeline (POST /api/articles, `npm run ingest`), checked before any
// work: a clear message for each way an article can be unusable, and nothing written for any of them.
import { z } from 'zod';
import { isIsoDate } from '../dates';
import { MAX_TEXT_BYTES } from '../limits';

export const MAX_TITLE = 500;
export const MAX_OUTLET = 200;
export const MAX_URL = 2000;

// The commonest English function words: an English news text is made of them for ~30-45% of its
// words; other languages (even ones written in Latin letters) come far below.
const ENGLISH = new Set(
  'the of and to a in is that for on was with as by it at from his he said are be has have an were this which not but or its had after their they who been will would also more than about over into its her she we our there when up out against two one new'.split(' '),
);

export function englishShare(text: string): { words: number; share: number } {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const hits = words.reduce((n, w) => n + (ENGLISH.has(w) ? 1 : 0), 0);
  return { words: words.length, share: words.length ? hits / words.length : 0 };
}

/** Binary data, or text mangled on its way (replacement characters, control bytes). */
function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const bad = text.match(/[\u0001-\u0008\u000b\u000e-\u001f\ufffd]/g)?.length ?? 0;
  return bad > Math.max(2, text.length / 1000);
}

const today = () => new Date().toISOString().slice(0, 10);

export const ArticleRequestSchema = z
  .object({
    title: z.string().trim().min(1, 'title is empty').max(MAX_TITLE, `title must be at most ${MAX_TITLE} characters`),
    published: z
      .string()
      .refine(isIsoDate, 'published must be a real date as YYYY-MM-DD')
      .refine((d) => d <= today(), 'published is in the future')
      .refine((d) => d >= '1900-01-01', 'published is before 1900'),
    outlet: z.string().trim().min(1).max(MAX_OUTLET).optional(),
    url: z
      .string()
      .max(MAX_URL)
      .refine((u) => {
        try {
          return ['http:', 'https:'].includes(new URL(u).protocol);
        } catch {
          return false;
        }
      }, 'url must be an http(s) address')
      .optional(),
    text: z.string(),
  })
  .strict()
  .superRefine((a, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['text'], message });
    if (!a.text.trim()) return issue('text is empty');
    if (Buffer.byteLength(a.text, 'utf8') > MAX_TEXT_BYTES) return issue(`text is over ${MAX_TEXT_BYTES / 1024 / 1024} MB`);
    if (looksBinary(a.text)) return issue('text looks like binary data, not an article');
    const { words, share } = englishShare(a.text);
    if (words < 20) return issue('text is too short to be an article (fewer than 20 words)');
    if (share < 0.12) return issue('text does not look like English: only English articles can be read');
  });
export type ArticleRequest = z.infer<typeof ArticleRequestSchema>;

export type ParsedArticle = { ok: true; article: ArticleRequest } | { ok: false; error: string; issues: { path: string; message: string }[] };

export function parseArticleRequest(body: unknown): ParsedArticle {
  const r = ArticleRequestSchema.safeParse(body);
  if (r.success) return { ok: true, article: r.data };
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return { ok: false, error: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), issues };
}
