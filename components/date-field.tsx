'use client';
// A native date input that applies a date only when the user is done with it. Chromium's input
// reports every keystroke as a complete value (typing 07312024 passes through 2024-07-05, 2024-07-03,
// 0002-07-31, 0020-07-31, 0202-07-31), so applying on change filled the history with garbage and,
// clamped, turned a stray 0202 into 1 Jan 1983. Here typed values are drafts, applied on Enter or
// blur; a change counts as a pick from the native picker (applied at once) only when no editing key
// was pressed in the field since it was focused or clicked. Playwright's fill() and mobile pickers
// also arrive as key-less changes.
//
// The input is uncontrolled while it holds a draft: React writing `value` back mid-typing resets
// Chromium's segment editing (that reset is what scrambled the old field). The applied value is
// written into the DOM only when there is no draft.
//
// A refused draft (reversed, outside the data, incomplete) stays in the field, aria-invalid, after
// Enter so the user can fix the one wrong segment instead of retyping; Escape restores the applied
// date. Leaving the field (blur) restores the applied date too: a field the user is no longer
// editing must never show a date that is not in effect. The parent's message says what was refused.
import { useEffect, useRef, useState } from 'react';
import styles from './timeline.module.css';

export interface DateFieldProps {
  label: string;
  testId: string;
  /** the applied date */
  value: string;
  min: string;
  max: string;
  /** the parent's message about this field (id of the element), while it applies */
  errorId?: string;
  /** Apply a finished value: true when applied (or unchanged), false when refused (the parent says why). */
  onApply(value: string): boolean;
  /** the user abandoned the draft (Escape) */
  onCancel?(): void;
}

// Keys that move between segments or open the picker without editing the value.
const NON_EDITING = new Set(['Tab', 'Shift', 'Control', 'Alt', 'Meta', 'ArrowLeft', 'ArrowRight', 'Enter', 'Escape']);

export function DateField({ label, testId, value, min, max, errorId, onApply, onCancel }: DateFieldProps) {
  const ref = useRef<HTMLInputElement>(null);
  const draft = useRef(false); // the field holds a value the user has not finished with
  const keyed = useRef(false); // an editing key was pressed since focus / pointer down
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    const el = ref.current;
    if (el && !draft.current && el.value !== value) el.value = value;
  }, [value]);

  const restore = () => {
    draft.current = false;
    setInvalid(false);
    if (ref.current) ref.current.value = value;
  };
  const apply = (): boolean => {
    const el = ref.current;
    if (!el || !draft.current) return true;
    if (onApply(el.value)) {
      draft.current = false;
      setInvalid(false);
      return true;
    }
    setInvalid(true);
    return false;
  };

  return (
    <label className={styles.field}>
      <span>{label}</span>
      <input
        ref={ref}
        type="date"
        data-testid={testId}
        defaultValue={value}
        min={min}
        max={max}
        required
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        onFocus={() => (keyed.current = false)}
        onPointerDown={() => (keyed.current = false)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          } else if (e.key === 'Escape') {
            if (draft.current || invalid) {
              e.preventDefault();
              restore();
              onCancel?.();
            }
          } else if (!NON_EDITING.has(e.key) && !e.altKey) keyed.current = true; // Alt+↓ opens the picker
        }}
        onChange={(e) => {
          draft.current = e.target.value !== value;
          if (!draft.current) return setInvalid(false);
          if (!keyed.current) apply();
        }}
        onBlur={() => {
          if (!apply()) restore();
        }}
      />
    </label>
  );
}
