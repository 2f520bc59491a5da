/** "Apply to Simulated Cluster": applies the YAML of an editor or a file to the cluster. */
import * as vscode from 'vscode';

export function registerApplyCommand(output: vscode.OutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('kubeWalkthrough.apply', async (uri?: vscode.Uri) => {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showWarningMessage('Open a Kubernetes manifest (YAML) to apply it.');
      return;
    }
    output.appendLine(`apply ${target.toString()}: the simulated cluster is not built yet`);
    void vscode.window.showInformationMessage(
      'Kube Walkthrough: the simulated cluster is not built yet, so nothing was applied.',
    );
  });
}
