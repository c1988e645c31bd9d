// A byte-bounded least-recently-used map: the response bodies the routes have produced, by ETag.
// An ETag here names one body exactly (it hashes the data revision and the normalised request, see
// lib/http.ts), so an entry is never stale; one for an old revision is just never asked for again and
// ages out. A value is kept only when its key is offered a second time: requests that never repeat
// (a pan, a new window) would otherwise fill the heap with bodies that are only garbage to collect.

/** Keys offered once, remembered (their keys only) until this many newer ones have come. */
const SEEN = 20_000;

export class BodyCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private readonly seen = new Set<string>();
  private total = 0;

  constructor(
    /** the most bytes held at once; a single value bigger than a quarter of it is not kept */
    readonly maxBytes: number,
  ) {}

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    // Map order is insertion order: re-inserting makes this the most recently used.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  /** Keeps the value if this key was offered before (and is not too big to be worth keeping). */
  set(key: string, value: V, bytes: number): void {
    if (bytes > this.maxBytes / 4) return;
    if (!this.seen.delete(key) && !this.entries.has(key)) {
      this.seen.add(key);
      if (this.seen.size > SEEN) this.seen.delete(this.seen.values().next().value!);
      return;
    }
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.total -= old.bytes;
    }
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [k, e] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(k);
      this.total -= e.bytes;
    }
  }
}
