/**
 * The tracer records every interaction as a TraceEvent. It is bounded: past `capacity`
 * the oldest events are dropped (counted in `dropped`), so a long session does not grow
 * without end.
 */
import type { TraceEvent } from '../../protocol/trace';
import type { VirtualClock } from './clock';

export type TraceInput = Omit<TraceEvent, 'seq' | 'time'>;
export type TraceListener = (event: TraceEvent) => void;

export class Tracer {
  private buffer: TraceEvent[] = [];
  private start = 0;
  private seq = 0;
  private causeStack: number[] = [];
  private listeners = new Set<TraceListener>();
  dropped = 0;
  /** When false, record() only counts (fast-forward of huge clusters). */
  enabled = true;

  constructor(
    private readonly clock: VirtualClock,
    readonly capacity = 250_000,
  ) {}

  record(input: TraceInput): number {
    const seq = ++this.seq;
    if (!this.enabled) return seq;
    const event: TraceEvent = { seq, time: this.clock.now(), ...input };
    if (event.cause === undefined) {
      const cause = this.currentCause();
      if (cause !== undefined) event.cause = cause;
    }
    if (this.buffer.length - this.start >= this.capacity) {
      this.start++;
      this.dropped++;
      if (this.start > this.capacity) {
        this.buffer = this.buffer.slice(this.start);
        this.start = 0;
      }
    }
    this.buffer.push(event);
    for (const l of this.listeners) l(event);
    return seq;
  }

  /** The seq of the event whose consequences are being worked out right now. */
  currentCause(): number | undefined {
    return this.causeStack[this.causeStack.length - 1];
  }

  /** Runs fn with `cause` as the default cause of what it records. */
  withCause<T>(cause: number | undefined, fn: () => T): T {
    if (cause === undefined) return fn();
    this.causeStack.push(cause);
    try {
      return fn();
    } finally {
      this.causeStack.pop();
    }
  }

  events(): TraceEvent[] {
    return this.start === 0 ? this.buffer.slice() : this.buffer.slice(this.start);
  }

  /** Events with seq greater than `seq`. */
  since(seq: number): TraceEvent[] {
    const all = this.events();
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((all[mid] as TraceEvent).seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return all.slice(lo);
  }

  get lastSeq(): number {
    return this.seq;
  }

  subscribe(listener: TraceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
