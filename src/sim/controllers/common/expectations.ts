/**
 * controller.UIDTrackingControllerExpectations: what a controller has asked for and not
 * yet seen through its informer. A sync that runs before the informer has observed the
 * controller's own creations or deletions must not act again; expectations expire after
 * five minutes so a lost watch event cannot wedge a controller.
 */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Expectation {
  add: number;
  del: number;
  timestamp: number;
}

export class Expectations {
  private readonly exp = new Map<string, Expectation>();
  private readonly deleting = new Map<string, Set<string>>();

  constructor(private readonly now: () => number) {}

  /** True when the controller may act on `key`: nothing pending, or the wait expired. */
  satisfied(key: string): boolean {
    const e = this.exp.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.now() - e.timestamp > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, adds: number): void {
    this.exp.set(key, { add: adds, del: 0, timestamp: this.now() });
  }

  expectDeletions(key: string, podKeys: readonly string[]): void {
    this.deleting.set(key, new Set(podKeys));
    this.exp.set(key, { add: 0, del: podKeys.length, timestamp: this.now() });
  }

  creationObserved(key: string): void {
    const e = this.exp.get(key);
    if (e) e.add--;
  }

  /** Counts a deletion once, whether seen as a deletionTimestamp update or the delete itself. */
  deletionObserved(key: string, podKey: string): void {
    const set = this.deleting.get(key);
    if (!set || !set.has(podKey)) return;
    set.delete(podKey);
    const e = this.exp.get(key);
    if (e) e.del--;
  }

  pending(key: string): { add: number; del: number } | undefined {
    const e = this.exp.get(key);
    return e ? { add: e.add, del: e.del } : undefined;
  }

  delete(key: string): void {
    this.exp.delete(key);
    this.deleting.delete(key);
  }
}
