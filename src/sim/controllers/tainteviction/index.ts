/**
 * The taint eviction controller (taint-eviction-controller, using the node-controller
 * service account as upstream does): a pod on a node with NoExecute taints it does not
 * tolerate is deleted at once; one tolerating them for tolerationSeconds (300 s for the
 * not-ready / unreachable tolerations DefaultTolerationSeconds adds) is deleted when that
 * time runs out, unless the taints go away first.
 */
import type { Taint } from 'kubernetes-types/core/v1';
import { keyOf } from '../../api/objects';
import { isNotFound } from '../../api/errors';
import { R, controllerIdentity, type Component } from '../../client';
import type { TaskHandle } from '../../core';
import { component, type ControllerContext, type ControllerSpec } from '../common/context';
import { matchingTolerations, minTolerationMs } from '../common/taints';
import type { NodeObj, PodObj } from '../common/types';
import { jsonEqual, nowTime } from '../common/util';

export const taintEvictionController: ControllerSpec = {
  name: 'taint-eviction-controller',
  eventSource: 'taint-eviction-controller',
  identity: { ...controllerIdentity('node-controller'), component: 'taint-eviction-controller' },
  start: startTaintEvictionController,
};

interface Work {
  handle: TaskHandle;
  createdAt: number;
  fireAt: number;
  uid: string;
}

const podRef = (ns: string, name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns } });

export function startTaintEvictionController(ctx: ControllerContext): Component {
  const nodeInformer = ctx.informers.informer<NodeObj>(R.nodes);
  const podInformer = ctx.informers.informer<PodObj>(R.pods, { indexers: { 'spec.nodeName': (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []) } });
  const tainted = new Map<string, Taint[]>();
  const work = new Map<string, Work>();

  const noExecute = (node: NodeObj): Taint[] => (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');

  function cancel(key: string): void {
    const w = work.get(key);
    if (!w) return;
    w.handle.cancel();
    work.delete(key);
    const [ns = '', name = ''] = key.split('/');
    ctx.recorder.normal(podRef(ns, name), 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  function addWork(pod: PodObj, createdAt: number, fireAt: number): void {
    const key = keyOf(pod);
    const uid = pod.metadata.uid ?? '';
    const handle = ctx.loop.schedule(Math.max(0, fireAt - ctx.loop.now()), () => {
      work.delete(key);
      evict(pod.metadata.namespace ?? '', pod.metadata.name ?? '', uid);
    }, { label: `taint-eviction-controller ${key}` });
    work.set(key, { handle, createdAt, fireAt, uid });
  }

  function evict(ns: string, name: string, uid: string): void {
    ctx.reconcile(`pod ${ns}/${name} does not tolerate its node's NoExecute taints any longer: deleting it`, { kind: 'Pod', namespace: ns, name });
    ctx.recorder.normal(podRef(ns, name), 'TaintManagerEviction', `Marking for deletion Pod ${ns}/${name}`);
    try {
      const pod = ctx.client.get<PodObj>(R.pods, ns, name);
      if ((uid && pod.metadata.uid !== uid) || pod.metadata.deletionTimestamp) return;
      const cond = {
        type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: nowTime(ctx.loop.now()),
        reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint',
      };
      ctx.client.patch(R.pods, ns, name, { status: { conditions: [cond] } }, 'strategic', 'status');
      ctx.client.delete(R.pods, ns, name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** processPodOnNode */
  function processPod(pod: PodObj, taints: readonly Taint[]): void {
    const key = keyOf(pod);
    const now = ctx.loop.now();
    if (taints.length === 0) return cancel(key);
    const { all, used } = matchingTolerations(taints, pod.spec?.tolerations ?? []);
    if (!all) {
      cancel(key);
      addWork(pod, now, now);
      return;
    }
    const min = minTolerationMs(used);
    if (min < 0) return cancel(key);
    let start = now;
    const trigger = now + min;
    const existing = work.get(key);
    if (existing) {
      start = existing.createdAt;
      if (start + min < trigger) return;
      cancel(key);
    }
    addWork(pod, start, trigger);
  }

  function onNode(node: NodeObj): void {
    const name = node.metadata.name ?? '';
    const taints = noExecute(node);
    const before = tainted.get(name) ?? [];
    if (jsonEqual(before, taints)) return;
    if (taints.length === 0) tainted.delete(name);
    else tainted.set(name, taints);
    const pods = podInformer.byIndex('spec.nodeName', name);
    if (taints.length === 0) {
      for (const p of pods) cancel(keyOf(p));
      return;
    }
    for (const p of pods) processPod(p, taints);
  }

  function onPod(pod: PodObj, old?: PodObj): void {
    if (old && jsonEqual(old.spec?.tolerations ?? [], pod.spec?.tolerations ?? []) && old.spec?.nodeName === pod.spec?.nodeName) return;
    const node = pod.spec?.nodeName;
    if (!node) return;
    const taints = tainted.get(node);
    if (!taints) return;
    processPod(pod, taints);
  }

  nodeInformer.addHandler({
    add: onNode,
    update: (_o, n) => onNode(n),
    delete: (n) => {
      tainted.delete(n.metadata.name ?? '');
      for (const p of podInformer.byIndex('spec.nodeName', n.metadata.name ?? '')) cancel(keyOf(p));
    },
  });
  podInformer.addHandler({ add: (p) => onPod(p), update: (o, p) => onPod(p, o), delete: (p) => cancel(keyOf(p)) });

  return component('taint-eviction-controller', [], [() => { for (const w of work.values()) w.handle.cancel(); }]);
}
