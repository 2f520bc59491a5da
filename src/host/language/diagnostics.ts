/**
 * Live diagnostics for manifests in the Problems panel: what kubectl's YAML reading says
 * (syntax errors, duplicate keys, tabs), the YAML 1.1 pitfalls, and then the API server's own
 * answer to a server-side dry run of every object, on the key or value it names. Debounced
 * per document; on or off with kubeWalkthrough.diagnostics.enabled.
 */
import * as vscode from 'vscode';
import type { ClusterService } from '../clusterService';
import type { ManifestError, ManifestDiagnostic, Range } from '../../manifest';
import { dryRunObjects } from './dryRun';
import { problemsOf, type Problem } from './problems';
import type { ManifestCache, ParsedDocument } from './manifestCache';

export const DIAGNOSTIC_SOURCE = 'Kube Walkthrough';
const DEBOUNCE_MS = 300;
const SCHEMES = new Set(['file', 'untitled', 'vscode-vfs']);

function vsRange(document: vscode.TextDocument, r: Range): vscode.Range {
  return new vscode.Range(document.positionAt(r.start), document.positionAt(r.end));
}

function make(document: vscode.TextDocument, range: Range, message: string, severity: vscode.DiagnosticSeverity, code?: string): vscode.Diagnostic {
  const d = new vscode.Diagnostic(vsRange(document, range), message, severity);
  d.source = DIAGNOSTIC_SOURCE;
  if (code) d.code = code;
  return d;
}

const severityOf = (s: 'error' | 'warning') => (s === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);

function readingDiagnostics(document: vscode.TextDocument, errors: readonly ManifestError[]): vscode.Diagnostic[] {
  return errors.map((e) => make(document, e.range, e.detail ? `${e.message}\n${e.detail}` : e.message, severityOf(e.severity), e.code));
}

function lintDiagnostics(document: vscode.TextDocument, lints: readonly ManifestDiagnostic[]): vscode.Diagnostic[] {
  return lints.map((l) => make(document, l.range, l.message, vscode.DiagnosticSeverity.Warning, l.code));
}

export class ManifestDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('kube-walkthrough');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** What each document shows now, so an unchanged answer does not redraw the Problems panel. */
  private readonly shown = new Map<string, string>();
  private clusterTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly cache: ManifestCache,
    private readonly cluster: ClusterService,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('kubeWalkthrough.diagnostics') && this.refreshAll()),
      // What exists in the cluster decides between a create and a patch, so re-check (the
      // cluster changes every few seconds in live mode: at most once a second).
      cluster.onDidChange(() => {
        this.clusterTimer ??= setTimeout(() => {
          this.clusterTimer = undefined;
          this.refreshAll(DEBOUNCE_MS);
        }, 1000);
      }),
    );
    this.refreshAll();
  }

  private get enabled(): boolean {
    return vscode.workspace.getConfiguration('kubeWalkthrough').get<boolean>('diagnostics.enabled', true);
  }

  refreshAll(delay = 0): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, delay);
  }

  schedule(document: vscode.TextDocument, delay = DEBOUNCE_MS): void {
    if (!SCHEMES.has(document.uri.scheme)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.update(document);
    }, delay));
  }

  private forget(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.timers.delete(uri.toString());
    this.shown.delete(uri.toString());
    this.collection.delete(uri);
  }

  /** Computes the document's diagnostics now. */
  update(document: vscode.TextDocument): void {
    if (document.isClosed) return this.forget(document.uri);
    const entry = this.enabled ? this.cache.get(document) : undefined;
    const key = document.uri.toString();
    if (!entry?.isManifest) {
      this.shown.delete(key);
      this.collection.delete(document.uri);
      return;
    }
    const reading = entry.parsed.documents.flatMap((d) => readingDiagnostics(document, d.errors));
    const lints = lintDiagnostics(document, entry.lints());
    const all = [...reading, ...lints, ...this.serverDiagnostics(document, entry)];
    const print = `${document.version}\n${all.map((d) => `${String(d.range.start.line)}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.message}`).join('\n')}`;
    if (this.shown.get(key) === print) return;
    this.shown.set(key, print);
    this.collection.set(document.uri, all);
  }

  private serverDiagnostics(document: vscode.TextDocument, entry: ParsedDocument): vscode.Diagnostic[] {
    const plan = entry.plan();
    if (plan.objects.length === 0) return [];
    const cluster = this.cluster.get();
    const name = document.uri.path.split('/').pop() ?? 'manifest';
    let results;
    try {
      results = dryRunObjects(cluster, plan.objects.map((o) => o.object), name);
    } catch (err) {
      // A simulator bug must not take the YAML checks down with it.
      console.error('Kube Walkthrough: the dry run failed', err);
      return [];
    }
    const served = new Set(cluster.api.registry.all().map((i) => (i.group ? `${i.group}/${i.version}` : i.version)));
    const problems: Problem[] = plan.objects.flatMap((o, i) => {
      const result = results[i];
      return result ? problemsOf(o.source, result, { knownVersion: (v) => served.has(v) }) : [];
    });
    return problems.map((p) => make(document, p.range, p.message, severityOf(p.severity), p.code));
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    clearTimeout(this.clusterTimer);
    this.timers.clear();
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}
