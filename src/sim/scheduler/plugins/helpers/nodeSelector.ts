/**
 * component-helpers' nodeaffinity: a pod's required node affinity (spec.nodeSelector AND the
 * required terms, the terms ORed) and its preferred terms, matched against a node.
 */
import type { NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from 'kubernetes-types/core/v1';
import { newRequirement, Selector, selectorFromSet, type Requirement } from '../../../api/selectors';
import type { NodeObj } from '../../framework/types';

const OPS: Record<string, string> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt' };

/** A compiled node selector term; undefined when it cannot match anything (empty or invalid). */
interface CompiledTerm {
  labels: Selector;
  fields: Requirement[];
}

function compileRequirements(reqs: readonly NodeSelectorRequirement[]): Requirement[] {
  return reqs.map((r) => {
    const op = OPS[r.operator];
    if (!op) throw new Error(`${r.operator} is not a valid node selector operator`);
    return newRequirement(r.key, op, r.values ?? []);
  });
}

export function compileTerm(term: NodeSelectorTerm): CompiledTerm | undefined {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return undefined;
  // Only metadata.name with In or NotIn and exactly one value is a valid field requirement.
  if (fields.some((f) => f.key !== 'metadata.name' || (f.operator !== 'In' && f.operator !== 'NotIn') || (f.values ?? []).length !== 1)) {
    return undefined;
  }
  const fieldReqs: Requirement[] = fields.map((f) => ({ key: f.key, operator: f.operator === 'In' ? 'in' : 'notin', values: f.values ?? [] }));
  try {
    return { labels: Selector.of(compileRequirements(exprs)), fields: fieldReqs };
  } catch {
    return undefined;
  }
}

function termMatches(t: CompiledTerm, node: NodeObj): boolean {
  if (!t.labels.matches(node.metadata.labels)) return false;
  const name = node.metadata.name ?? '';
  return t.fields.every((f) => (f.operator === 'in' ? f.values.includes(name) : !f.values.includes(name)));
}

/** nodeaffinity.RequiredNodeAffinity. */
export class RequiredNodeAffinity {
  private readonly selector: Selector | undefined;
  private readonly terms: (CompiledTerm | undefined)[] | undefined;

  constructor(pod: Pod) {
    const ns = pod.spec?.nodeSelector;
    this.selector = ns && Object.keys(ns).length > 0 ? selectorFromSet(ns) : undefined;
    const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.terms = req ? (req.nodeSelectorTerms ?? []).map(compileTerm) : undefined;
  }

  get empty(): boolean {
    return !this.selector && !this.terms;
  }

  match(node: NodeObj): boolean {
    if (this.selector && !this.selector.matches(node.metadata.labels)) return false;
    if (this.terms) return this.terms.some((t) => t !== undefined && termMatches(t, node));
    return true;
  }
}

/** nodeaffinity.PreferredSchedulingTerms: the sum of the weights of the terms the node matches. */
export class PreferredSchedulingTerms {
  private readonly terms: { weight: number; term: CompiledTerm }[] = [];

  constructor(terms: readonly PreferredSchedulingTerm[] | undefined) {
    for (const t of terms ?? []) {
      if (!t.weight) continue;
      const c = compileTerm(t.preference);
      if (c) this.terms.push({ weight: t.weight, term: c });
    }
  }

  get size(): number {
    return this.terms.length;
  }

  score(node: NodeObj): number {
    let s = 0;
    for (const t of this.terms) if (termMatches(t.term, node)) s += t.weight;
    return s;
  }
}
