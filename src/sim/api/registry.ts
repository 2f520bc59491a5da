/**
 * The resource registry: what the API server serves and how kubectl-style names resolve
 * to it. Lookups mirror the RESTMapper plus kubectl's short-name expansion.
 */
import { BUILTIN_RESOURCES, GROUP_ORDER, SUBRESOURCE_VERBS } from './resources';
import type { ResourceInfo } from './types';

export interface APIGroupInfo {
  /** '' for the legacy core group served under /api. */
  name: string;
  versions: string[];
  preferredVersion: string;
}

function groupRank(order: readonly string[], group: string): number {
  const i = order.indexOf(group);
  return i < 0 ? order.length : i;
}

export class ResourceRegistry {
  private readonly list: readonly ResourceInfo[];

  constructor(resources: readonly ResourceInfo[], groupOrder: readonly string[] = GROUP_ORDER) {
    // Stable sort by group priority, so the first match of a shared name is kubectl's choice.
    this.list = [...resources].sort((a, b) => groupRank(groupOrder, a.group) - groupRank(groupOrder, b.group));
  }

  all(): readonly ResourceInfo[] {
    return this.list;
  }

  byResource(group: string, plural: string): ResourceInfo | undefined {
    return this.list.find((r) => r.group === group && r.plural === plural);
  }

  byGroupVersionResource(group: string, version: string, plural: string): ResourceInfo | undefined {
    return this.list.find((r) => r.group === group && r.version === version && r.plural === plural);
  }

  /** apiVersion as written in an object ('v1', 'apps/v1') and its kind. */
  byKind(apiVersion: string, kind: string): ResourceInfo | undefined {
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    return this.list.find((r) => r.group === group && r.version === version && r.kind === kind);
  }

  /** Resources in a category, as `kubectl get all` expands it. */
  byCategory(category: string): ResourceInfo[] {
    return this.list.filter((r) => r.categories.includes(category));
  }

  /**
   * kubectl's reading of a resource argument: plural, singular, short name or kind, in any
   * case, optionally qualified as `name.group` or `name.version.group`.
   */
  resolve(nameOrShortName: string): ResourceInfo | undefined {
    const arg = nameOrShortName.trim().toLowerCase();
    if (arg === '') return undefined;
    const parts = arg.split('.');
    const head = parts[0] as string;
    if (parts.length >= 3) {
      const version = parts[1] as string;
      const group = parts.slice(2).join('.');
      const hit = this.find(head, (r) => r.group === group && r.version === version);
      if (hit) return hit;
    }
    if (parts.length >= 2) {
      const group = parts.slice(1).join('.');
      const hit = this.find(head, (r) => r.group === group);
      if (hit) return hit;
    }
    return parts.length === 1 ? this.find(head, () => true) : undefined;
  }

  private find(name: string, scope: (r: ResourceInfo) => boolean): ResourceInfo | undefined {
    const inScope = this.list.filter(scope);
    return (
      inScope.find((r) => r.plural === name) ??
      inScope.find((r) => r.singular === name) ??
      inScope.find((r) => r.shortNames.includes(name)) ??
      inScope.find((r) => r.kind.toLowerCase() === name)
    );
  }

  /** API groups in discovery order, each with its versions and preferred version. */
  groups(): APIGroupInfo[] {
    const out: APIGroupInfo[] = [];
    for (const r of this.list) {
      let g = out.find((x) => x.name === r.group);
      if (!g) {
        g = { name: r.group, versions: [], preferredVersion: r.version };
        out.push(g);
      }
      if (!g.versions.includes(r.version)) g.versions.push(r.version);
    }
    return out;
  }

  /** Verbs a subresource answers to, or undefined when the resource has no such subresource. */
  subresourceVerbs(info: ResourceInfo, subresource: string): readonly string[] | undefined {
    if (!info.subresources.includes(subresource)) return undefined;
    return SUBRESOURCE_VERBS[subresource] ?? ['get'];
  }
}

/** The resources of the simulated 1.33 cluster. */
export const defaultRegistry = new ResourceRegistry(BUILTIN_RESOURCES);

/** The etcd key of an object as kube-apiserver stores it: /registry/<prefix>/<ns>/<name>. */
export function etcdKey(info: ResourceInfo, namespace: string | undefined, name: string): string {
  return info.namespaced ? `/registry/${info.etcdPrefix}/${namespace ?? ''}/${name}` : `/registry/${info.etcdPrefix}/${name}`;
}

/** The key prefix that lists a resource, in one namespace or across all of them. */
export function etcdPrefix(info: ResourceInfo, namespace?: string): string {
  return info.namespaced && namespace ? `/registry/${info.etcdPrefix}/${namespace}/` : `/registry/${info.etcdPrefix}/`;
}
