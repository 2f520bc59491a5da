/** The explorer's tree from a real simulated cluster, its change detection and the health words. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { createCluster, type Cluster } from '../../../src/sim/cluster';
import { parseManifest, planApply } from '../../../src/manifest';
import { buildExplorer } from '../../../src/host/explorer/model';
import { diffTrees, flatten, type ExplorerItem } from '../../../src/host/explorer/item';
import { podHealth, summarize } from '../../../src/host/explorer/health';
import type { KubeObject } from '../../../src/sim/api/types';

const NGINX = readFileSync(new URL('../../../examples/nginx.yaml', import.meta.url), 'utf8');

function find(items: readonly ExplorerItem[], id: string): ExplorerItem | undefined {
  return flatten(items).get(id)?.item;
}

describe('buildExplorer on the nginx sample', () => {
  let cluster: Cluster;
  let tree: ExplorerItem[];
  before(() => {
    cluster = createCluster({ seed: 7, workers: 2 });
    cluster.apply(planApply(parseManifest(NGINX)).objects.map((o) => o.object), { source: 'nginx.yaml' });
    cluster.runUntilQuiet();
    tree = buildExplorer({ objects: cluster.objects(), now: cluster.loop.now() });
  });

  test('has the five sections in order', () => {
    assert.deepEqual(tree.map((i) => i.label), ['Nodes', 'Namespaces', 'Workloads', 'Services', 'Events']);
  });

  test('lists every node as Ready with its conditions and its pods', () => {
    const nodes = find(tree, 'nodes');
    assert.equal(nodes?.description, '3/3 Ready');
    const worker = nodes?.children?.find((n) => n.label === 'worker-1');
    assert.match(worker?.description ?? '', /^Ready · worker · \d+ pods?$/);
    assert.equal(worker?.health, 'ok');
    assert.ok(worker?.actions?.includes('cordon') && worker.actions.includes('stopNode'));
    assert.ok(find(tree, 'node/worker-1/condition/Ready'));
    const podsOnNodes = (nodes?.children ?? []).flatMap((n) => (n.children ?? []).filter((c) => c.ref?.kind === 'Pod' && c.ref.namespace === 'default'));
    assert.equal(podsOnNodes.length, 3);
  });

  test('shows the Deployment, its ReplicaSet and three Running pods under Workloads', () => {
    const deployments = find(tree, 'workloads/Deployment')?.children ?? [];
    const web = deployments.find((d) => d.label === 'nginx-deployment');
    assert.equal(web?.description, '3/3 ready');
    const rs = web?.children?.[0];
    assert.match(rs?.label ?? '', /^nginx-deployment-[a-z0-9]+$/);
    assert.equal(rs?.children?.length, 3);
    for (const pod of rs?.children ?? []) {
      assert.match(pod.description ?? '', /^Running · 1\/1 · worker-\d$/);
      assert.equal(pod.health, 'ok');
      assert.deepEqual(pod.actions, ['yaml', 'describe', 'logs', 'delete', 'walk']);
    }
  });

  test('shows the Service with one ready endpoint per pod', () => {
    const svc = find(tree, 'services')?.children?.find((s) => s.label === 'nginx-service');
    assert.match(svc?.description ?? '', /^ClusterIP 10\.\d+\.\d+\.\d+ · 80\/TCP$/);
    assert.equal(svc?.children?.length, 3);
    for (const ep of svc?.children ?? []) assert.match(`${ep.label} ${ep.description ?? ''}`, /^10\.244\.\d+\.\d+:80 pod\/nginx-deployment-\S+ · worker-\d · ready$/);
  });

  test('names what changed after a scale, and only that', () => {
    const deployment = cluster.objects().find((o) => o.kind === 'Deployment' && o.metadata.name === 'nginx-deployment');
    assert.ok(deployment);
    cluster.kubectl.patch({ group: 'apps', version: 'v1', resource: 'deployments' }, 'default', 'nginx-deployment', { spec: { replicas: 4 } }, 'merge', 'scale');
    cluster.runUntilQuiet();
    const next = buildExplorer({ objects: cluster.objects(), now: cluster.loop.now() });
    const diff = diffTrees(tree, next);
    assert.equal(diff.all, false);
    assert.ok(diff.changed.length > 0);
    assert.ok(!diff.changed.includes('namespaces'), 'namespaces did not change');
    assert.ok(diff.changed.some((id) => id.startsWith('workloads/deployment/default/nginx-deployment')));
    const flat = flatten(next);
    for (const id of diff.changed) {
      for (let p = flat.get(id)?.parent; p !== undefined; p = flat.get(p)?.parent) assert.ok(!diff.changed.includes(p), `${id} lies under ${p}, which is redrawn anyway`);
    }
  });
});

describe('diffTrees', () => {
  const leaf = (id: string, description = ''): ExplorerItem => ({ id, label: id, icon: 'x', description });
  test('nothing changed: nothing to redraw', () => {
    const a = [{ ...leaf('a'), children: [leaf('a/1')] }];
    assert.deepEqual(diffTrees(a, structuredClone(a)), { all: false, changed: [] });
  });
  test('a changed description redraws that row; a new child redraws its parent', () => {
    const a = [{ ...leaf('a'), children: [leaf('a/1')] }, { ...leaf('b'), children: [leaf('b/1')] }];
    const b = [{ ...leaf('a'), children: [leaf('a/1', 'new')] }, { ...leaf('b'), children: [leaf('b/1'), leaf('b/2')] }];
    assert.deepEqual(diffTrees(a, b).changed.sort(), ['a/1', 'b']);
  });
  test('a new root redraws everything', () => {
    assert.equal(diffTrees([leaf('a')], [leaf('a'), leaf('b')]).all, true);
  });
});

describe('health', () => {
  const pod = (status: Record<string, unknown>, deleting = false): KubeObject =>
    ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) }, spec: { containers: [{ name: 'c' }] }, status }) as unknown as KubeObject;
  test('pods read as kubectl STATUS and fall into running, pending or failing', () => {
    assert.deepEqual(podHealth(pod({ phase: 'Pending' })).health, 'progressing');
    const crash = podHealth(pod({ phase: 'Running', containerStatuses: [{ name: 'c', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }));
    assert.deepEqual([crash.status, crash.health, crash.restarts], ['CrashLoopBackOff', 'failing', 4]);
    const running = podHealth(pod({ phase: 'Running', containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: { running: {} } }] }));
    assert.deepEqual([running.status, running.ready, running.health], ['Running', '1/1', 'ok']);
    assert.equal(podHealth(pod({ phase: 'Running' }, true)).status, 'Terminating');
    assert.equal(podHealth(pod({ phase: 'Succeeded', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] })).health, 'done');
  });
  test('summarize counts nodes and pods for the status bar', () => {
    const node = (ready: string): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: `n-${ready}` }, status: { conditions: [{ type: 'Ready', status: ready }] } }) as unknown as KubeObject;
    const s = summarize([node('True'), node('Unknown'), pod({ phase: 'Pending' })]);
    assert.deepEqual([s.nodesReady, s.nodesTotal, s.podsPending, s.podsRunning, s.podsFailing], [1, 2, 1, 0, 0]);
    assert.deepEqual(s.notReady, ['n-Unknown: Unknown']);
  });
});
