/** `Apply | Dry run | Diff | Walk through` above each document of a manifest that has a kind. */
import * as vscode from 'vscode';
import { COMMANDS, type DocumentTarget } from './documentCommands';
import type { ManifestCache } from './manifestCache';

export const LENS_TITLES = ['$(play) Apply', '$(beaker) Dry run', '$(diff) Diff', '$(preview) Walk through'] as const;

export class ManifestCodeLens implements vscode.CodeLensProvider {
  constructor(private readonly cache: ManifestCache) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const entry = this.cache.get(document);
    if (!entry?.isManifest) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const doc of entry.parsed.documents) {
      if (doc.empty || !doc.kind) continue;
      const start = doc.node?.range?.[0] ?? doc.kind.keyRange.start;
      const line = document.positionAt(start).line;
      const range = new vscode.Range(line, 0, line, 0);
      const target: DocumentTarget = { uri: document.uri, documentIndex: doc.index };
      const [apply, dryRun, diff, walk] = LENS_TITLES;
      lenses.push(
        new vscode.CodeLens(range, { title: apply, command: COMMANDS.apply, arguments: [target], tooltip: 'Apply this document to the simulated cluster (kubectl apply)' }),
        new vscode.CodeLens(range, { title: dryRun, command: COMMANDS.dryRun, arguments: [target], tooltip: 'kubectl apply --dry-run=server for this document' }),
        new vscode.CodeLens(range, { title: diff, command: COMMANDS.diff, arguments: [target], tooltip: 'Compare the live object with what applying this document would make of it' }),
        new vscode.CodeLens(range, { title: walk, command: COMMANDS.walkThrough, arguments: [target], tooltip: 'Open the walkthrough of this document (applying it first if needed)' }),
      );
    }
    return lenses;
  }
}
