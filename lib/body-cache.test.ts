import { describe, expect, it } from 'vitest';
import { BodyCache } from './body-cache';

/** Offered twice: the first offer only marks the key as seen. */
const put = (c: BodyCache<string>, k: string, v: string, bytes: number) => (c.set(k, v, bytes), c.set(k, v, bytes));

describe('BodyCache', () => {
  it('keeps a value only when its key comes a second time', () => {
    const c = new BodyCache<string>(100);
    c.set('once', 'O', 10);
    expect(c.get('once')).toBeUndefined();
    expect(c.bytes).toBe(0);
    c.set('once', 'O', 10);
    expect(c.get('once')).toBe('O');
  });

  it('keeps values within its byte budget, dropping the least recently used first', () => {
    const c = new BodyCache<string>(100);
    put(c, 'a', 'A', 20);
    put(c, 'b', 'B', 20);
    put(c, 'c', 'C', 20);
    expect(c.get('a')).toBe('A'); // a is now the most recently used
    put(c, 'd', 'D', 20);
    put(c, 'e', 'E', 25); // 105 bytes: b, the least recently used, goes
    expect(c.get('b')).toBeUndefined();
    expect([c.get('a'), c.get('c'), c.get('d'), c.get('e')]).toEqual(['A', 'C', 'D', 'E']);
    expect(c.bytes).toBe(85);
    expect(c.size).toBe(4);
  });

  it('replaces a key without counting it twice, and refuses a value too big to be worth keeping', () => {
    const c = new BodyCache<string>(100);
    put(c, 'a', 'A', 20);
    c.set('a', 'A2', 10);
    expect(c.get('a')).toBe('A2');
    expect(c.bytes).toBe(10);
    put(c, 'huge', 'H', 26);
    expect(c.get('huge')).toBeUndefined();
    expect(c.bytes).toBe(10);
  });
});
