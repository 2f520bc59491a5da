/**
 * The extension's one simulated cluster: created on first use, reset on request, and the
 * place every command applies to. Runs the cluster in slices so the editor stays responsive.
 */
import * as vscode from 'vscode';
import { createCluster, type Cluster } from '../sim/cluster';
import type { ApplyResult } from '../sim/client/apply';
import { parseManifest, planApply, type ManifestError } from '../manifest';
import { buildWalkthrough } from '../workflow';
import type { Walkthrough } from '../protocol/workflow';

export interface ApplyOutcome {
  results: ApplyResult[];
  parseErrors: ManifestError[];
  walkthrough: Walkthrough;
}

export class ClusterService implements vscode.Disposable {
  private cluster: Cluster | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  lastWalkthrough: Walkthrough | undefined;

  get(): Cluster {
    if (!this.cluster) {
      const config = vscode.workspace.getConfiguration('kubeWalkthrough');
      this.cluster = createCluster({ seed: config.get<number>('seed', 1), workers: config.get<number>('workers', 2) });
    }
    return this.cluster;
  }

  reset(): void {
    this.cluster?.stop();
    this.cluster = undefined;
    this.lastWalkthrough = undefined;
    this.changed.fire();
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
    this.changed.fire();
    return { results, parseErrors, walkthrough };
  }

  /** Runs virtual time in slices of real time, yielding to the editor between them. */
  private async runUntilQuiet(cluster: Cluster, token?: vscode.CancellationToken): Promise<void> {
    const deadline = cluster.loop.now() + 600_000;
    while (cluster.loop.busy && !token?.isCancellationRequested) {
      const started = Date.now();
      while (cluster.loop.busy && Date.now() - started < 30) {
        const t = cluster.loop.peekTime();
        if (t === undefined || t > deadline) return;
        cluster.loop.step();
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  dispose(): void {
    this.cluster?.stop();
    this.changed.dispose();
  }
}
