/**
 * Scheduler scenarios on the real in-process API server: nodes written as a kubelet would
 * register them, pods created with the admin client, the scheduler under test, and helpers
 * to read bindings, events, conditions and the 'schedule' trace.
 */
import { apiHarness } from '../apiserver/harness';
import { Rng } from '../../../../src/sim/core';
import type { TraceEvent } from '../../../../src/protocol/trace';
import { R, type ComponentEnv } from '../../../../src/sim/client';
import type { KubeObject } from '../../../../src/sim/api/types';
import { Scheduler, type SchedulerOptions } from '../../../../src/sim/scheduler';
import type { SchedulingDetail } from '../../../../src/protocol/scheduling';

export interface NodeOpts {
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  zone?: string;
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
}

export const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

export type PodSpecLike = Record<string, unknown>;

export class SchedHarness {
  readonly h = apiHarness();
  readonly env: ComponentEnv;
  scheduler: Scheduler | undefined;

  constructor(seed = 42) {
    this.env = { loop: this.h.loop, tracer: this.h.tracer, rng: new Rng(seed), api: this.h.api };
  }

  get admin() {
    return this.h.admin;
  }

  addNode(name: string, o: NodeOpts = {}): KubeObject {
    const labels: Record<string, string> = {
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      ...(o.zone ? { 'topology.kubernetes.io/zone': o.zone } : {}),
      ...o.labels,
    };
    const resources = { cpu: o.cpu ?? '2', memory: o.memory ?? '4Gi', pods: String(o.pods ?? 110), 'ephemeral-storage': '20Gi' };
    return this.admin.create(R.nodes, undefined, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels },
      spec: { taints: o.taints, unschedulable: o.unschedulable },
      status: {
        capacity: resources,
        allocatable: resources,
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
        images: o.images ?? [],
      },
    } as KubeObject);
  }

  /** The control-plane node and workers worker-1..n, as kubeadm would register them. */
  cluster(workers = 2, o: NodeOpts = {}): this {
    this.addNode('control-plane', { labels: { 'node-role.kubernetes.io/control-plane': '' }, taints: [CONTROL_PLANE_TAINT] });
    for (let i = 1; i <= workers; i++) this.addNode(`worker-${i}`, o);
    return this;
  }

  createPod(name: string, spec: PodSpecLike = {}, meta: Record<string, unknown> = {}): KubeObject {
    const containers = (spec.containers as unknown[] | undefined) ?? [{ name: 'nginx', image: 'nginx:1.14.2' }];
    return this.admin.create(R.pods, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', labels: { app: 'nginx' }, ...meta },
      spec: { ...spec, containers },
    } as KubeObject);
  }

  start(opts: SchedulerOptions = {}): this {
    this.scheduler = new Scheduler(this.env, opts).start();
    return this;
  }

  run(ms = 60_000): void {
    this.h.loop.runUntilQuiet(this.h.loop.now() + ms);
  }

  pod(name: string): KubeObject {
    return this.admin.get(R.pods, 'default', name);
  }

  nodeOf(name: string): string | undefined {
    return (this.pod(name).spec as { nodeName?: string }).nodeName;
  }

  condition(name: string, type = 'PodScheduled'): Record<string, unknown> | undefined {
    const conds = ((this.pod(name).status as { conditions?: Record<string, unknown>[] }).conditions ?? []);
    return conds.find((c) => c.type === type);
  }

  events(name?: string): { reason: string; message: string; type: string; action?: string; reportingComponent?: string }[] {
    const items = this.admin.list<KubeObject>(R.events, 'default').items;
    return items
      .filter((e) => !name || (e.involvedObject as { name?: string }).name === name)
      .map((e) => ({
        reason: e.reason as string,
        message: e.message as string,
        type: e.type as string,
        action: e.action as string | undefined,
        reportingComponent: e.reportingComponent as string | undefined,
      }));
  }

  schedules(): TraceEvent[] {
    return this.h.tracer.events().filter((e) => e.channel === 'schedule');
  }

  lastDetail(pod?: string): SchedulingDetail | undefined {
    const evs = this.schedules().filter((e) => !pod || (e.detail as SchedulingDetail | undefined)?.pod === `default/${pod}`);
    return evs[evs.length - 1]?.detail as SchedulingDetail | undefined;
  }

  /** Plays the kubelet's part in graceful deletion: terminating pods go away for good. */
  finishTerminating(): void {
    for (const p of this.admin.list<KubeObject>(R.pods, 'default').items) {
      if (p.metadata.deletionTimestamp) this.admin.delete(R.pods, 'default', p.metadata.name ?? '', { gracePeriodSeconds: 0 });
    }
  }
}

export function cpuPod(cpu: string, extra: PodSpecLike = {}): PodSpecLike {
  return { ...extra, containers: [{ name: 'app', image: 'nginx:1.14.2', resources: { requests: { cpu } } }] };
}
