/**
 * host/language: the editor's language features for Kubernetes manifests (YAML and JSON):
 * live diagnostics (kubectl's reading, YAML 1.1 pitfalls, a server-side dry run), quick
 * fixes, hover docs naming the components that act on each field, CodeLens per document, and
 * the live/dry-run documents behind Diff. The files without 'vscode' in them (problems,
 * selectorFix, hoverMarkdown, live, dryRun, isolate, reference, yamlText) are pure and unit
 * tested. May import vscode, src/manifest, src/sim (cluster, api, client) and host/panel.
 */
import * as vscode from 'vscode';
import type { ClusterService } from '../clusterService';
import { ManifestCodeActions } from './codeActions';
import { ManifestCodeLens } from './codeLens';
import { ManifestDiagnostics } from './diagnostics';
import { registerDocumentCommands } from './documentCommands';
import { ManifestHover } from './hover';
import { ManifestCache } from './manifestCache';
import { ClusterDocuments, SCHEME } from './virtualDocuments';

const MANIFESTS: vscode.DocumentSelector = [
  { language: 'yaml', scheme: 'file' },
  { language: 'yaml', scheme: 'untitled' },
  { language: 'json', scheme: 'file' },
  { language: 'json', scheme: 'untitled' },
];
const ANY_MANIFEST: vscode.DocumentSelector = [...(MANIFESTS as vscode.DocumentFilter[]), { language: 'yaml', scheme: SCHEME }];

export function registerLanguageFeatures(_context: vscode.ExtensionContext, cluster: ClusterService): vscode.Disposable[] {
  const cache = new ManifestCache();
  const documents = new ClusterDocuments(cluster);
  return [
    cache,
    documents,
    new ManifestDiagnostics(cache, cluster),
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, documents),
    vscode.languages.registerHoverProvider(ANY_MANIFEST, new ManifestHover(cache, cluster)),
    vscode.languages.registerCodeActionsProvider(MANIFESTS, new ManifestCodeActions(cache), { providedCodeActionKinds: ManifestCodeActions.kinds }),
    vscode.languages.registerCodeLensProvider(MANIFESTS, new ManifestCodeLens(cache)),
    ...registerDocumentCommands(cache, cluster, documents),
  ];
}
