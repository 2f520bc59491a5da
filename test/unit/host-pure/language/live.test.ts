/** Live state for the hover: what the cluster holds for the manifest's object. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../../../../src/sim/cluster';
import { liveLines } from '../../../../src/host/language/live';

const deployment = (name: string, replicas: number, cpu: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.14.2', resources: { requests: { cpu } } }] },
    },
  },
});

describe('liveLines', () => {
  const cluster = createCluster({ seed: 1, workers: 1 });
  cluster.apply([deployment('big', 3, '1200m')], { source: 'big.yaml' });
  cluster.runUntilQuiet();
  const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'big' };

  test('on replicas: desired, ready and pending with the scheduler\'s reason from the Pod condition', () => {
    const [line] = liveLines(cluster, target, 'replicas');
    assert.match(line ?? '', /replicas: 3 desired, 1 ready, 2 pending: 0\/2 nodes are available: .*Insufficient cpu/);
  });

  test('on the kind or name: the state kubectl get shows', () => {
    assert.match(liveLines(cluster, target, 'object')[0] ?? '', /`deployment.apps\/big`: 1\/3 ready, 3 up-to-date, 1 available/);
  });

  test('an object the cluster does not have, and a kind it does not serve', () => {
    assert.match(liveLines(cluster, { ...target, name: 'nope' }, 'object')[0] ?? '', /no deployment.apps\/nope yet/);
    assert.deepEqual(liveLines(cluster, { apiVersion: 'example.com/v1', kind: 'Foo', name: 'x' }, 'object'), []);
  });

  test('reading leaves no trace', () => {
    const seq = cluster.tracer.lastSeq;
    liveLines(cluster, target, 'replicas');
    assert.equal(cluster.tracer.lastSeq, seq);
  });
});
