/**
 * Read-only documents of the `kube-walkthrough:` scheme: an object as YAML (kubectl get -o
 * yaml), its `kubectl describe` text, or a container's log. They follow the cluster: an open
 * document is refreshed when the cluster changes. The language features serve other
 * documents of the same scheme (/live/, /dry-run/); ours carry a `view` query.
 */
import * as vscode from 'vscode';
import { stringify } from 'yaml';
import type { ClusterService } from '../clusterService';
import { describeObject } from './describe';
import type { ItemRef } from './item';
import { forDisplay, getObject, podLogs } from './objects';

export const SCHEME = 'kube-walkthrough';
export type View = 'yaml' | 'describe' | 'logs';

/** kube-walkthrough:/default/deployment/web.yaml?apiVersion=apps/v1 and the like. */
export function documentUri(view: View, ref: ItemRef, container?: string): vscode.Uri {
  const ns = ref.namespace ?? '_cluster';
  const kind = ref.kind.toLowerCase();
  const file = view === 'yaml' ? `${ref.name}.yaml` : view === 'describe' ? `${ref.name} (describe).txt` : `${ref.name} (logs ${container ?? ''}).log`;
  const query = new URLSearchParams({ view, apiVersion: ref.apiVersion, kind: ref.kind, ...(container ? { container } : {}) });
  return vscode.Uri.from({ scheme: SCHEME, path: `/${ns}/${kind}/${file}`, query: query.toString() });
}

export function parseDocumentUri(uri: vscode.Uri): { view: View; ref: ItemRef; container?: string } | undefined {
  const q = new URLSearchParams(uri.query);
  const view = q.get('view');
  const parts = uri.path.split('/');
  if (parts[1] === 'live' || parts[1] === 'dry-run') return undefined;
  const ns = parts[1];
  const file = parts[3];
  if ((view !== 'yaml' && view !== 'describe' && view !== 'logs') || !ns || !file) return undefined;
  const name = file.replace(/( \((describe|logs[^)]*)\))?\.(yaml|txt|log)$/, '');
  const ref: ItemRef = { apiVersion: q.get('apiVersion') ?? 'v1', kind: q.get('kind') ?? '', name };
  if (ns !== '_cluster') ref.namespace = ns;
  const container = q.get('container') ?? undefined;
  return container ? { view, ref, container } : { view, ref };
}

export class ClusterDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly cluster: ClusterService) {
    this.subscription = cluster.onDidChange(() => {
      if (this.timer) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === SCHEME && parseDocumentUri(doc.uri)) this.emitter.fire(doc.uri);
      }, 500);
    });
  }

  /**
   * Undefined for the scheme's other documents (the language features' live and dry-run
   * YAML): VS Code then asks the next provider of the scheme.
   */
  provideTextDocumentContent(uri: vscode.Uri): string | undefined {
    const parsed = parseDocumentUri(uri);
    if (!parsed) return undefined;
    return this.cluster.peek((c) => {
      if (parsed.view === 'logs') {
        const logs = podLogs(c, parsed.ref.namespace ?? 'default', parsed.ref.name, parsed.container);
        return logs.ok ? (logs.value ?? '') : (logs.error ?? '');
      }
      const got = getObject(c, parsed.ref);
      if (!got.ok || !got.value) return got.error ?? '';
      if (parsed.view === 'yaml') return stringify(forDisplay(got.value), { lineWidth: 0 });
      return describeObject(got.value, c.objects(), c.loop.now());
    });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
