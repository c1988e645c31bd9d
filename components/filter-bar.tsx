'use client';
// Category, actor, text and layer filters beside the timeline. Each change is one history entry.
import { useEffect, useState } from 'react';
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
      <fieldset className={styles.chips} data-testid="categories">
        <legend className={styles.srOnly}>Categories</legend>
        {CATEGORIES.map((c) => {
          const on = !categories || categories.includes(c);
          return (
            <button key={c} type="button" aria-pressed={!!categories?.includes(c)} data-category={c} className={on ? styles.chipOn : styles.chipOff} onClick={() => onChange({ categories: toggled(CATEGORIES, categories, c) })}>
              <span className={styles.dot} style={{ background: CATEGORY_COLORS[c] }} />
              {CATEGORY_LABELS[c]}
            </button>
          );
        })}
      </fieldset>
      <fieldset className={styles.chips} data-testid="kinds">
        <legend className={styles.srOnly}>Movements</legend>
        {MOVEMENT_KINDS.map((k) => {
          const on = !kinds || kinds.includes(k);
          return (
            <button key={k} type="button" aria-pressed={!!kinds?.includes(k)} data-kind={k} className={on ? styles.chipOn : styles.chipOff} onClick={() => onChange({ kinds: toggled(MOVEMENT_KINDS, kinds, k) })}>
              <span className={styles.line} style={{ background: MOVEMENT_COLORS[k] }} />
              {MOVEMENT_PLURAL[k]}
            </button>
          );
        })}
      </fieldset>
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
