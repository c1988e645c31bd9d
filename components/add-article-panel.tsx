'use client';
// "Add article": the form, then the article as the server stored it with every extracted item's quote
// marked, and the items to review. Loaded only when opened (map-app imports it lazily).
import { useEffect, useState } from 'react';
import { EMPTY_DRAFT, type ArticleDraft, type Mark } from '@/lib/article-panel';
import type { Actor, EventFeature, MovementFeature } from '@/lib/types';
import { getArticle, getItem, postArticle, type IngestAnswer } from './article-api';
import { ArticleForm } from './article-form';
import { ExtractedItem, type ExtractedEntry } from './extracted-item';
import { HighlightedText } from './highlighted-text';
import { useIngestToken } from './use-ingest-token';
import styles from './add-article.module.css';

export interface AddArticlePanelProps {
  actors: readonly Actor[];
  onClose(): void;
  /** the store changed through this panel: the map shows it now */
  onChanged(): void;
  /** put the items on screen (their dates, their places); `one` also opens its popup */
  onShow(entries: readonly ExtractedEntry[], one?: ExtractedEntry): void;
}

interface Added {
  articleId: string;
  text: string;
  entries: ExtractedEntry[];
  warnings: string[];
  /** items the server named but would not serve (a lost race with another reviewer, say) */
  missing: string[];
}

/** The article's text as stored (the quotes' offsets are into it) and every item in full. */
async function loadAdded(answer: IngestAnswer, submitted: string): Promise<Added> {
  const wanted = [...answer.events.map((e) => ({ kind: 'event' as const, id: e.id, merge: { merged: e.merged, ...(e.syndicatedOf ? { syndicatedOf: e.syndicatedOf } : {}) } })), ...answer.movements.map((m) => ({ kind: 'movement' as const, id: m.id, merge: { merged: m.merged, ...(m.syndicatedOf ? { syndicatedOf: m.syndicatedOf } : {}) } }))];
  const [article, ...items] = await Promise.all([getArticle(answer.id), ...wanted.map((w) => getItem(w.kind, w.id))]);
  const entries: ExtractedEntry[] = [];
  const missing: string[] = [];
  wanted.forEach((w, i) => {
    const r = items[i]!;
    if (r.ok) entries.push({ ...w, feature: r.value });
    else missing.push(`${w.kind} ${w.id}: ${r.error}`);
  });
  return { articleId: answer.id, text: article.ok ? article.value.text : submitted, entries, warnings: answer.warnings, missing };
}

/** This article's quotes only: a merged event also cites the articles it was known from. */
function marksOf(added: Added): Mark[] {
  return added.entries.flatMap((e) => e.feature.properties.sources.filter((s) => s.article === added.articleId).map((s) => ({ key: e.id, quote: s.quote, offset: s.offset })));
}

export default function AddArticlePanel({ actors, onClose, onChanged, onShow }: AddArticlePanelProps) {
  const [token, setToken] = useIngestToken();
  const [draft, setDraft] = useState<ArticleDraft>(EMPTY_DRAFT);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<Added | null>(null);
  const [focus, setFocus] = useState<string | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  async function submit() {
    setBusy(true);
    setError(null);
    const r = await postArticle(token, draft);
    if (!r.ok) {
      setBusy(false);
      return setError(r.error);
    }
    onChanged();
    const loaded = await loadAdded(r.value, draft.text);
    setAdded(loaded);
    setBusy(false);
    // The reader added the article to see it: the map goes to its items.
    onShow(loaded.entries);
  }

  const replace = (f: EventFeature | MovementFeature) => {
    setAdded((a) => a && { ...a, entries: a.entries.map((e) => (e.id === f.properties.id ? { ...e, feature: f } : e)) });
    onChanged();
  };

  return (
    <section className={styles.panel} role="dialog" aria-labelledby="add-article-title" data-testid="add-article">
      <div className={styles.head}>
        <h2 id="add-article-title">{added ? 'Article added' : 'Add article'}</h2>
        <button type="button" className={styles.button} onClick={onClose} aria-label="Close the Add article panel">
          Close
        </button>
      </div>
      <div className={styles.body}>
        {!added ? (
          <ArticleForm draft={draft} onDraft={(p) => setDraft((d) => ({ ...d, ...p }))} token={token} onToken={setToken} busy={busy} error={error} onSubmit={() => void submit()} />
        ) : (
          <>
            {[...added.warnings, ...added.missing].map((w) => (
              <p key={w} className={styles.warning}>
                {w}
              </p>
            ))}
            <HighlightedText text={added.text} marks={marksOf(added)} active={focus} />
            <p className={styles.hint} data-testid="extracted-count">
              {added.entries.length === 0 ? 'Nothing located and dated was found in this text.' : `${added.entries.length} extracted: review each one.`}
            </p>
            <ul className={styles.items}>
              {added.entries.map((e) => (
                <ExtractedItem key={`${e.kind}-${e.id}`} entry={e} token={token} actors={actors} onChange={replace} onFocus={setFocus} onShow={(one) => onShow(added.entries, one)} />
              ))}
            </ul>
            <div className={styles.actions}>
              <button type="button" className={styles.button} data-testid="show-all" onClick={() => onShow(added.entries)}>
                Show them all on the map
              </button>
              <button type="button" className={styles.button} onClick={() => (setAdded(null), setDraft(EMPTY_DRAFT))}>
                Add another article
              </button>
            </div>
          </>
        )}
      </div>
    </section>
  );
}
