/**
 * The walkthrough panel on the VS Code side: creates or reveals the one panel, writes its
 * HTML with a fresh nonce each time, restricts it to dist/ and media/, and relays messages
 * through a PanelSession (which validates them).
 */
import * as vscode from 'vscode';
import type { Walkthrough } from '../../protocol/workflow';
import type { StepPosition } from '../../protocol/messages';
import { renderPanelHtml } from './html';
import { createNonce } from './nonce';
import { PanelSession } from './session';

export type PanelLog = (line: string) => void;

export class WalkthroughPanel implements vscode.Disposable {
  static readonly viewType = 'kubeWalkthrough.walkthrough';
  private static current: WalkthroughPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** Shows `walkthrough` in the existing panel, or opens one beside the editor. */
  static show(extensionUri: vscode.Uri, walkthrough: Walkthrough | undefined, log: PanelLog, position?: StepPosition): WalkthroughPanel {
    const existing = WalkthroughPanel.current;
    if (existing) {
      if (walkthrough) existing.setWalkthrough(walkthrough, position);
      existing.panel.reveal(undefined, false);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      WalkthroughPanel.viewType,
      'Kube Walkthrough',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { ...webviewOptions(extensionUri), enableFindWidget: true },
    );
    return new WalkthroughPanel(panel, extensionUri, new PanelSession(walkthrough, position), log);
  }

  /** Brings back a panel VS Code restored after a reload, from the state its webview kept. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, state: unknown, log: PanelLog): WalkthroughPanel {
    WalkthroughPanel.current?.dispose();
    panel.webview.options = webviewOptions(extensionUri);
    return new WalkthroughPanel(panel, extensionUri, PanelSession.fromState(state), log);
  }

  static disposeCurrent(): void {
    WalkthroughPanel.current?.dispose();
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly session: PanelSession,
    private readonly log: PanelLog,
  ) {
    WalkthroughPanel.current = this;
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'walkthrough.svg');
    this.updateTitle();
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
    );
    this.render();
  }

  setWalkthrough(walkthrough: Walkthrough, position?: StepPosition): void {
    const message = this.session.load(walkthrough, position);
    this.updateTitle();
    if (message) void this.panel.webview.postMessage(message);
  }

  private updateTitle(): void {
    const title = this.session.walkthrough?.title;
    this.panel.title = title ? `Walkthrough: ${title}` : 'Kube Walkthrough';
  }

  private onMessage(raw: unknown): void {
    const outcome = this.session.receive(raw);
    if (outcome.log) this.log(outcome.log);
    if (outcome.reply) void this.panel.webview.postMessage(outcome.reply);
  }

  private render(): void {
    const webview = this.panel.webview;
    const asset = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    this.session.reset();
    webview.html = renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      styleNonce: createNonce(),
      scriptUri: asset('dist', 'webview.js'),
      styleUris: [asset('media', 'panel.css'), asset('media', 'diagram.css')],
    });
  }

  dispose(): void {
    if (WalkthroughPanel.current === this) WalkthroughPanel.current = undefined;
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
    this.panel.dispose();
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}
