'use client';
// A reviewer's corrections to one extracted item: its dates, its place (a movement's destination),
// its category (events only) and its actors. Only changed fields are sent.
import { useState, type FormEvent } from 'react';
import { editFields, editFromFields, type EditFields, type Editable } from '@/lib/article-panel';
import type { ReviewEdit } from '@/lib/store/contract';
import type { Actor } from '@/lib/types';
import { CATEGORIES, DATE_PRECISIONS, PLACE_PRECISIONS } from '@/lib/vocab';
import styles from './add-article.module.css';

interface ReviewEditFormProps {
  item: Editable;
  isEvent: boolean;
  actors: readonly Actor[];
  busy: boolean;
  onSave(edit: ReviewEdit): void;
  onCancel(): void;
}

export function ReviewEditForm({ item, isEvent, actors, busy, onSave, onCancel }: ReviewEditFormProps) {
  const [before] = useState(() => editFields(item));
  const [f, setF] = useState<EditFields>(before);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<EditFields>) => setF((x) => ({ ...x, ...patch }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = editFromFields(before, f, { category: isEvent });
    setError(r.ok ? null : r.error);
    if (r.ok) onSave(r.edit);
  };
  const input = (key: keyof EditFields, label: string, type = 'text') => (
    <label className={styles.field}>
      {label}
      <input type={type} name={key} value={f[key]} onChange={(e) => set({ [key]: e.target.value })} {...(key === 'actors' ? { list: 'known-actors' } : {})} />
    </label>
  );
  const select = <K extends 'precision' | 'placePrecision' | 'category'>(key: K, label: string, options: readonly EditFields[K][]) => (
    <label className={styles.field}>
      {label}
      <select name={key} value={f[key]} onChange={(e) => set({ [key]: e.target.value } as Partial<EditFields>)}>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    </label>
  );

  return (
    <form className={styles.edit} onSubmit={submit} aria-label="Edit the extracted item">
      <div className={styles.row}>
        {input('start', 'Start', 'date')}
        {input('end', 'End', 'date')}
      </div>
      <div className={styles.row}>
        {select('precision', 'Date precision', DATE_PRECISIONS)}
        {isEvent ? select('category', 'Category', CATEGORIES) : <span />}
      </div>
      <div className={styles.row}>
        {input('placeName', isEvent ? 'Place' : 'Destination')}
        {select('placePrecision', 'Place precision', PLACE_PRECISIONS)}
      </div>
      <div className={styles.row}>
        {input('lat', 'Latitude')}
        {input('lng', 'Longitude')}
      </div>
      {input('actors', 'Actors (ids, comma-separated)')}
      <datalist id="known-actors">
        {actors.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </datalist>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      <div className={styles.actions}>
        <button type="submit" className={styles.primary} disabled={busy}>
          Save edit
        </button>
        <button type="button" className={styles.button} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
