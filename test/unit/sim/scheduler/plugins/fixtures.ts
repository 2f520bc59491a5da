/**
 * Plugin test fixtures: nodes and pods as plain objects, a framework over an in-memory cache
 * (no API server), and helpers that run the extension points the way a cycle does.
 */
import { EventLoop, Rng, Tracer, VirtualClock } from '../../../../../src/sim/core';
import type { Client, EventRecorder } from '../../../../../src/sim/client';
import { SchedulerCache } from '../../../../../src/sim/scheduler/framework/cache';
import { CycleState, Framework, type NodePluginScores, type PluginSpec } from '../../../../../src/sim/scheduler/framework/framework';
import type { Listers, Plugin } from '../../../../../src/sim/scheduler/framework/interface';
import { Nominator } from '../../../../../src/sim/scheduler/framework/nominator';
import { PodInfo } from '../../../../../src/sim/scheduler/framework/podInfo';
import { isSuccess, type MaybeStatus, type Status } from '../../../../../src/sim/scheduler/framework/status';
import type { NodeObj, PodObj } from '../../../../../src/sim/scheduler/framework/types';

export interface NodeOpts {
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
}

export function makeNode(name: string, o: NodeOpts = {}): NodeObj {
  const r = { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: String(o.pods ?? 110) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: { capacity: r, allocatable: r, images: o.images },
  } as NodeObj;
}

let uid = 0;

export function makePod(name: string, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): PodObj {
  const containers = (spec.containers as unknown[] | undefined) ?? [{ name: 'c', image: 'nginx:1.14.2' }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}-${uid++}`, labels: {}, ...meta },
    spec: { ...spec, containers },
    status: {},
  } as PodObj;
}

export function requests(cpu?: string, memory?: string): Record<string, unknown> {
  const r: Record<string, string> = {};
  if (cpu) r.cpu = cpu;
  if (memory) r.memory = memory;
  return { containers: [{ name: 'c', image: 'nginx:1.14.2', resources: { requests: r } }] };
}

export class TestFramework {
  readonly cache = new SchedulerCache();
  readonly nominator = new Nominator();
  readonly loop = new EventLoop(new VirtualClock());
  readonly fwk: Framework;

  constructor(specs: PluginSpec[], nodes: NodeObj[] = [], pods: PodObj[] = [], listers: Partial<Listers> = {}) {
    for (const n of nodes) this.cache.addNode(n);
    for (const p of pods) this.cache.addPod(p);
    this.loop.attachTracer(new Tracer(this.loop.clock));
    const base: Listers = {
      pod: () => undefined,
      node: (name) => this.cache.get(name)?.node,
      pvc: () => undefined,
      pv: () => undefined,
      namespaceLabels: () => ({}),
      namespaces: () => ['default'],
      serviceSelectors: () => [],
      controllerSelector: () => undefined,
    };
    this.fwk = new Framework(specs, {
      schedulerName: 'default-scheduler',
      cache: this.cache,
      listers: { ...base, ...listers },
      client: {} as Client,
      recorder: { normal() {}, warning() {} } as unknown as EventRecorder,
      rng: new Rng(1),
      loop: this.loop,
      nominator: this.nominator,
    });
  }

  plugin(name: string): Plugin {
    const p = this.fwk.plugins.find((x) => x.name === name);
    if (!p) throw new Error(`no plugin ${name}`);
    return p;
  }

  /** PreFilter then Filter on every node: node name -> status (null = fits). */
  filter(pod: PodObj): { preFilter: MaybeStatus; nodes: Map<string, MaybeStatus>; state: CycleState } {
    const state = new CycleState();
    const pi = new PodInfo(pod);
    const pre = this.fwk.runPreFilterPlugins(state, pi);
    const nodes = new Map<string, MaybeStatus>();
    if (!isSuccess(pre.status)) return { preFilter: pre.status, nodes, state };
    for (const ni of this.cache.nodeList()) nodes.set(ni.name, this.fwk.runFilterPlugins(state, pi, ni));
    return { preFilter: null, nodes, state };
  }

  /** PreScore and Score over the given (or all) nodes: node name -> plugin results. */
  score(pod: PodObj, nodeNames?: string[]): Map<string, NodePluginScores> {
    const state = new CycleState();
    const pi = new PodInfo(pod);
    this.fwk.runPreFilterPlugins(state, pi);
    const nodes = this.cache.nodeList().filter((n) => !nodeNames || nodeNames.includes(n.name));
    const s = this.fwk.runPreScorePlugins(state, pi, nodes);
    if (!isSuccess(s)) throw new Error((s as Status).message());
    return new Map(this.fwk.runScorePlugins(state, pi, nodes).map((r) => [r.name, r]));
  }
}

/** A one-plugin profile. */
export function only(name: string, create: PluginSpec['create'], weight = 1): PluginSpec[] {
  return [{ name, weight, create }];
}

export function reasonsOf(s: MaybeStatus): string[] {
  return s ? [...s.reasons] : [];
}
