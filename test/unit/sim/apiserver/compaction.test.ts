/** The API server compacts etcd every 5 minutes to the revision it saw 5 minutes before. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import { COMPACT_REV_KEY } from '../../../../src/sim/apiserver/compactor';
import { apiHarness, collect, configMap, statusOf } from './harness';

const MIN = 60_000;

describe('periodic compaction', () => {
  test('the first round only records a revision; the next compacts to it', () => {
    const { admin, api, loop } = apiHarness();
    admin.create(R.configmaps, 'default', configMap('a'));
    const early = admin.list(R.configmaps, 'default').resourceVersion;
    assert.equal(loop.busy, false, 'compaction is background upkeep: the cluster stays quiet');
    loop.runFor(5 * MIN);
    assert.equal(api.ctx.store.compactRevision, 0);
    const seenAtFive = api.ctx.store.revision;
    assert.deepEqual(api.ctx.store.get(COMPACT_REV_KEY)?.version, 1, 'compact_rev_key is bumped each round');
    admin.create(R.configmaps, 'default', configMap('b'));
    loop.runFor(5 * MIN);
    assert.equal(api.ctx.store.compactRevision, seenAtFive);
    assert.equal(statusOf(() => admin.list(R.configmaps, 'default', { resourceVersion: early, resourceVersionMatch: 'Exact' })).code, 410);
    const w = collect(admin, R.configmaps, 'default', { resourceVersion: early });
    loop.runFor(1000);
    assert.equal(w.events[0]?.type, 'ERROR');
    assert.equal((w.events[0]?.object as { code?: number }).code, 410);
  });

  test('history of the last interval stays readable', () => {
    const { admin, loop } = apiHarness();
    loop.runFor(9 * MIN);
    admin.create(R.configmaps, 'default', configMap('recent'));
    const rv = admin.list(R.configmaps, 'default').resourceVersion;
    admin.create(R.configmaps, 'default', configMap('later'));
    loop.runFor(2 * MIN);
    assert.deepEqual(admin.list(R.configmaps, 'default', { resourceVersion: rv, resourceVersionMatch: 'Exact' }).items.map((o) => o.metadata.name), ['recent']);
  });

  test('compactionIntervalMs 0 turns it off', () => {
    const { api, loop } = apiHarness(1, { compactionIntervalMs: 0 });
    loop.runFor(30 * MIN);
    assert.equal(api.ctx.store.compactRevision, 0);
    assert.equal(api.ctx.store.get(COMPACT_REV_KEY), undefined);
  });
});
