import { describe, expect, it } from 'vitest';
import { createPlayback } from './playback';
import { addDays, diffDays, type DateRange } from './timeline';

const DOMAIN = { from: '2024-06-01', to: '2024-08-07' };

/**
 * A fake clock plus a fake parent. The parent applies an emitted range after `renderDelay` ms (a slow
 * render), and may re-render with its old range meanwhile; every emission and commit is recorded.
 */
function harness(opts: { start: DateRange; speed: number; renderDelay: number; staleRenders?: boolean; domain?: DateRange }) {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let nextId = 1;
  const emitted: { range: DateRange; commit: boolean; at: number }[] = [];
  let shown = opts.start;
  let ended = 0;
  let speed = opts.speed;
  const ctl = createPlayback({
    speed: () => speed,
    domain: () => opts.domain ?? DOMAIN,
    emit: (range, { commit }) => {
      emitted.push({ range, commit, at: now });
      // the parent shows the new range only after a render; it may re-render the old one first
      if (opts.staleRenders) setTimer(() => ctl.shown(shown), 1);
      setTimer(() => {
        shown = range;
        ctl.shown(range);
      }, opts.renderDelay);
    },
    end: () => void ended++,
    setTimer: (fn, ms) => setTimer(fn, ms),
    clearTimer: (id) => void timers.delete(id as number),
  });
  function setTimer(fn: () => void, ms: number) {
    const id = nextId++;
    timers.set(id, { at: now + ms, fn });
    return id;
  }
  function advance(ms: number) {
    const until = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = until;
  }
  return {
    ctl,
    emitted,
    advance,
    get shown() {
      return shown;
    },
    get ended() {
      return ended;
    },
    setSpeed: (s: number) => void (speed = s),
    external(r: DateRange) {
      shown = r;
      ctl.shown(r);
    },
  };
}

const froms = (xs: { range: DateRange }[]) => xs.map((x) => x.range.from);
const gaps = (xs: { range: DateRange }[]) => xs.slice(1).map((x, i) => diffDays((xs[i] as { range: DateRange }).range.from, x.range.from));

describe('playback stepping', () => {
  it('each step is the previous emitted step + speed days, even when the parent renders slower than a step', () => {
    // renders take 1.5 steps: an interval stepping from props repeated steps here
    const h = harness({ start: { from: '2024-06-01', to: '2024-06-07' }, speed: 2, renderDelay: 1500, staleRenders: true });
    h.ctl.start(h.shown);
    h.advance(20_000);
    const steps = h.emitted.filter((e) => !e.commit);
    expect(steps.length).toBeGreaterThanOrEqual(5);
    expect(steps[0]?.range).toEqual({ from: '2024-06-03', to: '2024-06-09' });
    expect(new Set(gaps(steps))).toEqual(new Set([2])); // no repeats (0), no skips (4)
    expect(steps.every((s) => diffDays(s.range.from, s.range.to) === 6)).toBe(true); // length kept
    expect(new Set(froms(steps)).size).toBe(steps.length);
  });

  it('waits for the parent to show a step before scheduling the next, one step a second after that', () => {
    const h = harness({ start: { from: '2024-06-01', to: '2024-06-07' }, speed: 1, renderDelay: 300 });
    h.ctl.start(h.shown);
    h.advance(999);
    expect(h.emitted).toHaveLength(0);
    h.advance(1);
    expect(h.emitted).toHaveLength(1);
    h.advance(1299); // shown at 1300, next step due at 2300
    expect(h.emitted).toHaveLength(1);
    h.advance(1);
    expect(h.emitted).toHaveLength(2);
    expect(h.emitted.map((e) => e.at)).toEqual([1000, 2300]);
  });

  it('stops at the end of the data with exactly one final commit', () => {
    const h = harness({ start: { from: '2024-07-25', to: '2024-07-31' }, speed: 3, renderDelay: 10 });
    h.ctl.start(h.shown);
    h.advance(60_000);
    expect(h.ended).toBe(1);
    expect(h.ctl.playing).toBe(false);
    const commits = h.emitted.filter((e) => e.commit);
    expect(commits).toHaveLength(1);
    expect(h.emitted.at(-1)).toMatchObject({ commit: true, range: { from: '2024-08-01', to: '2024-08-07' } });
    // 25 Jul → 28 Jul → 31 Jul → (1 Aug: the window reaches 7 Aug, clamped)
    expect(froms(h.emitted)).toEqual(['2024-07-28', '2024-07-31', '2024-08-01']);
    h.ctl.stop(); // the parent's pause after onEnd adds nothing
    expect(h.emitted.filter((e) => e.commit)).toHaveLength(1);
  });

  it('pausing commits the last emitted step once; pausing before any step commits nothing', () => {
    const h = harness({ start: { from: '2024-06-01', to: '2024-06-07' }, speed: 7, renderDelay: 10 });
    h.ctl.start(h.shown);
    h.advance(3100);
    h.ctl.stop();
    h.ctl.stop();
    expect(h.emitted.filter((e) => e.commit)).toEqual([{ range: { from: '2024-06-22', to: '2024-06-28' }, commit: true, at: 3100 }]);
    h.advance(10_000);
    expect(h.emitted).toHaveLength(4); // nothing after the pause

    const idle = harness({ start: { from: '2024-06-01', to: '2024-06-07' }, speed: 7, renderDelay: 10 });
    idle.ctl.start(idle.shown);
    idle.advance(500);
    idle.ctl.stop();
    expect(idle.emitted).toHaveLength(0);
  });

  it('unmounting stops without a history entry', () => {
    const h = harness({ start: { from: '2024-06-01', to: '2024-06-07' }, speed: 1, renderDelay: 10 });
    h.ctl.start(h.shown);
    h.advance(2500);
    h.ctl.stop({ commit: false });
    expect(h.emitted.every((e) => !e.commit)).toBe(true);
  });

  it('continues from a range set elsewhere during playback, and picks up a speed change at the next step', () => {
    const h = harness({ start: { from: '2024-06-01', to: '2024-06-07' }, speed: 1, renderDelay: 10 });
    h.ctl.start(h.shown);
    h.advance(1500);
    h.external({ from: '2024-07-01', to: '2024-07-03' }); // e.g. a typed date
    h.setSpeed(2);
    h.advance(1000);
    expect(h.emitted.at(-1)?.range).toEqual({ from: '2024-07-03', to: '2024-07-05' });
    h.ctl.stop();
    // the pause commits the step after the typed date (which its own field committed)
    expect(h.emitted.filter((e) => e.commit).map((e) => e.range)).toEqual([{ from: '2024-07-03', to: '2024-07-05' }]);
  });

  it('a window already at the end ends at once, with no commit', () => {
    const end = { from: addDays(DOMAIN.to, -6), to: DOMAIN.to };
    const h = harness({ start: end, speed: 1, renderDelay: 10 });
    h.ctl.start(h.shown);
    h.advance(1000);
    expect(h.ended).toBe(1);
    expect(h.emitted).toHaveLength(0);
  });
});
