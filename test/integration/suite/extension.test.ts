/** The extension loads, activates on YAML and contributes its command and menus. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'kube-walkthrough.kube-walkthrough';
const APPLY = 'kubeWalkthrough.apply';

interface MenuEntry {
  command?: string;
  when?: string;
}

function ourExtension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function menu(name: string): MenuEntry[] {
  const contributes = ourExtension().packageJSON?.contributes as { menus?: Record<string, MenuEntry[]> } | undefined;
  return contributes?.menus?.[name] ?? [];
}

suite('Kube Walkthrough extension', () => {
  test('activates when a YAML file opens', async () => {
    const ext = ourExtension();
    // The runners open examples/ as the workspace; an installed .vsix has no examples/ of its own.
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = folder
      ? vscode.Uri.joinPath(folder, 'nginx.yaml')
      : vscode.Uri.file(join(ext.extensionPath, 'examples', 'nginx.yaml'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'yaml');
    await waitFor(() => ext.isActive, 'the extension to activate after opening nginx.yaml');
  });

  test(`registers the command ${APPLY}`, async () => {
    await ourExtension().activate();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(APPLY), `${APPLY} is not among the registered commands`);
  });

  test('contributes Apply to the editor context menu of YAML files', () => {
    const entry = menu('editor/context').find((e) => e.command === APPLY);
    assert.ok(entry, `no editor/context entry for ${APPLY}`);
    assert.match(entry.when ?? '', /resourceLangId == yaml/);
  });

  test('contributes Apply to the explorer context menu of .yaml and .yml files', () => {
    const entry = menu('explorer/context').find((e) => e.command === APPLY);
    assert.ok(entry, `no explorer/context entry for ${APPLY}`);
    assert.match(entry.when ?? '', /\.yaml/);
    assert.match(entry.when ?? '', /\.yml/);
  });
});
