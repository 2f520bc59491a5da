/** The dry run behind diagnostics: kubectl's answers, and no trace of it in the cluster. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, type Cluster } from '../../../../src/sim/cluster';
import { R } from '../../../../src/sim/client';
import { dryRunObjects } from '../../../../src/host/language/dryRun';

const deployment = (name: string, replicas: unknown = 2) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.14.2' }] } },
  },
});
const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };

let shared: Cluster | undefined;
const cluster = () => (shared ??= createCluster({ seed: 7, workers: 1 }));

describe('dryRunObjects', () => {
  test('prints what kubectl apply --dry-run=server prints and stores nothing', () => {
    const c = cluster();
    const results = dryRunObjects(c, [deployment('web'), service], 'web.yaml');
    assert.deepEqual(results.map((r) => r.message), ['deployment.apps/web created (server dry run)', 'service/web created (server dry run)']);
    assert.equal(c.kubectl.tryGet(R.deployments, 'default', 'web'), undefined);
  });

  test('an object that exists is checked as the patch apply sends, not reported as AlreadyExists', () => {
    const c = cluster();
    c.apply([deployment('live')], { source: 'live.yaml' });
    const [same] = dryRunObjects(c, [deployment('live')], 'live.yaml');
    assert.equal(same?.message, 'deployment.apps/live unchanged (server dry run)');
    const [scaled] = dryRunObjects(c, [deployment('live', 5)], 'live.yaml');
    assert.equal(scaled?.message, 'deployment.apps/live configured (server dry run)');
    const [bad] = dryRunObjects(c, [deployment('live', -1)], 'live.yaml');
    assert.equal(bad?.action, 'failed');
    assert.match(bad?.message ?? '', /spec\.replicas: Invalid value: -1: must be greater than or equal to 0/);
  });

  test('a namespace created by the same file is not reported missing; other errors still are', () => {
    const c = cluster();
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
    const inShop = { ...deployment('cart'), metadata: { name: 'cart', namespace: 'shop' } };
    const results = dryRunObjects(c, [ns, inShop], 'shop.yaml');
    assert.deepEqual(results.map((r) => r.action), ['created', 'created']);
    const [alone] = dryRunObjects(c, [inShop], 'shop.yaml');
    assert.equal(alone?.action, 'failed');
    assert.match(alone?.message ?? '', /namespaces "shop" not found/);
  });

  test('leaves no trace: the next apply gets the same uids, names and IPs as with no dry run at all', () => {
    const plain = createCluster({ seed: 3, workers: 1 });
    const checked = createCluster({ seed: 3, workers: 1 });
    const seqBefore = checked.tracer.lastSeq;
    dryRunObjects(checked, [deployment('web'), service, { ...service, metadata: { generateName: 'web-' } }], 'web.yaml');
    assert.equal(checked.tracer.lastSeq, seqBefore);
    const facts = (c: Cluster) => {
      c.apply([deployment('web'), service], { source: 'web.yaml' });
      c.runUntilQuiet();
      const pods = c.kubectl.list(R.pods, 'default').items.map((p) => `${p.metadata.name} ${p.metadata.uid}`);
      const svc = c.kubectl.get(R.services, 'default', 'web') as { spec?: { clusterIP?: string } };
      return { pods, ip: svc.spec?.clusterIP, seq: c.tracer.lastSeq };
    };
    assert.deepEqual(facts(checked), facts(plain));
    plain.stop();
    checked.stop();
  });
});
