import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { TraceEvent } from '../../../src/protocol/trace';
import type { Walkthrough } from '../../../src/protocol/workflow';
import { buildChains } from '../../../webview/model/chain';
import { WorldCursor } from '../../../webview/model/cursor';
import { deriveWorld, peakPods } from '../../../webview/model/world';
import { factsOf, podStateAt } from '../../fixtures/walkthrough/facts';

const w = JSON.parse(readFileSync(new URL('../../fixtures/walkthrough/nginx.json', import.meta.url), 'utf8')) as Walkthrough;
const f = factsOf(w);
const lastSeqOf = (id: string) => Math.max(...(w.stages.find((s) => s.id === id)?.steps ?? []));
const nginx = <T extends { name: string }>(pods: T[]): T[] => pods.filter((p) => p.name.startsWith(`${f.replicaSet}-`));

describe('deriveWorld', () => {
  test('pods are stored, then bound, then running, from trace events alone', () => {
    const firstBinding = Math.min(...f.decisions.map((d) => d.seq));
    const stored = deriveWorld(w.trace, firstBinding - 1);
    assert.deepEqual(nginx(stored.pods).map((p) => [p.status, p.node ?? '-']), f.pods.map(() => ['Pending', '-']));
    const afterStage8 = deriveWorld(w.trace, lastSeqOf('8'));
    assert.deepEqual(Object.fromEntries(nginx(afterStage8.pods).map((p) => [p.name, p.node])), Object.fromEntries(f.nodeOf));
    const end = deriveWorld(w.trace, Number.POSITIVE_INFINITY);
    assert.deepEqual(nginx(end.pods).map((p) => [p.status, p.tone, p.ready]), f.pods.map(() => ['Running', 'ok', true]));
    const ips = nginx(end.pods).map((p) => p.ip ?? '');
    assert.equal(new Set(ips).size, f.pods.length, 'every pod has its own IP');
    for (const p of nginx(end.pods)) {
      const node = w.topology.nodes.findIndex((n) => n.name === p.node);
      assert.match(p.ip ?? '', new RegExp(`^10\\.244\\.${node}\\.\\d+$`), `${p.name}'s IP is in ${p.node}'s pod CIDR`);
    }
  });

  test('the world at a step agrees with the last stored snapshot of each pod', () => {
    for (const stage of ['8', '9', '10']) {
      const seq = lastSeqOf(stage);
      for (const pod of nginx(deriveWorld(w.trace, seq).pods)) {
        const stored = podStateAt(w, pod.name, seq);
        if (stored.phase === 'Running' && stored.ready) assert.equal(pod.status, 'Running', `${pod.name} after stage ${stage}`);
        if (stored.node) assert.equal(pod.node, stored.node);
      }
    }
  });

  test('CRI calls show a pod as ContainerCreating with what it is doing', () => {
    const sandbox = w.trace.find((e) => e.channel === 'cri' && e.verb === 'RunPodSandbox' && e.ref?.kind === 'Pod');
    assert.ok(sandbox?.ref);
    const pod = deriveWorld(w.trace, sandbox.seq).pods.find((p) => p.name === sandbox.ref?.name);
    assert.deepEqual([pod?.status, pod?.activity, pod?.tone], ['ContainerCreating', 'creating pod sandbox', 'progress']);
    const ref = { kind: 'Pod', namespace: 'default', name: 'p' };
    const trace: TraceEvent[] = [
      { seq: 1, time: 0, from: 'kube-apiserver', to: 'etcd', channel: 'etcd-txn', verb: 'put', ref, summary: '', snapshot: { spec: { nodeName: 'n1' } } },
      { seq: 2, time: 1, from: 'kubelet/n1', to: 'containerd/n1', channel: 'cri', verb: 'PullImage', ref, summary: 'PullImage nginx:1.14.2' },
    ];
    assert.equal(deriveWorld(trace, 2).pods[0]?.activity, 'pulling nginx:1.14.2', 'the image comes from the summary when the path is missing');
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
    const peak = peakPods(w.trace);
    const end = deriveWorld(w.trace, Number.POSITIVE_INFINITY);
    for (const node of w.topology.nodes) {
      const now = end.pods.filter((p) => p.node === node.name).length;
      assert.ok((peak.get(node.name) ?? 0) >= now, `${node.name} holds ${now} pods at the end`);
    }
    assert.ok((peak.get('') ?? 0) >= f.pods.length, 'the queue once held every nginx pod');
  });

  test('the cursor gives the same world forwards and backwards', () => {
    const cursor = new WorldCursor(w.trace);
    const seqs = w.trace.map((e) => e.seq);
    const at = (k: number) => seqs[Math.floor(k * (seqs.length - 1))] ?? 0;
    for (const seq of [at(0.1), at(0.5), at(0.9), at(0.3), at(1), 0]) assert.deepEqual(cursor.at(seq), deriveWorld(w.trace, seq));
  });
});

describe('buildChains', () => {
  test('Deployment -> ReplicaSet -> Pods -> Nodes and Service -> EndpointSlice at the end', () => {
    const chains = buildChains(deriveWorld(w.trace, Number.POSITIVE_INFINITY), w.topology);
    const dep = chains.find((c) => c.kind === 'Deployment' && c.name === 'nginx-deployment');
    assert.deepEqual([dep?.status, dep?.tone, dep?.namespace], ['3/3 ready', 'ok', 'default']);
    const rs = dep?.children[0];
    assert.equal(rs?.name, f.replicaSet);
    assert.deepEqual(
      rs?.children.map((p) => [p.name, p.status, p.children[0]?.name]).sort(),
      f.pods.map((p) => [p, 'Running', f.nodeOf.get(p)]).sort(),
    );
    const svc = chains.find((c) => c.kind === 'Service' && c.name === 'nginx-service');
    assert.match(svc?.status ?? '', /^ClusterIP 10\.9[6-9]\.\d+\.\d+$/);
    assert.equal(svc?.children[0]?.status, '3 ready endpoints');
  });

  test('before the pods exist the ReplicaSet reads 0/3 ready, in words as well as tone', () => {
    const chains = buildChains(deriveWorld(w.trace, lastSeqOf('5')), w.topology);
    const rs = chains.find((c) => c.kind === 'Deployment' && c.name === 'nginx-deployment')?.children[0];
    assert.deepEqual([rs?.status, rs?.tone, rs?.children.length], ['0/3 ready', 'pending', 0]);
  });
});
