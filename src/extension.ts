/** Entry point of the extension: activation and deactivation only; the work lives in host/. */
import type * as vscode from 'vscode';
import { activateHost, type HostApi } from './host';

export function activate(context: vscode.ExtensionContext): HostApi {
  return activateHost(context);
}

export function deactivate(): void {
  // Everything registered through context.subscriptions is disposed by VS Code.
}
