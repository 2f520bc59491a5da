import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Topology } from '../../../src/protocol/workflow';
import { computeLayout, podSlots, shortPodName, type Rect } from '../../../webview/model/layout';

const topology = (workers: number): Topology => ({
  controlPlane: 'control-plane',
  nodes: [{ name: 'control-plane', role: 'control-plane', ready: true }, ...Array.from({ length: workers }, (_, k) => ({ name: `worker-${k + 1}`, role: 'worker' as const, ready: k !== 1 }))],
  controllers: ['deployment-controller', 'replicaset-controller', 'endpointslice-controller'],
});

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Rect, b: Rect) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

describe('computeLayout', () => {
  for (const [workers, width] of [[2, 1000], [5, 1200], [1, 680], [7, 760]] as const) {
    test(`${workers} workers at ${width}px: every box inside the drawing, none overlapping`, () => {
      const layout = computeLayout(topology(workers), new Set(['coredns', 'kubelet/control-plane', 'job-controller']), new Map([['worker-1', 4], ['', 3]]), width);
      const view = { x: 0, y: 0, w: layout.width, h: layout.height };
      const boxes = [...layout.components.values()].filter((b) => b.shape !== 'frame');
      for (const b of boxes) assert.ok(inside(b, view), `${b.id} inside`);
      for (let i = 0; i < boxes.length; i += 1) for (let j = i + 1; j < boxes.length; j += 1) assert.ok(!overlaps(boxes[i]!, boxes[j]!), `${boxes[i]!.id} / ${boxes[j]!.id}`);
      for (let k = 1; k <= workers; k += 1) {
        const frame = layout.frames.find((f) => f.id === `node/worker-${k}`);
        assert.ok(frame);
        for (const agent of ['kubelet', 'containerd', 'kube-proxy']) assert.ok(inside(layout.components.get(`${agent}/worker-${k}`)!, frame));
        const area = layout.podAreas.get(`worker-${k}`);
        assert.ok(area && inside(area, frame));
      }
      if (workers >= 2) assert.equal(layout.frames.find((f) => f.id === 'node/worker-2')?.ready, false, 'a NotReady node says so');
      assert.ok(layout.components.has('job-controller'), 'a controller seen only in the trace still gets a chip');
      assert.ok(layout.components.has('coredns') && layout.components.has('kubelet/control-plane'), 'unknown ids become add-ons');
      const manager = layout.frames.find((f) => f.id === 'kube-controller-manager');
      assert.ok(manager && inside(layout.components.get('deployment-controller')!, manager));
    });
  }

  test('worker nodes wrap into rows of at most three', () => {
    const layout = computeLayout(topology(5), new Set(), new Map(), 1200);
    const rows = new Set(layout.frames.filter((f) => f.kind === 'worker').map((f) => f.y));
    assert.equal(rows.size, 2);
  });

  test('pod slots flow left to right then down; long pod names shorten', () => {
    const slots = podSlots({ x: 0, y: 0, w: 300, h: 100 }, 3);
    assert.deepEqual(slots.map((s) => [s.x, s.y]), [[0, 0], [128, 0], [0, 42]]);
    assert.equal(shortPodName('nginx-deployment-7c79c4bf97-x7k2p'), 'nginx-…-x7k2p');
    assert.equal(shortPodName('web-0'), 'web-0');
    assert.equal(shortPodName('kube-apiserver-control-plane', 'control-plane'), 'kube-apiserver', 'a static pod drops its node suffix');
    assert.equal(shortPodName('kube-controller-manager-control-plane', 'control-plane'), 'kube-…-manager');
    assert.equal(shortPodName('kube-apiserver-control-plane', 'worker-1'), 'kube-…-plane');
  });

  test('bare agent names are categories, not add-on boxes; the control plane\'s agents come first', () => {
    const layout = computeLayout(topology(2), new Set(['kubelet', 'containerd', 'coredns', 'kube-proxy/control-plane', 'kubelet/control-plane']), new Map(), 1000);
    for (const bare of ['kubelet', 'containerd']) assert.equal(layout.components.has(bare), false, bare);
    const left = ['kubelet/control-plane', 'kube-proxy/control-plane', 'coredns'].map((id) => layout.components.get(id)?.y ?? -1);
    assert.deepEqual([...left].sort((a, b) => a - b), left, 'kubelet, kube-proxy, then other add-ons');
  });
});
