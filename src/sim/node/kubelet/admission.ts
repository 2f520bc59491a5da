/**
 * Pod admission on the node (pkg/kubelet/lifecycle/predicate.go): the pod's requests plus
 * those of the pods already admitted must fit the node's allocatable, else the pod fails
 * with OutOfcpu, OutOfmemory, OutOfpods...
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../../api/quantity';

const RESOURCES = ['cpu', 'memory', 'ephemeral-storage'] as const;

function amount(resource: string, q: unknown): number {
  if (q === undefined || q === null) return 0;
  const parsed = parseQuantity(String(q));
  return resource === 'cpu' ? parsed.milliValue() : parsed.value();
}

function sum(containers: readonly Container[] | undefined, resource: string): number {
  return (containers ?? []).reduce((n, c) => n + amount(resource, c.resources?.requests?.[resource]), 0);
}

/** The pod's effective request: max(sum of containers, largest init container) plus overhead. */
export function podRequest(pod: Pod, resource: string): number {
  const regular = sum(pod.spec?.containers, resource);
  const init = Math.max(0, ...(pod.spec?.initContainers ?? []).map((c) => amount(resource, c.resources?.requests?.[resource])));
  return Math.max(regular, init) + amount(resource, pod.spec?.overhead?.[resource]);
}

export interface AdmitResult {
  admit: boolean;
  reason?: string;
  message?: string;
}

export function admitPod(pod: Pod, admitted: readonly Pod[], allocatable: Record<string, string>): AdmitResult {
  const podsCap = Number.parseInt(allocatable.pods ?? '110', 10);
  if (admitted.length + 1 > podsCap) {
    return { admit: false, reason: 'OutOfpods', message: `Node didn't have enough resource: pods, requested: 1, used: ${admitted.length}, capacity: ${podsCap}` };
  }
  for (const r of RESOURCES) {
    const requested = podRequest(pod, r);
    if (requested === 0) continue;
    const used = admitted.reduce((n, p) => n + podRequest(p, r), 0);
    const capacity = amount(r, allocatable[r]);
    if (used + requested > capacity) {
      return { admit: false, reason: `OutOf${r}`, message: `Node didn't have enough resource: ${r}, requested: ${requested}, used: ${used}, capacity: ${capacity}` };
    }
  }
  return { admit: true };
}
