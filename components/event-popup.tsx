'use client';
// What a click on the map opens: the event's facts with their precision, and each source's exact words.
import { Fragment } from 'react';
import { articleTitle } from '@/lib/articles';
import { formatInterval } from '@/lib/dates';
import type { MapEventProps } from '@/lib/map-layers';
import { CATEGORY_COLORS, CATEGORY_LABELS, MOVEMENT_COLORS, MOVEMENT_LABELS } from '@/lib/palette';
import type { Actor, EventFeature, Extraction, FeedSource, MovementFeature, Place, PlaceClaim, ReviewState, SourceClaim } from '@/lib/types';
import { CopyLinkButton } from './copy-link-button';
import styles from './event-popup.module.css';

const PLACE_PRECISION: Record<Place['precision'], string> = {
  point: 'exact place',
  city: 'city',
  region: 'region',
  country: 'country only',
};

const CLAIM_PRECISION: Record<Place['precision'], string> = {
  point: 'exact place',
  city: 'city',
  region: 'region',
  country: 'country',
};

/** "Iran (country) vs Tehran (city)", in the sources' own wording, coarsest first. */
const claimList = (claims: PlaceClaim[]) => claims.map((c) => `${c.text} (${CLAIM_PRECISION[c.precision]})`).join(' vs ');

function PlaceLine({ place, label }: { place: Place; label?: string }) {
  return (
    <span className={styles.place}>
      {label && <span className={styles.label}>{label} </span>}
      {place.name}
      {place.country !== place.name && `, ${place.country}`}{' '}
      <span className={styles.muted}>
        ({PLACE_PRECISION[place.precision]}
        {/* A country is drawn as itself, so its radius would only suggest a circle that is not there. */}
        {place.radiusKm && place.precision !== 'country' ? `, ±${place.radiusKm} km` : ''})
      </span>
      {place.inferred && (
        <span className={styles.inferred} title={place.basis}>
          inferred
        </span>
      )}
      {place.inferred && place.basis && <span className={styles.basis}>{place.basis}</span>}
    </span>
  );
}

export function articleHref(s: Pick<SourceClaim, 'article' | 'offset' | 'quote'>): string {
  return `/articles/${encodeURIComponent(s.article)}?hl=${s.offset}-${s.offset + s.quote.length}#quote`;
}

function ActorsLine({ actors }: { actors: Actor[] }) {
  if (actors.length === 0) return null;
  return (
    <>
      <dt>Who</dt>
      <dd>
        {actors.map((a, i) => (
          <Fragment key={a.id}>
            {i > 0 && ', '}
            <bdi>{a.name}</bdi>
          </Fragment>
        ))}
      </dd>
    </>
  );
}

/** Only web addresses are links; anything else a feed hands us is shown as text. */
function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** A machine-coded event: no sentence to quote, only the feed's record and the story it points to. */
function FeedRecords({ records }: { records: FeedSource[] }) {
  return (
    <>
      <h3 className={styles.sourcesHead}>Machine-coded feed record</h3>
      <p className={styles.feedNote} data-testid="feed-note">
        No quote: {records[0]?.feed.toUpperCase() ?? 'the feed'} codes events automatically from news reports and gives no sentence. Nobody has read this
        story for the map; open it to check.
      </p>
      <ol className={styles.sources} aria-label="Feed records">
        {records.map((r) => {
          const href = safeHref(r.url);
          return (
            <li key={`${r.feed}-${r.recordId}`} data-testid="feed-record">
              <div className={styles.cite}>
                {r.feed.toUpperCase()} record {r.recordId}
                {r.code && ` · code ${r.code}`}
                {r.articles !== undefined && ` · ${r.articles} article${r.articles === 1 ? '' : 's'}`}
              </div>
              {href ? (
                <a className={styles.url} href={href} target="_blank" rel="noopener noreferrer" data-testid="feed-url">
                  {r.url}
                </a>
              ) : (
                <span className={styles.url} data-testid="feed-url">
                  {r.url}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}

/** One entry per article, however many sentences of it support the item. */
function Sources({ sources }: { sources: SourceClaim[] }) {
  const byArticle = new Map<string, SourceClaim[]>();
  for (const s of sources) byArticle.set(s.article, [...(byArticle.get(s.article) ?? []), s]);
  const articles = byArticle.size;
  return (
    <>
      <h3 className={styles.sourcesHead}>
        {articles} source{articles === 1 ? '' : 's'}
      </h3>
      <ol className={styles.sources} aria-label="Sources">
        {[...byArticle.entries()].map(([article, claims]) => {
          const s = claims[0]!;
          return (
            <li key={article} data-testid="source">
              {claims.map((c) => (
                <blockquote key={c.offset} className={styles.quote} data-testid="quote">
                  {c.quote}
                </blockquote>
              ))}
              <div className={styles.cite}>
                {/* <bdi>: a direction override in a stored title must end with it, not reverse what follows. */}
                <bdi className={styles.headline} data-testid="source-title">
                  {articleTitle({ headline: s.headline, outlet: s.outlet, date: s.articleDate })}
                </bdi>
                {/* Without a headline the title already says the outlet (or its absence) and the date. */}
                {s.headline && (
                  <span className={styles.muted}>
                    {' · '}
                    <bdi data-testid="source-outlet">{s.outlet ?? 'outlet not named in the text'}</bdi> · {formatInterval({ start: s.articleDate, end: s.articleDate, precision: 'day' })}
                  </span>
                )}
                {claims.some((c) => c.dateText || c.placeText) && (
                  <div className={styles.claims}>
                    {claims.map((c) => (
                      <Fragment key={c.offset}>
                        {c.dateText && c.date && (
                          <span>
                            says “<bdi>{c.dateText}</bdi>” → {formatInterval(c.date)}
                          </span>
                        )}
                        {c.placeText && (
                          <span>
                            names the place “<bdi>{c.placeText}</bdi>”
                          </span>
                        )}
                      </Fragment>
                    ))}
                  </div>
                )}
                <a className={styles.read} href={articleHref(s)} target="_blank" rel="noopener noreferrer">
                  Read the article, quote highlighted →
                </a>
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}

const REVIEW_NOTE: Record<ReviewState, string> = {
  unreviewed: 'nobody has reviewed it yet',
  accepted: 'accepted by a reviewer',
  edited: 'corrected by a reviewer',
  rejected: 'rejected by a reviewer',
};

/** Who made this item: a pipeline, with its confidence, and what a person has said of it since. */
function ExtractionNote({ extraction }: { extraction?: Extraction }) {
  if (!extraction) return null;
  const review = extraction.review ?? 'unreviewed';
  return (
    <p className={styles.extraction} data-testid="extraction-note" data-review={review}>
      Machine-extracted from the article below ({extraction.pipeline}, confidence {Math.round(extraction.confidence * 100)}%): {REVIEW_NOTE[review]}.
    </p>
  );
}

function DateLine(p: { start: string; end: string; precision: EventFeature['properties']['precision']; dateInferred: boolean; dateBasis?: string }) {
  return (
    <span>
      {formatInterval(p)} <span className={styles.muted}>({p.precision} precision)</span>
      {p.dateInferred && (
        <span className={styles.inferred} title={p.dateBasis}>
          inferred
        </span>
      )}
      {p.dateBasis && <span className={styles.basis}>{p.dateBasis}</span>}
    </span>
  );
}

export function EventPopup({ event, shareUrl }: { event: EventFeature; shareUrl: string }) {
  const p = event.properties;
  return (
    <article className={styles.popup} data-testid="popup" data-event-id={p.id} aria-labelledby={`popup-title-${p.id}`}>
      <header className={styles.head}>
        <span className={styles.chip} style={{ background: CATEGORY_COLORS[p.category] }}>
          {CATEGORY_LABELS[p.category]}
        </span>
        <CopyLinkButton url={shareUrl} label="Copy link to this event" />
      </header>
      <h2 id={`popup-title-${p.id}`} className={styles.title}>
        {p.title}
      </h2>
      <p className={styles.summary}>{p.summary}</p>
      <ExtractionNote {...(p.extraction ? { extraction: p.extraction } : {})} />
      <dl className={styles.facts}>
        <dt>When</dt>
        <dd data-testid="popup-date">
          <DateLine {...p} />
        </dd>
        <dt>Where</dt>
        <dd data-testid="popup-place">
          <PlaceLine place={p.place} />
        </dd>
        <ActorsLine actors={p.actors} />
      </dl>
      {p.disputed.length > 0 && (
        <p className={styles.dispute} data-testid="dispute">
          Sources differ on the {p.disputed.join(' and ')}
          {p.disputed.includes('place') && p.placeClaims && ` (${claimList(p.placeClaims)})`}: each claim is shown below.
        </p>
      )}
      {p.precisionDiffers.includes('place') && p.placeClaims && (
        <p className={styles.precision} data-testid="precision-note">
          Sources differ in precision: {claimList(p.placeClaims)}. One lies within the other, so they do not disagree.
        </p>
      )}
      {p.sourceType === 'feed' ? <FeedRecords records={p.feedSources ?? []} /> : <Sources sources={p.sources} />}
    </article>
  );
}

export function MovementPopup({ movement, shareUrl }: { movement: MovementFeature; shareUrl: string }) {
  const p = movement.properties;
  return (
    <article className={styles.popup} data-testid="movement-popup" data-movement-id={p.id} aria-labelledby={`popup-title-${p.id}`}>
      <header className={styles.head}>
        <span className={styles.chip} style={{ background: MOVEMENT_COLORS[p.kind] }}>
          {MOVEMENT_LABELS[p.kind]}
          {p.status !== 'reported' && ` · ${p.status}`}
        </span>
        <CopyLinkButton url={shareUrl} label="Copy link to this movement" />
      </header>
      <h2 id={`popup-title-${p.id}`} className={styles.title}>
        {p.title}
      </h2>
      <p className={styles.summary}>{p.summary}</p>
      <ExtractionNote {...(p.extraction ? { extraction: p.extraction } : {})} />
      <dl className={styles.facts}>
        <dt>When</dt>
        <dd>
          <DateLine {...p} />
        </dd>
        <dt>From</dt>
        <dd data-testid="movement-origin">
          <PlaceLine place={p.origin} />
        </dd>
        {p.via.map((v) => (
          <Fragment key={v.id}>
            <dt>Via</dt>
            <dd>
              <PlaceLine place={v} />
            </dd>
          </Fragment>
        ))}
        <dt>To</dt>
        <dd>
          <PlaceLine place={p.destination} />
        </dd>
        <ActorsLine actors={p.actors} />
      </dl>
      <Sources sources={p.sources} />
    </article>
  );
}

/** Events that share one place: zooming never separates them, so they are listed. */
export function ClusterPopup({ items, onPick }: { items: MapEventProps[]; onPick(id: string): void }) {
  const sorted = [...items].sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
  return (
    <div className={styles.popup} data-testid="cluster-popup">
      <h2 className={styles.title}>
        {items.length} events at {sorted[0]?.placeName ?? 'this place'}
        {items.every((e) => e.placePrecision === 'country') && <span className={styles.muted}> (country-level)</span>}
      </h2>
      <ul className={styles.clusterList}>
        {sorted.map((e) => (
          <li key={e.id}>
            <button type="button" onClick={() => onPick(e.id)}>
              <span className={styles.dotSmall} style={{ background: CATEGORY_COLORS[e.category] }} aria-hidden="true" />
              <span>
                {e.title}
                <span className={styles.muted}> · {formatInterval(e)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
