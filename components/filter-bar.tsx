'use client';
// Category, actor, text and layer filters beside the timeline. Each change is one history entry.
import { useEffect, useState } from 'react';
import { CATEGORY_COLORS, CATEGORY_LABELS } from '@/lib/palette';
import type { Actor } from '@/lib/types';
import { CATEGORIES, type Category } from '@/lib/vocab';
import { LAYERS, type LayerName } from '@/lib/url-state';
import styles from './filter-bar.module.css';

export interface FilterBarProps {
  categories?: Category[];
  actor?: string;
  q?: string;
  layers?: LayerName[];
  /** sorted by name */
  actors: Actor[];
  onChange(patch: { categories?: Category[] | undefined; actor?: string | undefined; q?: string | undefined; layers?: LayerName[] | undefined }): void;
}

export function FilterBar({ categories, actor, q, layers, actors, onChange }: FilterBarProps) {
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

  const toggleCategory = (c: Category) => {
    const set = new Set(categories ?? []);
    if (set.has(c)) set.delete(c);
    else set.add(c);
    onChange({ categories: set.size ? CATEGORIES.filter((x) => set.has(x)) : undefined });
  };
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
            <button key={c} type="button" aria-pressed={!!categories?.includes(c)} data-category={c} className={on ? styles.chipOn : styles.chipOff} onClick={() => toggleCategory(c)}>
              <span className={styles.dot} style={{ background: CATEGORY_COLORS[c] }} />
              {CATEGORY_LABELS[c]}
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
