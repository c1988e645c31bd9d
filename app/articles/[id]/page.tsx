import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { articleTitle } from '@/lib/articles';
import { formatInterval } from '@/lib/dates';
import { getStore } from '@/lib/store';
import styles from './article.module.css';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `hl=START-END`: the character range of a quote, as the popups link to it; anything else is ignored. */
function parseHighlight(v: string | string[] | undefined, length: number): [number, number] | null {
  const m = typeof v === 'string' ? /^(\d{1,7})-(\d{1,7})$/.exec(v) : null;
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return a < b && b <= length ? [a, b] : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await getStore().getArticle((await params).id);
  // Here too, or the metadata of a missing article would override the 404 page's title.
  if (!article) notFound();
  return { title: `${articleTitle(article)} · Situation Map` };
}

export default async function ArticlePage({ params, searchParams }: Props) {
  const store = getStore();
  const article = await store.getArticle((await params).id);
  if (!article) notFound();
  const hl = parseHighlight((await searchParams).hl, article.text.length);
  const events = await Promise.all(article.eventIds.map((id) => store.getEvent(id)));
  const t = article.text;
  return (
    <main className={styles.page}>
      <p>
        <Link href="/">← Back to the map</Link>
      </p>
      <h1 className={styles.headline} data-testid="article-title">
        {articleTitle(article)}
      </h1>
      <dl className={styles.meta}>
        {!article.headline && (
          <>
            <dt>Headline</dt>
            <dd>None in the text</dd>
          </>
        )}
        <dt>Outlet</dt>
        <dd>
          {article.outlet ? (
            <>
              {/* <bdi>: a direction override in the stored outlet must not reverse its basis after it. */}
              <bdi>{article.outlet}</bdi> — {article.outletBasis ?? ''}
            </>
          ) : (
            'Not named in the text'
          )}
        </dd>
        {article.author && (
          <>
            <dt>Byline</dt>
            <dd>{article.author}</dd>
          </>
        )}
        <dt>Date</dt>
        <dd>
          {formatInterval({ start: article.date, end: article.date, precision: 'day' })} ({article.dateStatus}
          {article.dateStatus === 'stated' ? `: “${article.dateBasis}”` : ''})
          {article.dateStatus === 'inferred' && <span className={styles.basis}>{article.dateBasis}</span>}
          {article.notDate && <span className={styles.basis}>“{article.notDate}” in the text is the page’s display date, not the article’s.</span>}
        </dd>
        <dt>Source file</dt>
        <dd>seeds/{article.id}.txt</dd>
      </dl>
      <article className={styles.text} data-testid="article-text">
        {hl ? (
          <>
            {t.slice(0, hl[0])}
            <mark id="quote" data-testid="highlight">
              {t.slice(hl[0], hl[1])}
            </mark>
            {t.slice(hl[1])}
          </>
        ) : (
          t
        )}
      </article>
      <h2>Events on the map that cite this article</h2>
      <ul>
        {events.map(
          (e) =>
            e && (
              <li key={e.properties.id}>
                <Link href={`/?event=${encodeURIComponent(e.properties.id)}`}>
                  <bdi>{e.properties.title}</bdi>
                </Link>{' '}
                — {formatInterval(e.properties)}, {e.properties.place.name}
              </li>
            ),
        )}
      </ul>
    </main>
  );
}
