import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TraceEvent } from '../../../src/protocol/trace';
import { humanDuration } from '../../../webview/model/age';
import { arrowBetween, selfLoop } from '../../../webview/model/geometry';
import { arrowLabel, arrowStyle, shortLabel, truncateMiddle } from '../../../webview/model/labels';

const ev = (e: Partial<TraceEvent>): TraceEvent => ({ seq: 1, time: 0, from: 'a', to: 'b', channel: 'http-request', summary: '', ...e });

describe('arrow labels and styles', () => {
  test('each channel has its own wording', () => {
    assert.equal(arrowLabel(ev({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl' })), 'POST /apis/apps/v1/namespaces/default/deployments');
    assert.equal(arrowLabel(ev({ verb: 'GET', path: '/api/v1/pods?watch=true' })), 'GET /api/v1/pods (watch)');
    assert.equal(arrowLabel(ev({ channel: 'http-response', code: 409 })), '409 Conflict');
    assert.equal(arrowLabel(ev({ channel: 'etcd-txn', verb: 'put', path: '/registry/pods/default/p' })), 'txn put /registry/pods/default/p');
    assert.equal(arrowLabel(ev({ channel: 'watch', verb: 'ADDED', ref: { kind: 'Pod', name: 'p' } })), 'WATCH ADDED Pod');
    assert.equal(arrowLabel(ev({ channel: 'cri', verb: 'PullImage', path: 'nginx:1.14.2' })), 'PullImage nginx:1.14.2');
    assert.equal(arrowLabel(ev({ channel: 'event', summary: 'Event Pulling: Pulling image "x"' })), 'Event Pulling');
    assert.equal(arrowLabel(ev({ channel: 'reconcile', ref: { kind: 'Deployment', name: 'd' } })), 'reconcile Deployment/d');
    assert.equal(arrowLabel(ev({ channel: 'event', verb: 'Scheduled', summary: 'Normal Scheduled: Successfully assigned default/p to n' })), 'Event Scheduled');
    assert.equal(arrowLabel(ev({ channel: 'event', summary: 'Warning BackOff: Back-off pulling image "x"' })), 'Event BackOff');
    assert.equal(arrowLabel(ev({ channel: 'cri', verb: 'PullImage', summary: 'PullImage nginx:1.14.2' })), 'PullImage nginx:1.14.2', 'without a path, the summary');
  });

  test('shortLabel drops the namespaced API prefix of a long path before cutting anything', () => {
    const binding = 'POST /api/v1/namespaces/default/pods/nginx-deployment-7f4d79f7d7-smfcl/binding';
    assert.equal(shortLabel(binding, 58), 'POST pods/nginx-deployment-7f4d79f7d7-smfcl/binding');
    assert.equal(shortLabel('PUT /apis/apps/v1/namespaces/default/replicasets/nginx-deployment-7f4d79f7d7/status', 58), 'PUT replicasets/nginx-deployment-7f4d79f7d7/status');
    assert.equal(shortLabel('POST /apis/apps/v1/namespaces/default/deployments', 58), 'POST /apis/apps/v1/namespaces/default/deployments', 'short enough: untouched');
    assert.equal(shortLabel(binding, 20).length, 20);
  });

  test('styles group channels; watch is its own', () => {
    assert.equal(arrowStyle('watch'), 'watch');
    assert.equal(arrowStyle('etcd-txn'), 'etcd');
    assert.equal(arrowStyle('authz'), 'internal');
  });

  test('truncateMiddle keeps both ends', () => {
    assert.equal(truncateMiddle('abcdefghij', 6), 'abc…ij');
    assert.equal(truncateMiddle('short', 6), 'short');
  });
});

describe('geometry', () => {
  test('a vertical pair is joined bottom to top, a horizontal pair side to side', () => {
    const down = arrowBetween({ x: 0, y: 0, w: 100, h: 40 }, { x: 0, y: 200, w: 100, h: 40 });
    assert.match(down.d, /^M50,40 C.* 50,200$/);
    const right = arrowBetween({ x: 0, y: 0, w: 100, h: 40 }, { x: 300, y: 0, w: 100, h: 40 });
    assert.match(right.d, /^M100,20 C.* 300,20$/);
    assert.deepEqual(right.label, { x: 200, y: 20 });
    assert.match(selfLoop({ x: 0, y: 100, w: 200, h: 60 }).d, /^M144,100 C/);
  });
});

describe('humanDuration (kubectl ages)', () => {
  test('matches apimachinery HumanDuration', () => {
    assert.deepEqual([0, 999, 5000, 119_000, 125_000, 600_000, 3 * 3600_000 + 60_000, 30 * 3600_000, 3 * 86_400_000 + 3600_000, -5000].map(humanDuration), ['0s', '0s', '5s', '119s', '2m5s', '10m', '3h1m', '30h', '3d1h', '<invalid>']);
  });
});
