import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import type { KubeObject } from '../../../../src/sim/api/types';
import { Harness, deployment } from './harness';

type Obj = KubeObject & Record<string, any>;

describe('namespace-controller', () => {
  test('deleting a namespace removes its content, then the namespace', () => {
    const h = new Harness().start([
      'namespace-controller', 'service-account-controller', 'deployment-controller', 'replicaset-controller', 'generic-garbage-collector',
    ]);
    h.autoKubelet({ terminateAfterMs: 5000 });
    h.kubectl.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
    h.run();
    assert.ok(h.get(R.serviceaccounts, 'demo', 'default'));
    h.kubectl.create(R.deployments, 'demo', { ...deployment('web', 2, 'nginx:1.14.2'), metadata: { name: 'web', namespace: 'demo' } });
    h.run();
    assert.equal(h.list(R.pods, 'demo').length, 2);
    h.kubectl.delete(R.namespaces, undefined, 'demo');
    h.advance(1000);
    const ns = h.get<Obj>(R.namespaces, undefined, 'demo') as Obj;
    assert.equal(ns.status.phase, 'Terminating');
    const remaining = ns.status.conditions.find((c: any) => c.type === 'NamespaceContentRemaining');
    assert.equal(remaining.reason, 'SomeResourcesRemain');
    assert.match(remaining.message, /^Some resources are remaining: pods\. has 2 resource instances$/);
    assert.deepEqual(
      ns.status.conditions.map((c: any) => c.type),
      ['NamespaceDeletionDiscoveryFailure', 'NamespaceDeletionGroupVersionParsingFailure', 'NamespaceDeletionContentFailure', 'NamespaceContentRemaining', 'NamespaceFinalizersRemaining'],
    );
    h.run(120_000);
    assert.equal(h.get(R.namespaces, undefined, 'demo'), undefined);
    assert.equal(h.list(R.pods, 'demo').length, 0);
    assert.equal(h.list(R.deployments, 'demo').length, 0);
    h.stop();
  });
});
