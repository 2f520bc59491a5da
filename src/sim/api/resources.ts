/**
 * The built-in resources this simulated kube-apiserver serves, as a 1.33 server lists them
 * in discovery: short names, verbs, categories and the etcd key prefix its storage uses
 * (plural by default; the few legacy exceptions come from
 * kubeapiserver.SpecialDefaultResourcePrefixes).
 */
import type { ResourceInfo } from './types';

/** Discovery lists verbs sorted; most built-ins serve all eight. */
const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
/** Namespaces cannot be deleted as a collection. */
const NO_COLLECTION = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

interface Row {
  group: string;
  kind: string;
  plural: string;
  short?: string[];
  namespaced?: boolean;
  sub?: string[];
  verbs?: string[];
  all?: boolean;
  etcd?: string;
}

function row(r: Row): ResourceInfo {
  return {
    group: r.group,
    version: 'v1',
    kind: r.kind,
    plural: r.plural,
    singular: r.kind.toLowerCase(),
    shortNames: r.short ?? [],
    namespaced: r.namespaced ?? true,
    subresources: r.sub ?? [],
    verbs: r.verbs ?? ALL_VERBS,
    categories: r.all ? ['all'] : [],
    etcdPrefix: r.etcd ?? r.plural,
  };
}

/**
 * Groups in discovery order, which is the aggregator's group priority (core 18000,
 * apps 17800, events.k8s.io 17750, batch 17400, rbac 17000, scheduling 16600,
 * coordination 16500, discovery 16200). kubectl prefers the earlier group when a short
 * name is shared (ev: core events before events.k8s.io).
 */
export const GROUP_ORDER = [
  '',
  'apps',
  'events.k8s.io',
  'batch',
  'rbac.authorization.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
];

const RBAC = 'rbac.authorization.k8s.io';

export const BUILTIN_RESOURCES: readonly ResourceInfo[] = [
  row({ group: '', kind: 'ConfigMap', plural: 'configmaps', short: ['cm'] }),
  row({ group: '', kind: 'Endpoints', plural: 'endpoints', short: ['ep'], etcd: 'services/endpoints' }),
  row({ group: '', kind: 'Event', plural: 'events', short: ['ev'] }),
  row({
    group: '',
    kind: 'Namespace',
    plural: 'namespaces',
    short: ['ns'],
    namespaced: false,
    sub: ['finalize', 'status'],
    verbs: NO_COLLECTION,
  }),
  row({ group: '', kind: 'Node', plural: 'nodes', short: ['no'], namespaced: false, sub: ['status'], etcd: 'minions' }),
  row({ group: '', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', short: ['pvc'], sub: ['status'] }),
  row({ group: '', kind: 'PersistentVolume', plural: 'persistentvolumes', short: ['pv'], namespaced: false, sub: ['status'] }),
  row({ group: '', kind: 'Pod', plural: 'pods', short: ['po'], sub: ['binding', 'eviction', 'log', 'status'], all: true }),
  row({ group: '', kind: 'Secret', plural: 'secrets' }),
  row({ group: '', kind: 'ServiceAccount', plural: 'serviceaccounts', short: ['sa'] }),
  row({ group: '', kind: 'Service', plural: 'services', short: ['svc'], sub: ['status'], all: true, etcd: 'services/specs' }),
  row({ group: 'apps', kind: 'ControllerRevision', plural: 'controllerrevisions' }),
  row({ group: 'apps', kind: 'DaemonSet', plural: 'daemonsets', short: ['ds'], sub: ['status'], all: true }),
  row({ group: 'apps', kind: 'Deployment', plural: 'deployments', short: ['deploy'], sub: ['scale', 'status'], all: true }),
  row({ group: 'apps', kind: 'ReplicaSet', plural: 'replicasets', short: ['rs'], sub: ['scale', 'status'], all: true }),
  row({ group: 'apps', kind: 'StatefulSet', plural: 'statefulsets', short: ['sts'], sub: ['scale', 'status'], all: true }),
  // Shares etcd keys with core events: the two are one stored resource seen through two groups.
  row({ group: 'events.k8s.io', kind: 'Event', plural: 'events', short: ['ev'] }),
  row({ group: 'batch', kind: 'CronJob', plural: 'cronjobs', short: ['cj'], sub: ['status'], all: true }),
  row({ group: 'batch', kind: 'Job', plural: 'jobs', sub: ['status'], all: true }),
  row({ group: RBAC, kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', namespaced: false }),
  row({ group: RBAC, kind: 'ClusterRole', plural: 'clusterroles', namespaced: false }),
  row({ group: RBAC, kind: 'RoleBinding', plural: 'rolebindings' }),
  row({ group: RBAC, kind: 'Role', plural: 'roles' }),
  row({ group: 'scheduling.k8s.io', kind: 'PriorityClass', plural: 'priorityclasses', short: ['pc'], namespaced: false }),
  row({ group: 'coordination.k8s.io', kind: 'Lease', plural: 'leases' }),
  row({ group: 'discovery.k8s.io', kind: 'EndpointSlice', plural: 'endpointslices' }),
];

/** Verbs discovery lists for each subresource (pods/log is get only, pods/binding create only...). */
export const SUBRESOURCE_VERBS: Readonly<Record<string, readonly string[]>> = {
  status: ['get', 'patch', 'update'],
  scale: ['get', 'patch', 'update'],
  finalize: ['update'],
  binding: ['create'],
  eviction: ['create'],
  log: ['get'],
};

/** The kind a subresource reads and writes, when it is not the parent's own kind. */
export const SUBRESOURCE_KINDS: Readonly<Record<string, { group: string; version: string; kind: string }>> = {
  scale: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
  binding: { group: '', version: 'v1', kind: 'Binding' },
  eviction: { group: 'policy', version: 'v1', kind: 'Eviction' },
};
