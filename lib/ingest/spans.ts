// Items with offsets, looked up by range in O(log n): the stages ask "what lies in this sentence" once
// per sentence, which a linear filter makes quadratic on long texts.

export interface Spanned {
  start: number;
  end: number;
}

/** Items sorted by start, with a range query for those wholly inside [from, to). */
export class SpanIndex<T extends Spanned> {
  private readonly items: T[];
  constructor(items: readonly T[]) {
    this.items = [...items].sort((a, b) => a.start - b.start);
  }
  within(from: number, to: number): T[] {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid]!.start < from) lo = mid + 1;
      else hi = mid;
    }
    const out: T[] = [];
    for (let i = lo; i < this.items.length && this.items[i]!.start < to; i++) if (this.items[i]!.end <= to) out.push(this.items[i]!);
    return out;
  }
  /** the last item ending at or before `at` that passes `ok` */
  lastBefore(at: number, ok: (x: T) => boolean = () => true): T | undefined {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid]!.start < at) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i--) if (this.items[i]!.end <= at && ok(this.items[i]!)) return this.items[i];
    return undefined;
  }
}
