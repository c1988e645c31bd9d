// The article's text with the extracted items' quotes marked. The text is untrusted: it is rendered
// as React text nodes only, never as HTML.
import { highlightSegments, type Mark } from '@/lib/article-panel';
import styles from './add-article.module.css';

export function HighlightedText({ text, marks, active }: { text: string; marks: readonly Mark[]; active?: string | null }) {
  const segments = highlightSegments(text, marks);
  return (
    <p className={styles.text} data-testid="article-text">
      {segments.map((s, i) =>
        s.keys.length ? (
          <mark key={i} className={active && s.keys.includes(active) ? `${styles.mark} ${styles.markActive}` : styles.mark} data-testid="quote" data-items={s.keys.join(' ')}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </p>
  );
}
