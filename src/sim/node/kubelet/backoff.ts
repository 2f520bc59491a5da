/**
 * client-go's flowcontrol.Backoff as the kubelet uses it: per key, 10 s doubling to a
 * 300 s cap; an entry older than twice the cap starts over.
 */
export class Backoff {
  private readonly entries = new Map<string, { backoff: number; lastUpdate: number }>();

  constructor(
    readonly initialMs = 10_000,
    readonly maxMs = 300_000,
  ) {}

  private expired(now: number, lastUpdate: number): boolean {
    return now - lastUpdate > 2 * this.maxMs;
  }

  /** Next: the first failure waits initialMs, each later one twice the last, up to maxMs. */
  next(key: string, now: number): void {
    const e = this.entries.get(key);
    if (!e || this.expired(now, e.lastUpdate)) {
      this.entries.set(key, { backoff: this.initialMs, lastUpdate: now });
      return;
    }
    e.backoff = Math.min(e.backoff * 2, this.maxMs);
    e.lastUpdate = now;
  }

  /** The current delay for the key (0 when none). */
  get(key: string): number {
    return this.entries.get(key)?.backoff ?? 0;
  }

  /** IsInBackOffSince: still waiting, counting from eventTime (a container's finish). */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e.lastUpdate)) return false;
    return now - eventTime < e.backoff;
  }

  /** IsInBackOffSinceUpdate: still waiting, counting from the last failure. */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(now, e.lastUpdate)) return false;
    return now - e.lastUpdate < e.backoff;
  }

  /** When the back-off started at the last failure ends (for requeues). */
  endsAt(key: string): number | undefined {
    const e = this.entries.get(key);
    return e ? e.lastUpdate + e.backoff : undefined;
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  /** GC: drops entries older than twice the cap. */
  gc(now: number): void {
    for (const [k, e] of this.entries) if (this.expired(now, e.lastUpdate)) this.entries.delete(k);
  }
}
