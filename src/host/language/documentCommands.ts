/**
 * The commands behind the CodeLens of each manifest document (also in the command palette,
 * acting on the document under the cursor): Dry run, Diff and Walk through. Apply is the
 * existing kubeWalkthrough.apply with {uri, documentIndex}.
 */
import * as vscode from 'vscode';
import type { ApplyObject } from '../../manifest';
import { documentAt } from '../../manifest';
import type { ClusterService } from '../clusterService';
import type { DocumentTarget } from '../commands/apply';
import { openWalkthrough } from '../panel';
import { dryRunObjects } from './dryRun';
import type { ManifestCache } from './manifestCache';
import type { ClusterDocuments } from './virtualDocuments';
import { kubectlYaml } from './yamlText';

export const COMMANDS = {
  apply: 'kubeWalkthrough.apply',
  dryRun: 'kubeWalkthrough.dryRunDocument',
  diff: 'kubeWalkthrough.diffDocument',
  walkThrough: 'kubeWalkthrough.walkThroughDocument',
} as const;

/** What the CodeLens passes: the file and the index of the document in it. */
export type { DocumentTarget };

interface Resolved {
  document: vscode.TextDocument;
  documentIndex: number;
  objects: ApplyObject[];
  name: string;
}

async function resolve(cache: ManifestCache, arg: unknown): Promise<Resolved | undefined> {
  const given = arg && typeof arg === 'object' && 'uri' in arg ? (arg as DocumentTarget) : undefined;
  const editor = vscode.window.activeTextEditor;
  const document = given ? await vscode.workspace.openTextDocument(given.uri) : editor?.document;
  const entry = document && cache.get(document);
  if (!document || !entry?.isManifest) {
    void vscode.window.showWarningMessage('Open a Kubernetes manifest (YAML or JSON) first.');
    return undefined;
  }
  const documentIndex = given?.documentIndex ?? (editor ? documentAt(entry.parsed, document.offsetAt(editor.selection.active))?.index : undefined) ?? 0;
  const objects = entry.plan().objects.filter((o) => o.documentIndex === documentIndex);
  return { document, documentIndex, objects, name: document.uri.path.split('/').pop() ?? 'manifest' };
}

function resourceName(cluster: ClusterService, o: ApplyObject): string {
  const info = cluster.get().api.registry.byKind(o.apiVersion ?? '', o.kind);
  return info ? `${info.plural}${info.group ? `.${info.group}` : ''}` : o.kind.toLowerCase();
}

export function registerDocumentCommands(cache: ManifestCache, cluster: ClusterService, docs: ClusterDocuments): vscode.Disposable[] {
  const dryRun = async (arg?: unknown) => {
    const r = await resolve(cache, arg);
    if (!r) return undefined;
    if (r.objects.length === 0) {
      void vscode.window.showWarningMessage(`Document ${r.documentIndex + 1} of ${r.name} has nothing kubectl would send.`);
      return [];
    }
    const results = dryRunObjects(cluster.get(), r.objects.map((o) => o.object), r.name);
    const text = results.map((x) => x.message).join('\n');
    if (results.some((x) => x.action === 'failed')) void vscode.window.showErrorMessage(text);
    else void vscode.window.showInformationMessage(text);
    return results.map((x) => ({ action: x.action, message: x.message }));
  };

  const diff = async (arg?: unknown) => {
    const r = await resolve(cache, arg);
    const o = r?.objects[0];
    if (!r || !o) return undefined;
    const [result] = dryRunObjects(cluster.get(), [o.object], r.name);
    if (!result || result.action === 'failed' || !result.object) {
      void vscode.window.showErrorMessage(result?.message ?? 'The dry run returned nothing.');
      return undefined;
    }
    const namespace = result.object.metadata.namespace;
    const name = o.name ?? result.object.metadata.name ?? '';
    const target = { apiVersion: o.apiVersion ?? '', kind: o.kind, name, ...(namespace ? { namespace } : {}) };
    const left = docs.liveUri(target, resourceName(cluster, o));
    const right = docs.snapshotUri(`${resourceName(cluster, o)}/${name}`, kubectlYaml(result.object));
    const title = `${o.kind.toLowerCase()}/${name}: live ↔ after apply (server dry run)`;
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
    return { left: left.toString(), right: right.toString() };
  };

  const walkThrough = async (arg?: unknown) => {
    const r = await resolve(cache, arg);
    if (!r) return;
    const last = cluster.lastWalkthrough;
    const covered = last && r.objects.length > 0 && r.objects.every((o) =>
      last.applied.some((a) => a.kind === o.kind && a.name === o.name && (o.namespace === undefined || a.namespace === o.namespace)));
    if (last && covered) {
      openWalkthrough(last);
      return;
    }
    await vscode.commands.executeCommand(COMMANDS.apply, { uri: r.document.uri, documentIndex: r.documentIndex });
    const openOnApply = vscode.workspace.getConfiguration('kubeWalkthrough').get<boolean>('openPanelOnApply', true);
    if (!openOnApply && cluster.lastWalkthrough) openWalkthrough(cluster.lastWalkthrough);
  };

  return [
    vscode.commands.registerCommand(COMMANDS.dryRun, dryRun),
    vscode.commands.registerCommand(COMMANDS.diff, diff),
    vscode.commands.registerCommand(COMMANDS.walkThrough, walkThrough),
  ];
}
