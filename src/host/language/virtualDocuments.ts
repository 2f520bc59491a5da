/**
 * Read-only documents under the `kube-walkthrough` scheme: the live object as YAML (refreshed
 * when the cluster changes) and the result of a server dry run, the two sides of "Diff".
 */
import * as vscode from 'vscode';
import type { ClusterService } from '../clusterService';
import { liveObject, type LiveTarget } from './live';
import { kubectlYaml } from './yamlText';

export const SCHEME = 'kube-walkthrough';

export class ClusterDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly snapshots = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[];
  private counter = 0;

  constructor(private readonly cluster: ClusterService) {
    this.subscriptions = [
      cluster.onDidChange(() => {
        for (const d of vscode.workspace.textDocuments) {
          if (d.uri.scheme === SCHEME && d.uri.path.startsWith('/live/')) this.changed.fire(d.uri);
        }
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.snapshots.delete(d.uri.toString())),
    ];
  }

  /** The live object's document: `kube-walkthrough:/live/<namespace>/<kind>/<name>.yaml`. */
  liveUri(target: LiveTarget, resource: string): vscode.Uri {
    return vscode.Uri.from({
      scheme: SCHEME,
      path: `/live/${target.namespace ?? '-'}/${resource}/${target.name}.yaml`,
      query: JSON.stringify(target),
    });
  }

  /** A fixed text (a dry run's result) under a fresh name. */
  snapshotUri(label: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/dry-run/${label}.yaml`, query: String(++this.counter) });
    this.snapshots.set(uri.toString(), text);
    return uri;
  }

  /** Undefined for the scheme's other documents (the explorer's), so their provider answers. */
  provideTextDocumentContent(uri: vscode.Uri): string | undefined {
    if (uri.path.startsWith('/dry-run/')) return this.snapshots.get(uri.toString()) ?? '';
    if (!uri.path.startsWith('/live/')) return undefined;
    try {
      const target = JSON.parse(uri.query) as LiveTarget;
      const obj = liveObject(this.cluster.get(), target);
      return obj ? kubectlYaml(obj) : '';
    } catch {
      return '';
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
    this.snapshots.clear();
  }
}
