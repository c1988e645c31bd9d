// MapLibre's `interpolate ['linear']` and `step` over the flat stops of lib/map-tokens.ts, so the
// preview sizes things exactly as the map's expressions do at the same zoom or value.
import type { Steps, Stops } from '../map-tokens';

/** Linear between stops, clamped to the first and last output outside them. */
export function interpolate(stops: Stops, x: number): number {
  const n = stops.length >> 1;
  if (!(x > stops[0])) return stops[1];
  for (let i = 1; i < n; i++) {
    const x1 = stops[2 * i]!;
    if (x <= x1) {
      const x0 = stops[2 * i - 2]!;
      const y0 = stops[2 * i - 1]!;
      return y0 + ((stops[2 * i + 1]! - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return stops[2 * n - 1]!;
}

/** The output of the last stop at or below `x`, else the value before the first stop. */
export function step(steps: Steps, x: number): number {
  let out = steps[0];
  for (let i = 1; i + 1 < steps.length; i += 2) {
    if (x < steps[i]!) break;
    out = steps[i + 1]!;
  }
  return out;
}
