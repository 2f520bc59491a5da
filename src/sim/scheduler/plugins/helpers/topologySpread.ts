/**
 * podtopologyspread's common part: a pod's spread constraints (its own, or the system
 * defaults with helper.DefaultSelector), node inclusion policies, and counting matching pods
 * through the cache's label index instead of walking every node's pods.
 */
import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { labelSelectorAsSelector, Selector, type Requirement } from '../../../api/selectors';
import { controllerOf } from '../../../api/objects';
import type { Handle } from '../../framework/interface';
import type { NodeInfo } from '../../framework/nodeInfo';
import type { PodInfo } from '../../framework/podInfo';
import type { NodeObj, PodObj } from '../../framework/types';
import { RequiredNodeAffinity } from './nodeSelector';
import { findUntoleratedTaint, isDoNotSchedule } from './taints';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
}

/** The system default constraints (PodTopologySpreadArgs defaultingType System). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

/** filterTopologySpreadConstraints: the constraints with this action, matchLabelKeys merged into the selector. */
export function filterConstraints(
  cs: readonly TopologySpreadConstraint[],
  podLabels: Readonly<Record<string, string>>,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
): Constraint[] {
  const out: Constraint[] = [];
  for (const c of cs) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = labelSelectorAsSelector(c.labelSelector);
    const extra: Requirement[] = [];
    for (const k of c.matchLabelKeys ?? []) {
      const v = podLabels[k];
      if (v !== undefined) extra.push({ key: k, operator: '=', values: [v] });
    }
    if (extra.length > 0) selector = Selector.of([...extra, ...selector.requirements]);
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    });
  }
  return out;
}

/** helper.DefaultSelector: the selectors of the pod's Services merged with its ReplicaSet's or StatefulSet's. */
export function defaultSelector(h: Handle, pod: PodObj): Selector {
  const ns = pod.metadata.namespace ?? '';
  const labels = pod.metadata.labels ?? {};
  const set: Record<string, string> = {};
  for (const sel of h.listers.serviceSelectors(ns)) {
    const keys = Object.keys(sel);
    if (keys.length > 0 && keys.every((k) => labels[k] === sel[k])) Object.assign(set, sel);
  }
  const reqs: Requirement[] = Object.entries(set).map(([k, v]) => ({ key: k, operator: '=' as const, values: [v] }));
  const owner = controllerOf(pod);
  if (owner && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet') && owner.apiVersion === 'apps/v1') {
    const ls = h.listers.controllerSelector(ns, owner.kind, owner.name);
    if (ls) {
      try {
        reqs.push(...labelSelectorAsSelector(ls).requirements);
      } catch {
        // An invalid selector adds nothing, as upstream ignores the parse error.
      }
    }
  }
  return Selector.of(reqs);
}

/** The pod's own constraints with this action, or the system defaults when it has none. */
export function constraintsFor(h: Handle, pod: PodObj, action: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  const own = pod.spec?.topologySpreadConstraints ?? [];
  const labels = pod.metadata.labels ?? {};
  if (own.length > 0) return filterConstraints(own, labels, action);
  const cs = filterConstraints(SYSTEM_DEFAULT_CONSTRAINTS, labels, action);
  if (cs.length === 0) return cs;
  const selector = defaultSelector(h, pod);
  if (selector.empty()) return [];
  return cs.map((c) => ({ ...c, selector }));
}

export function nodeHasAllKeys(labels: Readonly<Record<string, string>>, cs: readonly Constraint[]): boolean {
  return cs.every((c) => labels[c.topologyKey] !== undefined);
}

/** matchNodeInclusionPolicies: nodeAffinityPolicy Honor (default) and nodeTaintsPolicy Honor. */
export function matchesInclusionPolicies(c: Constraint, pod: PodObj, node: NodeObj, required: RequiredNodeAffinity): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !required.match(node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findUntoleratedTaint(node.spec?.taints ?? [], pod.spec?.tolerations, isDoNotSchedule)) return false;
  return true;
}

/**
 * The assigned, non-terminating pods in the pod's namespace that the constraint's selector
 * matches, with their NodeInfo (countPodsMatchSelector over every node, by index).
 */
export function matchingPods(h: Handle, c: Constraint, namespace: string): { pod: PodInfo; node: NodeInfo }[] {
  if (c.selector.empty()) return [];
  const out: { pod: PodInfo; node: NodeInfo }[] = [];
  for (const p of h.cache.labelIndex.select(c.selector, [namespace])) {
    if (p.terminating) continue;
    const ni = h.cache.get(p.nodeName);
    if (ni) out.push({ pod: p, node: ni });
  }
  return out;
}

export { RequiredNodeAffinity };
