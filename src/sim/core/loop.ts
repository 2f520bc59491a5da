/**
 * The discrete-event loop: tasks ordered by (virtual time, sequence). Nothing in the
 * simulation waits on real time; everything that happens later is a task here.
 */
import { VirtualClock } from './clock';
import type { Tracer } from './trace';

export interface TaskOptions {
  /** Shown in debugging output. */
  label?: string;
  /** Periodic upkeep (heartbeats, resyncs): does not keep the cluster from being "quiet". */
  background?: boolean;
  /** Trace seq of the event that caused this task; trace events it records inherit it. */
  cause?: number;
}

export interface TaskHandle {
  cancel(): void;
  readonly time: number;
}

interface Task {
  time: number;
  seq: number;
  fn: () => void;
  label: string;
  background: boolean;
  cause: number | undefined;
  cancelled: boolean;
  done: boolean;
}

export class EventLoop {
  readonly clock: VirtualClock;
  private heap: Task[] = [];
  private nextSeq = 0;
  private foreground = 0;
  private attached: Tracer | undefined;
  /** Tasks run so far; a cheap progress measure for benchmarks. */
  tasksRun = 0;

  constructor(clock: VirtualClock = new VirtualClock()) {
    this.clock = clock;
  }

  attachTracer(tracer: Tracer): void {
    this.attached = tracer;
  }

  /** The tracer recording this loop's run, if any. */
  get tracer(): Tracer | undefined {
    return this.attached;
  }

  now(): number {
    return this.clock.now();
  }

  /** Runs fn after delayMs of virtual time (0 = after what is already due now). */
  schedule(delayMs: number, fn: () => void, opts: TaskOptions = {}): TaskHandle {
    const task: Task = {
      time: this.clock.now() + Math.max(0, delayMs),
      seq: this.nextSeq++,
      fn,
      label: opts.label ?? '',
      background: opts.background ?? false,
      cause: opts.cause ?? this.attached?.currentCause(),
      cancelled: false,
      done: false,
    };
    if (!task.background) this.foreground++;
    this.push(task);
    return {
      time: task.time,
      cancel: () => {
        if (task.cancelled || task.done) return;
        task.cancelled = true;
        if (!task.background) this.foreground--;
      },
    };
  }

  /** Runs fn every periodMs as background upkeep, first after periodMs (or firstDelayMs). */
  every(periodMs: number, fn: () => void, opts: TaskOptions & { firstDelayMs?: number } = {}): TaskHandle {
    let handle: TaskHandle | undefined;
    let stopped = false;
    const run = (): void => {
      if (stopped) return;
      fn();
      if (!stopped) handle = this.schedule(periodMs, run, { ...opts, background: true });
    };
    handle = this.schedule(opts.firstDelayMs ?? periodMs, run, { ...opts, background: true });
    return {
      get time() {
        return handle?.time ?? Infinity;
      },
      cancel: () => {
        stopped = true;
        handle?.cancel();
      },
    };
  }

  /** True while work other than background upkeep is pending. */
  get busy(): boolean {
    return this.foreground > 0;
  }

  get pending(): number {
    return this.heap.length;
  }

  /** Time of the next pending task, or undefined. */
  peekTime(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.time;
  }

  /** Runs the next task. Returns false when nothing is pending. */
  step(): boolean {
    this.dropCancelled();
    const task = this.pop();
    if (!task) return false;
    this.clock.advanceTo(task.time);
    task.done = true;
    if (!task.background) this.foreground--;
    this.tasksRun++;
    if (this.attached && task.cause !== undefined) this.attached.withCause(task.cause, task.fn);
    else task.fn();
    return true;
  }

  /**
   * Runs until only background upkeep remains, or until virtual time would pass
   * `deadline`. Returns true when the cluster became quiet.
   */
  runUntilQuiet(deadline: number = this.clock.now() + 600_000): boolean {
    while (this.foreground > 0) {
      const t = this.peekTime();
      if (t === undefined || t > deadline) break;
      this.step();
    }
    const quiet = this.foreground === 0;
    if (!quiet) this.clock.advanceTo(deadline);
    return quiet;
  }

  /** Runs every task due within the next `ms` of virtual time, then sets the clock there. */
  runFor(ms: number): void {
    this.runUntil(this.clock.now() + ms);
  }

  runUntil(deadline: number): void {
    for (;;) {
      const t = this.peekTime();
      if (t === undefined || t > deadline) break;
      this.step();
    }
    this.clock.advanceTo(deadline);
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && (this.heap[0] as Task).cancelled) this.pop();
  }

  private less(a: Task, b: Task): boolean {
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
  }

  private push(task: Task): void {
    const h = this.heap;
    h.push(task);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i] as Task, h[p] as Task)) break;
      [h[i], h[p]] = [h[p] as Task, h[i] as Task];
      i = p;
    }
  }

  private pop(): Task | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l] as Task, h[m] as Task)) m = l;
        if (r < h.length && this.less(h[r] as Task, h[m] as Task)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as Task, h[i] as Task];
        i = m;
      }
    }
    return top;
  }
}
