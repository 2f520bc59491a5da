/**
 * The language features inside the real VS Code: diagnostics with upstream's messages on the
 * right ranges, hover docs naming the acting components, quick fixes, CodeLens per document.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'kube-walkthrough.kube-walkthrough';
const SOURCE = 'Kube Walkthrough';

async function activated(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  await ext.activate();
  return ext;
}

async function nginxUri(): Promise<vscode.Uri> {
  const ext = await activated();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, 'nginx.yaml') : vscode.Uri.file(join(ext.extensionPath, 'examples', 'nginx.yaml'));
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

async function open(content: string, language = 'yaml'): Promise<vscode.TextDocument> {
  await activated();
  const document = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(document);
  return document;
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
const at = (d: vscode.Diagnostic) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

const BROKEN = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
spec:
  replicas: -1
  selector:
    matchLabels:
      app: broken
  template:
    metadata:
      labels:
        app: broken
    spec:
      containers:
      - name: web
        image: nginx:1.14.2
        imagePullPolicy: Sometimes
---
apiVersion: example.com/v1
kind: Foo
metadata:
  name: x
`;

const MISMATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: mismatch
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: web
        image: nginx:1.14.2
`;

suite('Language features', () => {
  test('a broken manifest gets upstream\'s messages on the exact ranges', async () => {
    const document = await open(BROKEN);
    const diagnostics = await until('the dry-run diagnostics', () => {
      const found = ours(document.uri);
      return found.some((d) => d.message.startsWith('spec.replicas')) ? found : undefined;
    });
    const byMessage = (start: string) => {
      const d = diagnostics.find((x) => x.message.startsWith(start));
      assert.ok(d, `no diagnostic starting with ${start}; got:\n${diagnostics.map((x) => `${at(x)} ${x.message}`).join('\n')}`);
      return d;
    };
    const replicas = byMessage('spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    assert.equal(at(replicas), '5:12-5:14');
    assert.equal(replicas.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(replicas.code, 'FieldValueInvalid');
    const policy = byMessage('spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"');
    assert.equal(at(policy), '17:25-17:34');
    const foo = byMessage('no matches for kind "Foo" in version "example.com/v1"');
    assert.equal(at(foo), '19:12-19:26');
  });

  test('an unknown field is reported on its key, as strict decoding reports it', async () => {
    const document = await open('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndatta:\n  a: b\n');
    const d = await until('the unknown field', () => ours(document.uri).find((x) => x.message.includes('unknown field')));
    assert.equal(d.message, 'strict decoding error: unknown field "datta"');
    assert.equal(at(d), '4:0-4:5');
  });

  test('the YAML 1.1 quick fix quotes the value', async () => {
    const document = await open('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  enabled: yes\n');
    const d = await until('the yes warning', () => ours(document.uri).find((x) => x.code === 'yaml11-bool'));
    assert.equal(at(d), '5:11-5:14');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    // The API server rejects the boolean too, on the same value.
    await until('the type error', () => ours(document.uri).find((x) => x.message.endsWith('json: cannot unmarshal bool into Go struct field ConfigMap.data of type string')));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const quote = actions.find((a) => a.title === 'Quote as "yes"');
    assert.ok(quote?.edit, `no quote fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(quote.edit));
    assert.equal(document.lineAt(5).text, '  enabled: "yes"');
  });

  test('the quick fix for a selector mismatch copies matchLabels into the template labels', async () => {
    const document = await open(MISMATCH);
    const d = await until('the selector mismatch', () => ours(document.uri).find((x) => x.message.includes('`selector` does not match template `labels`')));
    assert.equal(at(d), '10:6-10:12');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.startsWith("Copy the selector's matchLabels into the template labels"));
    assert.ok(fix?.edit, `no selector fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.lineAt(11).text, '        app: web');
    await until('the mismatch to go away', () => (ours(document.uri).some((x) => x.message.includes('`selector`')) ? undefined : true));
  });

  test('hovering replicas in examples/nginx.yaml shows the description and the component line', async () => {
    const uri = await nginxUri();
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const line = document.getText().split('\n').findIndex((l) => l.trimStart().startsWith('replicas:'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 4));
    const text = hoverText(hovers);
    assert.match(text, /Number of desired pods/);
    assert.match(text, /Acted on by the ReplicaSet controller, driven by the Deployment controller/);
    assert.match(text, /<integer>/);
    assert.match(text, /command:kubeWalkthrough\.showWalkthrough\?/);
    assert.match(text, /kubernetes\.io\/docs\/reference\/kubernetes-api\/workload-resources\/deployment-v1\//);
  });

  test('hover works on kind and in JSON manifests', async () => {
    const uri = await nginxUri();
    const document = await vscode.workspace.openTextDocument(uri);
    const kindLine = document.getText().split('\n').findIndex((l) => l.startsWith('kind: Service'));
    const onKind = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(kindLine, 7)));
    assert.match(onKind, /kube-proxy/);
    const json = await open('{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "j"}, "spec": {"replicas": 2}}', 'json');
    const offset = json.getText().indexOf('"replicas"') + 2;
    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', json.uri, json.positionAt(offset)));
    assert.match(hover, /Number of desired pods/);
  });

  test('CodeLens: Apply | Dry run | Diff | Walk through above each document', async () => {
    const uri = await nginxUri();
    const document = await vscode.workspace.openTextDocument(uri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
    const lines = document.getText().split('\n').flatMap((l, i) => (l.startsWith('apiVersion:') ? [i] : []));
    assert.equal(lines.length, 2);
    for (const line of lines) {
      const titles = lenses.filter((l) => l.range.start.line === line).map((l) => l.command?.title);
      assert.deepEqual(titles, ['$(play) Apply', '$(beaker) Dry run', '$(diff) Diff', '$(preview) Walk through'], `lenses on line ${line}`);
    }
    const apply = lenses.find((l) => l.range.start.line === lines[1] && l.command?.command === 'kubeWalkthrough.apply');
    assert.deepEqual((apply?.command?.arguments?.[0] as { documentIndex?: number }).documentIndex, 1);
  });

  test('Dry run and Diff of one document', async () => {
    const uri = await nginxUri();
    const results = await vscode.commands.executeCommand<{ action: string; message: string }[]>('kubeWalkthrough.dryRunDocument', { uri, documentIndex: 0 });
    assert.equal(results.length, 1);
    assert.match(results[0]?.message ?? '', /^deployment\.apps\/nginx-deployment (created|configured|unchanged) \(server dry run\)$/);
    const diff = await vscode.commands.executeCommand<{ left: string; right: string }>('kubeWalkthrough.diffDocument', { uri, documentIndex: 1 });
    const right = await vscode.workspace.openTextDocument(vscode.Uri.parse(diff.right));
    assert.match(right.getText(), /^kind: Service$/m);
    assert.match(right.getText(), /^ {2}clusterIP: /m);
    assert.doesNotMatch(right.getText(), /managedFields/);
  });
});
