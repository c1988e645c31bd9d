'use client';
// One event or movement read from the article: what it is, how it merged, and the reviewer's
// accept / reject / edit, each through the review routes. A rejection is kept and can be undone: the
// store gives the item back the state it had (accepted, edited or unreviewed).
import { useState } from 'react';
import { formatInterval } from '@/lib/dates';
import { CATEGORY_LABELS, MOVEMENT_LABELS } from '@/lib/palette';
import type { ReviewDecision } from '@/lib/store/contract';
import type { Actor, EventFeature, MovementFeature } from '@/lib/types';
import { mergeLabel } from '@/lib/article-panel';
import { reviewItem } from './article-api';
import { ReviewEditForm } from './review-edit-form';
import styles from './add-article.module.css';

export interface ExtractedEntry {
  kind: 'event' | 'movement';
  id: string;
  feature: EventFeature | MovementFeature;
  merge?: { merged: boolean; syndicatedOf?: string };
}

interface ExtractedItemProps {
  entry: ExtractedEntry;
  token: string;
  actors: readonly Actor[];
  onChange(feature: EventFeature | MovementFeature): void;
  onShow(entry: ExtractedEntry): void;
  onFocus(key: string | null): void;
}

const isMovement = (f: EventFeature | MovementFeature): f is MovementFeature => 'kind' in f.properties;

export function ExtractedItem({ entry, token, actors, onChange, onShow, onFocus }: ExtractedItemProps) {
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const f = entry.feature;
  const p = f.properties;
  const review = p.extraction?.review;
  const place = isMovement(f) ? `${f.properties.origin.name} → ${f.properties.destination.name}` : f.properties.place.name;
  const what = isMovement(f) ? MOVEMENT_LABELS[f.properties.kind] : CATEGORY_LABELS[f.properties.category];

  async function decide(decision: ReviewDecision) {
    setBusy(true);
    const r = await reviewItem(token, entry.kind, entry.id, decision);
    setBusy(false);
    setError(r.ok ? null : r.error);
    if (!r.ok) return;
    setEditing(false);
    onChange(r.value);
  }

  const editable = isMovement(f) ? { ...f.properties, place: f.properties.destination } : { ...f.properties };
  return (
    <li className={styles.item} data-testid="extracted-item" data-kind={entry.kind} data-id={entry.id} data-review={review ?? 'curated'} onMouseEnter={() => onFocus(entry.id)} onMouseLeave={() => onFocus(null)}>
      <div className={styles.itemHead}>
        <span className={styles.itemTitle}>{p.title}</span>
        <span className={styles.badge}>{entry.kind}</span>
        {entry.merge && <span className={styles.badge}>{mergeLabel(entry.merge)}</span>}
        <span className={styles.badge} data-testid="review-state">
          {review ?? 'curated'}
        </span>
      </div>
      <span className={styles.meta}>
        {formatInterval(p)} · {place} · {what}
        {/* <bdi>: names come from the article, and a direction override in one must end with it. */}
        {p.actors.length > 0 && (
          <>
            {' · '}
            <bdi>{p.actors.map((a) => a.name).join(', ')}</bdi>
          </>
        )}
        {p.extraction && ` · confidence ${Math.round(p.extraction.confidence * 100)}%`}
      </span>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      {!p.extraction ? (
        <span className={styles.meta}>Merged into a curated event: there is nothing machine-made to review.</span>
      ) : review === 'rejected' ? (
        <div className={styles.actions}>
          <span className={styles.meta}>Rejected: hidden from the map, kept for an undo.</span>
          <button type="button" className={styles.button} disabled={busy} onClick={() => void decide({ state: 'restore' })}>
            Undo
          </button>
        </div>
      ) : (
        <div className={styles.actions}>
          <button type="button" className={styles.button} disabled={busy || review === 'accepted'} onClick={() => void decide({ state: 'accepted' })}>
            Accept
          </button>
          <button type="button" className={styles.button} disabled={busy} onClick={() => void decide({ state: 'rejected' })}>
            Reject
          </button>
          <button type="button" className={styles.button} aria-expanded={editing} onClick={() => setEditing((x) => !x)}>
            Edit
          </button>
          <button type="button" className={styles.button} onClick={() => onShow(entry)}>
            Show on map
          </button>
        </div>
      )}
      {editing && p.extraction && review !== 'rejected' && (
        <ReviewEditForm item={editable} isEvent={!isMovement(f)} actors={actors} busy={busy} onSave={(edit) => void decide({ state: 'edited', edit })} onCancel={() => setEditing(false)} />
      )}
    </li>
  );
}
