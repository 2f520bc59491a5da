/**
 * API discovery documents from the resource registry: the classic /api, /apis and
 * APIResourceList per group-version, and aggregated discovery (apidiscovery.k8s.io/v2
 * APIGroupDiscoveryList) that kubectl asks for first.
 */
import type { ResourceRegistry } from '../sim/api/registry';
import type { ResourceInfo } from '../sim/api/types';
import { SUBRESOURCE_KINDS, SUBRESOURCE_VERBS } from '../sim/api/resources';

type Json = Record<string, unknown>;

const gv = (group: string, version: string): string => (group === '' ? version : `${group}/${version}`);

function subresourceKind(info: ResourceInfo, sub: string): { group: string; version: string; kind: string } {
  return SUBRESOURCE_KINDS[sub] ?? { group: info.group, version: info.version, kind: info.kind };
}

function subVerbs(sub: string): string[] {
  return [...(SUBRESOURCE_VERBS[sub] ?? ['get'])];
}

/** GET /api: the legacy group's versions. */
export function apiVersions(serverAddress: string): Json {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(g: { name: string; versions: string[]; preferredVersion: string }): Json {
  return {
    name: g.name,
    versions: g.versions.map((v) => ({ groupVersion: gv(g.name, v), version: v })),
    preferredVersion: { groupVersion: gv(g.name, g.preferredVersion), version: g.preferredVersion },
  };
}

/** GET /apis */
export function apiGroupList(registry: ResourceRegistry): Json {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: registry.groups().filter((g) => g.name !== '').map(apiGroup) };
}

/** GET /apis/<group>, or undefined for a group not served. */
export function apiGroupDoc(registry: ResourceRegistry, group: string): Json | undefined {
  const g = registry.groups().find((x) => x.name === group && group !== '');
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) } : undefined;
}

/** GET /api/v1, /apis/<group>/<version>: the APIResourceList, or undefined. */
export function apiResourceList(registry: ResourceRegistry, group: string, version: string): Json | undefined {
  const infos = registry.all().filter((r) => r.group === group && r.version === version);
  if (infos.length === 0) return undefined;
  const resources: Json[] = [];
  for (const r of [...infos].sort((a, b) => a.plural.localeCompare(b.plural))) {
    const entry: Json = { name: r.plural, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: [...r.verbs] };
    if (r.shortNames.length > 0) entry.shortNames = [...r.shortNames];
    if (r.categories.length > 0) entry.categories = [...r.categories];
    resources.push(entry);
    for (const sub of [...r.subresources].sort()) {
      const k = subresourceKind(r, sub);
      const s: Json = { name: `${r.plural}/${sub}`, singularName: '', namespaced: r.namespaced, kind: k.kind, verbs: subVerbs(sub) };
      if (k.group !== r.group) s.group = k.group;
      if (k.version !== r.version) s.version = k.version;
      resources.push(s);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv(group, version), resources };
}

function discoveryResource(r: ResourceInfo): Json {
  const out: Json = {
    resource: r.plural,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: [...r.verbs],
  };
  if (r.shortNames.length > 0) out.shortNames = [...r.shortNames];
  if (r.categories.length > 0) out.categories = [...r.categories];
  if (r.subresources.length > 0) {
    out.subresources = [...r.subresources].sort().map((sub) => ({
      subresource: sub,
      responseKind: subresourceKind(r, sub),
      verbs: subVerbs(sub),
    }));
  }
  return out;
}

/**
 * Aggregated discovery: for /api the legacy group alone, for /apis every named group; each
 * group's versions with their resources.
 */
export function aggregatedDiscovery(registry: ResourceRegistry, legacy: boolean, version: 'v2' | 'v2beta1'): Json {
  const items = registry
    .groups()
    .filter((g) => (g.name === '') === legacy)
    .map((g) => ({
      metadata: g.name === '' ? { creationTimestamp: null } : { name: g.name, creationTimestamp: null },
      versions: g.versions.map((v) => ({
        version: v,
        resources: registry
          .all()
          .filter((r) => r.group === g.name && r.version === v)
          .slice()
          .sort((a, b) => a.plural.localeCompare(b.plural))
          .map(discoveryResource),
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}
