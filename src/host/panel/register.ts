/**
 * Wiring for the walkthrough panel: the serializer that restores it after a reload, the
 * "Show Walkthrough" command, and openWalkthrough() for the apply command.
 */
import * as vscode from 'vscode';
import type { Walkthrough } from '../../protocol/workflow';
import { WalkthroughPanel, type PanelLog } from './walkthroughPanel';
import { stagePosition } from './session';

export const SHOW_WALKTHROUGH_COMMAND = 'kubeWalkthrough.showWalkthrough';

let extensionUri: vscode.Uri | undefined;
let log: PanelLog = () => undefined;

/**
 * Registers the panel's serializer and command; push the result into context.subscriptions.
 * The command takes an optional `{stage}` (a stage id: 'prelude', '1'..'10', 'service') and
 * shows the latest walkthrough from `latest` at that stage.
 */
export function registerWalkthroughPanel(
  context: vscode.ExtensionContext,
  output?: vscode.OutputChannel,
  latest: () => Walkthrough | undefined = () => undefined,
): vscode.Disposable[] {
  extensionUri = context.extensionUri;
  log = output ? (line) => output.appendLine(line) : () => undefined;
  return [
    vscode.window.registerWebviewPanelSerializer(WalkthroughPanel.viewType, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        WalkthroughPanel.revive(panel, context.extensionUri, state, log);
      },
    }),
    vscode.commands.registerCommand(SHOW_WALKTHROUGH_COMMAND, (arg?: { stage?: unknown }) => {
      const stage = arg && typeof arg === 'object' && typeof arg.stage === 'string' ? arg.stage : undefined;
      const walkthrough = stage ? latest() : undefined;
      WalkthroughPanel.show(context.extensionUri, walkthrough, log, stagePosition(walkthrough, stage));
    }),
    {
      dispose: () => {
        WalkthroughPanel.disposeCurrent();
        extensionUri = undefined;
      },
    },
  ];
}

/** Opens (or reuses) the panel and replays `walkthrough` in it. */
export function openWalkthrough(walkthrough: Walkthrough): WalkthroughPanel {
  if (!extensionUri) throw new Error('registerWalkthroughPanel(context) must run before openWalkthrough()');
  return WalkthroughPanel.show(extensionUri, walkthrough, log);
}
