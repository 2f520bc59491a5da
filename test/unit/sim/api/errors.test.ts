import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultRegistry } from '../../../../src/sim/api/registry';
import { fieldErrors, newPath } from '../../../../src/sim/api/fieldErrors';
import {
  isConflict,
  isNotFound,
  newAlreadyExists,
  newBadRequest,
  newConflict,
  newForbidden,
  newForbiddenPath,
  newGenerateNameConflict,
  newInternalError,
  newInvalid,
  newMethodNotSupported,
  newNoSuchResource,
  newNotFound,
  newResourceExpired,
  newTimeout,
  newUnauthorized,
  StatusError,
  tooOldResourceVersion,
} from '../../../../src/sim/api/errors';
import type { ResourceInfo } from '../../../../src/sim/api/types';

const deployments = defaultRegistry.byResource('apps', 'deployments') as ResourceInfo;
const pods = defaultRegistry.byResource('', 'pods') as ResourceInfo;
const nodes = defaultRegistry.byResource('', 'nodes') as ResourceInfo;

/** The wire form, key order included, as kube-apiserver writes it. */
const wire = (e: StatusError): string => JSON.stringify(e.status);

describe('Status errors', () => {
  test('NotFound', () => {
    const e = newNotFound(deployments, 'web');
    assert.ok(e instanceof Error);
    assert.equal(e.code, 404);
    assert.equal(e.message, 'deployments.apps "web" not found');
    assert.equal(
      wire(e),
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \\"web\\" not found","reason":"NotFound","details":{"name":"web","group":"apps","kind":"deployments"},"code":404}',
    );
    assert.equal(
      wire(newNotFound(pods, 'nginx')),
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"nginx\\" not found","reason":"NotFound","details":{"name":"nginx","kind":"pods"},"code":404}',
    );
    assert.ok(isNotFound(e));
    assert.ok(!isConflict(e));
  });

  test('AlreadyExists and generateName conflicts', () => {
    const e = newAlreadyExists(deployments, 'web');
    assert.equal(e.code, 409);
    assert.deepEqual(e.status, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "web" already exists',
      reason: 'AlreadyExists',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
      code: 409,
    });
    const g = newGenerateNameConflict(pods, 'web-abcde');
    assert.equal(g.message, 'pods "web-abcde" already exists, the server was not able to generate a unique name for the object');
    assert.equal(g.status.details?.retryAfterSeconds, 1);
  });

  test('Conflict', () => {
    const e = newConflict(deployments, 'web');
    assert.equal(e.code, 409);
    assert.equal(e.status.reason, 'Conflict');
    assert.equal(
      e.message,
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    );
    assert.deepEqual(e.status.details, { name: 'web', group: 'apps', kind: 'deployments' });
  });

  test('Invalid: kind in details, one cause per field error', () => {
    const one = newInvalid(deployments, 'Foo', [
      fieldErrors.invalid(newPath('spec', 'replicas'), -1, 'must be greater than or equal to 0'),
    ]);
    assert.equal(one.code, 422);
    assert.equal(one.message, 'Deployment.apps "Foo" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    assert.equal(
      wire(one),
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Deployment.apps \\"Foo\\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0","reason":"Invalid","details":{"name":"Foo","group":"apps","kind":"Deployment","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: -1: must be greater than or equal to 0","field":"spec.replicas"}]},"code":422}',
    );
    const two = newInvalid(pods, 'p', [fieldErrors.required('spec.containers'), fieldErrors.required('spec.containers')]);
    assert.equal(two.message, 'Pod "p" is invalid: spec.containers: Required value');
    assert.equal(two.status.details?.causes?.length, 2);
    const many = newInvalid(pods, 'p', [fieldErrors.required('a'), fieldErrors.forbidden('b', 'no')]);
    assert.equal(many.message, 'Pod "p" is invalid: [a: Required value, b: Forbidden: no]');
    assert.equal(newInvalid(pods, 'p', []).message, 'Pod "p" is invalid');
  });

  test('Forbidden from authorization', () => {
    const e = newForbidden(deployments, 'web', 'bob', 'create', { namespace: 'default' });
    assert.equal(e.code, 403);
    assert.equal(
      e.message,
      'deployments.apps "web" is forbidden: User "bob" cannot create resource "deployments" in API group "apps" in the namespace "default"',
    );
    assert.deepEqual(e.status.details, { name: 'web', group: 'apps', kind: 'deployments' });
    assert.equal(
      newForbidden(pods, '', 'bob', 'list', undefined, 'kube-system').message,
      'pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "kube-system"',
    );
    assert.equal(
      newForbidden(nodes, 'n1', 'bob', 'get', {}).message,
      'nodes "n1" is forbidden: User "bob" cannot get resource "nodes" in API group "" at the cluster scope',
    );
    assert.equal(
      newForbidden(pods, 'p', 'bob', 'get', { namespace: 'd', subresource: 'log', reason: 'RBAC: x' }).message,
      'pods "p" is forbidden: User "bob" cannot get resource "pods/log" in API group "" in the namespace "d": RBAC: x',
    );
    assert.equal(
      newForbidden(pods, 'p', '', 'create', 'unable to create new content in namespace x because it is being terminated').message,
      'pods "p" is forbidden: unable to create new content in namespace x because it is being terminated',
    );
    const path = newForbiddenPath('system:anonymous', 'get', '/');
    assert.equal(
      wire(path),
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"forbidden: User \\"system:anonymous\\" cannot get path \\"/\\"","reason":"Forbidden","details":{},"code":403}',
    );
  });

  test('Unauthorized, BadRequest, Expired, MethodNotAllowed, Internal, Timeout, 404 path', () => {
    assert.equal(
      wire(newUnauthorized()),
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}',
    );
    assert.equal(
      wire(newBadRequest('bad')),
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"bad","reason":"BadRequest","code":400}',
    );
    const exp = tooOldResourceVersion(5, 10);
    assert.equal(exp.code, 410);
    assert.equal(exp.status.reason, 'Expired');
    assert.equal(exp.message, 'too old resource version: 5 (10)');
    assert.equal(newResourceExpired('x').status.reason, 'Expired');
    const m = newMethodNotSupported(pods, 'watch');
    assert.equal(m.code, 405);
    assert.equal(m.message, 'watch is not supported on resources of kind "pods"');
    assert.deepEqual(m.status.details, { kind: 'pods' });
    const i = newInternalError(new Error('boom'));
    assert.equal(i.code, 500);
    assert.equal(i.message, 'Internal error occurred: boom');
    assert.deepEqual(i.status.details, { causes: [{ message: 'boom' }] });
    const t = newTimeout('request did not complete within requested timeout - context deadline exceeded', 0);
    assert.equal(t.code, 504);
    assert.equal(t.message, 'Timeout: request did not complete within requested timeout - context deadline exceeded');
    assert.equal(
      wire(newNoSuchResource()),
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}',
    );
  });
});
