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
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
          <path fill="currentColor" d="M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a3 3 0 1 1 4.2 4.2l-2 2a1 1 0 1 1-1.4-1.4l2-2a1 1 0 1 0-1.4-1.4l-3.5 3.5a1 1 0 0 1-1.4 0Zm2.8-2.8a1 1 0 0 1 0 1.4l-3.5 3.5a3 3 0 1 1-4.2-4.2l2-2a1 1 0 1 1 1.4 1.4l-2 2a1 1 0 1 0 1.4 1.4l3.5-3.5a1 1 0 0 1 1.4 0Z" />
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
