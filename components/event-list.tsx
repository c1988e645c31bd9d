'use client';
// The events and movements in view, kept in step with the map: hover highlights the marker or arc,
// a click (or Enter) flies there and opens the popup. Two tabs, one list each; rows are buttons, so
// the keyboard reaches every item.
import { useState, type ReactNode } from 'react';
import { formatInterval } from '@/lib/dates';
import type { EventSummaryFeature } from '@/lib/events';
import { CATEGORY_COLORS, CATEGORY_LABELS, MOVEMENT_COLORS, MOVEMENT_LABELS } from '@/lib/palette';
import type { MovementFeature } from '@/lib/types';
import styles from './event-list.module.css';

export interface SideListProps {
  /** the pages loaded so far, newest first (the crisis is what readers come for; background sinks) */
  events: EventSummaryFeature[];
  movements: MovementFeature[];
  /** items in view (null while counting) */
  inView: { events: number | null; movements: number };
  /** items in range, in view or not */
  totals: { events: number | null; movements: number };
  loading: boolean;
  /** more events in view than the pages loaded */
  more: boolean;
  loadingMore: boolean;
  onMore(): void;
  selectedId?: string;
  hoveredId?: string;
  onHover(id: string | null): void;
  onSelect(kind: 'event' | 'movement', id: string): void;
}

type Tab = 'events' | 'movements';
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function Row(props: { id: string; kind: 'event' | 'movement'; color: string; title: string; meta: ReactNode; unreviewed?: boolean; list: SideListProps }) {
  const { id, kind, list } = props;
  return (
    <li data-event-id={kind === 'event' ? id : undefined} data-movement-id={kind === 'movement' ? id : undefined} data-unreviewed={props.unreviewed || undefined}>
      <button
        type="button"
        className={styles.item}
        aria-current={id === list.selectedId ? 'true' : undefined}
        data-hovered={id === list.hoveredId || undefined}
        onMouseEnter={() => list.onHover(id)}
        onMouseLeave={() => list.onHover(null)}
        onFocus={() => list.onHover(id)}
        onBlur={() => list.onHover(null)}
        onClick={() => list.onSelect(kind, id)}
      >
        {/* hollow like its marker on the map when nobody has reviewed it yet */}
        <span
          className={kind === 'event' ? styles.dot : styles.line}
          style={props.unreviewed ? { background: '#fff', borderColor: props.color, borderStyle: 'dashed' } : { background: props.color }}
          aria-hidden="true"
        />
        <span className={styles.body}>
          <span className={styles.title}>{props.title}</span>
          <span className={styles.meta}>{props.meta}</span>
        </span>
      </button>
    </li>
  );
}

/** One tab's rows: both panels stay in the document (the inactive one hidden), so switching tabs
 * loses no scroll position and what is listed never depends on which tab happens to be open. */
function Panel(props: { tab: Tab; active: boolean; rows: ReactNode[]; shown: number | null; total: number | null; loading: boolean; more?: { loading: boolean; onMore(): void } }) {
  const { tab, active, rows, shown, total, loading, more } = props;
  const word = tab === 'events' ? 'event' : 'movement';
  const counted = !loading && shown !== null;
  return (
    <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} hidden={!active}>
      <h2 className={styles.count} data-testid={active ? 'list-count' : undefined}>
        {counted ? `${plural(shown, word)} in view` : 'Loading…'}
        {counted && total !== null && total > shown && <span className={styles.muted}> of {total} in range</span>}
      </h2>
      {counted && shown === 0 && <p className={styles.empty}>No {word}s here in this date range. Zoom out or widen the range.</p>}
      <ul data-testid={`${word}-list`}>{rows}</ul>
      {more && counted && (
        <p className={styles.empty} data-testid={active ? 'list-more' : undefined}>
          {shown - rows.length} more, older.{' '}
          <button type="button" className={styles.more} disabled={more.loading} onClick={more.onMore}>
            {more.loading ? 'Loading…' : 'Show more'}
          </button>
        </p>
      )}
    </div>
  );
}

const unreviewedNote = <span className={styles.unreviewed}> · machine-extracted, unreviewed</span>;

function eventRow({ properties: p }: EventSummaryFeature) {
  return {
    id: p.id,
    color: CATEGORY_COLORS[p.category],
    title: p.title,
    meta: (
      <>
        {formatInterval(p)}
        {p.dateInferred && ' (inferred)'} · {p.placeName}
        {p.placeInferred && ' (inferred)'} · {CATEGORY_LABELS[p.category]} · {p.sourceType === 'feed' ? 'feed record, machine-coded' : plural(p.corroboration, 'source')}
        {p.review === 'unreviewed' && unreviewedNote}
      </>
    ),
    unreviewed: p.review === 'unreviewed',
  };
}

function movementRow({ properties: p }: MovementFeature) {
  return {
    id: p.id,
    color: MOVEMENT_COLORS[p.kind],
    title: p.title,
    meta: (
      <>
        {formatInterval(p)}
        {p.dateInferred && ' (inferred)'} · {p.origin.name}
        {p.origin.inferred && ' (inferred)'} → {p.destination.name} · {MOVEMENT_LABELS[p.kind]}
        {p.status !== 'reported' && ` · ${p.status}`}
        {p.extraction?.review === 'unreviewed' && unreviewedNote}
      </>
    ),
    unreviewed: p.extraction?.review === 'unreviewed',
  };
}

export function SideList(props: SideListProps) {
  const { events, movements, inView, totals, loading } = props;
  const [tab, setTab] = useState<Tab>('events');
  return (
    <section className={styles.list} aria-label="Items in view">
      <div className={styles.tabs} role="tablist" aria-label="List">
        {(['events', 'movements'] as const).map((t) => (
          <button key={t} type="button" role="tab" id={`tab-${t}`} aria-selected={tab === t} aria-controls={`panel-${t}`} data-testid={`tab-${t}`} onClick={() => setTab(t)}>
            {t === 'events' ? 'Events' : 'Movements'} ({t === 'events' ? (inView.events ?? '…') : inView.movements})
          </button>
        ))}
      </div>
      <Panel
        tab="events"
        active={tab === 'events'}
        shown={inView.events}
        total={totals.events}
        loading={loading}
        more={props.more ? { loading: props.loadingMore, onMore: props.onMore } : undefined}
        rows={events.map((e) => <Row key={e.properties.id} kind="event" list={props} {...eventRow(e)} />)}
      />
      <Panel
        tab="movements"
        active={tab === 'movements'}
        shown={movements.length}
        total={totals.movements}
        loading={false}
        rows={movements.map((m) => <Row key={m.properties.id} kind="movement" list={props} {...movementRow(m)} />)}
      />
    </section>
  );
}
