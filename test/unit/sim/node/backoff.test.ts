import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff } from '../../../../src/sim/node/kubelet/backoff';
import { goDuration } from '../../../../src/sim/node/util/goDuration';
import { criMessage, formatPod } from '../../../../src/sim/node/kubelet/events';

describe('kubelet back-off', () => {
  test('10 s doubling to 300 s', () => {
    const b = new Backoff(10_000, 300_000);
    const seen: number[] = [];
    let now = 0;
    for (let i = 0; i < 8; i++) {
      b.next('k', now);
      seen.push(b.get('k'));
      now += 1000;
    }
    assert.deepEqual(seen, [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });

  test('in back-off since the last update, or since an event time', () => {
    const b = new Backoff(10_000, 300_000);
    b.next('k', 1_000);
    assert.equal(b.isInBackOffSinceUpdate('k', 5_000), true);
    assert.equal(b.isInBackOffSinceUpdate('k', 11_000), false);
    assert.equal(b.isInBackOffSince('k', 2_000, 11_000), true);
    assert.equal(b.isInBackOffSince('k', 2_000, 12_000), false);
  });

  test('an entry older than twice the cap starts over', () => {
    const b = new Backoff(10_000, 300_000);
    b.next('k', 0);
    b.next('k', 1);
    assert.equal(b.get('k'), 20_000);
    b.next('k', 700_000);
    assert.equal(b.get('k'), 10_000);
  });
});

describe('texts', () => {
  test('Go durations', () => {
    assert.deepEqual([0, 523, 2100, 2123, 10_000, 80_000, 300_000, 3_600_000].map(goDuration), ['0s', '523ms', '2.1s', '2.123s', '10s', '1m20s', '5m0s', '1h0m0s']);
  });

  test('format.Pod and the CRI error prefix', () => {
    assert.equal(formatPod({ metadata: { name: 'web', namespace: 'default', uid: 'u1' } }), 'web_default(u1)');
    assert.equal(criMessage({ code: 'Unknown', message: 'boom' }), 'boom');
    assert.equal(criMessage({ code: 'NotFound', message: 'x: not found' }), 'rpc error: code = NotFound desc = x: not found');
  });
});
