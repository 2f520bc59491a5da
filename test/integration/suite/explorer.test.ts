/**
 * The cluster explorer, the cluster commands and persistence inside the real VS Code: apply
 * the sample and find its objects, read the tree, act on objects and nodes, and boot a fresh
 * cluster service from the state the extension saved, as the next window would.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { HostApi } from '../../../src/host';
import { ClusterService } from '../../../src/host/clusterService';
import { ClusterPersistence } from '../../../src/host/persistence';
import { nodeHealth, podHealth, type ExplorerItem } from '../../../src/host/explorer';
import type { KubeObject } from '../../../src/sim/api/types';

const EXTENSION_ID = 'kube-walkthrough.kube-walkthrough';
const CATEGORY = 'Kube Walkthrough';
const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'nginx-deployment' };
const SERVICE = { apiVersion: 'v1', kind: 'Service', namespace: 'default', name: 'nginx-service' };
const COMMANDS = [
  'kubeWalkthrough.delete', 'kubeWalkthrough.reset', 'kubeWalkthrough.showEvents', 'kubeWalkthrough.addNode',
  'kubeWalkthrough.stopNode', 'kubeWalkthrough.startNode', 'kubeWalkthrough.cordonNode', 'kubeWalkthrough.uncordonNode',
  'kubeWalkthrough.sendRequest', 'kubeWalkthrough.openWalkthrough', 'kubeWalkthrough.fastForward', 'kubeWalkthrough.showYaml',
  'kubeWalkthrough.describe', 'kubeWalkthrough.logs', 'kubeWalkthrough.scale', 'kubeWalkthrough.deleteObject',
  'kubeWalkthrough.walkThroughObject', 'kubeWalkthrough.openSample', 'kubeWalkthrough.getStarted',
];

interface Contributed {
  command: string;
  category?: string;
  icon?: string;
}

function extension(): vscode.Extension<HostApi> {
  const ext = vscode.extensions.getExtension<HostApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

function sampleUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, 'nginx.yaml') : vscode.Uri.file(join(extension().extensionPath, 'examples', 'nginx.yaml'));
}

function defaultObjects(api: HostApi, kind: string): KubeObject[] {
  return api.cluster.peek((c) => c.objects()).filter((o) => o.kind === kind && o.metadata.namespace === 'default');
}

function find(items: readonly ExplorerItem[], id: string): ExplorerItem | undefined {
  for (const i of items) {
    if (i.id === id) return i;
    const inner = find(i.children ?? [], id);
    if (inner) return inner;
  }
  return undefined;
}

suite('Cluster explorer, commands and persistence', () => {
  let api: HostApi;
  const config = () => vscode.workspace.getConfiguration('kubeWalkthrough');

  suiteSetup(async () => {
    api = await extension().activate();
    assert.ok(api?.cluster && api.explorer && api.persistence, 'activate() hands back the cluster, explorer and persistence');
    // The panel is another suite's subject; here it would only slow the applies down.
    await config().update('openPanelOnApply', false, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('kubeWalkthrough.reset', true);
  });

  suiteTeardown(async () => {
    await config().update('openPanelOnApply', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('kubeWalkthrough.reset', true);
  });

  test('every command is registered, with the category and an icon', async () => {
    const registered = await vscode.commands.getCommands(true);
    const contributed = (extension().packageJSON as { contributes: { commands: Contributed[] } }).contributes.commands;
    for (const id of COMMANDS) {
      assert.ok(registered.includes(id), `${id} is not registered`);
      const entry = contributed.find((c) => c.command === id);
      assert.equal(entry?.category, CATEGORY, `${id} has the category`);
      assert.match(entry?.icon ?? '', /^\$\([a-z-]+\)$/, `${id} has a codicon`);
    }
  });

  test('applying examples/nginx.yaml yields the Deployment, its ReplicaSet and three Running pods', async () => {
    const results = (await vscode.commands.executeCommand('kubeWalkthrough.apply', sampleUri())) as { action: string; message: string }[];
    assert.deepEqual(results.map((r) => r.message), ['deployment.apps/nginx-deployment created', 'service/nginx-service created']);
    const [deployment] = defaultObjects(api, 'Deployment');
    assert.equal(deployment?.metadata.name, 'nginx-deployment');
    const sets = defaultObjects(api, 'ReplicaSet').filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === deployment?.metadata.uid));
    assert.equal(sets.length, 1);
    const pods = defaultObjects(api, 'Pod').filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === sets[0]?.metadata.uid));
    assert.equal(pods.length, 3);
    assert.deepEqual(pods.map((p) => podHealth(p).status), ['Running', 'Running', 'Running']);
  });

  test('the tree shows the nodes and the pods', () => {
    const tree = api.explorer.refreshNow();
    const provider = api.explorer.provider;
    const roots = provider.getChildren().map((row) => provider.getTreeItem(row).label);
    assert.deepEqual(roots, ['Nodes', 'Namespaces', 'Workloads', 'Services', 'Events']);
    const nodes = find(tree, 'nodes')?.children ?? [];
    assert.deepEqual(nodes.map((n) => n.label), ['control-plane', 'worker-1', 'worker-2']);
    for (const n of nodes) assert.match(n.description ?? '', /^Ready · /);
    const nginxPods = (find(tree, 'workloads/Pod')?.children ?? []).filter((p) => p.label.startsWith('nginx-deployment-'));
    assert.equal(nginxPods.length, 3);
    for (const p of nginxPods) assert.match(p.description ?? '', /^Running · 1\/1 · worker-\d$/);
    const podItem = provider.getTreeItem(provider.getChildren().find((r) => r.id === 'nodes') ?? { id: '' });
    assert.equal(podItem.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    const worker = provider.getTreeItem({ id: 'node/worker-1' });
    assert.match(String(worker.contextValue), /\bcordon\b/);
    assert.ok(worker.iconPath instanceof vscode.ThemeIcon && worker.iconPath.color instanceof vscode.ThemeColor);
  });

  test('the explorer lives in its own activity bar container', () => {
    const contributes = extension().packageJSON.contributes as {
      viewsContainers: { activitybar: { id: string }[] };
      views: Record<string, { id: string }[]>;
      walkthroughs: { id: string; steps: { completionEvents?: string[] }[] }[];
    };
    assert.ok(contributes.viewsContainers.activitybar.some((c) => c.id === 'kubeWalkthrough'));
    assert.ok(contributes.views.kubeWalkthrough?.some((v) => v.id === 'kubeWalkthrough.explorer'));
    const walkthrough = contributes.walkthroughs.find((w) => w.id === 'kubeWalkthrough.getStarted');
    assert.ok(walkthrough && walkthrough.steps.length >= 5 && walkthrough.steps.every((s) => (s.completionEvents ?? []).length > 0));
  });

  test('describe and YAML open as read-only documents of the cluster', async () => {
    await vscode.commands.executeCommand('kubeWalkthrough.describe', DEPLOYMENT);
    const described = vscode.window.activeTextEditor?.document;
    assert.equal(described?.uri.scheme, 'kube-walkthrough');
    assert.match(described?.getText() ?? '', /^Name:\s+nginx-deployment$/m);
    assert.match(described?.getText() ?? '', /^Replicas:\s+3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable$/m);
    await vscode.commands.executeCommand('kubeWalkthrough.showYaml', DEPLOYMENT);
    const yaml = vscode.window.activeTextEditor?.document;
    assert.equal(yaml?.languageId, 'yaml');
    assert.match(yaml?.getText() ?? '', /^kind: Deployment$/m);
    assert.doesNotMatch(yaml?.getText() ?? '', /managedFields/);
  });

  test('scale, and a request to the Service reaches one of the pods', async () => {
    const line = await vscode.commands.executeCommand('kubeWalkthrough.scale', DEPLOYMENT, 4);
    assert.equal(line, 'deployment.apps/nginx-deployment scaled');
    const running = defaultObjects(api, 'Pod').filter((p) => podHealth(p).status === 'Running');
    assert.equal(running.length, 4);
    const result = (await vscode.commands.executeCommand('kubeWalkthrough.sendRequest', SERVICE, 80)) as { ok: boolean; pod?: string; chains: string[] };
    assert.equal(result.ok, true);
    assert.match(result.pod ?? '', /^default\/nginx-deployment-/);
    assert.equal(result.chains[0], 'KUBE-SERVICES');
  });

  test('a stopped node goes NotReady after the lease timeout, and comes back', async () => {
    await vscode.commands.executeCommand('kubeWalkthrough.stopNode', 'worker-2');
    await vscode.commands.executeCommand('kubeWalkthrough.fastForward', 60_000);
    const status = (): string => {
      const node = api.cluster.peek((c) => c.objects()).find((o) => o.kind === 'Node' && o.metadata.name === 'worker-2');
      return node ? nodeHealth(node).status : 'missing';
    };
    assert.notEqual(status(), 'Ready');
    await vscode.commands.executeCommand('kubeWalkthrough.startNode', 'worker-2');
    await vscode.commands.executeCommand('kubeWalkthrough.fastForward', 15_000);
    assert.equal(status(), 'Ready');
  });

  test('the state returns after a reload: a fresh cluster service boots from the saved file', async () => {
    assert.equal(await api.persistence.save(), true);
    const file = api.persistence.file;
    assert.ok(file && existsSync(file), 'the snapshot is in the workspace storage');
    const fresh = new ClusterService();
    try {
      const loader = new ClusterPersistence(fresh, dirname(file), { enabled: () => true, log: () => undefined });
      assert.equal(loader.load(), true);
      const objects = fresh.peek((c) => c.objects()).filter((o) => o.metadata.namespace === 'default');
      assert.deepEqual(objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name), ['nginx-deployment']);
      assert.deepEqual(objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name).sort(), ['kubernetes', 'nginx-service']);
      const pods = objects.filter((o) => o.kind === 'Pod');
      assert.equal(pods.length, 4);
      assert.deepEqual(pods.map((p) => podHealth(p).status), ['Running', 'Running', 'Running', 'Running']);
    } finally {
      fresh.dispose();
    }
  });

  test('Show Events opens a kubectl get events --watch terminal', async () => {
    await vscode.commands.executeCommand('kubeWalkthrough.showEvents');
    const deadline = Date.now() + 5000;
    while (!vscode.window.terminals.some((t) => t.name === 'kubectl get events --watch') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const terminal = vscode.window.terminals.find((t) => t.name === 'kubectl get events --watch');
    assert.ok(terminal);
    terminal.dispose();
  });

  test('Delete from Simulated Cluster removes the manifest\'s objects, as kubectl delete -f', async () => {
    const lines = await vscode.commands.executeCommand('kubeWalkthrough.delete', sampleUri());
    assert.deepEqual(lines, ['deployment.apps "nginx-deployment" deleted', 'service "nginx-service" deleted']);
    assert.deepEqual(defaultObjects(api, 'Deployment'), []);
    const again = await vscode.commands.executeCommand('kubeWalkthrough.delete', sampleUri());
    assert.deepEqual(again, [
      'Error from server (NotFound): error when deleting "nginx.yaml": deployments.apps "nginx-deployment" not found',
      'Error from server (NotFound): error when deleting "nginx.yaml": services "nginx-service" not found',
    ]);
  });

  test('Get Started: the sample opens unsaved, breaks on purpose, and the API server refuses it', async () => {
    const uri = (await vscode.commands.executeCommand('kubeWalkthrough.openSample')) as vscode.Uri;
    assert.equal(uri.scheme, 'untitled');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.match(doc?.getText() ?? '', /name: nginx-deployment/);
    await vscode.commands.executeCommand('kubeWalkthrough.sample.breakIt');
    assert.match(doc?.getText() ?? '', /template:[\s\S]*app: web/);
    const results = (await vscode.commands.executeCommand('kubeWalkthrough.apply', uri)) as { action: string; message: string }[];
    assert.equal(results[0]?.action, 'failed');
    assert.equal(results[0]?.message, 'The Deployment "nginx-deployment" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`');
    await vscode.window.showTextDocument(doc as vscode.TextDocument);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Reset Cluster clears the objects and the saved state', async () => {
    const file = api.persistence.file;
    await vscode.commands.executeCommand('kubeWalkthrough.reset', true);
    assert.ok(!file || !existsSync(file), 'the saved state is gone');
    assert.deepEqual(defaultObjects(api, 'Deployment'), []);
  });
});
