/**
 * Case 1 (cluster start) and case 2 (examples/nginx.yaml, apply to running): the
 * everyday paths a person waits for in the editor. Each is repeated in one process: the
 * first run is "cold" (code not yet optimized, as right after the extension activates),
 * the median of the others is "warm".
 */
import { readFileSync } from 'node:fs';
import { createCluster, type Cluster } from '../../src/sim/cluster';
import { parseManifest, planApply } from '../../src/manifest';
import { heapAfterGc } from '../lib/driver';
import { timed } from '../lib/measure';
import { median } from '../lib/stats';
import { podPhases } from '../lib/workload';

export interface RepeatResult {
  coldWallMs: number;
  warmWallMs: number;
  coldCpuMs: number;
  warmCpuMs: number;
  runs: number;
}

function summarizeRuns(walls: number[], cpus: number[]): RepeatResult {
  return {
    coldWallMs: walls[0] ?? NaN,
    warmWallMs: median(walls.slice(1)),
    coldCpuMs: cpus[0] ?? NaN,
    warmCpuMs: median(cpus.slice(1)),
    runs: walls.length,
  };
}

export interface StartResult extends RepeatResult {
  tasks: number;
  traceEvents: number;
  revisions: number;
  nodes: number;
  heapAfterGcBytes: number;
}

export function startCase(reps: number): StartResult {
  const walls: number[] = [];
  const cpus: number[] = [];
  let last: Cluster | undefined;
  for (let i = 0; i < reps; i++) {
    last?.stop();
    const r = timed(() => createCluster({ seed: 1, workers: 2 }));
    walls.push(r.wallMs);
    cpus.push(r.cpuMs);
    last = r.value;
  }
  const c = last as Cluster;
  const heap = heapAfterGc();
  const result = {
    ...summarizeRuns(walls, cpus),
    tasks: c.loop.tasksRun,
    traceEvents: c.tracer.lastSeq,
    revisions: c.api.ctx.store.revision,
    nodes: c.nodes.size,
    heapAfterGcBytes: heap,
  };
  c.stop();
  return result;
}

export interface NginxResult extends RepeatResult {
  parseMs: number;
  tasks: number;
  traceEvents: number;
  revisions: number;
  virtualMs: number;
  running: number;
}

export function nginxCase(reps: number, file = 'examples/nginx.yaml'): NginxResult {
  const text = readFileSync(file, 'utf8');
  const walls: number[] = [];
  const cpus: number[] = [];
  const parses: number[] = [];
  let counts = { tasks: 0, traceEvents: 0, revisions: 0, virtualMs: 0, running: 0 };
  for (let i = 0; i < reps; i++) {
    const cluster = createCluster({ seed: 1, workers: 2 });
    const p = timed(() => planApply(parseManifest(text)).objects.map((o) => o.object));
    parses.push(p.wallMs);
    const tasks0 = cluster.loop.tasksRun;
    const seq0 = cluster.tracer.lastSeq;
    const rev0 = cluster.api.ctx.store.revision;
    const v0 = cluster.loop.now();
    const r = timed(() => {
      cluster.apply(p.value, { source: 'nginx.yaml' });
      return cluster.runUntilQuiet();
    });
    if (!r.value) throw new Error('nginx.yaml: the cluster did not become quiet');
    walls.push(r.wallMs);
    cpus.push(r.cpuMs);
    counts = {
      tasks: cluster.loop.tasksRun - tasks0,
      traceEvents: cluster.tracer.lastSeq - seq0,
      revisions: cluster.api.ctx.store.revision - rev0,
      virtualMs: cluster.loop.now() - v0,
      running: podPhases(cluster).Running ?? 0,
    };
    cluster.stop();
  }
  return { ...summarizeRuns(walls, cpus), parseMs: median(parses), ...counts };
}
