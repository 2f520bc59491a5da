/**
 * host/: the only code that imports 'vscode'. Commands, menus, CodeLens, hover,
 * diagnostics, tree view, the panel host, status bar, terminal. It may import
 * workflow, manifest, protocol, sim (through cluster.ts and sim/api) and server (the
 * kubectl endpoint).
 */
import * as vscode from 'vscode';
import { registerApplyCommand } from './commands/apply';
import { ClusterService } from './clusterService';
import type { Walkthrough } from '../protocol/workflow';
import { openWalkthrough, registerWalkthroughPanel } from './panel';
import { registerKubectlEndpoint } from './kubectlEndpoint';
import { registerLanguageFeatures } from './language';
import { registerCommands } from './commands';
import { registerExplorer, type Explorer } from './explorer';
import { registerPersistence, type ClusterPersistence } from './persistence';
import { registerStatusBar } from './statusBar';

/** What activate() hands back (extension.exports): the integration tests reach the cluster through it. */
export interface HostApi {
  cluster: ClusterService;
  explorer: Explorer;
  persistence: ClusterPersistence;
}

export function activateHost(context: vscode.ExtensionContext): HostApi {
  const output = vscode.window.createOutputChannel('Kube Walkthrough');
  const cluster = new ClusterService();
  cluster.log = (line) => output.appendLine(line);
  // Before anything starts the cluster: a saved state, if any, is what it boots from.
  const saved = registerPersistence(context, cluster, {
    enabled: () => vscode.workspace.getConfiguration('kubeWalkthrough').get<boolean>('persistState', true),
    log: (line) => output.appendLine(line),
  });
  context.subscriptions.push(
    output,
    cluster,
    ...registerWalkthroughPanel(context, output, () => cluster.lastWalkthrough),
    registerApplyCommand({ cluster, output, openWalkthrough: (w) => void openWalkthrough(w) }),
    ...registerKubectlEndpoint(context, cluster, output),
    ...registerLanguageFeatures(context, cluster),
  );
  // After the language features: the explorer's documents share their URI scheme and are asked first.
  const { explorer, disposables } = registerExplorer(cluster);
  const openPanel = (w: Walkthrough): void => void openWalkthrough(w);
  context.subscriptions.push(
    ...saved.disposables,
    ...disposables,
    ...registerCommands({ cluster, output, explorer, extensionUri: context.extensionUri, openWalkthrough: openPanel }),
    ...registerStatusBar(cluster),
  );
  return { cluster, explorer, persistence: saved.persistence };
}
