/**
 * What the explorer offers on an object: Show as YAML, Describe, Logs, Scale, Delete and
 * Walk Through. Each also works from the palette (it then asks which object).
 */
import * as vscode from 'vscode';
import { documentUri, deleteObject, infoFor, kindArg, type ItemRef } from '../explorer';
import type { KubeObject } from '../../sim/api/types';
import { echo, serverError, targetOf, type CommandDeps } from './context';
import { walkthroughFor } from './walkThrough';

const ALL_KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'Node', 'Namespace', 'ConfigMap'];
const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet'];

function nsFlag(ref: ItemRef): string {
  return ref.namespace && ref.namespace !== 'default' ? ` -n ${ref.namespace}` : '';
}

async function openDocument(uri: vscode.Uri, language?: string): Promise<void> {
  let doc = await vscode.workspace.openTextDocument(uri);
  if (language && doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language);
  await vscode.window.showTextDocument(doc, { preview: true });
}

function showYaml(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('kubeWalkthrough.showYaml', async (arg?: unknown) => {
    const ref = await targetOf(arg, deps, ALL_KINDS, 'Show as YAML');
    if (ref) await openDocument(documentUri('yaml', ref), 'yaml');
  });
}

function describe(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('kubeWalkthrough.describe', async (arg?: unknown) => {
    const ref = await targetOf(arg, deps, ALL_KINDS, 'Describe');
    if (ref) await openDocument(documentUri('describe', ref), 'plaintext');
  });
}

function logs(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('kubeWalkthrough.logs', async (arg?: unknown) => {
    const ref = await targetOf(arg, deps, ['Pod'], 'Logs');
    if (!ref) return;
    const pod = deps.cluster.peek((c) => c.kubectl.tryGet<KubeObject>({ group: '', version: 'v1', resource: 'pods' }, ref.namespace ?? 'default', ref.name));
    const containers = ((pod?.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map((c) => c.name);
    let container = containers[0];
    if (containers.length > 1) {
      container = await vscode.window.showQuickPick(containers, { title: `Logs of pod/${ref.name}`, placeHolder: 'Which container?' });
      if (!container) return;
    }
    await openDocument(documentUri('logs', ref, container), 'log');
  });
}

function scale(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('kubeWalkthrough.scale', async (arg?: unknown, replicasArg?: unknown) => {
    const ref = await targetOf(arg, deps, SCALABLE, 'Scale');
    if (!ref) return undefined;
    const current = deps.cluster.peek((c) => {
      const info = infoFor(c, ref);
      return info ? (c.kubectl.tryGet<KubeObject>({ group: info.group, version: info.version, resource: info.plural }, ref.namespace, ref.name)?.spec as { replicas?: number } | undefined)?.replicas : undefined;
    });
    const input = typeof replicasArg === 'number' ? String(replicasArg) : await vscode.window.showInputBox({
      title: `Scale ${ref.kind.toLowerCase()}/${ref.name}`,
      prompt: 'Desired number of replicas (spec.replicas, through the scale subresource)',
      value: String(current ?? 1),
      validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : 'Enter a whole number of replicas, 0 or more'),
    });
    if (input === undefined) return undefined;
    const replicas = Number(input.trim());
    const line = await deps.cluster.run((c) => {
      const info = infoFor(c, ref);
      if (!info) return `error: the server doesn't have a resource type "${ref.kind.toLowerCase()}"`;
      try {
        c.kubectl.patch({ group: info.group, version: info.version, resource: info.plural }, ref.namespace, ref.name, { spec: { replicas } }, 'merge', 'scale');
        return `${kindArg(info)}/${ref.name} scaled`;
      } catch (err) {
        return serverError(err);
      }
    });
    echo(deps, `kubectl scale ${ref.kind.toLowerCase()}/${ref.name} --replicas=${replicas}${nsFlag(ref)}`, [line]);
    void vscode.window.showInformationMessage(line);
    return line;
  });
}

function deleteOne(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('kubeWalkthrough.deleteObject', async (arg?: unknown, confirmed?: unknown) => {
    const ref = await targetOf(arg, deps, ALL_KINDS, 'Delete');
    if (!ref) return undefined;
    if (confirmed !== true) {
      const ok = await vscode.window.showWarningMessage(
        `Delete ${ref.kind.toLowerCase()}/${ref.name}${ref.namespace ? ` in ${ref.namespace}` : ''} from the simulated cluster?`,
        { modal: true, detail: 'The API server sets a deletion timestamp; the garbage collector and the kubelet do the rest.' },
        'Delete',
      );
      if (ok !== 'Delete') return undefined;
    }
    const answer = await deps.cluster.run((c) => deleteObject(c, ref));
    const line = answer.ok ? (answer.value ?? '') : (answer.error ?? '');
    echo(deps, `kubectl delete ${ref.kind.toLowerCase()} ${ref.name}${nsFlag(ref)}`, [line]);
    if (answer.ok) void vscode.window.showInformationMessage(line);
    else void vscode.window.showErrorMessage(line);
    return line;
  });
}

function walkThrough(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('kubeWalkthrough.walkThroughObject', async (arg?: unknown) => {
    const ref = await targetOf(arg, deps, ALL_KINDS.filter((k) => k !== 'Node' && k !== 'Namespace'), 'Walk Through');
    if (!ref) return;
    const walkthrough = deps.cluster.peek((c) => walkthroughFor(c, ref, c.objects()));
    if (walkthrough && deps.openWalkthrough) {
      deps.openWalkthrough(walkthrough);
      return;
    }
    const last = deps.cluster.lastWalkthrough;
    const pick = await vscode.window.showInformationMessage(
      `The trace no longer holds how ${ref.kind.toLowerCase()}/${ref.name} was created (the cluster was restored from a snapshot, or the trace moved on). Apply its manifest again to watch it.`,
      ...(last && deps.openWalkthrough ? ['Open Last Walkthrough'] : []),
    );
    if (pick && last && deps.openWalkthrough) deps.openWalkthrough(last);
  });
}

export function registerObjectActions(deps: CommandDeps): vscode.Disposable[] {
  return [showYaml(deps), describe(deps), logs(deps), scale(deps), deleteOne(deps), walkThrough(deps)];
}
