import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { TraceEvent } from '../../../src/protocol/trace';
import type { Walkthrough } from '../../../src/protocol/workflow';
import { buildChains } from '../../../webview/model/chain';
import { WorldCursor } from '../../../webview/model/cursor';
import { deriveWorld, peakPods } from '../../../webview/model/world';

const w = JSON.parse(readFileSync(new URL('../../fixtures/walkthrough/nginx-sample.json', import.meta.url), 'utf8')) as Walkthrough;
const lastSeqOf = (id: string) => Math.max(...(w.stages.find((s) => s.id === id)?.steps ?? []));

describe('deriveWorld', () => {
  test('pods are stored, then bound, then running, from trace events alone', () => {
    const afterStage7 = deriveWorld(w.trace, lastSeqOf('7'));
    assert.deepEqual(afterStage7.pods.map((p) => [p.status, p.node ?? '-']), [['Pending', '-'], ['Pending', '-'], ['Pending', '-']]);
    const afterStage8 = deriveWorld(w.trace, lastSeqOf('8'));
    assert.deepEqual(afterStage8.pods.map((p) => p.node).sort(), ['worker-1', 'worker-1', 'worker-2']);
    const end = deriveWorld(w.trace, Number.POSITIVE_INFINITY);
    assert.deepEqual(end.pods.map((p) => [p.status, p.tone, p.ready]), Array(3).fill(['Running', 'ok', true]));
    assert.deepEqual(end.pods.map((p) => p.ip).sort(), ['10.244.1.2', '10.244.1.3', '10.244.2.2']);
  });

  test('CRI calls show a pod as ContainerCreating with what it is doing', () => {
    const pull = w.trace.find((e) => e.channel === 'cri' && e.verb === 'PullImage');
    assert.ok(pull);
    const pod = deriveWorld(w.trace, pull.seq).pods.find((p) => p.name === pull.ref?.name);
    assert.deepEqual([pod?.status, pod?.activity, pod?.tone], ['ContainerCreating', 'pulling nginx:1.14.2', 'progress']);
  });

  test('a deleted pod disappears; a DELETE request marks it Terminating first', () => {
    const ref = { kind: 'Pod', namespace: 'default', name: 'p' };
    const trace: TraceEvent[] = [
      { seq: 1, time: 0, from: 'kube-apiserver', to: 'etcd', channel: 'etcd-txn', verb: 'put', ref, summary: '', snapshot: { spec: { nodeName: 'n1' }, status: { phase: 'Running' } } },
      { seq: 2, time: 1, from: 'kubectl', to: 'kube-apiserver', channel: 'http-request', verb: 'DELETE', ref, summary: '' },
      { seq: 3, time: 2, from: 'kube-apiserver', to: 'etcd', channel: 'etcd-txn', verb: 'delete', ref, summary: '' },
    ];
    assert.equal(deriveWorld(trace, 2).pods[0]?.status, 'Terminating');
    assert.equal(deriveWorld(trace, 3).pods.length, 0);
  });

  test('peakPods reserves room for the most pods a node (or the queue) ever holds', () => {
    assert.deepEqual(Object.fromEntries(peakPods(w.trace)), { '': 3, 'worker-1': 2, 'worker-2': 1 });
  });

  test('the cursor gives the same world forwards and backwards', () => {
    const cursor = new WorldCursor(w.trace);
    for (const hw of [10, 60, 120, 30, 132, 0]) assert.deepEqual(cursor.at(hw), deriveWorld(w.trace, hw));
  });
});

describe('buildChains', () => {
  test('Deployment -> ReplicaSet -> Pods -> Nodes and Service -> EndpointSlice at the end', () => {
    const chains = buildChains(deriveWorld(w.trace, Number.POSITIVE_INFINITY), w.topology);
    const dep = chains.find((c) => c.kind === 'Deployment');
    assert.deepEqual([dep?.name, dep?.status, dep?.tone], ['nginx-deployment', '3/3 ready', 'ok']);
    const rs = dep?.children[0];
    assert.equal(rs?.name, 'nginx-deployment-7c79c4bf97');
    assert.deepEqual(rs?.children.map((p) => [p.status, p.children[0]?.name]).sort(), [['Running', 'worker-1'], ['Running', 'worker-1'], ['Running', 'worker-2']]);
    const svc = chains.find((c) => c.kind === 'Service');
    assert.equal(svc?.status, 'ClusterIP 10.96.143.20');
    assert.equal(svc?.children[0]?.status, '3 ready endpoints');
  });

  test('before the pods exist the ReplicaSet reads 0/3 ready, in words as well as tone', () => {
    const chains = buildChains(deriveWorld(w.trace, lastSeqOf('5')), w.topology);
    const rs = chains.find((c) => c.kind === 'Deployment')?.children[0];
    assert.deepEqual([rs?.status, rs?.tone, rs?.children.length], ['0/3 ready', 'pending', 0]);
  });
});
