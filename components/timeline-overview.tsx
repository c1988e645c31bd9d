'use client';
// Overview strip for the whole domain. A linear 1983 → 2024 axis would squeeze the crowded crisis
// days into well under a pixel and a zoomed one would drop the lone 1983 event, so this uses the
// fisheye-log scale from lib/timeline (overviewScale): width ∝ log of the distance from the
// densest data, i.e. days near the crisis are several pixels wide while each further e-fold of the
// past gets the same sliver. Continuous and invertible, so clicks map back to dates; tick labels
// (decades, years, months, Mondays) are picked greedily so they never collide.
import { useMemo, type MouseEvent } from 'react';
import { colorFor, dayNumber, fromDayNumber, overviewColumns, pickTicks, placeTickLabels, type DateRange, type OverviewScale } from '@/lib/timeline';
import type { StoreHistogram } from '@/lib/store/contract';
import styles from './timeline.module.css';

/** side margin, as the focus chart's */
export const OVERVIEW_MX = 12;
const MX = OVERVIEW_MX;
const H = 40;
const MARK_H = 22;

interface Props {
  /** the server's histogram over the whole domain in the scale's bins; null until it arrives for the current filters */
  hist: StoreHistogram | null;
  loading: boolean;
  /** overviewScale(domain, the middle of the crisis window) */
  scale: OverviewScale;
  domain: DateRange;
  focus: DateRange;
  range: DateRange;
  width: number;
  colors?: Record<string, string>;
  onJump(date: string): void;
}

export function TimelineOverview({ hist, loading, scale, domain, focus, range, width, colors, onJump }: Props) {
  const inner = Math.max(1, width - 2 * MX);
  const px = (day: number) => MX + scale.x(day) * inner;

  // Marks and axis change with the data and the width only: moving the range re-renders none of them.
  const { marks, axis } = useMemo(() => {
    const a = dayNumber(domain.from);
    const b = dayNumber(domain.to);
    // About one column per pixel: its height grows with log(count), its colour is the commonest category.
    const columns = hist ? overviewColumns(hist.bins, px) : [];
    const spans = (hist?.spans ?? []).flatMap((sp) => {
      const s = dayNumber(sp.start);
      const e = dayNumber(sp.end);
      return e < a || s > b ? [] : [{ key: `${sp.category}/${sp.precision}/${sp.start}/${sp.end}`, x1: px(Math.max(s, a)), x2: px(Math.min(e, b) + 1), category: sp.category }];
    });
    const maxN = columns.reduce((m, c) => Math.max(m, c.n), 1);
    const h = (n: number) => 3 + (Math.log2(1 + n) / Math.log2(1 + maxN)) * (MARK_H - 5);
    const ticks = pickTicks(domain, px, 38);
    return {
      marks: (
        <>
          {spans.map((s) => (
            // at least 3 px wide: a year-precision 1983 event is ~1 px on this scale but must stay visible
            <rect key={s.key} className={styles.overviewSpan} x={s.x1} width={Math.max(3, s.x2 - s.x1)} y={MARK_H - 8} height={8} fill={colorFor(s.category, colors)} />
          ))}
          {columns.map((c) => (
            <rect key={c.col} x={c.col - 0.75} width={1.5} y={MARK_H - h(c.n)} height={h(c.n)} fill={colorFor(c.category, colors)} />
          ))}
        </>
      ),
      axis: (
        <>
          <line className={styles.axis} x1={MX} x2={width - MX} y1={MARK_H + 0.5} y2={MARK_H + 0.5} />
          {ticks.map((t) => {
            const x = px(dayNumber(t.date));
            return <line key={t.date} className={styles.axis} x1={x} x2={x} y1={MARK_H} y2={MARK_H + 3} />;
          })}
          {placeTickLabels(
            ticks.map((t) => ({ ...t, px: px(dayNumber(t.date)) })),
            width,
          ).map((l) => (
            <text key={l.date} className={styles.label} x={l.x} y={MARK_H + 13} data-tick={l.date}>
              {l.label}
            </text>
          ))}
        </>
      ),
    };
  }, [hist, domain, scale, inner, width, colors]); // px is derived from scale and inner
  const box = (r: DateRange) => {
    const x1 = px(dayNumber(r.from));
    return { x: x1, width: Math.max(2, px(dayNumber(r.to) + 1) - x1) };
  };

  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    const u = (e.clientX - e.currentTarget.getBoundingClientRect().left - MX) / inner;
    onJump(fromDayNumber(scale.invert(u)));
  };

  return (
    <svg className={styles.overview} data-testid="overview" width={width} height={H} role="img" aria-busy={loading} aria-label={`Overview ${domain.from.slice(0, 4)}–${domain.to.slice(0, 4)}, log-scaled around the crisis; click to move the range`} onClick={onClick}>
      <rect className={styles.focusBox} {...box(focus)} y={0.5} height={MARK_H} />
      {marks}
      <rect className={styles.rangeBox} {...box(range)} y={0.5} height={MARK_H} />
      {axis}
    </svg>
  );
}
