/**
 * Node health as tryUpdateNodeHealth judges it: the last time the node gave a sign of life
 * (its Ready condition's heartbeat changed, or its Lease in kube-node-lease was renewed),
 * and the status the controller writes once that is older than the grace period.
 */
import type { NodeCondition } from 'kubernetes-types/core/v1';
import { parseTime, rfc3339 } from '../../core';
import type { LeaseObj, NodeObj } from '../common/types';

/** --node-monitor-period */
export const NODE_MONITOR_PERIOD_MS = 5_000;
/** --node-monitor-grace-period: 50s since 1.32 (it was 40s before). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
/** --node-startup-grace-period */
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;

const WATCHED = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

interface Health {
  probe: number;
  heartbeat: string | undefined;
  leaseRenew: number | undefined;
}

export class HealthTracker {
  private readonly health = new Map<string, Health>();

  forget(name: string): void {
    this.health.delete(name);
  }

  /**
   * Returns the grace period that applies and whether it has run out: the node (or its
   * Lease) has not been heard from for longer than that.
   */
  check(node: NodeObj, lease: LeaseObj | undefined, now: number): { expired: boolean; gracePeriodMs: number } {
    const name = node.metadata.name ?? '';
    const ready = readyCondition(node);
    const created = node.metadata.creationTimestamp ? parseTime(node.metadata.creationTimestamp) : now;
    let h = this.health.get(name);
    const grace = ready ? NODE_MONITOR_GRACE_PERIOD_MS : NODE_STARTUP_GRACE_PERIOD_MS;
    if (!h) {
      h = { probe: ready ? now : created, heartbeat: ready?.lastHeartbeatTime, leaseRenew: undefined };
      this.health.set(name, h);
    } else if (ready && ready.lastHeartbeatTime !== h.heartbeat) {
      h.probe = now;
      h.heartbeat = ready.lastHeartbeatTime;
    }
    const renew = lease?.spec?.renewTime ? parseTime(lease.spec.renewTime) : undefined;
    if (renew !== undefined && (h.leaseRenew === undefined || renew > h.leaseRenew)) {
      h.leaseRenew = renew;
      h.probe = now;
    }
    return { expired: now > h.probe + grace, gracePeriodMs: grace };
  }
}

export function readyCondition(node: NodeObj): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready');
}

/** The conditions once the kubelet has gone quiet: Unknown, NodeStatusUnknown / NodeStatusNeverUpdated. */
export function unknownConditions(node: NodeObj, now: number): NodeCondition[] {
  const conditions = (node.status?.conditions ?? []).map((c) => ({ ...c }));
  const t = rfc3339(now);
  for (const type of WATCHED) {
    const c = conditions.find((x) => x.type === type);
    if (!c) {
      conditions.push({
        type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.',
        lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: t,
      });
    } else if (c.status !== 'Unknown') {
      c.status = 'Unknown';
      c.reason = 'NodeStatusUnknown';
      c.message = 'Kubelet stopped posting node status.';
      c.lastTransitionTime = t;
    }
  }
  return conditions;
}
