/**
 * Cases 3, 4 and 5: N worker nodes join a started control plane, then D Deployments of
 * R replicas roll out, fast-forwarded in 30 ms slices until the cluster is quiet. Every
 * loop.step() is timed (the editor-freeze risk is the longest single step: the host cannot
 * yield inside one). A wall-clock limit stops a run that would take too long and reports
 * how far it got.
 */
import { getHeapStatistics } from 'node:v8';
import { Cluster } from '../../src/sim/cluster';
import { R } from '../../src/sim/client';
import type { KubeObject } from '../../src/sim/api/types';
import { memoryCensus, type MemoryCensus } from '../lib/memory';
import { drive, type DriveResult, type LabelCost, type LongStep } from '../lib/driver';
import { ApiCostMeter, type RequestCost } from '../lib/apiCost';
import { Stopwatch, timed } from '../lib/measure';
import { deployment, podPhases, readyReplicas } from '../lib/workload';

export interface ScaleParams {
  nodes: number;
  deployments: number;
  replicas: number;
  /** Record trace events (the editor does; fast-forward of huge clusters does not). */
  tracer: boolean;
  /** Wall-clock budget for the whole case; past it the run stops and reports progress. */
  limitMs: number;
  seed?: number;
}

export interface PhaseResult {
  wallMs: number;
  cpuMs: number;
  steps: number;
  virtualMs: number;
  quiet: boolean;
  stoppedEarly: boolean;
  stepP50Us: number;
  stepP99Us: number;
  stepMaxUs: number;
  stepsOver16ms: number;
  stepsOver30ms: number;
  maxSliceMs: number;
  longest: LongStep[];
  byLabel: LabelCost[];
  peakHeapBytes: number;
  revisions: number;
  traceEvents: number;
}

export interface ScaleResult {
  params: ScaleParams;
  controlPlaneMs: number;
  nodes: PhaseResult & { ready: number };
  rollout: PhaseResult & {
    applyMs: number;
    pods: number;
    /** Wall ms from apply to every replica ready (NaN if never reached). */
    allReadyWallMs: number;
    allReadyVirtualMs: number;
    readyAtEnd: number;
    phases: Record<string, number>;
    perPodUs: number;
    podsPerSecond: number;
    /** API requests during the rollout by verb and resource, costliest first. */
    requests: RequestCost[];
  };
  heapAfterGcBytes: number;
  memory: MemoryCensus;
  peakHeapBytes: number;
  heapLimitBytes: number;
}

function phaseOf(d: DriveResult, cpuMs: number, revisions: number, traceEvents: number): PhaseResult {
  return {
    wallMs: d.wallMs,
    cpuMs,
    steps: d.steps,
    virtualMs: d.virtualMs,
    quiet: d.quiet,
    stoppedEarly: d.stoppedEarly,
    stepP50Us: d.hist.quantile(0.5),
    stepP99Us: d.hist.quantile(0.99),
    stepMaxUs: d.hist.maxUs,
    stepsOver16ms: d.hist.atLeast(16_000),
    stepsOver30ms: d.hist.atLeast(30_000),
    maxSliceMs: d.maxSliceMs,
    longest: d.longest,
    byLabel: d.byLabel,
    peakHeapBytes: d.peakHeapBytes,
    revisions,
    traceEvents,
  };
}

function readyNodes(cluster: Cluster): number {
  return cluster.kubectl.list<KubeObject>(R.nodes).items.filter((n) => {
    const conds = (n.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
    return conds.some((c) => c.type === 'Ready' && c.status === 'True');
  }).length;
}

export function scaleCase(p: ScaleParams, log: (line: string) => void = () => {}): ScaleResult {
  const store = (c: Cluster): number => c.api.ctx.store.revision;
  const cp = timed(() => {
    const c = new Cluster({ seed: p.seed ?? 1, workers: 0 });
    c.tracer.enabled = p.tracer;
    return c.start();
  });
  const cluster = cp.value;
  const meter = new ApiCostMeter(cluster.api);
  const deadlineAt = Date.now() + p.limitMs;
  const overBudget = (): boolean => Date.now() > deadlineAt;

  // Nodes join.
  let sw = new Stopwatch();
  let rev0 = store(cluster);
  let seq0 = cluster.tracer.lastSeq;
  for (let i = 0; i < p.nodes; i++) cluster.addWorker();
  const nodeDrive = drive(cluster.loop, { onSlice: overBudget });
  const nodesPhase = { ...phaseOf(nodeDrive, sw.read().cpuMs, store(cluster) - rev0, cluster.tracer.lastSeq - seq0), wallMs: sw.read().wallMs, ready: readyNodes(cluster) };
  log(`nodes: ${nodesPhase.ready}/${p.nodes} ready in ${nodesPhase.wallMs.toFixed(0)} ms, ${nodesPhase.steps} steps`);

  // Deployments roll out.
  const names = Array.from({ length: p.deployments }, (_, i) => `web-${i + 1}`);
  const target = p.deployments * p.replicas;
  sw = new Stopwatch();
  rev0 = store(cluster);
  seq0 = cluster.tracer.lastSeq;
  const v0 = cluster.loop.now();
  meter.reset();
  const applied = timed(() => cluster.apply(names.map((n) => deployment(n, p.replicas)), { source: 'bench.yaml' }));
  const failed = applied.value.find((r) => r.action === 'failed');
  if (failed) throw new Error(`apply failed: ${failed.message}`);
  let allReadyWallMs = NaN;
  let allReadyVirtualMs = NaN;
  let lastCheck = -Infinity;
  let lastLog = 0;
  let ready = 0;
  const rollDrive = nodesPhase.stoppedEarly
    ? drive(cluster.loop, { onSlice: () => true })
    : drive(cluster.loop, {
        onSlice: (elapsed) => {
          if (elapsed - lastCheck >= 250 && Number.isNaN(allReadyWallMs)) {
            lastCheck = elapsed;
            ready = readyReplicas(cluster, names);
            if (ready >= target) {
              allReadyWallMs = sw.read().wallMs;
              allReadyVirtualMs = cluster.loop.now() - v0;
            }
            if (elapsed - lastLog >= 10_000) {
              lastLog = elapsed;
              log(`  ${(elapsed / 1000).toFixed(0)} s: ${ready}/${target} ready, virtual ${((cluster.loop.now() - v0) / 1000).toFixed(0)} s, heap ${(getHeapStatistics().used_heap_size / 2 ** 20).toFixed(0)} MiB`);
            }
          }
          return overBudget();
        },
      });
  const rollTiming = sw.read();
  const requests = meter.report();
  ready = readyReplicas(cluster, names);
  if (Number.isNaN(allReadyWallMs) && ready >= target) {
    allReadyWallMs = rollTiming.wallMs;
    allReadyVirtualMs = cluster.loop.now() - v0;
  }
  const phases = podPhases(cluster);
  const rollout = {
    ...phaseOf(rollDrive, rollTiming.cpuMs, store(cluster) - rev0, cluster.tracer.lastSeq - seq0),
    wallMs: rollTiming.wallMs,
    applyMs: applied.wallMs,
    pods: target,
    allReadyWallMs,
    allReadyVirtualMs,
    readyAtEnd: ready,
    phases,
    perPodUs: (rollTiming.wallMs * 1000) / Math.max(1, ready),
    podsPerSecond: ready / (rollTiming.wallMs / 1000),
    requests,
  };
  log(`rollout: ${ready}/${target} ready in ${rollTiming.wallMs.toFixed(0)} ms (${rollout.podsPerSecond.toFixed(0)} pods/s), ${rollDrive.steps} steps`);
  const memory = memoryCensus(cluster);
  const stats = getHeapStatistics();
  cluster.stop();
  return {
    params: p,
    controlPlaneMs: cp.wallMs,
    nodes: nodesPhase,
    rollout,
    heapAfterGcBytes: memory.heapAfterGcBytes,
    memory,
    peakHeapBytes: Math.max(nodesPhase.peakHeapBytes, rollout.peakHeapBytes),
    heapLimitBytes: stats.heap_size_limit,
  };
}
