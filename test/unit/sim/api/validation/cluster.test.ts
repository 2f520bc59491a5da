import { describe, test } from 'node:test';
import { validateCreate, validateUpdate } from '../../../../../src/sim/api/validation';
import { expectErrors, set, stored, type Obj } from './fixtures';

function lease(): Obj {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'node-1', namespace: 'kube-node-lease' },
    spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2026-01-01T00:00:00.000000Z' },
  };
}

function priorityClass(name: string, value: number): Obj {
  return { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, preemptionPolicy: 'PreemptLowerPriority' };
}

function role(): Obj {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'pod-reader', namespace: 'default' },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'watch', 'list'] }],
  };
}

function roleBinding(): Obj {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'read-pods', namespace: 'default' },
    subjects: [{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }],
    roleRef: { kind: 'Role', name: 'pod-reader', apiGroup: 'rbac.authorization.k8s.io' },
  };
}

function endpointSlice(): Obj {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'nginx-service-abc12', namespace: 'default', labels: { 'kubernetes.io/service-name': 'nginx-service' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true }, nodeName: 'node-1' }],
    ports: [{ name: '', port: 80, protocol: 'TCP' }],
  };
}

describe('validation: Lease and PriorityClass', () => {
  test('lease durations are positive', () => {
    expectErrors(validateCreate(lease()), []);
    const l = lease();
    set(l, 'spec.leaseDurationSeconds', 0);
    expectErrors(validateCreate(l), [{ field: 'spec.leaseDurationSeconds', message: 'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0' }]);
  });

  test('user priorities stop at one billion; system- names are reserved', () => {
    expectErrors(validateCreate(priorityClass('high', 1000000)), []);
    expectErrors(validateCreate(priorityClass('too-high', 1000000001)), [
      { field: 'value', message: 'value: Forbidden: maximum allowed value of a user defined priority is 1000000000' },
    ]);
    expectErrors(validateCreate(priorityClass('system-critical', 10)), [
      {
        field: 'metadata.name',
        message: "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-critical is not a known system priority class",
      },
    ]);
  });

  test('a PriorityClass value may not change', () => {
    const old = stored(priorityClass('high', 1000000));
    const pc = structuredClone(old);
    set(pc, 'value', 5);
    expectErrors(validateUpdate(pc, old), [{ field: 'value', message: 'value: Forbidden: may not be changed in an update.' }]);
  });
});

describe('validation: RBAC', () => {
  test('rules need verbs, groups and resources', () => {
    expectErrors(validateCreate(role()), []);
    const r = role();
    set(r, 'rules', [{ resources: ['pods'] }, { nonResourceURLs: ['/healthz'], verbs: ['get'] }]);
    expectErrors(validateCreate(r), [
      { field: 'rules[0].verbs', message: 'rules[0].verbs: Required value: verbs must contain at least one value' },
      { field: 'rules[0].apiGroups', message: 'rules[0].apiGroups: Required value: resource rules must supply at least one api group' },
      { field: 'rules[1].nonResourceURLs', message: 'rules[1].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs' },
    ]);
  });

  test('bindings point at a Role or ClusterRole and subjects have known kinds', () => {
    expectErrors(validateCreate(roleBinding()), []);
    const b = roleBinding();
    set(b, 'roleRef.kind', 'Policy');
    set(b, 'subjects[0].kind', 'Robot');
    expectErrors(validateCreate(b), [
      { field: 'roleRef.kind', message: 'roleRef.kind: Unsupported value: "Policy": supported values: "Role", "ClusterRole"' },
      { field: 'subjects[0].kind', message: 'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"' },
    ]);
  });

  test('roleRef cannot change', () => {
    const old = stored(roleBinding());
    const b = structuredClone(old);
    set(b, 'roleRef.name', 'admin');
    expectErrors(validateUpdate(b, old), [
      {
        field: 'roleRef',
        message: 'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"admin"}: cannot change roleRef',
      },
    ]);
  });
});

describe('validation: Endpoints and EndpointSlices', () => {
  test('a slice like the EndpointSlice controller writes is valid', () => {
    expectErrors(validateCreate(endpointSlice()), []);
  });

  test('addresses must be real, non-special IPs of the slice family', () => {
    const s = endpointSlice();
    set(s, 'endpoints[0].addresses', ['127.0.0.1', 'fe80::1']);
    expectErrors(validateCreate(s), [
      { field: 'endpoints[0].addresses[0]', message: 'endpoints[0].addresses[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)' },
      { field: 'endpoints[0].addresses[1]', message: 'endpoints[0].addresses[1]: Invalid value: "fe80::1": must be a valid IPv4 address' },
    ]);
  });

  test('addressType is immutable', () => {
    const old = stored(endpointSlice());
    const s = structuredClone(old);
    set(s, 'addressType', 'FQDN');
    set(s, 'endpoints[0].addresses', ['web.example.com']);
    expectErrors(validateUpdate(s, old), [{ field: 'addressType', message: 'addressType: Invalid value: "FQDN": field is immutable' }]);
  });

  test('Endpoints subsets need addresses, and named ports when several', () => {
    const ep: Obj = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'nginx-service', namespace: 'default' },
      subsets: [{ ports: [{ port: 80, protocol: 'TCP' }, { name: 'https', port: 443, protocol: 'TCP' }] }],
    };
    expectErrors(validateCreate(ep), [
      { field: 'subsets[0]', message: 'subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`' },
      { field: 'subsets[0].ports[0].name', message: 'subsets[0].ports[0].name: Required value' },
    ]);
  });
});
