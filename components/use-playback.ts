'use client';
// React glue for lib/playback: starts and pauses the controller and tells it which range the parent
// shows, so each step waits for the previous one to be applied. Latest props live in a ref so the
// controller (and its pending timer) survives re-renders.
import { useEffect, useRef } from 'react';
import { createPlayback, type PlaybackController } from '@/lib/playback';
import type { DateRange } from '@/lib/timeline';

export interface UsePlaybackOptions {
  playing: boolean;
  /** days per step, one step per PLAYBACK_STEP_MS */
  speed: number;
  range: DateRange;
  domain: DateRange;
  onRangeChange(range: DateRange, opts: { commit: boolean }): void;
  onEnd(): void;
  stepMs?: number;
}

export function usePlayback(opts: UsePlaybackOptions): void {
  const latest = useRef(opts);
  useEffect(() => {
    latest.current = opts;
  });
  const ctl = useRef<PlaybackController | null>(null);
  const controller = () =>
    (ctl.current ??= createPlayback({
      speed: () => latest.current.speed,
      domain: () => latest.current.domain,
      emit: (r, o) => latest.current.onRangeChange(r, o),
      end: () => latest.current.onEnd(),
      setTimer: (fn, ms) => window.setTimeout(fn, ms),
      clearTimer: (h) => window.clearTimeout(h as number),
      stepMs: opts.stepMs,
    }));

  const { playing, range } = opts;
  useEffect(() => {
    if (playing) controller().start(latest.current.range);
    else controller().stop({ commit: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [playing]);
  useEffect(() => {
    controller().shown({ from: range.from, to: range.to });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [range.from, range.to]);
  // Unmounting is not a user's pause: no history entry.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => () => controller().stop({ commit: false }), []);
}
