/**
 * Small statistics for the benchmarks: medians of repeated runs and a step-time histogram
 * that holds millions of samples in fixed memory (so it does not disturb the heap figures).
 */

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Durations in microseconds: exact to 1 µs below 100 ms (a typed array of counts, outside
 * the JS heap), and every longer one kept as is.
 */
export class StepHistogram {
  private readonly counts = new Uint32Array(100_000);
  private readonly long: number[] = [];
  count = 0;
  totalUs = 0;
  maxUs = 0;

  add(us: number): void {
    this.count++;
    this.totalUs += us;
    if (us > this.maxUs) this.maxUs = us;
    const bucket = Math.floor(us);
    if (bucket < this.counts.length) this.counts[bucket] = (this.counts[bucket] as number) + 1;
    else this.long.push(us);
  }

  /** The q-quantile (0..1), in microseconds (bucket floor below 100 ms). */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i] as number;
      if (seen >= rank) return i;
    }
    const sorted = [...this.long].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, rank - seen - 1)] ?? this.maxUs;
  }

  /** How many samples took at least `us`. */
  atLeast(us: number): number {
    let n = this.long.filter((v) => v >= us).length;
    for (let i = Math.max(0, Math.ceil(us)); i < this.counts.length; i++) n += this.counts[i] as number;
    return n;
  }
}
