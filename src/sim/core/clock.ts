/** The virtual clock: the only source of time inside the simulation. */

/** 2026-01-01T00:00:00Z: a fixed start so the same seed gives the same timestamps. */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

export class VirtualClock {
  private current: number;

  constructor(startMs: number = DEFAULT_EPOCH_MS) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  /** Moves time forward; time never goes back. */
  advanceTo(ms: number): void {
    if (ms > this.current) this.current = ms;
  }
}

/** RFC 3339 at second precision, as Kubernetes writes metav1.Time: 2026-01-01T00:00:05Z */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** RFC 3339 with microseconds, as Kubernetes writes metav1.MicroTime. */
export function rfc3339Micro(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-01-01T00:00:05.123Z
  return iso.replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function parseTime(s: string): number {
  return Date.parse(s);
}
