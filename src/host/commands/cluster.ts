/**
 * Cluster-wide commands: Delete from Simulated Cluster (a manifest's objects, as `kubectl
 * delete -f`), Reset Cluster (after a confirmation) and Open Walkthrough.
 */
import * as vscode from 'vscode';
import { parseManifest, planApply } from '../../manifest';
import { StatusError } from '../../sim/api/errors';
import { kubectlError } from '../../sim/client/kubectlText';
import type { Cluster } from '../../sim/cluster';
import { kindArg } from '../explorer';
import { echo, type CommandDeps } from './context';

async function textOf(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** kubectl delete -f: every object of the file in order, one line each. */
export function deleteManifest(cluster: Cluster, text: string, source: string): { lines: string[]; failed: number } {
  const plan = planApply(parseManifest(text));
  const lines: string[] = [];
  let failed = 0;
  for (const o of plan.objects) {
    const info = cluster.api.registry.byKind(o.apiVersion ?? '', o.kind);
    const name = o.name ?? '';
    if (!info) {
      failed++;
      lines.push(`error: resource mapping not found for name: "${name}" namespace: "${o.namespace ?? ''}" from "${source}": no matches for kind "${o.kind}" in version "${o.apiVersion ?? ''}"`);
      continue;
    }
    const namespace = info.namespaced ? (o.namespace ?? 'default') : undefined;
    try {
      cluster.kubectl.delete({ group: info.group, version: info.version, resource: info.plural }, namespace, name);
      lines.push(`${kindArg(info)} "${name}" deleted`);
    } catch (err) {
      if (!(err instanceof StatusError)) throw err;
      failed++;
      lines.push(kubectlError(err.status, 'deleting', source));
    }
  }
  for (const s of plan.skipped) lines.push(`error: error parsing ${source}: ${s.error.message}`);
  if (plan.stoppedAt) lines.push(`error: error parsing ${source}: ${plan.stoppedAt.error.message}`);
  return { lines, failed: failed + plan.skipped.length + (plan.stoppedAt ? 1 : 0) };
}

function deleteCommand(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('kubeWalkthrough.delete', async (uri?: vscode.Uri) => {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showWarningMessage('Open a Kubernetes manifest (YAML) to delete its objects.');
      return undefined;
    }
    const name = target.path.split('/').pop() ?? target.path;
    const text = await textOf(target);
    const outcome = await deps.cluster.run((c) => deleteManifest(c, text, name));
    echo(deps, `kubectl delete -f ${name}`, outcome.lines);
    const summary = `${name}: ${outcome.lines.length - outcome.failed} deleted${outcome.failed ? `, ${outcome.failed} failed` : ''}`;
    if (outcome.failed) void vscode.window.showErrorMessage(summary, 'Show Output').then((p) => p && deps.output.show(true));
    else void vscode.window.showInformationMessage(summary);
    return outcome.lines;
  });
}

function resetCommand(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('kubeWalkthrough.reset', async (confirmed?: unknown) => {
    if (confirmed !== true) {
      const ok = await vscode.window.showWarningMessage(
        'Reset the simulated cluster?',
        { modal: true, detail: 'Every object is gone and a new cluster starts from the Kube Walkthrough settings (workers, size, seed). The saved state is cleared.' },
        'Reset',
      );
      if (ok !== 'Reset') return false;
    }
    deps.cluster.reset();
    const config = vscode.workspace.getConfiguration('kubeWalkthrough');
    echo(deps, '# reset the simulated cluster', [`a new cluster: control-plane and ${config.get<number>('workers', 2)} worker(s), seed ${config.get<number>('seed', 1)}`]);
    void vscode.window.showInformationMessage('The simulated cluster was reset.');
    return true;
  });
}

function openWalkthroughCommand(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('kubeWalkthrough.openWalkthrough', async () => {
    const last = deps.cluster.lastWalkthrough;
    if (last && deps.openWalkthrough) deps.openWalkthrough(last);
    else await vscode.commands.executeCommand('kubeWalkthrough.showWalkthrough');
  });
}

export function registerClusterCommands(deps: CommandDeps): vscode.Disposable[] {
  return [deleteCommand(deps), resetCommand(deps), openWalkthroughCommand(deps)];
}
