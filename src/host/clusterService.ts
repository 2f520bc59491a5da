/**
 * The extension's one simulated cluster: created on first use (or booted from the snapshot
 * persistence found), reset on request, and the place every command applies to. Runs the
 * cluster in slices so the editor stays responsive, and in live mode lets virtual time
 * follow the wall clock (times kubeWalkthrough.simulationSpeed).
 */
import * as vscode from 'vscode';
import { createCluster, restoreCluster, type Cluster, type ClusterOptions, type ClusterSnapshot } from '../sim/cluster';
import type { ApplyResult } from '../sim/client/apply';
import { parseQuantity } from '../sim/api/quantity';
import { parseManifest, planApply, type ManifestError } from '../manifest';
import { buildWalkthrough } from '../workflow';
import type { Walkthrough } from '../protocol/workflow';

export interface ApplyOutcome {
  results: ApplyResult[];
  parseErrors: ManifestError[];
  walkthrough: Walkthrough;
}

/** What a window reload keeps: the cluster's snapshot and which kubelets were stopped. */
export interface SavedCluster {
  cluster: ClusterSnapshot;
  stoppedKubelets: string[];
}

const TICK_MS = 1000;
const SLICE_MS = 30;

/** Cluster options from the settings; sizes that do not parse fall back to the defaults. */
export function clusterOptionsFromSettings(config: vscode.WorkspaceConfiguration): ClusterOptions {
  const cpu = config.get<string>('workerCpu', '2');
  const memory = config.get<string>('workerMemory', '4Gi');
  const valid = (q: string): boolean => {
    try {
      return parseQuantity(q).milliValue() > 0;
    } catch {
      return false;
    }
  };
  return {
    seed: config.get<number>('seed', 1),
    workers: config.get<number>('workers', 2),
    workerSize: { cpu: valid(cpu) ? cpu : '2', memory: valid(memory) ? memory : '4Gi', pods: 110 },
  };
}

export class ClusterService implements vscode.Disposable {
  private cluster: Cluster | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly resetEmitter = new vscode.EventEmitter<void>();
  /** Fires after Reset Cluster: the old state is gone for good. */
  readonly onDidReset = this.resetEmitter.event;
  lastWalkthrough: Walkthrough | undefined;
  private pending: SavedCluster | undefined;
  private operations = 0;
  private lastRevision = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;
  /** Where restore problems are reported (set by the host). */
  log: (line: string) => void = () => undefined;

  get(): Cluster {
    if (!this.cluster) {
      const options = clusterOptionsFromSettings(vscode.workspace.getConfiguration('kubeWalkthrough'));
      const saved = this.pending;
      this.pending = undefined;
      this.cluster = saved ? this.boot(saved, options) : createCluster(options);
      this.lastRevision = this.cluster.api.ctx.store.revision;
      this.startTicker();
    }
    return this.cluster;
  }

  /** The cluster if it has been started, without starting it. */
  get current(): Cluster | undefined {
    return this.cluster;
  }

  /** True while a command drives the cluster (apply, scale, ...). */
  get operating(): boolean {
    return this.operations > 0;
  }

  reset(): void {
    this.cluster?.stop();
    this.cluster = undefined;
    this.pending = undefined;
    this.lastWalkthrough = undefined;
    this.resetEmitter.fire();
    this.changed.fire();
  }

  /** The state to persist, or undefined before the cluster starts. */
  snapshot(): SavedCluster | undefined {
    const c = this.cluster;
    if (!c) return this.pending;
    const stoppedKubelets = [...c.nodes.values()].filter((n) => !n.kubeletRunning).map((n) => n.spec.name);
    return { cluster: c.snapshot(), stoppedKubelets };
  }

  /** Boots from `saved` on first use instead of a fresh cluster (nothing runs until then). */
  restoreLazily(saved: SavedCluster): void {
    if (!this.cluster) this.pending = saved;
  }

  /** Replaces the running cluster with one booted from `saved` (the old one is gone, as after a reset). */
  restore(saved: SavedCluster): Cluster {
    this.cluster?.stop();
    this.cluster = undefined;
    this.lastWalkthrough = undefined;
    this.resetEmitter.fire();
    this.pending = saved;
    const c = this.get();
    this.changed.fire();
    return c;
  }

  private boot(saved: SavedCluster, options: ClusterOptions): Cluster {
    try {
      const c = restoreCluster(saved.cluster, options);
      for (const name of saved.stoppedKubelets) c.nodes.get(name)?.stopKubelet();
      return c;
    } catch (err) {
      this.log(`Could not restore the saved cluster (${err instanceof Error ? err.message : String(err)}); starting a new one.`);
      return createCluster(options);
    }
  }

  /** Reads the cluster for the UI without adding the reads to the trace the panel replays. */
  peek<T>(fn: (cluster: Cluster) => T): T {
    const c = this.get();
    const was = c.tracer.enabled;
    c.tracer.enabled = false;
    try {
      return fn(c);
    } finally {
      c.tracer.enabled = was;
    }
  }

  /** Does something to the cluster, lets it settle, and tells every view. */
  async run<T>(action: (cluster: Cluster) => T, token?: vscode.CancellationToken): Promise<T> {
    const cluster = this.get();
    const result = action(cluster);
    await this.runUntilQuiet(cluster, token);
    this.noteChange(true);
    return result;
  }

  /** Moves virtual time forward by `ms`, in slices. */
  async advance(ms: number, token?: vscode.CancellationToken): Promise<void> {
    const cluster = this.get();
    const deadline = cluster.loop.now() + ms;
    this.operations++;
    try {
      await this.stepUntil(cluster, () => {
        const t = cluster.loop.peekTime();
        return t !== undefined && t <= deadline;
      }, token);
      if (!token?.isCancellationRequested) cluster.loop.runUntil(deadline);
    } finally {
      this.operations--;
    }
    this.noteChange(true);
  }

  /** Applies a manifest's text as kubectl apply would, then lets the cluster run until quiet. */
  async apply(text: string, source: string, token?: vscode.CancellationToken): Promise<ApplyOutcome> {
    const cluster = this.get();
    const parsed = parseManifest(text);
    const plan = planApply(parsed);
    const parseErrors = [...plan.skipped.map((s) => s.error), ...(plan.stoppedAt ? [plan.stoppedAt.error] : [])];
    const since = cluster.tracer.lastSeq;
    const results = cluster.apply(
      plan.objects.map((o) => o.object),
      { source },
    );
    await this.runUntilQuiet(cluster, token);
    const failed = results.filter((r) => r.action === 'failed');
    const walkthrough = buildWalkthrough({
      title: source,
      trace: cluster.tracer.events(),
      since,
      applied: results.flatMap((r) => (r.ref && r.action !== 'failed' ? [r.ref] : [])),
      events: cluster.eventRows(),
      topology: cluster.topology(),
      failure: failed.length > 0 && failed.length === results.length ? failed[0]?.message : undefined,
    });
    this.lastWalkthrough = walkthrough;
    this.noteChange(true);
    return { results, parseErrors, walkthrough };
  }

  /** Runs virtual time in slices of real time, yielding to the editor between them. */
  private async runUntilQuiet(cluster: Cluster, token?: vscode.CancellationToken): Promise<void> {
    const deadline = cluster.loop.now() + 600_000;
    this.operations++;
    try {
      await this.stepUntil(cluster, () => {
        const t = cluster.loop.peekTime();
        return cluster.loop.busy && t !== undefined && t <= deadline;
      }, token);
    } finally {
      this.operations--;
    }
  }

  private async stepUntil(cluster: Cluster, more: () => boolean, token?: vscode.CancellationToken): Promise<void> {
    while (more() && !token?.isCancellationRequested) {
      const started = Date.now();
      while (more() && Date.now() - started < SLICE_MS) cluster.loop.step();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Fires onDidChange when etcd's revision moved (or always when `force`). */
  private noteChange(force: boolean): void {
    const c = this.cluster;
    if (!c) return;
    const revision = c.api.ctx.store.revision;
    const moved = revision !== this.lastRevision;
    this.lastRevision = revision;
    if (force || moved) this.changed.fire();
  }

  private startTicker(): void {
    if (this.ticker) return;
    this.ticker = setInterval(() => this.tick(), TICK_MS);
  }

  /**
   * Live mode: virtual time follows the wall clock while nothing else drives the cluster.
   * Paused (speed 0) it still notices writes from elsewhere (the kubectl endpoint).
   */
  private tick(): void {
    const c = this.cluster;
    if (!c || this.operating) return;
    const speed = vscode.workspace.getConfiguration('kubeWalkthrough').get<number>('simulationSpeed', 1);
    if (speed > 0) c.runFor(Math.round(TICK_MS * Math.min(speed, 60)));
    this.noteChange(false);
  }

  dispose(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    this.cluster?.stop();
    this.changed.dispose();
    this.resetEmitter.dispose();
  }
}
