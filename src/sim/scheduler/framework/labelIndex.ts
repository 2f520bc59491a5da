/**
 * An index of the assigned pods by namespace and label, so that topology spreading and
 * inter-pod affinity find the pods a selector matches without walking every pod of a
 * 150,000-pod cluster: a query starts from the smallest posting list its requirements allow.
 */
import type { Selector } from '../../api/selectors';
import type { PodInfo } from './podInfo';

interface NamespaceIndex {
  all: Set<PodInfo>;
  byKeyValue: Map<string, Set<PodInfo>>;
  byKey: Map<string, Set<PodInfo>>;
}

function addTo<K>(m: Map<K, Set<PodInfo>>, k: K, p: PodInfo): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(p);
}

function removeFrom<K>(m: Map<K, Set<PodInfo>>, k: K, p: PodInfo): void {
  const s = m.get(k);
  if (!s) return;
  s.delete(p);
  if (s.size === 0) m.delete(k);
}

const kv = (k: string, v: string): string => `${k}\u0000${v}`;

export class PodLabelIndex {
  private readonly byNamespace = new Map<string, NamespaceIndex>();

  add(p: PodInfo): void {
    let ns = this.byNamespace.get(p.namespace);
    if (!ns) this.byNamespace.set(p.namespace, (ns = { all: new Set(), byKeyValue: new Map(), byKey: new Map() }));
    ns.all.add(p);
    for (const [k, v] of Object.entries(p.labels)) {
      addTo(ns.byKeyValue, kv(k, v), p);
      addTo(ns.byKey, k, p);
    }
  }

  remove(p: PodInfo): void {
    const ns = this.byNamespace.get(p.namespace);
    if (!ns) return;
    ns.all.delete(p);
    for (const [k, v] of Object.entries(p.labels)) {
      removeFrom(ns.byKeyValue, kv(k, v), p);
      removeFrom(ns.byKey, k, p);
    }
    if (ns.all.size === 0) this.byNamespace.delete(p.namespace);
  }

  namespaces(): IterableIterator<string> {
    return this.byNamespace.keys();
  }

  /** Pods in the given namespaces (all when undefined) whose labels the selector matches. */
  select(selector: Selector, namespaces?: Iterable<string>): PodInfo[] {
    if (selector.isNothing()) return [];
    const out: PodInfo[] = [];
    for (const name of namespaces ?? this.byNamespace.keys()) {
      const ns = this.byNamespace.get(name);
      if (!ns) continue;
      for (const p of this.candidates(ns, selector)) if (selector.matches(p.labels)) out.push(p);
    }
    return out;
  }

  private candidates(ns: NamespaceIndex, selector: Selector): Iterable<PodInfo> {
    let best: Iterable<PodInfo> = ns.all;
    let bestSize = ns.all.size;
    for (const r of selector.requirements) {
      if (r.operator === 'in' || r.operator === '=' || r.operator === '==') {
        const lists = r.values.map((v) => ns.byKeyValue.get(kv(r.key, v))).filter((s): s is Set<PodInfo> => !!s);
        const size = lists.reduce((n, s) => n + s.size, 0);
        if (size < bestSize) {
          bestSize = size;
          best = lists.length === 1 ? (lists[0] as Set<PodInfo>) : lists.flatMap((s) => [...s]);
        }
      } else if (r.operator === 'exists') {
        const s = ns.byKey.get(r.key);
        const size = s?.size ?? 0;
        if (size < bestSize) {
          bestSize = size;
          best = s ?? [];
        }
      }
    }
    return best;
  }
}
