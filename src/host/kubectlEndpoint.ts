/**
 * "Expose Cluster to kubectl": serves the extension's simulated cluster on a loopback HTTPS
 * port with a fresh token, writes a kubeconfig (mode 0600) to the extension's storage and
 * opens a terminal with KUBECONFIG set, so the real kubectl talks to the same cluster the
 * walkthrough draws. Needs a trusted workspace.
 */
import * as vscode from 'vscode';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { serveCluster, writeKubeconfig, type ServedCluster } from '../server';
import type { ClusterService } from './clusterService';

export function registerKubectlEndpoint(context: vscode.ExtensionContext, cluster: ClusterService, output: vscode.OutputChannel): vscode.Disposable[] {
  let served: ServedCluster | undefined;
  let kubeconfig: string | undefined;

  const close = async (): Promise<void> => {
    const s = served;
    served = undefined;
    await s?.close();
  };

  const expose = vscode.commands.registerCommand('kubeWalkthrough.exposeToKubectl', async () => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Exposing the simulated cluster to kubectl needs a trusted workspace.');
      return undefined;
    }
    if (!served) {
      const dir = context.globalStorageUri.fsPath;
      mkdirSync(dir, { recursive: true });
      kubeconfig = join(dir, 'kubeconfig');
      served = await serveCluster(cluster.get());
      writeKubeconfig(kubeconfig, served.url, served.token, served.caCert);
      output.appendLine(`ready ${served.url} kubeconfig=${kubeconfig}`);
    }
    const terminal = vscode.window.createTerminal({ name: 'kubectl (simulated cluster)', env: { KUBECONFIG: kubeconfig } });
    terminal.show();
    terminal.sendText('kubectl get nodes', false);
    void vscode.window.showInformationMessage(`The simulated cluster answers kubectl at ${served.url}. KUBECONFIG is set in the new terminal.`);
    return { url: served.url, kubeconfig };
  });

  const stop = vscode.commands.registerCommand('kubeWalkthrough.stopExposing', async () => {
    await close();
    output.appendLine('stopped serving the simulated cluster to kubectl');
  });

  // A reset makes a new cluster: the endpoint served the old one, so it goes.
  const onReset = cluster.onDidReset(() => void close());

  return [expose, stop, onReset, { dispose: () => void close() }];
}
