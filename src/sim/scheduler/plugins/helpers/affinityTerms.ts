/**
 * interpodaffinity's term bookkeeping: counts of matching pods per topology pair, and the
 * namespaces a term covers (namespaceSelector resolved to names, as the plugin merges it).
 */
import { Selector, type Labels } from '../../../api/selectors';
import type { Handle } from '../../framework/interface';
import { termMatches, type AffinityTerm, type PodInfo } from '../../framework/podInfo';

export const pairKey = (key: string, value: string): string => `${key}\u0000${value}`;

/** topologyToMatchedTermCount. */
export class TopologyCounts {
  readonly m = new Map<string, number>();

  get size(): number {
    return this.m.size;
  }

  get(key: string, value: string): number {
    return this.m.get(pairKey(key, value)) ?? 0;
  }

  /** update: count the pair of the node's value for this key; pairs at 0 vanish. */
  update(labels: Readonly<Record<string, string>>, topologyKey: string, delta: number): void {
    const v = labels[topologyKey];
    if (v === undefined) return;
    const k = pairKey(topologyKey, v);
    const n = (this.m.get(k) ?? 0) + delta;
    if (n === 0) this.m.delete(k);
    else this.m.set(k, n);
  }

  clone(): TopologyCounts {
    const c = new TopologyCounts();
    for (const [k, v] of this.m) c.m.set(k, v);
    return c;
  }
}

/**
 * mergeAffinityTermNamespacesIfNotEmpty: a namespaceSelector other than "everything" becomes
 * the names it selects today, so later matching needs no namespace labels.
 */
export function mergeTermNamespaces(h: Handle, t: AffinityTerm): AffinityTerm {
  if (t.namespaceSelector.empty() || t.namespaceSelector.isNothing()) return t;
  const namespaces = new Set(t.namespaces);
  for (const ns of h.listers.namespaces()) if (t.namespaceSelector.matches(h.listers.namespaceLabels(ns))) namespaces.add(ns);
  return { ...t, namespaces, namespaceSelector: Selector.nothing() };
}

/** The namespaces to search for a term's pods; undefined means every namespace. */
export function termNamespaces(t: AffinityTerm): Iterable<string> | undefined {
  return t.namespaceSelector.empty() ? undefined : t.namespaces;
}

/** Assigned pods on existing nodes that the (merged) term matches, namespace labels not needed. */
export function podsMatchingTerm(h: Handle, t: AffinityTerm): PodInfo[] {
  return h.cache.labelIndex.select(t.selector, termNamespaces(t)).filter((p) => termMatches(t, p, undefined) && h.cache.get(p.nodeName));
}

/** podMatchesAllAffinityTerms: false for an empty list. */
export function matchesAllTerms(terms: readonly AffinityTerm[], pod: PodInfo, nsLabels?: Labels): boolean {
  if (terms.length === 0) return false;
  return terms.every((t) => termMatches(t, pod, nsLabels));
}
