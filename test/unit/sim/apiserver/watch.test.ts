/** WATCH: where it starts, what a selector makes of changes, initial events, 410 after compaction. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import { apiHarness, collect, configMap, failure, pod, type Obj } from './harness';

describe('watch', () => {
  test('without a resourceVersion: ADDED for what exists, then the changes', () => {
    const { admin, loop } = apiHarness();
    admin.create(R.configmaps, 'default', configMap('a'));
    const w = collect(admin, R.configmaps, 'default', {});
    admin.create(R.configmaps, 'default', configMap('b'));
    admin.patch(R.configmaps, 'default', 'a', { data: { k: 'v' } }, 'merge');
    admin.delete(R.configmaps, 'default', 'b');
    loop.runUntilQuiet();
    assert.deepEqual(w.summary(), ['ADDED a', 'ADDED b', 'MODIFIED a', 'DELETED b']);
    const deleted = w.events[3]?.object as Obj;
    assert.equal(Number(deleted.metadata.resourceVersion), Number((w.events[2]?.object as Obj).metadata.resourceVersion) + 1, 'a DELETED object carries the deletion revision');
  });

  test('from a resourceVersion: every change after it, nothing before', () => {
    const { admin, loop } = apiHarness();
    admin.create(R.configmaps, 'default', configMap('a'));
    const rv = admin.list(R.configmaps, 'default').resourceVersion;
    admin.create(R.configmaps, 'default', configMap('b'));
    const w = collect(admin, R.configmaps, 'default', { resourceVersion: rv });
    admin.create(R.configmaps, 'default', configMap('c'));
    loop.runUntilQuiet();
    assert.deepEqual(w.summary(), ['ADDED b', 'ADDED c']);
  });

  test('a label selector turns changes in and out of the selection into ADDED and DELETED', () => {
    const { admin, loop } = apiHarness();
    admin.create(R.configmaps, 'default', configMap('a', { app: 'web' }));
    admin.create(R.configmaps, 'default', configMap('b', { app: 'db' }));
    const w = collect(admin, R.configmaps, 'default', { labelSelector: 'app=web' });
    admin.patch(R.configmaps, 'default', 'a', { data: { x: '1' } }, 'merge');
    admin.patch(R.configmaps, 'default', 'a', { metadata: { labels: { app: 'db' } } }, 'merge');
    admin.patch(R.configmaps, 'default', 'b', { metadata: { labels: { app: 'web' } } }, 'merge');
    admin.delete(R.configmaps, 'default', 'a');
    loop.runUntilQuiet();
    assert.deepEqual(w.summary(), ['ADDED a', 'MODIFIED a', 'DELETED a', 'ADDED b']);
    assert.equal((w.events[2]?.object as Obj).metadata.labels?.app, 'db', 'the DELETED carries the object as it now is');
  });

  test('a kubelet-style spec.nodeName watch sees a pod when it is bound and when it leaves', () => {
    const { admin, loop } = apiHarness();
    admin.create(R.pods, 'default', pod('p'));
    const node1 = collect(admin, R.pods, undefined, { fieldSelector: 'spec.nodeName=worker-1' });
    const unbound = collect(admin, R.pods, undefined, { fieldSelector: 'spec.nodeName=' });
    admin.createSubresource(R.pods, 'default', 'p', 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: { kind: 'Node', name: 'worker-1' } });
    admin.delete(R.pods, 'default', 'p', { gracePeriodSeconds: 0 });
    loop.runUntilQuiet();
    assert.deepEqual(node1.summary(), ['ADDED p', 'MODIFIED p', 'DELETED p']);
    assert.deepEqual(unbound.summary(), ['ADDED p', 'DELETED p']);
  });

  test('sendInitialEvents: the current state, then a bookmark annotated k8s.io/initial-events-end', () => {
    const { admin, loop, api } = apiHarness();
    admin.create(R.configmaps, 'default', configMap('a'));
    const rv = String(api.ctx.store.revision);
    const w = collect(admin, R.configmaps, 'default', { sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan', allowWatchBookmarks: true });
    admin.create(R.configmaps, 'default', configMap('b'));
    loop.runUntilQuiet();
    assert.deepEqual(w.summary(), ['ADDED a', 'BOOKMARK ', 'ADDED b']);
    assert.deepEqual(w.events[1]?.object, {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { resourceVersion: rv, annotations: { 'k8s.io/initial-events-end': 'true' } },
    });
  });

  test('sendInitialEvents=false with no resourceVersion starts from now', () => {
    const { admin, loop } = apiHarness();
    admin.create(R.configmaps, 'default', configMap('a'));
    const w = collect(admin, R.configmaps, 'default', { sendInitialEvents: false, resourceVersionMatch: 'NotOlderThan' });
    admin.create(R.configmaps, 'default', configMap('b'));
    loop.runUntilQuiet();
    assert.deepEqual(w.summary(), ['ADDED b']);
  });

  test('a start below the compacted revision ends with ERROR 410 Expired', () => {
    const { admin, loop, api } = apiHarness();
    admin.create(R.configmaps, 'default', configMap('a'));
    const rv = Number(admin.list(R.configmaps, 'default').resourceVersion);
    admin.create(R.configmaps, 'default', configMap('b'));
    admin.create(R.configmaps, 'default', configMap('c'));
    const compacted = api.ctx.store.revision;
    api.ctx.store.compact(compacted);
    const w = collect(admin, R.configmaps, 'default', { resourceVersion: String(rv) });
    admin.create(R.configmaps, 'default', configMap('d'));
    loop.runUntilQuiet();
    assert.equal(w.events.length, 1);
    assert.equal(w.events[0]?.type, 'ERROR');
    assert.deepEqual(w.events[0]?.object, failure(410, 'Expired', `too old resource version: ${rv} (${compacted})`));
    assert.equal(w.closed, true);
  });

  test('timeoutSeconds ends the watch; stop() ends it at once', () => {
    const { admin, loop } = apiHarness();
    const w = collect(admin, R.configmaps, 'default', { timeoutSeconds: 30 });
    loop.runFor(31_000);
    assert.equal(w.closed, true);
    admin.create(R.configmaps, 'default', configMap('late'));
    loop.runUntilQuiet();
    assert.deepEqual(w.summary(), []);
    const v = collect(admin, R.configmaps, 'default', {});
    v.stop();
    admin.create(R.configmaps, 'default', configMap('later'));
    loop.runUntilQuiet();
    assert.deepEqual(v.summary(), []);
  });
});
