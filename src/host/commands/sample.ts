/**
 * The Get Started walkthrough's helpers: open the sample manifest (shipped in the extension,
 * since the workspace may not have it) as an unsaved nginx.yaml, apply it, hover a field,
 * and break it on purpose so the API server's error shows.
 */
import * as vscode from 'vscode';
import type { CommandDeps } from './context';

export const SAMPLE_NAME = 'nginx.yaml';
export const WALKTHROUGH_ID = 'kube-walkthrough.kube-walkthrough#kubeWalkthrough.getStarted';

function isSample(doc: vscode.TextDocument): boolean {
  return doc.uri.scheme === 'untitled' && doc.uri.path.endsWith(SAMPLE_NAME);
}

async function sampleText(deps: CommandDeps): Promise<string> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(deps.extensionUri, 'media', 'walkthrough', SAMPLE_NAME));
  return new TextDecoder().decode(bytes);
}

/** Opens the sample (or brings back the one already open) beside nothing else: column one. */
export async function openSample(deps: CommandDeps): Promise<vscode.TextEditor> {
  const open = vscode.workspace.textDocuments.find(isSample);
  if (open) return vscode.window.showTextDocument(open, { viewColumn: vscode.ViewColumn.One, preview: false });
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: SAMPLE_NAME }));
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
  const text = await sampleText(deps);
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), text));
  if (doc.languageId !== 'yaml') await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  return editor;
}

/** Where `needle` first occurs after `after` (both plain text), as a position. */
function find(doc: vscode.TextDocument, needle: string, after = ''): vscode.Position | undefined {
  const text = doc.getText();
  const start = after ? text.indexOf(after) : 0;
  if (start < 0) return undefined;
  const at = text.indexOf(needle, start);
  return at < 0 ? undefined : doc.positionAt(at);
}

export function registerSampleCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('kubeWalkthrough.getStarted', () => vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false)),
    vscode.commands.registerCommand('kubeWalkthrough.openSample', async () => {
      const editor = await openSample(deps);
      return editor.document.uri;
    }),
    vscode.commands.registerCommand('kubeWalkthrough.sample.apply', async () => {
      const editor = await openSample(deps);
      return vscode.commands.executeCommand('kubeWalkthrough.apply', editor.document.uri);
    }),
    vscode.commands.registerCommand('kubeWalkthrough.sample.hoverField', async () => {
      const editor = await openSample(deps);
      const at = find(editor.document, 'replicas');
      if (!at) return;
      editor.selection = new vscode.Selection(at.translate(0, 2), at.translate(0, 2));
      editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
      await vscode.commands.executeCommand('editor.action.showHover');
    }),
    vscode.commands.registerCommand('kubeWalkthrough.sample.breakIt', async () => {
      const editor = await openSample(deps);
      // The template's label no longer matches the selector: the API server refuses the Deployment.
      const at = find(editor.document, 'app: nginx', 'template:');
      if (!at) return;
      const value = new vscode.Range(at.translate(0, 'app: '.length), at.translate(0, 'app: nginx'.length));
      await editor.edit((b) => b.replace(value, 'web'));
      editor.selection = new vscode.Selection(value.start, value.start.translate(0, 3));
      editor.revealRange(value, vscode.TextEditorRevealType.InCenter);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      void vscode.window.showInformationMessage(
        'The pod template is now labelled app: web while the selector asks for app: nginx. Apply it to read the API server\'s error, or look at the Problems panel.',
      );
    }),
  ];
}
