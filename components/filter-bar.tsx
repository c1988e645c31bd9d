'use client';
// Category, actor, text and layer filters beside the timeline. Each change is one history entry.
import { useEffect, useState, type ReactNode } from 'react';
import { CATEGORY_COLORS, CATEGORY_LABELS, MOVEMENT_COLORS, MOVEMENT_PLURAL } from '@/lib/palette';
import type { Actor } from '@/lib/types';
import { CATEGORIES, MOVEMENT_KINDS, type Category, type MovementKind } from '@/lib/vocab';
import { LAYERS, type LayerName } from '@/lib/url-state';
import styles from './filter-bar.module.css';

export interface FilterBarProps {
  categories?: Category[];
  kinds?: MovementKind[];
  actor?: string;
  q?: string;
  layers?: LayerName[];
  /** sorted by name */
  actors: Actor[];
  onChange(patch: { categories?: Category[] | undefined; kinds?: MovementKind[] | undefined; actor?: string | undefined; q?: string | undefined; layers?: LayerName[] | undefined }): void;
}

/** A chip set where nothing pressed means "all": pressing a chip narrows to it, pressing it again widens back. */
function toggled<T extends string>(vocab: readonly T[], current: T[] | undefined, value: T): T[] | undefined {
  const set = new Set(current ?? []);
  if (set.has(value)) set.delete(value);
  else set.add(value);
  return set.size ? vocab.filter((x) => set.has(x)) : undefined;
}

/** One row of chips over a vocabulary; none pressed means all. */
function ChipSet<T extends string>(props: { legend: string; testId: string; dataKey: string; vocab: readonly T[]; current: T[] | undefined; label(v: T): string; swatch(v: T): ReactNode; onChange(v: T[] | undefined): void }) {
  const { vocab, current } = props;
  return (
    <fieldset className={styles.chips} data-testid={props.testId}>
      <legend className={styles.srOnly}>{props.legend}</legend>
      {vocab.map((v) => (
        <button
          key={v}
          type="button"
          aria-pressed={!!current?.includes(v)}
          {...{ [`data-${props.dataKey}`]: v }}
          className={!current || current.includes(v) ? styles.chipOn : styles.chipOff}
          onClick={() => props.onChange(toggled(vocab, current, v))}
        >
          {props.swatch(v)}
          {props.label(v)}
        </button>
      ))}
    </fieldset>
  );
}

export function FilterBar({ categories, kinds, actor, q, layers, actors, onChange }: FilterBarProps) {
  const [text, setText] = useState(q ?? '');
  useEffect(() => setText(q ?? ''), [q]);
  // Typing settles before it filters, so each keystroke does not become a history entry.
  useEffect(() => {
    const t = window.setTimeout(() => {
      const next = text.trim() || undefined;
      if (next !== q) onChange({ q: next });
    }, 450);
    return () => window.clearTimeout(t);
  }, [text, q, onChange]);

  const shown = layers ?? [...LAYERS];
  const toggleLayer = (l: LayerName) => {
    const next = shown.includes(l) ? shown.filter((x) => x !== l) : LAYERS.filter((x) => x === l || shown.includes(x));
    onChange({ layers: next.length === LAYERS.length ? undefined : next });
  };

  return (
    <div className={styles.bar} role="group" aria-label="Filters">
      <form className={styles.search} role="search" onSubmit={(e) => e.preventDefault()}>
        <input type="search" placeholder="Search events, people, quotes…" aria-label="Search" data-testid="search" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
      </form>
      <select aria-label="Actor" data-testid="actor" value={actor ?? ''} onChange={(e) => onChange({ actor: e.target.value || undefined })}>
        <option value="">All actors</option>
        {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
      </select>
      <ChipSet legend="Categories" testId="categories" dataKey="category" vocab={CATEGORIES} current={categories} label={(c) => CATEGORY_LABELS[c]} swatch={(c) => <span className={styles.dot} style={{ background: CATEGORY_COLORS[c] }} />} onChange={(v) => onChange({ categories: v })} />
      <ChipSet legend="Movements" testId="kinds" dataKey="kind" vocab={MOVEMENT_KINDS} current={kinds} label={(k) => MOVEMENT_PLURAL[k]} swatch={(k) => <span className={styles.line} style={{ background: MOVEMENT_COLORS[k] }} />} onChange={(v) => onChange({ kinds: v })} />
      <fieldset className={styles.layers}>
        <legend className={styles.srOnly}>Layers</legend>
        {LAYERS.map((l) => (
          <label key={l}>
            <input type="checkbox" data-testid={`layer-${l}`} checked={shown.includes(l)} onChange={() => toggleLayer(l)} /> {l}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
