'use client';
// The timeline under the map: overview strip (whole domain, fisheye-log scale), focus histogram with a
// range brush, From/To date inputs, presets, play/pause and speed. Pure logic lives in lib/timeline.
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  addDays,
  centerRange,
  chooseBinDays,
  clampRange,
  countInRange,
  diffDays,
  focusWindow,
  formatRange,
  histogram,
  isIsoDate,
  nextFocus,
  presets,
  rangeFromInput,
  rangeLength,
  sameRange,
  shiftRange,
  type DateRange,
  type Preset,
  type TimelineItem,
} from '@/lib/timeline';
import { TimelineFocus } from './timeline-focus';
import { TimelineOverview } from './timeline-overview';
import { usePlayback } from './use-playback';
import styles from './timeline.module.css';

export type { DateRange, TimelineItem } from '@/lib/timeline';

export interface TimelineProps {
  items: TimelineItem[]; // ALL items (unfiltered by date), for the histogram
  domain: DateRange; // whole data span
  range: DateRange; // current selected range (inclusive)
  onRangeChange(range: DateRange, opts: { commit: boolean }): void; // commit=false while dragging/playing
  playing: boolean;
  onPlayingChange(playing: boolean): void;
  speed: number;
  onSpeedChange(speed: number): void; // days per tick
  categoryColors?: Record<string, string>;
  /** presets computed once from all data (else from `items`) */
  presets?: Preset[];
  /** items in range, when the parent already knows it (saves a pass over every item) */
  count?: number;
  /** speeds offered in the select (default 1, 2, 4, 7) */
  speeds?: number[];
  /** run usePlayback inside the component (default true); pass false if the parent runs it */
  autoPlayback?: boolean;
  className?: string;
}

/** Width of an element, tracked with ResizeObserver (initial guess until mounted). */
function useWidth(initial = 640) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(([entry]) => entry && setWidth(Math.round(entry.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}

/** Same object while the dates are equal, so memos don't recompute on every parent render. */
function useStableRange({ from, to }: DateRange): DateRange {
  return useMemo(() => ({ from, to }), [from, to]);
}

function DateField(props: { label: string; testId: string; value: string; domain: DateRange; onCommit(value: string): void }) {
  const { label, testId, value, domain, onCommit } = props;
  // While typing, Chromium reports intermediate years (0002-…): keep those as a draft and only
  // commit in-domain dates immediately; anything else is committed (clamped) on blur or Enter.
  const [draft, setDraft] = useState<string | null>(null);
  const flush = () => {
    if (draft !== null && isIsoDate(draft)) onCommit(draft);
    setDraft(null);
  };
  return (
    <label className={styles.field}>
      <span>{label}</span>
      <input
        type="date"
        data-testid={testId}
        value={draft ?? value}
        min={domain.from}
        max={domain.to}
        required
        onChange={(e) => {
          const v = e.target.value;
          if (isIsoDate(v) && v >= domain.from && v <= domain.to) {
            setDraft(null);
            onCommit(v);
          } else setDraft(v);
        }}
        onBlur={flush}
        onKeyDown={(e) => e.key === 'Enter' && flush()}
      />
    </label>
  );
}

export function Timeline(props: TimelineProps) {
  const { items, playing, onPlayingChange, speed, onSpeedChange, categoryColors, autoPlayback = true } = props;
  const domain = useStableRange(clampRange(props.domain, props.domain));
  const safe = isIsoDate(props.range.from) && isIsoDate(props.range.to) ? clampRange(props.range, domain) : domain;
  const range = useStableRange(safe);
  const emit = (r: DateRange, commit: boolean) => {
    if (commit || !sameRange(r, range)) props.onRangeChange(r, { commit });
  };

  const [rootRef, width] = useWidth();
  const chartWidth = Math.max(240, width);
  const [dragging, setDragging] = useState(false);
  const [focus, setFocus] = useState<DateRange>(() => focusWindow(range, domain));
  const liveFocus = dragging ? focus : nextFocus(focus, range, domain); // fixed while dragging
  if (liveFocus !== focus) setFocus(liveFocus);

  const binDays = chooseBinDays(rangeLength(liveFocus), chartWidth - 24);
  const hist = useMemo(() => histogram(items, liveFocus, { binDays }), [items, liveFocus, binDays]);
  const presetList = useMemo(() => props.presets ?? presets(items, domain), [props.presets, items, domain]);
  const crisis = presetList[0] ?? domain;
  const center = addDays(crisis.from, Math.floor(diffDays(crisis.from, crisis.to) / 2));
  const count = useMemo(() => props.count ?? countInRange(items, range), [props.count, items, range]);
  const days = rangeLength(range);

  usePlayback({
    playing: autoPlayback && playing,
    speed,
    range,
    domain,
    onRangeChange: (r, o) => emit(r, o.commit),
    onEnd: () => onPlayingChange(false),
  });

  const setEdge = (edge: 'from' | 'to') => (v: string) => {
    const r = rangeFromInput(range, edge, v, domain);
    if (r) emit(r, true);
  };
  const togglePlay = () => {
    if (playing) return onPlayingChange(false);
    // At the end of the data: replay from the start of the visible focus window.
    if (range.to >= domain.to) emit(shiftRange({ from: liveFocus.from, to: addDays(liveFocus.from, days - 1) }, 0, domain), true);
    onPlayingChange(true);
  };
  const speeds = [...new Set([...(props.speeds ?? [1, 2, 4, 7]), speed])].sort((a, b) => a - b);

  return (
    <div className={[styles.root, props.className].filter(Boolean).join(' ')}>
      <div className={styles.controls}>
        <DateField label="From" testId="range-from" value={range.from} domain={domain} onCommit={setEdge('from')} />
        <DateField label="To" testId="range-to" value={range.to} domain={domain} onCommit={setEdge('to')} />
        <div className={styles.presets} role="group" aria-label="Presets">
          {presetList.map((p) => (
            <button key={p.id} type="button" data-testid={`preset-${p.id}`} aria-pressed={sameRange(p, range)} title={formatRange(p)} onClick={() => emit({ from: p.from, to: p.to }, true)}>
              {p.label}
            </button>
          ))}
        </div>
        <div className={styles.playback}>
          <button type="button" data-testid="play" className={styles.play} aria-pressed={playing} aria-label={playing ? 'Pause' : 'Play'} onClick={togglePlay}>
            {playing ? '❚❚' : '▶'}
          </button>
          <label className={styles.field}>
            <span>Speed</span>
            <select data-testid="speed" value={speed} onChange={(e) => onSpeedChange(Number(e.target.value))}>
              {speeds.map((s) => (
                <option key={s} value={s}>
                  {s} day{s === 1 ? '' : 's'}/tick
                </option>
              ))}
            </select>
          </label>
        </div>
        <output className={styles.summary} data-testid="range-summary">
          {formatRange(range)} · {days} day{days === 1 ? '' : 's'} · {count} event{count === 1 ? '' : 's'}
        </output>
      </div>
      <div ref={rootRef} className={styles.charts}>
      <TimelineOverview
        items={items}
        domain={domain}
        center={center}
        focus={liveFocus}
        range={range}
        width={chartWidth}
        colors={categoryColors}
        onJump={(d) => emit(centerRange(d, days, domain), true)}
      />
      <TimelineFocus
        hist={hist}
        focus={liveFocus}
        range={range}
        domain={domain}
        width={chartWidth}
        colors={categoryColors}
        onRangeChange={(r, o) => emit(r, o.commit)}
        onDraggingChange={(d) => {
          setDragging(d);
          if (d && playing) onPlayingChange(false);
        }}
      />
      </div>
    </div>
  );
}
