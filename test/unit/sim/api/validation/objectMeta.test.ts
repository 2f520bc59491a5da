import { describe, test } from 'node:test';
import { validateCreate, validateUpdate } from '../../../../../src/sim/api/validation';
import { expectError, expectErrors, nginxDeployment, nginxService, set, stored, type Obj } from './fixtures';

const subdomainMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function namespace(name: string): Obj {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: { finalizers: ['kubernetes'] } };
}

describe('validation: ObjectMeta on create', () => {
  test('name or generateName is required', () => {
    const d = nginxDeployment();
    set(d, 'metadata.name', undefined);
    expectErrors(validateCreate(d), [{ field: 'metadata.name', message: 'metadata.name: Required value: name or generateName is required' }]);
  });

  test('most names are DNS-1123 subdomains', () => {
    const d = nginxDeployment();
    set(d, 'metadata.name', 'Nginx_Deployment');
    expectErrors(validateCreate(d), [{ field: 'metadata.name', message: `metadata.name: Invalid value: "Nginx_Deployment": ${subdomainMsg}` }]);
  });

  test('Service names are DNS-1035 labels: they start with a letter', () => {
    const s = nginxService();
    set(s, 'metadata.name', '1-nginx');
    expectErrors(validateCreate(s), [
      {
        field: 'metadata.name',
        message:
          "metadata.name: Invalid value: \"1-nginx\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      },
    ]);
  });

  test('Namespace names are DNS-1123 labels', () => {
    expectErrors(validateCreate(namespace('team.a')), [{ field: 'metadata.name', message: 'metadata.name: Invalid value: "team.a": must not contain dots' }]);
    expectErrors(validateCreate(namespace('team-a')), []);
  });

  test('generateName may end with a dash', () => {
    const d = nginxDeployment();
    set(d, 'metadata.generateName', 'nginx-');
    expectErrors(validateCreate(d), []);
    set(d, 'metadata.generateName', 'Nginx-');
    expectErrors(validateCreate(d), [{ field: 'metadata.generateName', message: `metadata.generateName: Invalid value: "Nginx-": ${subdomainMsg}` }]);
  });

  test('namespaced kinds need a namespace; cluster-scoped kinds may not have one', () => {
    const d = nginxDeployment();
    set(d, 'metadata.namespace', undefined);
    expectErrors(validateCreate(d), [{ field: 'metadata.namespace', message: 'metadata.namespace: Required value' }]);
    const ns = namespace('team-a');
    set(ns, 'metadata.namespace', 'default');
    expectErrors(validateCreate(ns), [{ field: 'metadata.namespace', message: 'metadata.namespace: Forbidden: not allowed on this type' }]);
  });

  test('label keys and values', () => {
    const d = nginxDeployment();
    set(d, 'metadata.labels', { 'example.com/app': 'nginx', '-bad': 'x', tier: 'a'.repeat(64) });
    expectErrors(validateCreate(d), [
      {
        field: 'metadata.labels',
        message:
          "metadata.labels: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      },
      { field: 'metadata.labels', message: `metadata.labels: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters` },
    ]);
  });

  test('annotation keys, and their total size of 256 KiB', () => {
    const d = nginxDeployment();
    set(d, 'metadata.annotations', { 'Example.COM/Note': 'ok', 'a/b/c': 'x' });
    expectErrors(validateCreate(d), [
      {
        field: 'metadata.annotations',
        message:
          "metadata.annotations: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      },
    ]);
    set(d, 'metadata.annotations', { big: 'x'.repeat(256 * 1024) });
    expectErrors(validateCreate(d), [{ field: 'metadata.annotations', message: 'metadata.annotations: Too long: may not be more than 262144 bytes' }]);
  });

  test('unqualified finalizers must be standard ones', () => {
    const d = nginxDeployment();
    set(d, 'metadata.finalizers', ['foregroundDeletion', 'cleanup']);
    expectErrors(validateCreate(d), [
      { field: 'metadata.finalizers[1]', message: 'metadata.finalizers[1]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified' },
    ]);
  });

  test('owner references need a uid and at most one controller', () => {
    const d = nginxDeployment();
    set(d, 'metadata.ownerReferences', [
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'a', uid: 'u1', controller: true },
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'b', uid: '', controller: true },
    ]);
    const errs = validateCreate(d);
    expectError(errs, { field: 'metadata.ownerReferences.uid', message: 'metadata.ownerReferences.uid: Invalid value: "": must not be empty' });
    expectError(errs, {
      field: 'metadata.ownerReferences',
      message:
        'metadata.ownerReferences: Invalid value: []v1.OwnerReference{...}: Only one reference can have Controller set to true. Found "true" in references for ConfigMap/a and ConfigMap/b',
    });
  });
});

describe('validation: ObjectMeta on update', () => {
  test('name, namespace, uid and creationTimestamp are immutable', () => {
    const old = stored(nginxDeployment());
    const d = structuredClone(old);
    set(d, 'metadata.uid', 'other');
    set(d, 'metadata.creationTimestamp', '2026-02-03T04:05:06Z');
    expectErrors(validateUpdate(d, old), [
      { field: 'metadata.uid', message: 'metadata.uid: Invalid value: "other": field is immutable' },
      { field: 'metadata.creationTimestamp', message: 'metadata.creationTimestamp: Invalid value: 2026-02-03 04:05:06 +0000 UTC: field is immutable' },
    ]);
    const renamed = structuredClone(old);
    set(renamed, 'metadata.name', 'web');
    expectErrors(validateUpdate(renamed, old), [{ field: 'metadata.name', message: 'metadata.name: Invalid value: "web": field is immutable' }]);
  });

  test('an update must carry a resourceVersion', () => {
    const old = stored(nginxDeployment());
    const d = structuredClone(old);
    set(d, 'metadata.resourceVersion', undefined);
    expectErrors(validateUpdate(d, old), [{ field: 'metadata.resourceVersion', message: 'metadata.resourceVersion: Invalid value: "": must be specified for an update' }]);
  });

  test('no new finalizers once deletion started', () => {
    const old = stored(nginxDeployment());
    set(old, 'metadata.deletionTimestamp', '2026-01-02T00:00:00Z');
    const d = structuredClone(old);
    set(d, 'metadata.finalizers', ['example.com/keep']);
    expectErrors(validateUpdate(d, old), [
      {
        field: 'metadata.finalizers',
        message: 'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/keep"}',
      },
    ]);
  });
});
