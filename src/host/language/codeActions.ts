/**
 * Quick fixes for our diagnostics: quote (or rewrite) a YAML 1.1 value from lintManifest's fix
 * data, and copy the selector's matchLabels into the Pod template's labels when the API
 * server says they do not match.
 */
import * as vscode from 'vscode';
import { documentAt, type ManifestObject } from '../../manifest';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { ManifestCache } from './manifestCache';
import { selectorLabelsFix } from './selectorFix';

export const SELECTOR_MISMATCH = '`selector` does not match template `labels`';

function objectAt(doc: ManifestObject & { items?: ManifestObject[] }, offset: number): ManifestObject {
  return doc.items?.find((i) => offset >= i.range.start && offset <= i.range.end) ?? doc;
}

export class ManifestCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly cache: ManifestCache) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const entry = ours.length > 0 ? this.cache.get(document) : undefined;
    if (!entry) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const start = document.offsetAt(diagnostic.range.start);
      const end = document.offsetAt(diagnostic.range.end);
      const lint = entry.lints().find((l) => l.fix && l.range.start === start && l.range.end === end && l.code === diagnostic.code);
      if (lint?.fix) {
        const action = new vscode.CodeAction(lint.fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, new vscode.Range(document.positionAt(lint.fix.range.start), document.positionAt(lint.fix.range.end)), lint.fix.text);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      }
      if (diagnostic.message.includes(SELECTOR_MISMATCH)) {
        const doc = documentAt(entry.parsed, start);
        const fix = doc && selectorLabelsFix(objectAt(doc, start));
        if (!fix) continue;
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) {
          action.edit.replace(document.uri, new vscode.Range(document.positionAt(e.range.start), document.positionAt(e.range.end)), e.text);
        }
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      }
    }
    return actions;
  }
}
