import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { negotiate } from '../../../src/server/accept';
import { parseRoute, verbOf, type ResourceRoute } from '../../../src/server/route';
import { mergeDeleteOptions, parseQuery } from '../../../src/server/query';
import { decodeBody, patchTypeOf } from '../../../src/server/body';
import { writeKubeconfig, RealTimeDriver, CONTEXT_NAME } from '../../../src/server';
import { EventLoop, VirtualClock } from '../../../src/sim/core';
import { StatusError } from '../../../src/sim/api/errors';

describe('server parts', () => {
  test('Accept negotiation: Table, aggregated discovery, plain JSON, nothing servable', () => {
    assert.deepEqual(negotiate('application/json;as=Table;v=v1;g=meta.k8s.io,application/json', ['object', 'Table']), { as: 'Table' });
    assert.deepEqual(negotiate('application/json;as=Table;v=v1;g=meta.k8s.io,application/json', ['object']), { as: 'object' });
    assert.deepEqual(negotiate('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json', ['object', 'APIGroupDiscoveryList']), {
      as: 'APIGroupDiscoveryList',
      version: 'v2',
    });
    assert.deepEqual(negotiate(undefined, ['object']), { as: 'object' });
    assert.deepEqual(negotiate('application/vnd.kubernetes.protobuf, */*', ['object']), { as: 'object' });
    assert.equal(negotiate('application/vnd.kubernetes.protobuf', ['object']), undefined);
  });

  test('paths as RequestInfoFactory reads them', () => {
    assert.deepEqual(parseRoute('/api/v1/namespaces/default/pods/web/log'), { kind: 'resource', group: '', version: 'v1', namespace: 'default', resource: 'pods', name: 'web', subresource: 'log' });
    assert.deepEqual(parseRoute('/apis/apps/v1/deployments'), { kind: 'resource', group: 'apps', version: 'v1', resource: 'deployments' });
    assert.deepEqual(parseRoute('/api/v1/namespaces/kube-system'), { kind: 'resource', group: '', version: 'v1', resource: 'namespaces', name: 'kube-system' });
    assert.deepEqual(parseRoute('/api/v1/namespaces/x/status'), { kind: 'resource', group: '', version: 'v1', resource: 'namespaces', name: 'x', subresource: 'status' });
    assert.deepEqual(parseRoute('/api/v1/nodes/worker-1/status'), { kind: 'resource', group: '', version: 'v1', resource: 'nodes', name: 'worker-1', subresource: 'status' });
    assert.deepEqual(parseRoute('/openapi/v3/apis/apps/v1'), { kind: 'openapi-v3-gv', group: 'apps', version: 'v1' });
    assert.deepEqual(parseRoute('/apis/apps'), { kind: 'group', group: 'apps' });
    assert.equal(parseRoute('/api/v1/pods/a/b/c').kind, 'unknown');
    const coll = parseRoute('/api/v1/namespaces/default/pods') as ResourceRoute;
    assert.equal(verbOf('GET', coll, false), 'list');
    assert.equal(verbOf('GET', coll, true), 'watch');
    assert.equal(verbOf('DELETE', coll, false), 'deletecollection');
    assert.equal(verbOf('PUT', coll, false), undefined);
    assert.equal(verbOf('POST', parseRoute('/api/v1/namespaces/default/pods/p/binding') as ResourceRoute, false), 'create');
  });

  test('query parameters and DeleteOptions bodies', () => {
    const q = parseQuery(new URLSearchParams('labelSelector=app%3Dweb&limit=5&dryRun=All&fieldValidation=Strict&propagationPolicy=Foreground&watch=1&includeObject=Object&timeoutSeconds=9'));
    assert.equal(q.query.labelSelector, 'app=web');
    assert.equal(q.query.limit, 5);
    assert.equal(q.query.dryRun, true);
    assert.equal(q.query.fieldValidation, 'Strict');
    assert.equal(q.query.propagationPolicy, 'Foreground');
    assert.equal(q.watch, true);
    assert.equal(q.includeObject, 'Object');
    assert.equal(q.timeoutSeconds, 9);
    assert.throws(() => parseQuery(new URLSearchParams('fieldValidation=Loose')), StatusError);
    const fromBody = parseQuery(new URLSearchParams('')).query;
    mergeDeleteOptions(fromBody, { kind: 'DeleteOptions', propagationPolicy: 'Orphan', gracePeriodSeconds: 0, dryRun: ['All'] });
    assert.deepEqual(fromBody, { propagationPolicy: 'Orphan', gracePeriodSeconds: 0, dryRun: true });
    const queryWins = parseQuery(new URLSearchParams('propagationPolicy=Background')).query;
    mergeDeleteOptions(queryWins, { propagationPolicy: 'Orphan' });
    assert.equal(queryWins.propagationPolicy, 'Background');
  });

  test('bodies: JSON, YAML for server-side apply, patch types by Content-Type', () => {
    assert.equal(patchTypeOf('application/strategic-merge-patch+json; charset=utf-8'), 'strategic');
    assert.equal(patchTypeOf('application/apply-patch+yaml'), 'apply');
    assert.throws(() => patchTypeOf('application/json'), (e: unknown) => e instanceof StatusError && e.code === 415);
    assert.deepEqual(decodeBody(Buffer.from('a: 1\nb: [x]\n'), 'application/apply-patch+yaml', 'apply'), { a: 1, b: ['x'] });
    assert.deepEqual(decodeBody(Buffer.from('{"a":1}'), 'application/json'), { a: 1 });
    assert.equal(decodeBody(Buffer.alloc(0), 'application/json'), undefined);
    assert.throws(() => decodeBody(Buffer.from('{'), 'application/json'), (e: unknown) => e instanceof StatusError && e.code === 400);
  });

  test('the kubeconfig is 0600, even over an existing file, and names the context', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-test-'));
    const path = join(dir, 'sub', 'kubeconfig');
    writeKubeconfig(path, 'https://127.0.0.1:1234', 'tok', '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const kc = parse(readFileSync(path, 'utf8')) as { 'current-context': string; clusters: { cluster: Record<string, string> }[]; users: { user: { token: string } }[] };
    assert.equal(kc['current-context'], CONTEXT_NAME);
    assert.equal(kc.clusters[0]?.cluster.server, 'https://127.0.0.1:1234');
    assert.ok(kc.clusters[0]?.cluster['certificate-authority-data']);
    assert.equal(kc.users[0]?.user.token, 'tok');
    const old = join(dir, 'old');
    writeFileSync(old, 'x');
    chmodSync(old, 0o644);
    writeKubeconfig(old, 'http://127.0.0.1:1', 't');
    assert.equal(statSync(old).mode & 0o777, 0o600);
    rmSync(dir, { recursive: true, force: true });
  });

  test('the driver runs the loop up to the present and goes on after a failing task', () => {
    const loop = new EventLoop(new VirtualClock(0));
    const ran: string[] = [];
    loop.schedule(0, () => {
      throw new Error('boom');
    });
    loop.schedule(0, () => ran.push('after'));
    loop.schedule(10 * 60_000, () => ran.push('far future'));
    const errors: unknown[] = [];
    const d = new RealTimeDriver(loop, { speed: 1, onError: (e) => errors.push(e) });
    d.start();
    d.tick();
    d.stop();
    assert.deepEqual(ran, ['after']);
    assert.equal(errors.length, 1);
    assert.throws(() => new RealTimeDriver(loop, { speed: 0 }));
  });
});
