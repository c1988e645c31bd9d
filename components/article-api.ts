// The calls the "Add article" panel makes: every write carries the session's token in a header
// (never in a URL, where it would land in history and logs), and every refusal comes back as the
// server's own message.
import { articleBody, errorMessage, type ArticleDraft } from '@/lib/article-panel';
import type { ReviewDecision } from '@/lib/store/contract';
import type { ArticleDetail, EventFeature, MovementFeature } from '@/lib/types';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export interface IngestAnswer {
  id: string;
  events: { id: string; merged: boolean; syndicatedOf?: string }[];
  movements: { id: string; merged: boolean; syndicatedOf?: string }[];
  warnings: string[];
}

async function call<T>(url: string, init?: RequestInit): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(url, { cache: 'no-store', ...init });
  } catch {
    return { ok: false, error: 'the server could not be reached' };
  }
  const body: unknown = await res.json().catch(() => null);
  return res.ok ? { ok: true, value: body as T } : { ok: false, error: errorMessage(res.status, body) };
}

const writeInit = (token: string, body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify(body),
});

export const postArticle = (token: string, draft: ArticleDraft) => call<IngestAnswer>('/api/articles', writeInit(token, articleBody(draft)));

export const getArticle = (id: string) => call<ArticleDetail>(`/api/articles/${encodeURIComponent(id)}`);

export const getItem = (kind: 'event' | 'movement', id: string) => call<EventFeature | MovementFeature>(`/api/${kind}s/${encodeURIComponent(id)}`);

export const reviewItem = (token: string, kind: 'event' | 'movement', id: string, decision: ReviewDecision) =>
  call<EventFeature | MovementFeature>(`/api/${kind}s/${encodeURIComponent(id)}/review`, writeInit(token, decision));
