import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultRegistry, etcdKey, etcdPrefix } from '../../../../src/sim/api/registry';
import { apiVersionOf, qualifiedResource, type ResourceInfo } from '../../../../src/sim/api/types';

const r = defaultRegistry;
const name = (i: ResourceInfo | undefined): string => (i ? qualifiedResource(i) + '/' + i.version : 'none');

describe('ResourceRegistry', () => {
  test('resolves kubectl-style names', () => {
    const cases: Record<string, string> = {
      deploy: 'deployments.apps/v1',
      deployments: 'deployments.apps/v1',
      deployment: 'deployments.apps/v1',
      Deployment: 'deployments.apps/v1',
      'deployments.apps': 'deployments.apps/v1',
      'deployments.v1.apps': 'deployments.apps/v1',
      'deploy.apps': 'deployments.apps/v1',
      po: 'pods/v1',
      pod: 'pods/v1',
      svc: 'services/v1',
      no: 'nodes/v1',
      ns: 'namespaces/v1',
      ev: 'events/v1',
      events: 'events/v1',
      'events.events.k8s.io': 'events.events.k8s.io/v1',
      cm: 'configmaps/v1',
      ds: 'daemonsets.apps/v1',
      sts: 'statefulsets.apps/v1',
      rs: 'replicasets.apps/v1',
      cj: 'cronjobs.batch/v1',
      job: 'jobs.batch/v1',
      pvc: 'persistentvolumeclaims/v1',
      pv: 'persistentvolumes/v1',
      sa: 'serviceaccounts/v1',
      ep: 'endpoints/v1',
      endpoints: 'endpoints/v1',
      pc: 'priorityclasses.scheduling.k8s.io/v1',
      lease: 'leases.coordination.k8s.io/v1',
      endpointslices: 'endpointslices.discovery.k8s.io/v1',
      clusterrolebinding: 'clusterrolebindings.rbac.authorization.k8s.io/v1',
      controllerrevisions: 'controllerrevisions.apps/v1',
    };
    for (const [arg, want] of Object.entries(cases)) assert.equal(name(r.resolve(arg)), want, arg);
    assert.equal(r.resolve('nope'), undefined);
    assert.equal(r.resolve('deployments.batch'), undefined);
    assert.equal(r.resolve(''), undefined);
  });

  test('lookups by resource, kind and GVR', () => {
    assert.equal(r.byResource('apps', 'deployments')?.kind, 'Deployment');
    assert.equal(r.byResource('', 'deployments'), undefined);
    assert.equal(r.byKind('apps/v1', 'ReplicaSet')?.plural, 'replicasets');
    assert.equal(r.byKind('v1', 'Pod')?.plural, 'pods');
    assert.equal(r.byKind('events.k8s.io/v1', 'Event')?.group, 'events.k8s.io');
    assert.equal(r.byKind('apps/v1beta1', 'Deployment'), undefined);
    assert.equal(r.byGroupVersionResource('batch', 'v1', 'jobs')?.kind, 'Job');
  });

  test('upstream metadata: etcd prefixes, scope, subresources, categories, verbs', () => {
    const prefix = (g: string, p: string) => r.byResource(g, p)?.etcdPrefix;
    assert.equal(prefix('', 'pods'), 'pods');
    assert.equal(prefix('', 'nodes'), 'minions');
    assert.equal(prefix('', 'services'), 'services/specs');
    assert.equal(prefix('', 'endpoints'), 'services/endpoints');
    assert.equal(prefix('events.k8s.io', 'events'), 'events');
    assert.equal(prefix('apps', 'deployments'), 'deployments');
    assert.equal(prefix('coordination.k8s.io', 'leases'), 'leases');
    assert.equal(prefix('rbac.authorization.k8s.io', 'clusterroles'), 'clusterroles');
    assert.equal(r.byResource('', 'nodes')?.namespaced, false);
    assert.equal(r.byResource('scheduling.k8s.io', 'priorityclasses')?.namespaced, false);
    assert.equal(r.byResource('', 'pods')?.namespaced, true);
    assert.deepEqual(r.byResource('apps', 'deployments')?.subresources, ['scale', 'status']);
    assert.ok(r.byResource('', 'pods')?.subresources.includes('binding'));
    assert.deepEqual(
      r.byCategory('all').map((i) => i.plural),
      ['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'cronjobs', 'jobs'],
    );
    assert.ok(!r.byResource('', 'namespaces')?.verbs.includes('deletecollection'));
    assert.deepEqual(r.byResource('', 'pods')?.verbs, ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']);
    const pods = r.byResource('', 'pods') as ResourceInfo;
    assert.deepEqual(r.subresourceVerbs(pods, 'log'), ['get']);
    assert.deepEqual(r.subresourceVerbs(pods, 'binding'), ['create']);
    assert.equal(r.subresourceVerbs(pods, 'scale'), undefined);
    assert.equal(r.byResource('', 'endpoints')?.singular, 'endpoints');
  });

  test('groups in discovery order', () => {
    const g = r.groups();
    assert.deepEqual(
      g.map((x) => x.name),
      ['', 'apps', 'events.k8s.io', 'batch', 'rbac.authorization.k8s.io', 'scheduling.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io'],
    );
    assert.deepEqual(g[1], { name: 'apps', versions: ['v1'], preferredVersion: 'v1' });
  });

  test('etcd keys', () => {
    const pods = r.byResource('', 'pods') as ResourceInfo;
    const nodes = r.byResource('', 'nodes') as ResourceInfo;
    assert.equal(etcdKey(pods, 'default', 'nginx'), '/registry/pods/default/nginx');
    assert.equal(etcdKey(nodes, undefined, 'node-1'), '/registry/minions/node-1');
    assert.equal(etcdPrefix(pods, 'default'), '/registry/pods/default/');
    assert.equal(etcdPrefix(pods), '/registry/pods/');
    assert.equal(apiVersionOf(r.byResource('apps', 'deployments') as ResourceInfo), 'apps/v1');
  });
});
