// Playback as a small state machine with injected timers, so its stepping can be tested without React.
// Each step is the previous *emitted* step moved by `speed` days, never the range the parent happens to
// show when a timer fires: an interval that stepped from props repeated a step whenever the parent had
// not re-rendered yet, and skipped ahead when a slow render let two ticks pile up. The next step is
// scheduled only once the parent shows the emitted one, so a slow frame delays playback, never skips.
import { PLAYBACK_STEP_MS, sameRange, stepPlayback, type DateRange } from './timeline';

export interface PlaybackIO {
  /** read at each step, so a speed change applies from the next step */
  speed(): number;
  domain(): DateRange;
  emit(range: DateRange, opts: { commit: boolean }): void;
  /** the end of the data was reached (after the final commit) */
  end(): void;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  stepMs?: number;
}

export interface PlaybackController {
  readonly playing: boolean;
  start(current: DateRange): void;
  /** The parent now shows `current` (call on every range change while mounted). */
  shown(current: DateRange): void;
  /** Pause: commits the last emitted step once (commit=false skips that, e.g. on unmount). */
  stop(opts?: { commit?: boolean }): void;
}

export function createPlayback(io: PlaybackIO): PlaybackController {
  const stepMs = io.stepMs ?? PLAYBACK_STEP_MS;
  let playing = false;
  let last: DateRange | null = null; // the last emitted step (or where playback started)
  let before: DateRange | null = null; // what the parent showed before `last`, while it has not caught up
  let moved = false; // something uncommitted was emitted since the last commit
  let timer: unknown = null;

  const cancel = () => {
    if (timer !== null) io.clearTimer(timer);
    timer = null;
  };
  const schedule = () => {
    cancel();
    timer = io.setTimer(step, stepMs);
  };
  function step() {
    timer = null;
    if (!playing || !last) return;
    const from = last;
    const { range: next, done } = stepPlayback(from, Math.max(1, Math.round(io.speed())), io.domain());
    if (done) {
      playing = false;
      const changed = moved || !sameRange(next, from);
      moved = false;
      last = next;
      before = null;
      if (changed) io.emit(next, { commit: true });
      io.end();
      return;
    }
    before = from;
    last = next;
    moved = true;
    io.emit(next, { commit: false });
  }

  return {
    get playing() {
      return playing;
    },
    start(current) {
      if (playing) return;
      playing = true;
      last = current;
      before = null;
      moved = false;
      schedule();
    },
    shown(current) {
      if (!playing || !last) return;
      if (sameRange(current, last)) {
        if (before) {
          before = null;
          schedule();
        }
        return;
      }
      if (before && sameRange(current, before)) return; // a render from before the step landed
      // Moved elsewhere (a typed date, a preset): continue from there. Whoever moved it committed it.
      last = current;
      before = null;
      moved = false;
      schedule();
    },
    stop({ commit = true } = {}) {
      if (!playing) return;
      playing = false;
      cancel();
      if (commit && moved && last) io.emit(last, { commit: true });
      moved = false;
      before = null;
    },
  };
}
