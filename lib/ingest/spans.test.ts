import { describe, expect, it } from 'vitest';
import { SpanIndex } from './spans';

describe('SpanIndex', () => {
  const idx = new SpanIndex([{ start: 10, end: 15 }, { start: 0, end: 4 }, { start: 12, end: 30 }, { start: 20, end: 25 }]);
  it('returns the items wholly inside a range, in order', () => {
    expect(idx.within(0, 20)).toEqual([{ start: 0, end: 4 }, { start: 10, end: 15 }]);
    expect(idx.within(11, 40)).toEqual([{ start: 12, end: 30 }, { start: 20, end: 25 }]);
  });
  it('finds the last item ending before an offset', () => {
    expect(idx.lastBefore(16)).toEqual({ start: 10, end: 15 });
    expect(idx.lastBefore(16, (x) => x.start === 0)).toEqual({ start: 0, end: 4 });
    expect(idx.lastBefore(3)).toBeUndefined();
  });
});
