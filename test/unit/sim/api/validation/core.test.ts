import { describe, test } from 'node:test';
import { validateCreate, validateUpdate } from '../../../../../src/sim/api/validation';
import { expectErrors, set, stored, type Obj } from './fixtures';

const configKeyMsg =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

function configMap(data: Record<string, string>): Obj {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nginx-conf', namespace: 'default' }, data };
}

function secret(type: string, data: Record<string, string>): Obj {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'default' }, type, data };
}

function pvc(): Obj {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
  };
}

function node(): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } },
    spec: { podCIDRs: ['10.244.1.0/24'], taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
    status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } },
  };
}

function event(): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'nginx.17a0', namespace: 'default' },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'nginx' },
    reason: 'Scheduled',
    message: 'Successfully assigned default/nginx to node-1',
    source: { component: 'default-scheduler' },
    type: 'Normal',
    count: 1,
  };
}

describe('validation: ConfigMap and Secret', () => {
  test('keys are config keys', () => {
    expectErrors(validateCreate(configMap({ 'nginx.conf': 'x', 'conf/d': 'y' })), [
      { field: 'data[conf/d]', message: `data[conf/d]: Invalid value: "conf/d": ${configKeyMsg}` },
    ]);
  });

  test('a ConfigMap holds at most 1 MiB', () => {
    expectErrors(validateCreate(configMap({ big: 'x'.repeat(1024 * 1024 + 1) })), [{ field: '', message: ': Too long: may not be more than 1048576 bytes' }]);
  });

  test('an immutable ConfigMap keeps its data', () => {
    const old = stored(configMap({ a: '1' }));
    set(old, 'immutable', true);
    const cm = structuredClone(old);
    set(cm, 'data.a', '2');
    expectErrors(validateUpdate(cm, old), [{ field: 'data', message: 'data: Forbidden: field is immutable when `immutable` is set' }]);
  });

  test('a TLS Secret needs both keys; type is immutable', () => {
    expectErrors(validateCreate(secret('kubernetes.io/tls', { 'tls.crt': 'Y2VydA==' })), [{ field: 'data[tls.key]', message: 'data[tls.key]: Required value' }]);
    const old = stored(secret('Opaque', { password: 'cGFzcw==' }));
    const s = structuredClone(old);
    set(s, 'type', 'kubernetes.io/basic-auth');
    expectErrors(validateUpdate(s, old), [{ field: 'type', message: 'type: Invalid value: "kubernetes.io/basic-auth": field is immutable' }]);
  });

  test('a dockerconfigjson Secret must hold JSON', () => {
    expectErrors(validateCreate(secret('kubernetes.io/dockerconfigjson', { '.dockerconfigjson': btoa('hello') })), [
      {
        field: 'data[.dockerconfigjson]',
        message: 'data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character \'h\' looking for beginning of value',
      },
    ]);
  });
});

describe('validation: PersistentVolumeClaim', () => {
  test('a defaulted claim is valid', () => {
    expectErrors(validateCreate(pvc()), []);
  });

  test('access modes and a storage request are required', () => {
    const c = pvc();
    set(c, 'spec.accessModes', []);
    set(c, 'spec.resources', {});
    expectErrors(validateCreate(c), [
      { field: 'spec.accessModes', message: 'spec.accessModes: Required value: at least 1 access mode is required' },
      { field: 'spec.resources[storage]', message: 'spec.resources[storage]: Required value' },
    ]);
  });

  test('access modes are an enum; ReadWriteOncePod stands alone', () => {
    const c = pvc();
    set(c, 'spec.accessModes', ['ReadWriteOncePod', 'ReadOnlyMany', 'WriteMany']);
    expectErrors(validateCreate(c), [
      {
        field: 'spec.accessModes',
        message: 'spec.accessModes: Unsupported value: "WriteMany": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      },
      { field: 'spec.accessModes', message: 'spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes' },
    ]);
  });

  test('the spec is immutable except a bound claim growing', () => {
    const old = stored(pvc());
    set(old, 'status', { phase: 'Bound', capacity: { storage: '1Gi' } });
    const grown = structuredClone(old);
    set(grown, 'spec.resources.requests.storage', '2Gi');
    expectErrors(validateUpdate(grown, old), []);
    const changed = structuredClone(old);
    set(changed, 'spec.accessModes', ['ReadWriteMany']);
    const errs = validateUpdate(changed, old);
    expectErrors(
      errs.map((e) => ({ ...e, message: e.message.split('\n')[0] as string })),
      [{ field: 'spec', message: 'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims' }],
    );
  });
});

describe('validation: Namespace, ServiceAccount, Node, Event', () => {
  test('a ServiceAccount name is a DNS subdomain', () => {
    const sa: Obj = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'default' } };
    expectErrors(validateCreate(sa), []);
  });

  test('a Node is cluster-scoped and its taints are unique by key and effect', () => {
    expectErrors(validateCreate(node()), []);
    const n = node();
    set(n, 'metadata.namespace', 'default');
    set(n, 'spec.taints', [
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      { key: 'dedicated', value: 'cpu', effect: 'NoSchedule' },
      { key: 'zone', effect: 'Sometimes' },
    ]);
    expectErrors(validateCreate(n), [
      { field: 'metadata.namespace', message: 'metadata.namespace: Forbidden: not allowed on this type' },
      {
        field: 'metadata.taints[1]',
        message: 'metadata.taints[1]: Duplicate value: core.Taint{Key:"dedicated", Value:"cpu", Effect:"NoSchedule", TimeAdded:<nil>}: taints must be unique by key and effect pair',
      },
      {
        field: 'metadata.taints[2].effect',
        message: 'metadata.taints[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      },
    ]);
  });

  test('podCIDRs may not change once set', () => {
    const old = stored(node());
    const n = structuredClone(old);
    set(n, 'spec.podCIDRs', ['10.244.2.0/24']);
    expectErrors(validateUpdate(n, old), [{ field: 'spec.podCIDRs', message: 'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid' }]);
  });

  test("an Event's involved object shares its namespace", () => {
    expectErrors(validateCreate(event()), []);
    const e = event();
    set(e, 'involvedObject.namespace', 'kube-system');
    expectErrors(validateCreate(e), [
      { field: 'involvedObject.namespace', message: 'involvedObject.namespace: Invalid value: "kube-system": does not match event.namespace' },
    ]);
  });

  test('Namespace spec finalizers must be standard or qualified', () => {
    const ns: Obj = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' }, spec: { finalizers: ['cleanup'] } };
    expectErrors(validateCreate(ns), [
      { field: 'spec.finalizers', message: 'spec.finalizers: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified' },
    ]);
  });
});
