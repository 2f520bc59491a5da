/**
 * The real-time driver: virtual time runs at `speed` times real time. Each tick runs the
 * event loop up to the virtual "now" that real time has reached, so controllers, the
 * scheduler and the kubelets act while kubectl waits, as on a real cluster.
 */
import type { EventLoop } from '../sim/core';

export interface DriverOptions {
  /** Virtual milliseconds per real millisecond (default 1). */
  speed?: number;
  /** Real milliseconds between ticks (default 20). */
  tickMs?: number;
  /** Called when a task of the loop throws; the loop goes on with the next task. */
  onError?: (err: unknown) => void;
}

export class RealTimeDriver {
  readonly speed: number;
  private readonly tickMs: number;
  private readonly onError: (err: unknown) => void;
  private timer: ReturnType<typeof setInterval> | undefined;
  private anchorReal = 0;
  private anchorVirtual = 0;
  private pendingKick = false;

  constructor(
    private readonly loop: EventLoop,
    opts: DriverOptions = {},
  ) {
    this.speed = opts.speed ?? 1;
    if (!(this.speed > 0) || !Number.isFinite(this.speed)) throw new Error(`invalid speed: ${String(opts.speed)}`);
    this.tickMs = opts.tickMs ?? 20;
    this.onError = opts.onError ?? ((err) => process.stderr.write(`kube-walkthrough: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`));
  }

  start(): void {
    if (this.timer) return;
    this.anchor();
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Runs what is due now; called before each request so it sees the present. */
  tick(): void {
    if (!this.timer) return;
    const target = Math.floor(this.anchorVirtual + (performance.now() - this.anchorReal) * this.speed);
    // Someone ran the loop ahead (a fast-forward): real time continues from there.
    if (target < this.loop.now()) this.anchor();
    const deadline = Math.max(target, this.loop.now());
    for (;;) {
      try {
        this.loop.runUntil(deadline);
        return;
      } catch (err) {
        this.onError(err);
      }
    }
  }

  /** Runs a tick as soon as the current request is answered (its effects start at once). */
  kick(): void {
    if (this.pendingKick || !this.timer) return;
    this.pendingKick = true;
    setImmediate(() => {
      this.pendingKick = false;
      this.tick();
    });
  }

  private anchor(): void {
    this.anchorReal = performance.now();
    this.anchorVirtual = this.loop.now();
  }
}
