/**
 * The node lifecycle controller's taints: NoSchedule taints that mirror node conditions
 * (doNoScheduleTaintingPass) and the NoExecute not-ready / unreachable taints that start
 * taint-based eviction (doNoExecuteTaintingPass).
 */
import type { Taint } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../../core';
import { TAINT_NOT_READY, TAINT_UNREACHABLE, sameTaint } from '../common/taints';
import type { NodeObj } from '../common/types';

export const NOT_READY_NO_EXECUTE: Taint = { key: TAINT_NOT_READY, effect: 'NoExecute' };
export const UNREACHABLE_NO_EXECUTE: Taint = { key: TAINT_UNREACHABLE, effect: 'NoExecute' };

/** nodeConditionToTaintKeyStatusMap */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};
const MANAGED_NO_SCHEDULE = new Set([...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)), 'node.kubernetes.io/unschedulable']);

/** The node's taints with the NoSchedule ones brought in line with its conditions, or undefined when nothing changes. */
export function noScheduleTaints(node: NodeObj, now: number): Taint[] | undefined {
  const wanted = new Set<string>();
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) wanted.add(key);
  }
  if (node.spec?.unschedulable) wanted.add('node.kubernetes.io/unschedulable');
  const current = node.spec?.taints ?? [];
  const managed = current.filter((t) => t.effect === 'NoSchedule' && MANAGED_NO_SCHEDULE.has(t.key));
  const keep = current.filter((t) => !(t.effect === 'NoSchedule' && MANAGED_NO_SCHEDULE.has(t.key) && !wanted.has(t.key)));
  const add = [...wanted].filter((k) => !managed.some((t) => t.key === k)).sort();
  if (add.length === 0 && keep.length === current.length) return undefined;
  return [...keep, ...add.map((key) => ({ key, effect: 'NoSchedule', timeAdded: rfc3339(now) }))];
}

/** SwapNodeControllerTaint: adds `add` (stamped now) and removes `remove`; undefined when nothing changes. */
export function swapTaints(node: NodeObj, add: readonly Taint[], remove: readonly Taint[], now: number): Taint[] | undefined {
  const current = node.spec?.taints ?? [];
  let next = current.filter((t) => !remove.some((r) => sameTaint(r, t)));
  const missing = add.filter((a) => !next.some((t) => sameTaint(a, t)));
  next = [...next, ...missing.map((t) => ({ ...t, timeAdded: rfc3339(now) }))];
  if (next.length === current.length && missing.length === 0) return undefined;
  return next;
}
