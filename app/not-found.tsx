// The 404 page: for links to pages that do not exist and for an unknown article id. A reader who
// followed a stale link should land somewhere that looks like the app and leads back to the map.
import type { Metadata } from 'next';
import Link from 'next/link';
import styles from './not-found.module.css';

export const metadata: Metadata = { title: 'Not found · Situation Map' };

export default function NotFound() {
  return (
    <div className={styles.page} data-testid="not-found">
      <header className={styles.header}>
        <Link href="/" className={styles.brand}>
          Situation Map
        </Link>
      </header>
      <main className={styles.main}>
        <h1 className={styles.title}>Page not found</h1>
        <p>
          This page does not exist: the link may be mistyped, or the article or event it named is not in
          the data.
        </p>
        <p>
          <Link href="/" className={styles.back} data-testid="back-to-map">
            ← Back to the map
          </Link>
        </p>
      </main>
    </div>
  );
}
