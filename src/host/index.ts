/**
 * host/: the only code that imports 'vscode'. Commands, menus, CodeLens, hover,
 * diagnostics, tree view, the panel host, status bar, terminal. It may import
 * workflow, manifest, protocol, sim (through cluster.ts and sim/api) and server (the
 * kubectl endpoint).
 */
import * as vscode from 'vscode';
import { registerApplyCommand } from './commands/apply';
import { ClusterService } from './clusterService';
import { openWalkthrough, registerWalkthroughPanel } from './panel';
import { registerKubectlEndpoint } from './kubectlEndpoint';

export function activateHost(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Kube Walkthrough');
  const cluster = new ClusterService();
  context.subscriptions.push(
    output,
    cluster,
    ...registerWalkthroughPanel(context, output),
    registerApplyCommand({ cluster, output, openWalkthrough: (w) => void openWalkthrough(w) }),
    ...registerKubectlEndpoint(context, cluster, output),
  );
}
