/**
 * The prober (pkg/kubelet/prober): startup, readiness and liveness workers per container
 * instance, on their periods, with thresholds, Unhealthy events for every failed run, and
 * restarts when liveness or startup gives up. The first run of a probe is awaited work;
 * later runs are background upkeep, so a healthy cluster still becomes quiet.
 */
import type { Container, Probe } from 'kubernetes-types/core/v1';
import type { EventLoop, TaskHandle } from '../../core';
import type { EventRecorder } from '../../client';
import type { KubeObject } from '../../api/types';
import type { ContainerRuntime } from '../runtime/containerd';
import type { PodNetwork } from '../network';
import { runAction } from './actions';
import { Reason, msg } from './events';

export type ProbeKind = 'startup' | 'readiness' | 'liveness';

/** What the prober tells the pod worker. */
export interface ProbeSink {
  readonly podObject: KubeObject;
  isRunning(containerId: string): boolean;
  isStarted(containerId: string): boolean;
  setStarted(containerId: string): void;
  setReady(containerId: string, ready: boolean): void;
  restart(containerId: string, message: string, graceSeconds: number | undefined): void;
}

const TITLE: Record<ProbeKind, string> = { startup: 'Startup', readiness: 'Readiness', liveness: 'Liveness' };

class ProbeLoop {
  private task: TaskHandle | undefined;
  private stopped = false;
  private ran = false;
  private successes = 0;
  private failures = 0;
  private result: boolean | undefined;

  constructor(
    private readonly kind: ProbeKind,
    private readonly probe: Probe,
    private readonly sink: ProbeSink,
    private readonly container: Container,
    private readonly containerId: string,
    private readonly startedAt: number,
    private readonly podIP: string,
    private readonly deps: ProberDeps,
  ) {
    // The first run follows the kubelet noticing the container (PLEG relist, ~1 s).
    this.schedule(1000);
  }

  stop(): void {
    this.stopped = true;
    this.task?.cancel();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    const background = this.ran || this.kind === 'liveness';
    this.task = this.deps.loop.schedule(ms, () => this.tick(), { background, label: `${this.kind} probe ${this.container.name}` });
  }

  private tick(): void {
    if (this.stopped) return;
    if (!this.sink.isRunning(this.containerId)) return this.stop();
    const period = (this.probe.periodSeconds ?? 10) * 1000;
    const started = this.sink.isStarted(this.containerId);
    if (this.kind === 'startup' && started) return this.stop();
    if (this.kind !== 'startup' && !started) return this.schedule(period);
    const delay = (this.probe.initialDelaySeconds ?? 0) * 1000;
    if (this.deps.loop.now() < this.startedAt + delay) return this.schedule(this.startedAt + delay - this.deps.loop.now());
    runAction(
      this.probe,
      { container: this.container, containerId: this.containerId, podIP: this.podIP, sourceIP: this.deps.sourceIP },
      this.probe.timeoutSeconds ?? 1,
      { runtime: this.deps.runtime, network: this.deps.network, loop: this.deps.loop, background: this.ran || this.kind === 'liveness' },
      (r) => {
        if (this.stopped || !this.sink.isRunning(this.containerId)) return;
        this.ran = true;
        this.record(r.ok, r.message);
        if (!this.stopped) this.schedule(period);
      },
    );
  }

  private record(ok: boolean, message: string): void {
    if (ok) {
      this.failures = 0;
      this.successes++;
    } else {
      this.successes = 0;
      this.failures++;
      this.deps.recorder.warning(this.sink.podObject, Reason.Unhealthy, `${TITLE[this.kind]} probe failed: ${message}`, fieldPathOf(this.sink.podObject, this.container.name));
    }
    const successThreshold = this.kind === 'readiness' ? (this.probe.successThreshold ?? 1) : 1;
    const failureThreshold = this.probe.failureThreshold ?? 3;
    if (ok && this.successes >= successThreshold && this.result !== true) {
      this.result = true;
      if (this.kind === 'startup') {
        this.sink.setStarted(this.containerId);
        this.stop();
      } else if (this.kind === 'readiness') this.sink.setReady(this.containerId, true);
    } else if (!ok && this.failures >= failureThreshold && this.result !== false) {
      this.result = false;
      if (this.kind === 'readiness') this.sink.setReady(this.containerId, false);
      else {
        this.stop();
        this.sink.restart(this.containerId, msg.livenessRestart(this.container.name, this.kind), this.probe.terminationGracePeriodSeconds);
      }
    }
  }
}

export function fieldPathOf(pod: KubeObject, container: string): string {
  const spec = (pod.spec ?? {}) as { initContainers?: { name: string }[] };
  return (spec.initContainers ?? []).some((c) => c.name === container) ? `spec.initContainers{${container}}` : `spec.containers{${container}}`;
}

export interface ProberDeps {
  loop: EventLoop;
  runtime: ContainerRuntime;
  network: PodNetwork;
  recorder: EventRecorder;
  /** Where probes come from on the pod network (the node's gateway address). */
  sourceIP: string;
}

export class Prober {
  private readonly loops = new Map<string, ProbeLoop[]>();

  constructor(private readonly deps: ProberDeps) {}

  /** Starts the probes of a container instance that has just started. */
  start(sink: ProbeSink, container: Container, containerId: string, startedAt: number, podIP: string): void {
    this.stop(containerId);
    const loops: ProbeLoop[] = [];
    const add = (kind: ProbeKind, probe: Probe | undefined): void => {
      if (probe) loops.push(new ProbeLoop(kind, probe, sink, container, containerId, startedAt, podIP, this.deps));
    };
    add('startup', container.startupProbe);
    add('readiness', container.readinessProbe);
    add('liveness', container.livenessProbe);
    if (loops.length > 0) this.loops.set(containerId, loops);
  }

  stop(containerId: string): void {
    for (const l of this.loops.get(containerId) ?? []) l.stop();
    this.loops.delete(containerId);
  }

  stopPod(pod: { tracks: readonly { ids: readonly string[] }[] }): void {
    for (const t of pod.tracks) for (const id of t.ids) this.stop(id);
  }

  stopAll(): void {
    for (const id of [...this.loops.keys()]) this.stop(id);
  }
}
