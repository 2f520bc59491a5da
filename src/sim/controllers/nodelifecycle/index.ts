/**
 * The node lifecycle controller (node-lifecycle-controller, running as node-controller):
 * every 5 s it checks each node's last sign of life (status heartbeat or Lease renewal);
 * past the grace period it marks the node's conditions Unknown, marks its pods not ready,
 * taints it unreachable (NoSchedule at once, NoExecute on the next pass, rate-limited per
 * zone) and stops tainting altogether when every zone is down (master disruption mode).
 */
import type { Taint } from 'kubernetes-types/core/v1';
import { R, controllerIdentity, type Component, type SyncResult } from '../../client';
import { component, type ControllerContext, type ControllerSpec } from '../common/context';
import { hasTaint } from '../common/taints';
import type { LeaseObj, NodeObj, PodObj } from '../common/types';
import { jsonEqual, nowTime } from '../common/util';
import { HealthTracker, NODE_MONITOR_PERIOD_MS, readyCondition, unknownConditions } from './health';
import { NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE, noScheduleTaints, swapTaints } from './taints';
import { ZoneTainter } from './zones';

export const NODE_NAME_INDEX = 'spec.nodeName';

export const nodeLifecycleController: ControllerSpec = {
  name: 'node-lifecycle-controller',
  eventSource: 'node-controller',
  identity: { ...controllerIdentity('node-controller'), component: 'node-lifecycle-controller' },
  start: startNodeLifecycleController,
};

/** The reference RecordNodeEvent and RecordNodeStatusChange put on node events. */
function nodeRef(name: string, uid: string) {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, uid } };
}

export function startNodeLifecycleController(ctx: ControllerContext): Component {
  const nodeInformer = ctx.informers.informer<NodeObj>(R.nodes);
  const leaseInformer = ctx.informers.informer<LeaseObj>(R.leases, { namespace: 'kube-node-lease' });
  const podInformer = ctx.informers.informer<PodObj>(R.pods, { indexers: { [NODE_NAME_INDEX]: (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []) } });
  const health = new HealthTracker();
  const known = new Map<string, NodeObj>();
  const tainter = new ZoneTainter(ctx, (name) => noExecutePass(name));
  const noScheduleQueue = ctx.queue(syncNoSchedule);

  nodeInformer.addHandler({
    add: (n) => noScheduleQueue.add(n.metadata.name ?? ''),
    update: (_o, n) => noScheduleQueue.add(n.metadata.name ?? ''),
  });

  const patchTaints = (node: NodeObj, taints: Taint[]): void => {
    ctx.client.patch(R.nodes, undefined, node.metadata.name ?? '', { spec: { taints: taints.length > 0 ? taints : null } }, 'merge');
  };

  function syncNoSchedule(name: string): SyncResult {
    const node = nodeInformer.get(undefined, name);
    if (!node) return;
    const next = noScheduleTaints(node, ctx.loop.now());
    if (!next) return;
    ctx.reconcile(`node ${name}: NoSchedule taints follow its conditions: ${next.filter((t) => t.effect === 'NoSchedule').map((t) => t.key).join(', ') || 'none'}`, { kind: 'Node', name });
    patchTaints(node, next);
  }

  /** doNoExecuteTaintingPass for one node, when its zone's rate limiter allows. */
  function noExecutePass(name: string): void {
    const node = nodeInformer.get(undefined, name);
    const ready = node && readyCondition(node);
    if (!node || !ready) return;
    let add: Taint;
    let remove: Taint;
    if (ready.status === 'False') [add, remove] = [NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE];
    else if (ready.status === 'Unknown') [add, remove] = [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE];
    else return;
    const next = swapTaints(node, [add], [remove], ctx.loop.now());
    if (!next) return;
    ctx.reconcile(`node ${name} is ${ready.status === 'False' ? 'not ready' : 'unreachable'}: adding the ${add.key}:NoExecute taint`, { kind: 'Node', name });
    patchTaints(node, next);
  }

  /** markNodeAsReachable: the NoExecute taints go once the node is Ready again. */
  function markReachable(node: NodeObj): void {
    const name = node.metadata.name ?? '';
    tainter.remove(name);
    const next = swapTaints(node, [], [NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE], ctx.loop.now());
    if (!next) return;
    ctx.reconcile(`node ${name} is reachable: removing its NoExecute taints`, { kind: 'Node', name });
    patchTaints(node, next);
  }

  function processTaintBaseEviction(node: NodeObj, observed: string | undefined): void {
    const name = node.metadata.name ?? '';
    const taints = node.spec?.taints;
    if (observed === 'False') {
      if (hasTaint(taints, UNREACHABLE_NO_EXECUTE)) {
        const next = swapTaints(node, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE], ctx.loop.now());
        if (next) patchTaints(node, next);
      } else tainter.add(name, zoneOf(node));
    } else if (observed === 'Unknown') {
      if (hasTaint(taints, NOT_READY_NO_EXECUTE)) {
        const next = swapTaints(node, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE], ctx.loop.now());
        if (next) patchTaints(node, next);
      } else tainter.add(name, zoneOf(node));
    } else if (observed === 'True') {
      markReachable(node);
    }
  }

  /** MarkPodsNotReady: each pod on the node loses its Ready condition. */
  function markPodsNotReady(nodeName: string): void {
    for (const pod of podInformer.byIndex(NODE_NAME_INDEX, nodeName)) {
      const conditions = pod.status?.conditions ?? [];
      const ready = conditions.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const next = conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: nowTime(ctx.loop.now()) } : c));
      try {
        ctx.client.updateStatus<PodObj>(R.pods, { ...pod, status: { ...pod.status, conditions: next } });
        ctx.recorder.warning(pod, 'NodeNotReady', 'Node is not ready');
      } catch {
        // upstream retries on the next pass
      }
    }
  }

  function monitor(): void {
    const now = ctx.loop.now();
    const nodes = [...nodeInformer.list()].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    const present = new Set(nodes.map((n) => n.metadata.name ?? ''));
    for (const node of nodes) {
      const name = node.metadata.name ?? '';
      if (known.has(name)) continue;
      known.set(name, node);
      ctx.recorder.normal(nodeRef(name, node.metadata.uid ?? ''), 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
    }
    for (const [name, node] of known) {
      if (present.has(name)) continue;
      known.delete(name);
      health.forget(name);
      tainter.remove(name);
      ctx.recorder.normal(nodeRef(name, node.metadata.uid ?? ''), 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
    }
    const zones = new Map<string, (string | undefined)[]>();
    for (const node of nodes) {
      const name = node.metadata.name ?? '';
      const observed = readyCondition(node);
      let current = observed;
      const { expired, gracePeriodMs } = health.check(node, leaseInformer.get('kube-node-lease', name), now);
      if (expired) {
        const conditions = unknownConditions(node, now);
        const next = conditions.find((c) => c.type === 'Ready');
        if (!jsonEqual(next ?? null, observed ?? null)) {
          ctx.reconcile(`node ${name} has not renewed its Lease or posted status for ${gracePeriodMs / 1000}s: its conditions become Unknown`, { kind: 'Node', name });
          try {
            ctx.client.updateStatus<NodeObj>(R.nodes, { ...node, status: { ...node.status, conditions } });
            current = next;
          } catch {
            // retried on the next pass
          }
        }
      }
      const zone = zoneOf(node);
      zones.set(zone, [...(zones.get(zone) ?? []), current?.status]);
      if (!current) continue;
      if (!tainter.disrupted) processTaintBaseEviction(node, observed?.status);
      if (current.status !== 'True' && observed?.status === 'True') {
        ctx.recorder.normal(nodeRef(name, name), 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
        markPodsNotReady(name);
      }
    }
    if (tainter.updateZones(zones, now)) for (const node of nodes) markReachable(node);
  }

  const ticker = ctx.loop.every(NODE_MONITOR_PERIOD_MS, monitor, { firstDelayMs: 0, label: 'node-lifecycle-controller monitorNodeHealth' });
  return component('node-lifecycle-controller', [noScheduleQueue], [() => ticker.cancel(), () => tainter.stop()]);
}

/** nodetopology.GetZoneKey: region and zone labels ('' when unlabelled). */
export function zoneOf(node: NodeObj): string {
  const l = node.metadata.labels ?? {};
  const region = l['topology.kubernetes.io/region'] ?? '';
  const zone = l['topology.kubernetes.io/zone'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}
