/** "Apply to Simulated Cluster": applies the YAML of an editor (unsaved text included) or a file. */
import * as vscode from 'vscode';
import type { ClusterService } from '../clusterService';
import type { Walkthrough } from '../../protocol/workflow';
import { parseManifest } from '../../manifest';

export interface ApplyDeps {
  cluster: ClusterService;
  output: vscode.OutputChannel;
  openWalkthrough?: (w: Walkthrough) => void;
}

async function textOf(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  const bytes = await vscode.workspace.fs.readFile(uri);
  return new TextDecoder().decode(bytes);
}

/** One document of a file (what a CodeLens applies): its text as kubectl cuts the file. */
export interface DocumentTarget {
  uri: vscode.Uri;
  documentIndex: number;
}

function isDocumentTarget(arg: unknown): arg is DocumentTarget {
  return typeof arg === 'object' && arg !== null && (arg as DocumentTarget).uri instanceof vscode.Uri && typeof (arg as DocumentTarget).documentIndex === 'number';
}

export function registerApplyCommand(deps: ApplyDeps): vscode.Disposable {
  return vscode.commands.registerCommand('kubeWalkthrough.apply', async (arg?: vscode.Uri | DocumentTarget) => {
    const one = isDocumentTarget(arg) ? arg : undefined;
    const uri = one ? one.uri : arg;
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showWarningMessage('Open a Kubernetes manifest (YAML) to apply it.');
      return undefined;
    }
    const name = target.path.split('/').pop() ?? target.path;
    const whole = await textOf(target);
    const range = one ? parseManifest(whole).documents[one.documentIndex]?.range : undefined;
    const text = range ? whole.slice(range.start, range.end) : whole;
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Applying ${name} to the simulated cluster`, cancellable: true },
      (_progress, token) => deps.cluster.apply(text, name, token),
    );
    deps.output.appendLine(`$ kubectl apply -f ${name}`);
    for (const r of outcome.results) deps.output.appendLine(r.message);
    for (const e of outcome.parseErrors) deps.output.appendLine(`error: error parsing ${name}: ${e.message}`);
    const failed = outcome.results.filter((r) => r.action === 'failed').length + outcome.parseErrors.length;
    const ok = outcome.results.length - outcome.results.filter((r) => r.action === 'failed').length;
    const summary = `${name}: ${ok} applied${failed ? `, ${failed} failed` : ''} (${outcome.results.map((r) => r.action).join(', ') || 'nothing to apply'})`;
    if (failed) {
      void vscode.window.showErrorMessage(summary, 'Show Output').then((pick) => pick && deps.output.show(true));
    } else {
      void vscode.window.showInformationMessage(summary);
    }
    const openPanel = vscode.workspace.getConfiguration('kubeWalkthrough').get<boolean>('openPanelOnApply', true);
    if (openPanel && deps.openWalkthrough) deps.openWalkthrough(outcome.walkthrough);
    return outcome.results.map((r) => ({ action: r.action, message: r.message }));
  });
}
