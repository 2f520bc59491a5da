/**
 * One pod's worker (pkg/kubelet/pod_workers.go with kuberuntime's SyncPod): syncs are
 * serialized; each writes the status it sees, makes the sandbox, runs init containers in
 * order, starts or restarts containers per restartPolicy with CrashLoopBackOff, and on
 * deletion kills containers gracefully, stops the sandbox and removes the pod object.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { TaskHandle } from '../../core';
import type { KubeObject } from '../../api/types';
import type { ContainerStatus } from '../runtime/cri';
import { generatePodStatus, type TrackView } from './podStatus';
import { fieldPathOf, type ProbeSink } from './prober';
import { Waiting } from './events';
import type { WorkerHost } from './workerHost';
import { killContainer, startContainer } from './containerOps';

export class Track {
  readonly fieldPath: string;
  /** Container ids of this container's instances, oldest first. */
  readonly ids: string[] = [];
  attempt = 0;
  waiting: { reason: string; message: string } | undefined;
  ready = false;
  started = false;

  constructor(
    readonly spec: Container,
    readonly init: boolean,
  ) {
    this.fieldPath = init ? `spec.initContainers{${spec.name}}` : `spec.containers{${spec.name}}`;
  }

  currentId(): string | undefined {
    return this.ids[this.ids.length - 1];
  }
}

export class PodWorker implements ProbeSink {
  readonly uid: string;
  readonly tracks: Track[];
  sandboxId: string | undefined;
  podIP: string | undefined;
  sandboxAttempt = 0;
  startTime: number | undefined;
  /** The API object is gone: stop without writing status. */
  removed = false;
  terminated = false;
  rejected = false;
  private busy = false;
  private again = false;
  private requeue: TaskHandle | undefined;
  private lastWritten = '';
  lastSignature = '';

  constructor(
    public pod: Pod,
    private readonly host: WorkerHost,
  ) {
    this.uid = pod.metadata?.uid ?? '';
    this.tracks = [...(pod.spec?.initContainers ?? []).map((c) => new Track(c, true)), ...(pod.spec?.containers ?? []).map((c) => new Track(c, false))];
  }

  get podObject(): KubeObject {
    return this.pod as unknown as KubeObject;
  }

  get key(): string {
    return `${this.pod.metadata?.namespace ?? ''}/${this.pod.metadata?.name ?? ''}`;
  }

  // ---- what the runtime says ----

  status(id: string | undefined): ContainerStatus | undefined {
    return id ? this.host.runtime.containerStatus(id) : undefined;
  }

  current(t: Track): ContainerStatus | undefined {
    return this.status(t.currentId());
  }

  sandboxReady(): boolean {
    return this.sandboxId !== undefined && this.host.runtime.podSandboxStatus(this.sandboxId)?.state === 'SANDBOX_READY';
  }

  /** What PLEG compares between relists. */
  signature(): string {
    const parts = this.tracks.map((t) => `${t.currentId() ?? '-'}:${this.current(t)?.state ?? '-'}`);
    return `${this.sandboxId ?? '-'}:${this.sandboxReady()}|${parts.join(',')}`;
  }

  // ---- ProbeSink ----

  private trackOf(id: string): Track | undefined {
    return this.tracks.find((t) => t.currentId() === id);
  }

  isRunning(id: string): boolean {
    return this.status(id)?.state === 'CONTAINER_RUNNING' && !this.terminated;
  }

  isStarted(id: string): boolean {
    return this.trackOf(id)?.started ?? false;
  }

  setStarted(id: string): void {
    const t = this.trackOf(id);
    if (!t || t.started) return;
    t.started = true;
    if (!t.spec.readinessProbe) t.ready = true;
    this.writeStatus();
  }

  setReady(id: string, ready: boolean): void {
    const t = this.trackOf(id);
    if (!t || t.ready === ready) return;
    t.ready = ready;
    this.writeStatus();
  }

  restart(id: string, message: string, graceSeconds: number | undefined): void {
    const t = this.trackOf(id);
    if (!t || this.terminated) return;
    const grace = graceSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
    killContainer(this, this.host, t, grace, message, () => this.sync());
  }

  // ---- status ----

  views(): TrackView[] {
    return this.tracks.map((t) => ({
      spec: t.spec,
      init: t.init,
      current: this.current(t),
      previous: this.status(t.ids[t.ids.length - 2]),
      waiting: t.waiting,
      ready: t.ready,
      started: t.started,
    }));
  }

  /** Whether nothing will run again: every container exited and none restarts. */
  finished(): boolean {
    const policy = this.pod.spec?.restartPolicy ?? 'Always';
    const regular = this.tracks.filter((t) => !t.init);
    const initFailed = this.tracks.some((t) => t.init && this.current(t)?.state === 'CONTAINER_EXITED' && (this.current(t)?.exitCode ?? 0) !== 0);
    if (initFailed && policy === 'Never') return true;
    return regular.length > 0 && regular.every((t) => {
      const c = this.current(t);
      return c?.state === 'CONTAINER_EXITED' && !shouldRestart(policy, c.exitCode);
    });
  }

  writeStatus(terminal = this.terminated || this.finished()): void {
    if (this.removed || this.rejected) return;
    const status = generatePodStatus({
      pod: this.pod,
      now: this.host.loop.now(),
      hostIP: this.host.nodeIP,
      podIP: this.podIP,
      sandboxReady: this.sandboxReady(),
      startTime: this.startTime,
      tracks: this.views(),
      terminal,
    });
    const text = JSON.stringify(status);
    if (text === this.lastWritten) return;
    this.lastWritten = text;
    this.host.writeStatus(this, status);
  }

  // ---- syncs ----

  sync(): void {
    if (!this.host.active()) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    this.again = false;
    this.requeue?.cancel();
    this.requeue = undefined;
    this.runSync(() => {
      this.busy = false;
      if (this.again) this.host.loop.schedule(0, () => this.sync(), { label: `sync ${this.key}` });
    });
  }

  /** After an error the pod worker retries in 10-15 s (workerBackOffPeriod with jitter). */
  private scheduleRequeue(): void {
    if (this.requeue) return;
    const ms = 10_000 + this.host.rng.int(5_000);
    this.requeue = this.host.loop.schedule(ms, () => {
      this.requeue = undefined;
      this.sync();
    }, { background: true, label: `requeue ${this.key}` });
  }

  private runSync(done: () => void): void {
    if (this.removed || this.pod.metadata?.deletionTimestamp) return this.terminate(done);
    if (this.rejected || this.terminated) return done();
    if (this.startTime === undefined) this.startTime = this.host.loop.now();
    this.writeStatus();
    if (this.finished()) return this.finish(done);
    const afterSandbox = (): void => {
      const plan = this.plan();
      let errored = false;
      const next = (i: number): void => {
        const t = plan[i];
        if (!t) {
          if (errored) this.scheduleRequeue();
          return done();
        }
        startContainer(this, this.host, t, (ok) => {
          if (!ok) errored = true;
          next(i + 1);
        });
      };
      next(0);
    };
    if (this.sandboxReady()) return afterSandbox();
    this.createSandbox((ok) => {
      if (!ok) {
        this.scheduleRequeue();
        return done();
      }
      afterSandbox();
    });
  }

  private createSandbox(cb: (ok: boolean) => void): void {
    const pod = this.pod;
    const attempt = this.sandboxId ? this.sandboxAttempt + 1 : 0;
    this.host.runtime.runPodSandbox(
      {
        uid: this.uid,
        name: pod.metadata?.name ?? '',
        namespace: pod.metadata?.namespace ?? '',
        attempt,
        hostNetwork: pod.spec?.hostNetwork ?? false,
        hostname: pod.spec?.hostNetwork ? this.host.node : (pod.spec?.hostname ?? pod.metadata?.name ?? ''),
      },
      (err, id) => {
        if (err || !id) {
          this.host.recorder.warning(this.podObject, 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${err?.message ?? 'unknown'}`);
          return cb(false);
        }
        this.sandboxId = id;
        this.sandboxAttempt = attempt;
        this.podIP = this.host.runtime.podSandboxStatus(id)?.ip;
        cb(true);
      },
    );
  }

  /** computePodActions: which containers to start now. */
  private plan(): Track[] {
    const policy = this.pod.spec?.restartPolicy ?? 'Always';
    for (const t of this.tracks.filter((x) => x.init)) {
      const c = this.current(t);
      if (!c) return [t];
      if (c.state === 'CONTAINER_RUNNING' || c.state === 'CONTAINER_CREATED') return [];
      if (c.exitCode === 0) continue;
      return policy === 'Never' ? [] : [t];
    }
    return this.tracks.filter((t) => {
      if (t.init) return false;
      const c = this.current(t);
      if (!c) return true;
      if (c.state !== 'CONTAINER_EXITED') return false;
      return shouldRestart(policy, c.exitCode);
    });
  }

  /** Every container is done and none restarts: stop the sandbox and report the final phase. */
  private finish(done: () => void): void {
    const stop = (): void => {
      this.terminated = true;
      this.host.prober.stopPod(this);
      this.writeStatus(true);
      done();
    };
    if (this.sandboxId && this.sandboxReady()) this.host.runtime.stopPodSandbox(this.sandboxId, () => stop());
    else stop();
  }

  /** syncTerminatingPod + syncTerminatedPod: kill, stop the sandbox, report, delete. */
  private terminate(done: () => void): void {
    if (this.terminated) {
      this.deleteIfTerminating();
      return done();
    }
    const grace = this.pod.metadata?.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
    this.host.prober.stopPod(this);
    const running = this.tracks.filter((t) => {
      const s = this.current(t)?.state;
      return s === 'CONTAINER_RUNNING' || s === 'CONTAINER_CREATED';
    });
    let pending = running.length;
    const afterKill = (): void => {
      const finish = (): void => {
        this.terminated = true;
        this.writeStatus(true);
        this.deleteIfTerminating();
        done();
      };
      if (this.sandboxId && this.sandboxReady()) this.host.runtime.stopPodSandbox(this.sandboxId, () => finish());
      else finish();
    };
    if (pending === 0) return afterKill();
    for (const t of running) {
      killContainer(this, this.host, t, grace, undefined, () => {
        if (--pending === 0) afterKill();
      });
    }
  }

  private deleteIfTerminating(): void {
    if (this.removed) this.host.cleanup(this);
    else if (this.pod.metadata?.deletionTimestamp) this.host.deletePod(this);
  }

  fieldPath(name: string): string {
    return fieldPathOf(this.podObject, name);
  }
}

export function shouldRestart(policy: string, exitCode: number): boolean {
  if (policy === 'Always') return true;
  if (policy === 'OnFailure') return exitCode !== 0;
  return false;
}

export { Waiting };
