/**
 * Wall and CPU time of a piece of work, and a description of the machine. CPU time is
 * reported beside wall time because the benchmark machine is shared: when other processes
 * take the cores, wall time grows and CPU time does not.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';

export interface Timing {
  wallMs: number;
  cpuMs: number;
}

export function timed<T>(fn: () => T): { value: T } & Timing {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wallMs, cpuMs: (c.user + c.system) / 1000 };
}

export class Stopwatch {
  private readonly c0 = process.cpuUsage();
  private readonly t0 = performance.now();

  read(): Timing {
    const c = process.cpuUsage(this.c0);
    return { wallMs: performance.now() - this.t0, cpuMs: (c.user + c.system) / 1000 };
  }
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  loadavg1: number;
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadavg1: Number((loadavg()[0] ?? 0).toFixed(2)),
  };
}
