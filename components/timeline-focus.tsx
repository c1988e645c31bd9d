'use client';
// The focus histogram (stacked bars per day/bin, coarse-precision events as translucent spans on top)
// with the two-handled range brush drawn over it. The axis is the parent's FocusScale (linear, or
// fisheye-log for long windows such as "All"), which the parent keeps fixed while a drag is in progress.
// Pointer maths goes through scale.x / scale.t only, so the brush works the same on either axis.
import { useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import {
  addDays,
  colorFor,
  dayNumber,
  fromDayNumber,
  formatDate,
  placeTickLabels,
  sameRange,
  setRangeEdge,
  shiftRange,
  type DateRange,
  type FocusScale,
  type Histogram,
} from '@/lib/timeline';
import styles from './timeline.module.css';

/** side margin: keeps the edge handles grabbable */
export const FOCUS_MX = 12;
const MX = FOCUS_MX;
const LANE = 6;
const AXIS = 18;

interface Props {
  /** null until the first answer for the current filters arrives */
  hist: Histogram | null;
  /** the bars are not (yet) those of the current window and width */
  loading: boolean;
  failed: boolean;
  focus: DateRange;
  /** the focus window's axis, width - 2 × MX wide */
  scale: FocusScale;
  range: DateRange;
  domain: DateRange;
  width: number;
  height?: number;
  colors?: Record<string, string>;
  onRangeChange(range: DateRange, opts: { commit: boolean }): void;
  onDraggingChange(dragging: boolean): void;
}

type Part = 'from' | 'to' | 'move' | 'new';
interface Drag {
  part: Part;
  pointerId: number;
  startPx: number;
  orig: DateRange;
  last: DateRange;
}

export function TimelineFocus({ hist, loading, failed, focus, scale, range, domain, width, height = 112, colors, onRangeChange, onDraggingChange }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const drag = useRef<Drag | null>(null);
  const f0 = dayNumber(focus.from);
  const f1 = dayNumber(focus.to);
  const x = (iso: string) => MX + scale.x(dayNumber(iso));
  const lanes = hist?.lanes ?? 0;
  const spanBand = lanes ? lanes * LANE + 4 : 4;
  const barTop = spanBand + 2;
  const barBottom = height - AXIS;

  const pxOf = (e: PointerEvent) => e.clientX - (svgRef.current?.getBoundingClientRect().left ?? 0);
  // the day boundary nearest px (f0 … f1 + 1), and the day under px
  const boundary = (px: number) => Math.max(f0, Math.min(f1 + 1, Math.round(scale.t(px - MX))));
  const dayAt = (px: number) => fromDayNumber(Math.max(f0, Math.min(f1, Math.floor(scale.t(px - MX)))));

  const rangeFor = (d: Drag, px: number): DateRange => {
    switch (d.part) {
      case 'from':
        return setRangeEdge(d.orig, 'from', fromDayNumber(Math.min(boundary(px), f1)), focus);
      case 'to':
        return setRangeEdge(d.orig, 'to', fromDayNumber(Math.max(boundary(px), f0 + 1) - 1), focus);
      case 'move': {
        // keep the selection's left edge under the pointer (on a log axis a pixel is not a fixed number of days)
        const from = Math.round(scale.t(x(d.orig.from) - MX + px - d.startPx));
        return shiftRange(d.orig, from - dayNumber(d.orig.from), focus);
      }
      default: {
        const a = dayAt(d.startPx);
        const b = dayAt(px);
        return a <= b ? { from: a, to: b } : { from: b, to: a };
      }
    }
  };

  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    if (e.button !== 0 || drag.current) return;
    const part = ((e.target as Element).closest('[data-part]')?.getAttribute('data-part') ?? 'new') as Part;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.preventDefault(); // no text selection; focus the handle ourselves
    if (part === 'from' || part === 'to') (e.target as Element).closest<SVGGElement>('[data-part]')?.focus();
    drag.current = { part, pointerId: e.pointerId, startPx: pxOf(e), orig: range, last: range };
    onDraggingChange(true);
    if (part === 'new') onPointerMove(e);
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    const next = rangeFor(d, pxOf(e));
    if (sameRange(next, d.last)) return;
    d.last = next;
    onRangeChange(next, { commit: false });
  };
  const end = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    if (!sameRange(d.last, d.orig)) onRangeChange(d.last, { commit: true });
    onDraggingChange(false);
  };

  const onKey = (edge: 'from' | 'to') => (e: KeyboardEvent<SVGGElement>) => {
    const step = e.shiftKey ? 7 : 1;
    const cur = range[edge];
    const target: Record<string, string> = {
      ArrowLeft: addDays(cur, -step),
      ArrowDown: addDays(cur, -step),
      ArrowRight: addDays(cur, step),
      ArrowUp: addDays(cur, step),
      PageDown: addDays(cur, -30),
      PageUp: addDays(cur, 30),
      Home: edge === 'from' ? domain.from : range.from,
      End: edge === 'to' ? domain.to : range.to,
    };
    const to = target[e.key];
    if (!to) return;
    e.preventDefault();
    const next = setRangeEdge(range, edge, to, domain);
    if (!sameRange(next, range)) onRangeChange(next, { commit: true });
  };

  const selA = Math.max(MX, x(range.from));
  const selB = Math.max(selA + 2, Math.min(width - MX, x(addDays(range.to, 1))));
  const d0 = dayNumber(domain.from);
  const valueOf = (iso: string) => dayNumber(iso) - d0;
  // The bars change with the data and the axis only: a brush drag re-renders none of them.
  const bars = useMemo(() => {
    if (!hist) return null;
    const x = (iso: string) => MX + scale.x(dayNumber(iso));
    const perCount = (barBottom - barTop) / Math.max(1, hist.maxTotal);
    const barWidth = (b: { from: string; to: string }) => {
      const w = x(addDays(b.to, 1)) - x(b.from); // the last bin may be shorter than binDays
      return Math.max(1, w > 4 ? w - 1 : w);
    };
    return (
      <>
        {hist.spans.map((s) => (
          <rect key={s.id} className={styles.span} x={x(s.from)} y={2 + s.lane * LANE} width={Math.max(2, x(addDays(s.to, 1)) - x(s.from))} height={LANE - 2} rx={2} fill={colorFor(s.category, colors)}>
            <title>{`${s.count} ${s.category} event${s.count === 1 ? '' : 's'}, ${s.precision} precision: ${formatDate(s.start)} – ${formatDate(s.end)}`}</title>
          </rect>
        ))}
        {hist.bins.map((b) => {
          if (!b.total) return null;
          let y = barBottom;
          return (
            <g key={b.from} data-bin={b.from} data-total={b.total}>
              <title>{`${b.from === b.to ? formatDate(b.from) : `${formatDate(b.from)} – ${formatDate(b.to)}`}: ${b.total} event${b.total === 1 ? '' : 's'}`}</title>
              {hist.categories.map((c) => {
                const n = b.counts[c];
                if (!n) return null;
                const h = Math.max(2, n * perCount); // a lone event stays visible next to a tall crisis bar
                y -= h;
                return <rect key={c} x={x(b.from)} y={y} width={barWidth(b)} height={h - 0.5} fill={colorFor(c, colors)} />;
              })}
            </g>
          );
        })}
      </>
    );
  }, [hist, scale, colors, barTop, barBottom]);
  const binDays = 'binDays' in scale.bins ? scale.bins.binDays : 0;
  const per = scale.kind === 'log' ? 'over time (log scale around the crisis)' : binDays === 1 ? 'per day' : `per ${binDays} days`;
  const labels = placeTickLabels(
    scale.ticks.map((t) => ({ ...t, px: x(t.date) })),
    width,
  );

  const handle = (edge: 'from' | 'to', px: number) => (
    <g
      role="slider"
      tabIndex={0}
      data-part={edge}
      data-testid={`handle-${edge}`}
      className={styles.handle}
      aria-label={edge === 'from' ? 'Start date' : 'End date'}
      aria-orientation="horizontal"
      aria-valuemin={edge === 'from' ? 0 : valueOf(range.from)}
      aria-valuemax={edge === 'from' ? valueOf(range.to) : valueOf(domain.to)}
      aria-valuenow={valueOf(range[edge])}
      aria-valuetext={formatDate(range[edge], 'long')}
      onKeyDown={onKey(edge)}
    >
      <rect className={styles.hit} x={px - 11} y={0} width={22} height={barBottom} />
      <rect className={styles.grip} x={px - 3.5} y={barTop - 2} width={7} height={barBottom - barTop + 4} rx={3} />
    </g>
  );

  return (
    <svg
      ref={svgRef}
      className={styles.focus}
      width={width}
      height={height}
      role="group"
      data-testid="focus-histogram"
      data-scale={scale.kind}
      aria-busy={loading}
      aria-label={`Events ${per}, ${formatDate(focus.from)} to ${formatDate(focus.to)}, with the selected range`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={end}
      onPointerCancel={end}
      onLostPointerCapture={end}
    >
      <g aria-hidden="true">
        {bars}
        {!hist && (loading || failed) && (
          <text className={styles.label} x={width / 2} y={(barTop + barBottom) / 2} textAnchor="middle">
            {failed ? 'Could not load the histogram' : 'Loading…'}
          </text>
        )}
        <line className={styles.axis} x1={MX} x2={width - MX} y1={barBottom + 0.5} y2={barBottom + 0.5} />
        {scale.ticks.map((t) => (
          <line key={t.date} className={styles.axis} x1={x(t.date)} x2={x(t.date)} y1={barBottom} y2={barBottom + 4} />
        ))}
        {labels.map((l) => (
          <text key={l.date} className={styles.label} x={l.x} y={barBottom + 14} data-tick={l.date}>
            {l.label}
          </text>
        ))}
        <rect className={styles.dim} x={MX} y={0} width={Math.max(0, selA - MX)} height={barBottom} />
        <rect className={styles.dim} x={selB} y={0} width={Math.max(0, width - MX - selB)} height={barBottom} />
      </g>
      <rect data-part="move" className={styles.selection} x={selA} y={0.5} width={selB - selA} height={barBottom - 0.5} />
      {handle('from', selA)}
      {handle('to', selB)}
    </svg>
  );
}
