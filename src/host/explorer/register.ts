/**
 * Wiring for the cluster explorer: the tree view, its refresh as the cluster changes
 * (debounced, and only while the view is visible), the read-only documents and Show Events.
 */
import * as vscode from 'vscode';
import type { ClusterService } from '../clusterService';
import { ClusterDocuments, SCHEME } from './documents';
import { registerShowEvents } from './eventsTerminal';
import { summarize } from './health';
import type { ExplorerItem } from './item';
import { buildExplorer } from './model';
import { ExplorerProvider } from './treeProvider';

export const EXPLORER_VIEW = 'kubeWalkthrough.explorer';
const REFRESH_DELAY_MS = 300;

export interface Explorer {
  provider: ExplorerProvider;
  view: vscode.TreeView<unknown>;
  /** Rebuilds the tree now (whether or not the view is visible) and returns it. */
  refreshNow(): readonly ExplorerItem[];
}

export function registerExplorer(cluster: ClusterService): { explorer: Explorer; disposables: vscode.Disposable[] } {
  const provider = new ExplorerProvider();
  const view = vscode.window.createTreeView(EXPLORER_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  let stale = true;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const refreshNow = (): readonly ExplorerItem[] => {
    stale = false;
    const { roots, failing } = cluster.peek((c) => {
      const objects = c.objects();
      const stoppedKubelets = new Set([...c.nodes.values()].filter((n) => !n.kubeletRunning).map((n) => n.spec.name));
      return { roots: buildExplorer({ objects, now: c.loop.now(), stoppedKubelets }), failing: summarize(objects).podsFailing };
    });
    provider.update(roots);
    view.badge = failing > 0 ? { value: failing, tooltip: `${failing} failing pod${failing === 1 ? '' : 's'}` } : undefined;
    return provider.snapshot;
  };

  const schedule = (): void => {
    stale = true;
    if (timer || !view.visible) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (view.visible && !cluster.operating) refreshNow();
      else if (cluster.operating) schedule();
    }, REFRESH_DELAY_MS);
  };

  const documents = new ClusterDocuments(cluster);
  const disposables: vscode.Disposable[] = [
    provider,
    view,
    documents,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, documents),
    cluster.onDidChange(schedule),
    view.onDidChangeVisibility((e) => {
      if (e.visible && stale) refreshNow();
    }),
    registerShowEvents(cluster),
    vscode.commands.registerCommand('kubeWalkthrough.explorer.refresh', () => refreshNow()),
    { dispose: () => timer && clearTimeout(timer) },
  ];
  // A view restored open with the window gets its first rows without waiting for a change.
  if (view.visible) schedule();
  return { explorer: { provider, view: view as vscode.TreeView<unknown>, refreshNow }, disposables };
}
