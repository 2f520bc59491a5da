import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TraceEvent } from '../../../src/protocol/trace';
import type { Stage } from '../../../src/protocol/workflow';
import { drawnIds, stageHighlights } from '../../../webview/model/highlight';

const ev = (from: string, to: string): TraceEvent => ({ seq: 1, time: 0, from, to, channel: 'cri', summary: '' });
const stage = (components: string[]): Stage => ({ id: '9', number: 9, title: '', explanation: '', components, steps: [], status: 'done' });

describe('drawnIds', () => {
  test('whoever sends or receives, plus kubectl; never a bare agent name', () => {
    const ids = drawnIds([ev('kubelet/worker-1', 'containerd/worker-1'), ev('kubelet', 'kube-apiserver')]);
    assert.deepEqual([...ids].sort(), ['containerd/worker-1', 'kube-apiserver', 'kubectl', 'kubelet/worker-1']);
  });
});

describe('stageHighlights', () => {
  const drawn = new Set(['kube-apiserver', 'kubelet/control-plane', 'kubelet/worker-1', 'kubelet/worker-2', 'containerd/worker-1', 'containerd/worker-2', 'kube-controller-manager']);

  test('a bare agent name stands for the per-node agents the stage names', () => {
    const lit = stageHighlights(stage(['kubelet', 'containerd', 'kube-apiserver', 'kubelet/worker-2', 'containerd/worker-2']), drawn);
    assert.deepEqual([...lit].sort(), ['containerd/worker-2', 'kube-apiserver', 'kubelet/worker-2']);
  });

  test('or for every drawn one when the stage names none', () => {
    assert.deepEqual([...stageHighlights(stage(['containerd']), drawn)].sort(), ['containerd/worker-1', 'containerd/worker-2']);
  });

  test('names the drawing lacks light nothing', () => {
    assert.deepEqual([...stageHighlights(stage(['endpoints-controller', 'kube-controller-manager']), drawn)], ['kube-controller-manager']);
  });
});
