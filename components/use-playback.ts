'use client';
// Playback: while `playing`, every `tickMs` the window moves `speed` days (keeping its length) with
// commit=false; at the end of the domain it calls onEnd and stops. When playback stops (pause or
// end, not unmount) the last window is sent once more with commit=true so URL/state can settle.
// Latest props live in refs so the interval is not restarted on every tick's re-render.
import { useEffect, useRef } from 'react';
import { sameRange, stepPlayback, type DateRange } from '@/lib/timeline';

export interface UsePlaybackOptions {
  playing: boolean;
  speed: number;
  range: DateRange;
  domain: DateRange;
  onRangeChange(range: DateRange, opts: { commit: boolean }): void;
  onEnd(): void;
  tickMs?: number;
}

export function usePlayback({ playing, speed, range, domain, onRangeChange, onEnd, tickMs = 400 }: UsePlaybackOptions): void {
  const latest = useRef({ speed, range, domain, onRangeChange, onEnd });
  useEffect(() => {
    latest.current = { speed, range, domain, onRangeChange, onEnd };
  });
  const advanced = useRef(false);

  useEffect(() => {
    if (!playing) {
      if (advanced.current) latest.current.onRangeChange(latest.current.range, { commit: true });
      advanced.current = false;
      return;
    }
    let stopped = false;
    const tick = () => {
      if (stopped) return;
      // Always step from the current prop, so a brush drag or typed date during playback is respected.
      const { speed: s, range: r, domain: d } = latest.current;
      const { range: next, done } = stepPlayback(r, Math.max(1, Math.round(s)), d);
      if (!sameRange(next, r)) {
        advanced.current = true;
        latest.current.onRangeChange(next, { commit: false });
      }
      if (done) {
        stopped = true;
        clearInterval(id);
        latest.current.onEnd();
      }
    };
    const id = setInterval(tick, tickMs);
    return () => {
      stopped = true;
      clearInterval(id);
    };
  }, [playing, tickMs]);
}
