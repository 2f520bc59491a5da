import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, only, reasonsOf, TestFramework } from './fixtures';
import { INTER_POD_AFFINITY, newInterPodAffinity } from '../../../../../src/sim/scheduler/plugins/interPodAffinity';

const ipa = only(INTER_POD_AFFINITY, newInterPodAffinity, 2);
const z = (name: string, zone: string) => makeNode(name, { labels: { zone } });
const nodes = [z('a', 'z1'), z('b', 'z1'), z('c', 'z2')];
const term = (app: string, topologyKey: string) => ({ labelSelector: { matchLabels: { app } }, topologyKey });
const pod = (name: string, app: string, node?: string, affinity?: unknown) => makePod(name, { nodeName: node, affinity }, { labels: { app } });

describe('InterPodAffinity filter', () => {
  test('required anti-affinity keeps replicas off nodes that already run one', () => {
    const t = new TestFramework(ipa, nodes, [pod('w1', 'web', 'a')]);
    const r = t.filter(pod('w2', 'web', undefined, { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'kubernetes.io/hostname')] } }));
    assert.equal(r.nodes.get('a')?.code, 'Unschedulable');
    assert.deepEqual(reasonsOf(r.nodes.get('a')), ["node(s) didn't match pod anti-affinity rules"]);
    assert.equal(r.nodes.get('b'), null);
  });

  test('required affinity needs a matching pod in the same domain', () => {
    const t = new TestFramework(ipa, nodes, [pod('db', 'db', 'a')]);
    const r = t.filter(pod('app', 'web', undefined, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db', 'zone')] } }));
    assert.equal(r.nodes.get('a'), null);
    assert.equal(r.nodes.get('b'), null);
    assert.equal(r.nodes.get('c')?.code, 'UnschedulableAndUnresolvable');
    assert.deepEqual(reasonsOf(r.nodes.get('c')), ["node(s) didn't match pod affinity rules"]);
  });

  test('the first pod of a group with affinity to itself may go anywhere', () => {
    const t = new TestFramework(ipa, nodes);
    const r = t.filter(pod('first', 'web', undefined, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'zone')] } }));
    assert.ok([...r.nodes.values()].every((s) => s === null));
  });

  test("an existing pod's anti-affinity rejects the incoming pod", () => {
    const guard = pod('guard', 'guard', 'a', { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'zone')] } });
    const r = new TestFramework(ipa, nodes, [guard]).filter(pod('w', 'web'));
    assert.deepEqual(reasonsOf(r.nodes.get('b')), ["node(s) didn't satisfy existing pods anti-affinity rules"]);
    assert.equal(r.nodes.get('c'), null);
  });
});

describe('InterPodAffinity score', () => {
  test('preferred affinity and anti-affinity weights per domain, min-max normalized', () => {
    const t = new TestFramework(ipa, nodes, [pod('db', 'db', 'a'), pod('cache', 'cache', 'c')]);
    const s = t.score(pod('web', 'web', undefined, {
      podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term('db', 'zone') }] },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term('cache', 'zone') }] },
    }));
    assert.deepEqual(['a', 'b', 'c'].map((n) => s.get(n)?.scores[0]?.raw), [10, 10, -5]);
    assert.deepEqual(['a', 'b', 'c'].map((n) => s.get(n)?.scores[0]?.normalized), [100, 100, 0]);
  });

  test("existing pods' required affinity counts with weight 1", () => {
    const t = new TestFramework(ipa, nodes, [pod('fan', 'fan', 'c', { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'zone')] } })]);
    const s = t.score(pod('web', 'web'));
    assert.deepEqual(['a', 'c'].map((n) => s.get(n)?.scores[0]?.raw), [0, 1]);
    assert.deepEqual(['a', 'c'].map((n) => s.get(n)?.scores[0]?.normalized), [0, 100]);
  });
});
