import { describe, expect, it } from 'vitest';
import { clipRing, fmt, polylinePath, ringPath } from './clip';

const numbers = (d: string) => [...d.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));

describe('clip', () => {
  it('clips a ring to the image plus a margin', () => {
    const big = clipRing([-5000, -5000, 5000, -5000, 5000, 5000, -5000, 5000]);
    const xs = big.filter((_, i) => i % 2 === 0);
    const ys = big.filter((_, i) => i % 2 === 1);
    expect(Math.min(...xs)).toBe(-24);
    expect(Math.max(...xs)).toBe(1224);
    expect(Math.min(...ys)).toBe(-24);
    expect(Math.max(...ys)).toBe(654);
    // a ring inside stays as it is; one wholly outside is dropped
    expect(clipRing([10, 10, 20, 10, 20, 20])).toEqual([10, 10, 20, 10, 20, 20]);
    expect(ringPath([-900, -900, -800, -900, -800, -800])).toBe('');
  });

  it('drops the runs of a line that lie off the image', () => {
    const d = polylinePath([-3000, 100, -2000, 100, 100, 100, 200, 100, 3000, 100, 4000, 100]);
    expect(d.match(/M/g)).toHaveLength(1);
    expect(Math.max(...numbers(d))).toBe(3000);
    expect(Math.min(...numbers(d))).toBe(-2000);
    expect(polylinePath([-3000, 100, -2000, 100])).toBe('');
    // below `bottom` counts as off the image
    expect(polylinePath([100, 600, 200, 600], 500)).toBe('');
  });

  it('writes tenths of a pixel and no negative zero', () => {
    expect(fmt(12.345)).toBe('12.3');
    expect(fmt(-0.01)).toBe('0.0');
  });
});
