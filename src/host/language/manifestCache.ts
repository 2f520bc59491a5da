/**
 * One parse per document version, shared by diagnostics, hover, quick fixes and CodeLens:
 * typing re-parses once, hovering a large file never does.
 */
import * as vscode from 'vscode';
import { lintManifest, parseManifest, planApply, type ApplyPlan, type ManifestDiagnostic, type ParsedManifest } from '../../manifest';

export interface ParsedDocument {
  version: number;
  parsed: ParsedManifest;
  /** True when some object of the file has both apiVersion and kind. */
  isManifest: boolean;
  lints(): ManifestDiagnostic[];
  plan(): ApplyPlan;
}

/** Languages whose files may hold manifests. */
export const MANIFEST_LANGUAGES = ['yaml', 'json', 'jsonc'];

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

export function looksLikeManifest(parsed: ParsedManifest): boolean {
  return parsed.documents.some((d) => (d.apiVersion && d.kind) || d.items?.some((i) => i.apiVersion && i.kind));
}

export class ManifestCache implements vscode.Disposable {
  private readonly entries = new Map<string, ParsedDocument>();
  private readonly closing: vscode.Disposable;

  constructor() {
    this.closing = vscode.workspace.onDidCloseTextDocument((d) => this.entries.delete(d.uri.toString()));
  }

  /** The parse of the document's current text; undefined for languages that hold no manifests. */
  get(document: vscode.TextDocument): ParsedDocument | undefined {
    if (!MANIFEST_LANGUAGES.includes(document.languageId)) return undefined;
    const key = document.uri.toString();
    const cached = this.entries.get(key);
    if (cached && cached.version === document.version) return cached;
    const text = document.getText();
    // A cheap look before parsing: files without both words are not manifests.
    const maybe = text.includes('apiVersion') && text.includes('kind');
    const parsed = parseManifest(maybe ? text : '');
    const entry: ParsedDocument = {
      version: document.version,
      parsed,
      isManifest: maybe && looksLikeManifest(parsed),
      lints: lazy(() => lintManifest(parsed)),
      plan: lazy(() => planApply(parsed)),
    };
    this.entries.set(key, entry);
    return entry;
  }

  dispose(): void {
    this.closing.dispose();
    this.entries.clear();
  }
}
