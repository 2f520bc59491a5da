/** Entry point of the extension: activation and deactivation only; the work lives in host/. */
import type * as vscode from 'vscode';
import { activateHost } from './host';

export function activate(context: vscode.ExtensionContext): void {
  activateHost(context);
}

export function deactivate(): void {
  // Everything registered through context.subscriptions is disposed by VS Code.
}
