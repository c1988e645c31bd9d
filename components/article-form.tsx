'use client';
// The article's fields, filled by typing, pasting, or dropping a .txt/.json file on the text box.
import { useState, type DragEvent, type FormEvent } from 'react';
import { draftFromFile, type ArticleDraft } from '@/lib/article-panel';
import styles from './add-article.module.css';

/** A file far over the API's 1 MB text limit is refused here, before the browser reads it all. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

interface ArticleFormProps {
  draft: ArticleDraft;
  onDraft(patch: Partial<ArticleDraft>): void;
  token: string;
  onToken(token: string): void;
  busy: boolean;
  error: string | null;
  onSubmit(): void;
}

export function ArticleForm({ draft, onDraft, token, onToken, busy, error, onSubmit }: ArticleFormProps) {
  const [dragging, setDragging] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);

  async function readFile(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return setFileError(`${file.name} is over 2 MB; an article's text may be 1 MB at most`);
    const r = draftFromFile(file.name, await file.text());
    setFileError(r.ok ? null : r.error);
    if (r.ok) onDraft(r.draft);
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void readFile(e.dataTransfer.files[0]);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  const field = (key: 'title' | 'outlet' | 'url', label: string, type = 'text', required = false) => (
    <label className={styles.field}>
      {label}
      <input type={type} name={key} value={draft[key]} required={required} onChange={(e) => onDraft({ [key]: e.target.value })} />
    </label>
  );

  return (
    <form className={styles.form} onSubmit={submit} aria-label="Add article">
      {field('title', 'Title', 'text', true)}
      <div className={styles.row}>
        <label className={styles.field}>
          Published
          <input type="date" name="published" value={draft.published} required onChange={(e) => onDraft({ published: e.target.value })} />
        </label>
        {field('outlet', 'Outlet (optional)')}
      </div>
      {field('url', 'URL (optional)', 'url')}
      <div className={dragging ? `${styles.drop} ${styles.dropActive}` : styles.drop} onDragOver={(e) => (e.preventDefault(), setDragging(true))} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
        <label className={styles.field}>
          Text — paste it, or drop a .txt or .json file here
          <textarea name="text" value={draft.text} required onChange={(e) => onDraft({ text: e.target.value })} />
        </label>
        <input type="file" accept=".txt,.json,text/plain,application/json" aria-label="Read the article from a file" onChange={(e) => void readFile(e.target.files?.[0])} />
      </div>
      {/* Asked once per browser session; sent in a header, never in the URL. */}
      <label className={styles.field}>
        Write token (kept for this browser session only)
        <input type="password" name="token" autoComplete="off" value={token} required onChange={(e) => onToken(e.target.value)} />
      </label>
      {(fileError ?? error) && (
        <p className={styles.error} role="alert" data-testid="add-article-error">
          {fileError ?? error}
        </p>
      )}
      <div className={styles.actions}>
        <button type="submit" className={styles.primary} disabled={busy}>
          {busy ? 'Reading the article…' : 'Add article'}
        </button>
      </div>
    </form>
  );
}
