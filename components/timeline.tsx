'use client';
// The timeline under the map: overview strip (whole domain, fisheye-log scale), focus histogram with a
// range brush, From/To date fields, presets, play/pause and speed. Both charts draw histograms the
// server counts for the bins they draw (lib/timeline scales name them); pure logic lives in lib/timeline.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  PLAYBACK_SPEEDS,
  addDays,
  applyDateInput,
  centerRange,
  clampRange,
  crisisCenter,
  focusHistogram,
  focusScale,
  focusWindow,
  formatRange,
  isIsoDate,
  nextFocus,
  ordered,
  overviewScale,
  rangeLength,
  sameRange,
  shiftRange,
  speedLabel,
  type DateRange,
  type Preset,
} from '@/lib/timeline';
import { DateField } from './date-field';
import { FOCUS_MX, TimelineFocus } from './timeline-focus';
import { OVERVIEW_MX, TimelineOverview } from './timeline-overview';
import { useHistogram } from './use-histogram';
import { usePlayback } from './use-playback';
import styles from './timeline.module.css';

export type { DateRange, Preset } from '@/lib/timeline';

export interface TimelineProps {
  /** the events the charts count, as API filter parameters (lib/url-state eventFilterQuery) */
  filters: string;
  domain: DateRange; // whole data span
  range: DateRange; // current selected range (inclusive)
  onRangeChange(range: DateRange, opts: { commit: boolean }): void; // commit=false while dragging/playing
  playing: boolean;
  onPlayingChange(playing: boolean): void;
  /** days the window advances per playback step, one step a second (PLAYBACK_SPEEDS lists the offered ones) */
  speed: number;
  onSpeedChange(speed: number): void;
  /**
   * The presets, from all data (the server's initial.presets), so the crisis window keeps its meaning
   * when the filters change; its middle centres both log scales.
   */
  presets: Preset[];
  categoryColors?: Record<string, string>;
  /** events in range, as the parent counts them; null while it is counting */
  count: number | null;
  /** speeds offered in the select, in days per step (default PLAYBACK_SPEEDS) */
  speeds?: number[];
  /** run usePlayback inside the component (default true); pass false if the parent runs it */
  autoPlayback?: boolean;
  className?: string;
}

/** Width of an element, tracked with ResizeObserver; null until mounted. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);
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

export function Timeline(props: TimelineProps) {
  const { filters, playing, onPlayingChange, speed, onSpeedChange, categoryColors, count, autoPlayback = true } = props;
  const domain = useStableRange(ordered(props.domain));
  const safe = isIsoDate(props.range.from) && isIsoDate(props.range.to) ? clampRange(props.range, domain) : domain;
  const range = useStableRange(safe);
  const emit = (r: DateRange, commit: boolean) => {
    if (commit || !sameRange(r, range)) props.onRangeChange(r, { commit });
  };

  const noticeId = useId();
  const [rootRef, measured] = useWidth();
  // Before the first measurement (and on the server) the charts are drawn 640 wide, with no bars.
  const chartWidth = Math.max(240, measured ?? 640);
  const [dragging, setDragging] = useState(false);
  const [focus, setFocus] = useState<DateRange>(() => focusWindow(range, domain));
  const liveFocus = dragging ? focus : nextFocus(focus, range, domain); // fixed while dragging: no request per drag frame
  if (liveFocus !== focus) setFocus(liveFocus);

  const presetList = props.presets;
  const center = useMemo(() => crisisCenter(presetList, domain), [presetList, domain]);
  const scale = useMemo(() => focusScale(liveFocus, chartWidth - 2 * FOCUS_MX, { center }), [liveFocus, chartWidth, center]);
  const focusData = useHistogram(filters, measured === null ? null : liveFocus, scale.bins);
  const hist = useMemo(() => (focusData.histogram ? focusHistogram(focusData.histogram, liveFocus) : null), [focusData.histogram, liveFocus]);
  const overview = useMemo(() => overviewScale(domain, center), [domain, center]);
  const overviewData = useHistogram(filters, measured === null ? null : domain, overview.bins(chartWidth - 2 * OVERVIEW_MX));
  const days = rangeLength(range);

  usePlayback({
    playing: autoPlayback && playing,
    speed,
    range,
    domain,
    onRangeChange: (r, o) => emit(r, o.commit),
    onEnd: () => onPlayingChange(false),
  });

  // A refused date: shown until the range changes (by any means) or the user abandons the draft.
  const [notice, setNotice] = useState<{ message: string; range: DateRange } | null>(null);
  const shownNotice = notice && sameRange(notice.range, range) ? notice.message : '';
  const applyEdge = (edge: 'from' | 'to') => (value: string) => {
    const result = applyDateInput(range, edge, value, domain);
    if (!result.ok) {
      setNotice({ message: result.message, range });
      return false;
    }
    setNotice(null);
    if (!sameRange(result.range, range)) emit(result.range, true); // one history entry per applied change
    return true;
  };
  const togglePlay = () => {
    if (playing) return onPlayingChange(false);
    // At the end of the data: replay from the start of the visible focus window.
    if (range.to >= domain.to) emit(shiftRange({ from: liveFocus.from, to: addDays(liveFocus.from, days - 1) }, 0, domain), true);
    onPlayingChange(true);
  };
  const speeds = [...new Set([...(props.speeds ?? PLAYBACK_SPEEDS.map((s) => s.days)), speed])].sort((a, b) => a - b);

  return (
    <div className={[styles.root, props.className].filter(Boolean).join(' ')}>
      <div className={styles.controls}>
        {/* The picker cannot offer a reversed range: From stops at To and To starts at From. */}
        <DateField label="From" testId="range-from" value={range.from} min={domain.from} max={range.to} errorId={noticeId} onApply={applyEdge('from')} onCancel={() => setNotice(null)} />
        <DateField label="To" testId="range-to" value={range.to} min={range.from} max={domain.to} errorId={noticeId} onApply={applyEdge('to')} onCancel={() => setNotice(null)} />
        <div className={styles.presets} role="group" aria-label="Presets">
          {presetList.map((p) => (
            <button key={p.id} type="button" data-testid={`preset-${p.id}`} aria-pressed={sameRange(p, range)} title={formatRange(p)} onClick={() => emit({ from: p.from, to: p.to }, true)}>
              {p.label}
            </button>
          ))}
        </div>
        <div className={styles.playback}>
          <button type="button" data-testid="play" className={styles.play} aria-pressed={playing} aria-label={playing ? 'Pause' : 'Play'} title={`${playing ? 'Pause' : 'Play'}: ${speedLabel(speed)}`} onClick={togglePlay}>
            {playing ? '❚❚' : '▶'}
          </button>
          <label className={styles.field}>
            <span>Speed</span>
            <select data-testid="speed" value={speed} onChange={(e) => onSpeedChange(Number(e.target.value))}>
              {speeds.map((s) => (
                <option key={s} value={s}>
                  {speedLabel(s)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <output className={styles.summary} data-testid="range-summary" data-from={range.from} data-to={range.to}>
          {formatRange(range)} · {days} day{days === 1 ? '' : 's'} · {count === null ? 'counting events…' : `${count} event${count === 1 ? '' : 's'}`}
        </output>
      </div>
      <p id={noticeId} className={styles.notice} role="alert" data-testid="range-error">
        {shownNotice}
      </p>
      <div ref={rootRef} className={styles.charts}>
      <TimelineOverview
        hist={overviewData.histogram}
        loading={overviewData.loading}
        scale={overview}
        domain={domain}
        focus={liveFocus}
        range={range}
        width={chartWidth}
        colors={categoryColors}
        onJump={(d) => emit(centerRange(d, days, domain), true)}
      />
      <TimelineFocus
        hist={hist}
        loading={focusData.loading}
        failed={focusData.failed}
        focus={liveFocus}
        scale={scale}
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
