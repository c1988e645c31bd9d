'use client';
// The events in view, kept in step with the map: hover highlights the marker, a click flies there
// and opens the popup.
import { formatInterval } from '@/lib/dates';
import type { EventSummaryFeature } from '@/lib/events';
import { CATEGORY_COLORS, CATEGORY_LABELS } from '@/lib/palette';
import styles from './event-list.module.css';

export interface EventListProps {
  /** newest first (the crisis is what readers come for; background sinks to the bottom) */
  events: EventSummaryFeature[];
  total: number;
  selectedId?: string;
  hoveredId?: string;
  onHover(id: string | null): void;
  onSelect(id: string): void;
}

/** Rows drawn at once: beyond this a list stops being read and only slows the page. */
export const LIST_LIMIT = 200;

export function EventList({ events, total, selectedId, hoveredId, onHover, onSelect }: EventListProps) {
  const sorted = events.length > LIST_LIMIT ? events.slice(0, LIST_LIMIT) : events;
  return (
    <section className={styles.list} aria-label="Events in view">
      <h2 className={styles.count} data-testid="list-count">
        {events.length} event{events.length === 1 ? '' : 's'} in view
        {total > events.length && <span className={styles.muted}> of {total} in range</span>}
      </h2>
      {events.length === 0 && <p className={styles.empty}>No events here in this date range. Zoom out or widen the range.</p>}
      <ul data-testid="event-list">
        {sorted.map(({ properties: p }) => (
          <li key={p.id} data-event-id={p.id}>
            <button
              type="button"
              className={styles.item}
              aria-current={p.id === selectedId ? 'true' : undefined}
              data-hovered={p.id === hoveredId || undefined}
              onMouseEnter={() => onHover(p.id)}
              onMouseLeave={() => onHover(null)}
              onFocus={() => onHover(p.id)}
              onBlur={() => onHover(null)}
              onClick={() => onSelect(p.id)}
            >
              <span className={styles.dot} style={{ background: CATEGORY_COLORS[p.category] }} aria-hidden="true" />
              <span className={styles.body}>
                <span className={styles.title}>{p.title}</span>
                <span className={styles.meta}>
                  {formatInterval(p)}
                  {p.dateInferred && ' (inferred)'} · {p.placeName}
                  {p.placeInferred && ' (inferred)'} · {CATEGORY_LABELS[p.category]} · {p.corroboration} source{p.corroboration === 1 ? '' : 's'}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {events.length > sorted.length && (
        <p className={styles.empty} data-testid="list-more">
          {events.length - sorted.length} more, older — zoom in or narrow the range to list them.
        </p>
      )}
    </section>
  );
}
