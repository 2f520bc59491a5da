/** RBAC: Roles and ClusterRoles bound to users, groups and service accounts decide each request. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { GVR } from '../../../../src/sim/client';
import { R } from '../../../../src/sim/client';
import { apiHarness, configMap, statusOf } from './harness';

const ROLES: GVR = { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles' };
const ROLE_BINDINGS: GVR = { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings' };
const CLUSTER_ROLES: GVR = { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' };
const CLUSTER_ROLE_BINDINGS: GVR = { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings' };

function withReader() {
  const h = apiHarness();
  h.admin.create(R.configmaps, 'default', configMap('a'));
  h.admin.create(R.configmaps, 'kube-public', configMap('b'));
  h.admin.create(ROLES, 'default', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'cm-reader' },
    rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }],
  });
  h.admin.create(ROLE_BINDINGS, 'default', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'bob-reads' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'cm-reader' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bob' }],
  });
  return h;
}

describe('RBAC', () => {
  test('a RoleBinding grants its Role\'s verbs in its namespace only', () => {
    const { as } = withReader();
    const bob = as('bob');
    assert.deepEqual(bob.list(R.configmaps, 'default').items.map((o) => o.metadata.name), ['a']);
    assert.equal(bob.get(R.configmaps, 'default', 'a').metadata.name, 'a');
    assert.equal(
      statusOf(() => bob.get(R.configmaps, 'kube-public', 'b')).message,
      'configmaps "b" is forbidden: User "bob" cannot get resource "configmaps" in API group "" in the namespace "kube-public"',
    );
    assert.equal(
      statusOf(() => bob.create(R.configmaps, 'default', configMap('c'))).message,
      'configmaps is forbidden: User "bob" cannot create resource "configmaps" in API group "" in the namespace "default"',
    );
    assert.equal(statusOf(() => bob.list(R.configmaps)).message, 'configmaps is forbidden: User "bob" cannot list resource "configmaps" in API group "" at the cluster scope');
    assert.equal(statusOf(() => as('alice').get(R.configmaps, 'default', 'a')).code, 403);
  });

  test('watch is authorized like list', () => {
    const { as } = withReader();
    assert.doesNotThrow(() => as('bob').watch(R.configmaps, 'default', {}, () => undefined).stop());
    assert.equal(statusOf(() => as('bob').watch(R.configmaps, 'kube-public', {}, () => undefined)).code, 403);
  });

  test('a ClusterRoleBinding to a group, resourceNames and subresources', () => {
    const { admin, as } = withReader();
    admin.create(CLUSTER_ROLES, undefined, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'one-cm' },
      rules: [
        { apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'], verbs: ['update', 'patch'] },
        { apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['get'] },
      ],
    });
    admin.create(CLUSTER_ROLE_BINDINGS, undefined, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'devs-one-cm' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'one-cm' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'devs' }],
    });
    const carol = as('carol', ['devs', 'system:authenticated']);
    assert.equal(carol.patch(R.configmaps, 'default', 'a', { data: { k: 'v' } }, 'merge').metadata.name, 'a');
    assert.equal(statusOf(() => carol.patch(R.configmaps, 'kube-public', 'b', { data: { k: 'v' } }, 'merge')).code, 403);
    assert.equal(statusOf(() => carol.get(R.deployments, 'default', 'web')).code, 403, 'scale does not grant the main resource');
  });

  test('a ServiceAccount subject matches system:serviceaccount:<ns>:<name>', () => {
    const { admin, as } = withReader();
    admin.create(ROLE_BINDINGS, 'default', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'sa-reads' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'cm-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'builder', namespace: 'default' }],
    });
    const sa = as('system:serviceaccount:default:builder', ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated']);
    assert.equal(sa.list(R.configmaps, 'default').items.length, 1);
    assert.equal(statusOf(() => as('system:serviceaccount:other:builder').list(R.configmaps, 'default')).code, 403);
  });
});
