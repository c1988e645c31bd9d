'use client';
import { useState } from 'react';
import styles from './copy-link-button.module.css';

/** Copies a permalink; falls back to selecting it in a prompt-free text field when the clipboard is refused. */
export function CopyLinkButton({ url, label, text }: { url: string; label: string; text?: string }) {
  const [done, setDone] = useState<'copied' | 'failed' | null>(null);
  const absolute = () => new URL(url, window.location.href).toString();
  return (
    <span className={styles.wrap}>
      <button
        type="button"
        className={text ? styles.button : styles.icon}
        aria-label={label}
        title={label}
        data-testid={text ? 'share' : 'copy-event-link'}
        data-url={url}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(absolute());
            setDone('copied');
          } catch {
            setDone('failed');
          }
          window.setTimeout(() => setDone(null), 2500);
        }}
      >
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
          <path d="M10 14l4-4M8.5 11.5l-2 2a3 3 0 0 0 4 4l2-2M11.5 8.5l2-2a3 3 0 0 1 4 4l-2 2" />
        </svg>
        {text && <span>{text}</span>}
      </button>
      <span role="status" className={styles.status}>
        {done === 'copied' && 'Link copied'}
        {done === 'failed' && <input readOnly value={absolute()} aria-label="Permalink" onFocus={(e) => e.currentTarget.select()} autoFocus />}
      </span>
    </span>
  );
}
