/** The saved cluster: compaction, the file format, and booting a cluster back from it. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createCluster, restoreCluster, type Cluster } from '../../../src/sim/cluster';
import { parseManifest, planApply } from '../../../src/manifest';
import { ClusterPersistence, compactStore, decodeSaved, encodeSaved, SNAPSHOT_FILE, type PersistedCluster } from '../../../src/host/persistence';
import type { SavedCluster } from '../../../src/host/clusterService';
import { podHealth } from '../../../src/host/explorer/health';

const NGINX = readFileSync(new URL('../../../examples/nginx.yaml', import.meta.url), 'utf8');

function nginxCluster(): Cluster {
  const c = createCluster({ seed: 3, workers: 2 });
  c.apply(planApply(parseManifest(NGINX)).objects.map((o) => o.object), { source: 'nginx.yaml' });
  c.runUntilQuiet();
  return c;
}

const names = (c: Cluster, kind: string): string[] =>
  c.objects().filter((o) => o.kind === kind && o.metadata.namespace === 'default').map((o) => o.metadata.name ?? '').sort();

describe('saving and restoring a cluster', () => {
  const source = nginxCluster();
  const saved: SavedCluster = { cluster: source.snapshot(), stoppedKubelets: [] };

  test('compaction keeps each live key once, at the head revision', () => {
    const full = saved.cluster.store;
    const compact = compactStore(full);
    assert.equal(compact.revision, full.revision);
    assert.equal(compact.compactRevision, full.revision);
    const keys = (compact.data as { keys: { history: unknown[] }[] }).keys;
    assert.ok(keys.length > 0 && keys.every((k) => k.history.length === 1));
    assert.ok(JSON.stringify(compact).length < JSON.stringify(full).length);
  });

  test('the file round-trips and anything else is refused', () => {
    const text = encodeSaved(saved);
    const back = decodeSaved(text);
    assert.equal(back?.cluster.nowMs, saved.cluster.nowMs);
    assert.deepEqual(back?.cluster.nodes.map((n) => n.name), ['control-plane', 'worker-1', 'worker-2']);
    assert.equal(decodeSaved('{"format":"other"}'), undefined);
    assert.equal(decodeSaved('not json'), undefined);
  });

  test('a cluster booted from the file has the same objects, and the pods run again', () => {
    const back = decodeSaved(encodeSaved(saved));
    assert.ok(back);
    const restored = restoreCluster(back.cluster, { seed: 3 });
    try {
      assert.deepEqual(names(restored, 'Deployment'), ['nginx-deployment']);
      assert.deepEqual(names(restored, 'ReplicaSet'), names(source, 'ReplicaSet'));
      assert.deepEqual(names(restored, 'Pod'), names(source, 'Pod'));
      assert.ok(restored.loop.now() >= saved.cluster.nowMs);
      const pods = restored.objects().filter((o) => o.kind === 'Pod' && o.metadata.namespace === 'default');
      assert.deepEqual(pods.map((p) => podHealth(p).status), ['Running', 'Running', 'Running']);
      // New objects get fresh names and addresses: nothing collides with what was restored.
      restored.kubectl.patch({ group: 'apps', version: 'v1', resource: 'deployments' }, 'default', 'nginx-deployment', { spec: { replicas: 5 } }, 'merge', 'scale');
      restored.runUntilQuiet();
      assert.equal(names(restored, 'Pod').length, 5);
      const svc = restored.apply([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'other' }, spec: { selector: { app: 'x' }, ports: [{ port: 80 }] } }]);
      assert.equal(svc[0]?.action, 'created');
    } finally {
      restored.stop();
    }
  });
});

describe('ClusterPersistence', () => {
  function fake(saved: SavedCluster | undefined): PersistedCluster & { restored?: SavedCluster } {
    const none = () => ({ dispose: () => undefined });
    const f: PersistedCluster & { restored?: SavedCluster } = {
      snapshot: () => saved,
      restoreLazily: (s) => {
        f.restored = s;
      },
      onDidChange: none,
      onDidReset: none,
    };
    return f;
  }
  const c = createCluster({ seed: 1, workers: 1 });
  const saved: SavedCluster = { cluster: c.snapshot(), stoppedKubelets: ['worker-1'] };
  c.stop();

  test('saves to the storage folder, loads it back, and clear() removes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-persist-'));
    try {
      const writer = new ClusterPersistence(fake(saved), join(dir, 'ws'), { enabled: () => true, log: () => undefined });
      assert.equal(await writer.save(), true);
      assert.ok(existsSync(join(dir, 'ws', SNAPSHOT_FILE)));
      const target = fake(undefined);
      const reader = new ClusterPersistence(target, join(dir, 'ws'), { enabled: () => true, log: () => undefined });
      assert.equal(reader.load(), true);
      assert.deepEqual(target.restored?.stoppedKubelets, ['worker-1']);
      reader.clear();
      assert.equal(existsSync(join(dir, 'ws', SNAPSHOT_FILE)), false);
      assert.equal(reader.load(), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('does nothing when the setting is off', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-persist-'));
    try {
      const p = new ClusterPersistence(fake(saved), dir, { enabled: () => false, log: () => undefined });
      assert.equal(await p.save(), false);
      assert.equal(existsSync(join(dir, SNAPSHOT_FILE)), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
