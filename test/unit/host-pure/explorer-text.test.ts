/** The explorer's text output: Go's tabwriter alignment, kubectl describe, get events --watch. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import { DESCRIBE_TABS, GET_TABS, StreamingTable, tabulate } from '../../../src/host/explorer/tabwriter';
import { rfc1123z } from '../../../src/host/explorer/describe/writer';
import { describeObject } from '../../../src/host/explorer/describe';
import { EventsWatch, eventCells } from '../../../src/host/explorer/eventsWatch';
import type { KubeObject } from '../../../src/sim/api/types';

const T0 = Date.parse('2026-01-01T00:00:00Z');

describe('tabulate (text/tabwriter)', () => {
  test('pads each column to its widest cell plus the padding', () => {
    assert.equal(tabulate('Name:\tweb\nNamespace:\tdefault', DESCRIBE_TABS), 'Name:       web\nNamespace:  default');
  });

  test('a line without a tab ends the column block, as in kubectl describe', () => {
    const text = tabulate('IP:\t10.0.0.1\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicaSet/x', DESCRIBE_TABS);
    assert.deepEqual(text.split('\n'), ['IP:  10.0.0.1', 'IPs:', '  IP:           10.0.0.1', 'Controlled By:  ReplicaSet/x']);
  });

  test('kubectl get pads to at least 6 with 3 spaces between columns', () => {
    assert.equal(tabulate('A\tB\nlonger\tx', GET_TABS), 'A        B\nlonger   x');
  });

  test('a streaming table never narrows a column it already printed', () => {
    const t = new StreamingTable(GET_TABS);
    assert.equal(t.row(['LAST SEEN', 'TYPE', 'MSG']), 'LAST SEEN   TYPE   MSG');
    assert.equal(t.row(['5s', 'Normal', 'hello']), '5s          Normal   hello');
    assert.equal(t.row(['5s', 'VeryLongType', 'x']), '5s          VeryLongType   x');
  });
});

test('rfc1123z prints Go time.RFC1123Z in UTC', () => {
  assert.equal(rfc1123z('2026-01-01T00:00:05Z'), 'Thu, 01 Jan 2026 00:00:05 +0000');
  assert.equal(rfc1123z(undefined), 'Mon, 01 Jan 0001 00:00:00 +0000');
});

function pod(): KubeObject {
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-1', namespace: 'default', uid: 'u1', labels: { app: 'web', tier: 'front' }, creationTimestamp: '2026-01-01T00:00:00Z',
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs1', controller: true }],
    },
    spec: {
      nodeName: 'worker-1', serviceAccountName: 'default', priority: 0,
      containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80, protocol: 'TCP' }] }],
      tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    },
    status: {
      phase: 'Running', hostIP: '172.18.0.3', podIP: '10.244.1.2', podIPs: [{ ip: '10.244.1.2' }], startTime: '2026-01-01T00:00:01Z',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'nginx', ready: true, restartCount: 0, image: 'nginx:1.14.2', imageID: 'docker.io/library/nginx@sha256:1', containerID: 'containerd://c1', state: { running: { startedAt: '2026-01-01T00:00:03Z' } } }],
    },
  };
  return p as unknown as KubeObject;
}

function event(over: Partial<Event>): KubeObject {
  const e: Event = {
    apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'default', uid: 'e1', resourceVersion: '1' },
    involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', uid: 'u1' },
    type: 'Normal', reason: 'Started', message: 'Started container nginx', source: { component: 'kubelet' },
    firstTimestamp: '2026-01-01T00:00:03Z', lastTimestamp: '2026-01-01T00:00:03Z', count: 1,
    ...over,
  };
  return e as unknown as KubeObject;
}

describe('describeObject', () => {
  test('a pod reads as kubectl describe pod, with its events', () => {
    const backoff = event({ metadata: { name: 'b', uid: 'e2' }, type: 'Warning', reason: 'BackOff', message: 'Back-off pulling image', count: 3, firstTimestamp: '2026-01-01T00:00:10Z', lastTimestamp: '2026-01-01T00:01:00Z' });
    const text = describeObject(pod(), [pod(), event({}), backoff], T0 + 120_000);
    const lines = text.split('\n');
    assert.equal(lines[0], 'Name:             web-1');
    assert.ok(lines.includes('Node:             worker-1/172.18.0.3'));
    assert.ok(lines.includes('Labels:           app=web'));
    assert.ok(lines.includes('                  tier=front'));
    assert.ok(lines.includes('Controlled By:  ReplicaSet/web-abc'));
    assert.ok(lines.includes('      Started:      Thu, 01 Jan 2026 00:00:03 +0000'));
    assert.ok(lines.some((l) => /^QoS Class: +BestEffort$/.test(l)));
    assert.ok(lines.some((l) => /^Tolerations: +node\.kubernetes\.io\/unreachable:NoExecute op=Exists for 300s$/.test(l)));
    const header = lines.indexOf('Events:');
    assert.ok(header > 0);
    assert.match(lines[header + 3] ?? '', /^ {2}Normal +Started +117s +kubelet +Started container nginx$/);
    assert.match(lines[header + 4] ?? '', /^ {2}Warning +BackOff +60s \(x3 over 110s\) +kubelet +Back-off pulling image$/);
  });

  test('an object without events says Events: <none>', () => {
    assert.match(describeObject(pod(), [pod()], T0), /\nEvents:\s+<none>\n?$/);
  });
});

describe('EventsWatch', () => {
  test('prints the list with kubectl get events columns, then only what is new or seen again', () => {
    const out: string[] = [];
    const w = new EventsWatch((t) => out.push(t));
    const first = event({}) as unknown as Event;
    w.update([first], T0 + 10_000, true);
    const screen = out.join('');
    assert.match(screen, /LAST SEEN +TYPE +REASON +OBJECT +MESSAGE/);
    assert.match(screen, /7s +Normal +Started +pod\/web-1 +Started container nginx/);
    out.length = 0;
    w.update([first], T0 + 11_000);
    assert.deepEqual(out, [], 'nothing new, nothing printed');
    const again = { ...first, count: 2, lastTimestamp: '2026-01-01T00:00:11Z', metadata: { ...first.metadata, resourceVersion: '2' } };
    w.update([again], T0 + 12_000);
    assert.equal(out.length, 1);
    assert.match(out[0] ?? '', /1s +Normal +Started +pod\/web-1/);
  });

  test('keys sort by another column, reverse, and keep warnings only', () => {
    const out: string[] = [];
    const w = new EventsWatch((t) => out.push(t));
    const a = event({ metadata: { uid: 'a' }, reason: 'Zeta', type: 'Normal' }) as unknown as Event;
    const b = event({ metadata: { uid: 'b' }, reason: 'Alpha', type: 'Warning', message: 'bad' }) as unknown as Event;
    w.update([a, b], T0 + 5_000, true);
    w.input('s');
    w.input('s');
    assert.equal(w.sortKey, 'reason');
    const screen = out[out.length - 1] ?? '';
    assert.ok(screen.indexOf('Alpha') < screen.indexOf('Zeta'));
    w.input('w');
    const warnings = out[out.length - 1] ?? '';
    assert.ok(warnings.includes('Alpha') && !warnings.includes('Zeta'));
    assert.equal(w.input('q'), 'close');
  });

  test('LAST SEEN falls back to the first timestamp, then eventTime', () => {
    const e = event({ lastTimestamp: undefined, firstTimestamp: undefined, eventTime: '2026-01-01T00:00:01.000000Z' }) as unknown as Event;
    assert.equal(eventCells(e, T0 + 4_000)[0], '3s');
  });
});
