/**
 * framework.PodInfo: a pod with what the plugins need pre-computed once per pod version:
 * requests, host ports and parsed inter-pod affinity terms.
 */
import type { PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import { labelSelectorAsSelector, Selector, type Labels } from '../../api/selectors';
import { podRequestList, resourceFromList, type Resource } from './resources';
import { podPriority, type PodObj } from './types';

export interface AffinityTerm {
  namespaces: Set<string>;
  selector: Selector;
  topologyKey: string;
  namespaceSelector: Selector;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** AffinityTerm.Matches: the pod is in one of the term's namespaces and carries matching labels. */
export function termMatches(term: AffinityTerm, pod: PodInfo, nsLabels: Labels): boolean {
  if (term.namespaces.has(pod.namespace) || term.namespaceSelector.matches(nsLabels)) return term.selector.matches(pod.labels);
  return false;
}

function newTerm(pod: PodObj, t: PodAffinityTerm): AffinityTerm {
  const namespaces =
    (t.namespaces ?? []).length === 0 && !t.namespaceSelector ? new Set([pod.metadata.namespace ?? '']) : new Set(t.namespaces ?? []);
  return {
    namespaces,
    selector: labelSelectorAsSelector(t.labelSelector),
    topologyKey: t.topologyKey,
    namespaceSelector: labelSelectorAsSelector(t.namespaceSelector),
  };
}

export class PodInfo {
  readonly key: string;
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly priority: number;
  readonly nodeName: string;
  readonly terminating: boolean;
  /** Requests as written (for Filter and BalancedAllocation). */
  readonly requests: Resource;
  /** cpu and memory with the scheduler's defaults for missing requests (for LeastAllocated). */
  readonly nonZeroCPU: number;
  readonly nonZeroMem: number;
  readonly hostPorts: HostPort[] = [];
  requiredAffinityTerms: AffinityTerm[] = [];
  requiredAntiAffinityTerms: AffinityTerm[] = [];
  preferredAffinityTerms: WeightedAffinityTerm[] = [];
  preferredAntiAffinityTerms: WeightedAffinityTerm[] = [];
  /** A label selector in an affinity term that does not parse. */
  parseError?: string;

  constructor(readonly pod: PodObj) {
    const m = pod.metadata;
    this.namespace = m.namespace ?? '';
    this.name = m.name ?? '';
    this.key = `${this.namespace}/${this.name}`;
    this.uid = m.uid ?? this.key;
    this.labels = m.labels ?? {};
    this.priority = podPriority(pod);
    this.nodeName = pod.spec?.nodeName ?? '';
    this.terminating = !!m.deletionTimestamp;
    this.requests = resourceFromList(podRequestList(pod, false));
    const nz = podRequestList(pod, true);
    this.nonZeroCPU = nz.get('cpu') ?? 0;
    this.nonZeroMem = nz.get('memory') ?? 0;
    for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
      for (const p of c.ports ?? []) {
        if ((p.hostPort ?? 0) > 0) this.hostPorts.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort as number });
      }
    }
    this.parseAffinity();
  }

  get hasAffinity(): boolean {
    const a = this.pod.spec?.affinity;
    return !!a && (!!a.podAffinity || !!a.podAntiAffinity);
  }

  get hasRequiredAntiAffinity(): boolean {
    return (this.pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0;
  }

  private parseAffinity(): void {
    const a = this.pod.spec?.affinity;
    if (!a) return;
    const weighted = (ts: readonly WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] =>
      (ts ?? []).map((w) => ({ ...newTerm(this.pod, w.podAffinityTerm), weight: w.weight }));
    try {
      this.requiredAffinityTerms = (a.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => newTerm(this.pod, t));
      this.requiredAntiAffinityTerms = (a.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
        newTerm(this.pod, t),
      );
      this.preferredAffinityTerms = weighted(a.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
      this.preferredAntiAffinityTerms = weighted(a.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
    } catch (err) {
      this.parseError = err instanceof Error ? err.message : String(err);
    }
  }
}
