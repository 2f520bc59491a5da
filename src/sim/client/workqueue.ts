/**
 * A de-duplicating, rate-limited work queue on the virtual clock, as client-go's
 * workqueue: a key added many times before it is processed is processed once; a failed
 * key comes back after an exponential back-off (5 ms doubling to 1000 s).
 */
import type { EventLoop, TaskHandle, Tracer } from '../core';

export interface QueueOptions {
  /** Trace names: the process whose informer feeds the queue, and the controller. */
  from: string;
  controller: string;
  tracer?: Tracer;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export type SyncResult = void | { requeueAfterMs: number };

export class WorkQueue {
  private dirty = new Set<string>();
  private processing = new Set<string>();
  private failures = new Map<string, number>();
  private delayed = new Map<string, TaskHandle>();
  private shutDown = false;

  constructor(
    private readonly loop: EventLoop,
    private readonly sync: (key: string) => SyncResult,
    private readonly opts: QueueOptions,
  ) {}

  add(key: string): void {
    if (this.shutDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    const seq = this.opts.tracer?.record({
      from: this.opts.from,
      to: this.opts.controller,
      channel: 'queue',
      verb: 'add',
      summary: `${this.opts.controller} queued ${key}`,
    });
    if (!this.processing.has(key)) {
      this.loop.schedule(0, () => this.process(key), { label: `${this.opts.controller} ${key}`, cause: seq });
    }
  }

  addAfter(key: string, delayMs: number): void {
    if (this.shutDown) return;
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const existing = this.delayed.get(key);
    const due = this.loop.now() + delayMs;
    if (existing && existing.time <= due) return;
    existing?.cancel();
    this.delayed.set(
      key,
      this.loop.schedule(delayMs, () => {
        this.delayed.delete(key);
        this.add(key);
      }),
    );
  }

  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    const base = this.opts.baseDelayMs ?? 5;
    const max = this.opts.maxDelayMs ?? 1_000_000;
    this.addAfter(key, Math.min(max, base * 2 ** n));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  get length(): number {
    return this.dirty.size;
  }

  shutdown(): void {
    this.shutDown = true;
    for (const h of this.delayed.values()) h.cancel();
    this.delayed.clear();
  }

  private process(key: string): void {
    if (this.shutDown || !this.dirty.has(key)) return;
    this.dirty.delete(key);
    this.processing.add(key);
    try {
      const res = this.sync(key);
      this.forget(key);
      if (res && res.requeueAfterMs > 0) this.addAfter(key, res.requeueAfterMs);
    } catch (err) {
      this.opts.tracer?.record({
        from: this.opts.controller,
        to: this.opts.controller,
        channel: 'reconcile',
        verb: 'error',
        summary: `${this.opts.controller}: error syncing ${key}: ${err instanceof Error ? err.message : String(err)}; requeuing`,
      });
      this.addRateLimited(key);
    } finally {
      this.processing.delete(key);
      if (this.dirty.has(key)) this.loop.schedule(0, () => this.process(key));
    }
  }
}
