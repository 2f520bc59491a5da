/**
 * What server-side apply needs to know of the built-in types' shapes, from their
 * x-kubernetes-list-type / list-map-keys / map-type markers: which lists are keyed maps
 * (and by which fields), which are sets, which structs and maps are atomic, and which
 * struct fields Go always serializes (so they never count as "added" on create).
 */

export type ListKind = { type: 'map'; keys: readonly string[] } | { type: 'set' } | { type: 'atomic' };

const MAP_LISTS: Readonly<Record<string, readonly string[]>> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  imagePullSecrets: ['name'],
  hostAliases: ['ip'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
  schedulingGates: ['name'],
  resourceClaims: ['name'],
  ownerReferences: ['uid'],
  conditions: ['type'],
  podIPs: ['ip'],
  hostIPs: ['ip'],
  addresses: ['type'],
};

const SET_LISTS: ReadonlySet<string> = new Set(['finalizers']);

/** Maps and structs replaced as a whole (structType=atomic, mapType=atomic). */
const ATOMIC_FIELDS: ReadonlySet<string> = new Set([
  'selector', 'nodeSelector', 'labelSelector', 'namespaceSelector', 'podSelector',
  'fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef',
]);

/**
 * Struct fields that are never nil in Go (non-pointer structs, slices without omitempty):
 * a fresh object already has them, so creating one does not add them as items of their own.
 */
const ALWAYS_PRESENT: ReadonlySet<string> = new Set([
  'metadata', 'spec', 'status', 'template', 'strategy', 'updateStrategy', 'jobTemplate',
  'resources', 'containers',
]);

/** Default values of list-map key fields that a config may leave out. */
const KEY_DEFAULTS: Readonly<Record<string, unknown>> = { protocol: 'TCP' };

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function listKindOf(field: string, items: readonly unknown[]): ListKind {
  if (SET_LISTS.has(field)) return { type: 'set' };
  if (field === 'ports') {
    const first = items.find(isObj);
    if (first && 'containerPort' in first) return { type: 'map', keys: ['containerPort', 'protocol'] };
    if (first && 'port' in first) return { type: 'map', keys: ['port', 'protocol'] };
    return { type: 'atomic' };
  }
  const keys = MAP_LISTS[field];
  if (keys) return { type: 'map', keys };
  return { type: 'atomic' };
}

export function isAtomicField(field: string): boolean {
  return ATOMIC_FIELDS.has(field);
}

export function isAlwaysPresent(field: string): boolean {
  return ALWAYS_PRESENT.has(field);
}

/** The key of one item of a keyed list: sorted names, as fieldsV1 writes `k:{...}`. */
export function itemKey(item: unknown, keys: readonly string[]): Record<string, unknown> | undefined {
  if (!isObj(item)) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of [...keys].sort()) {
    const v = item[k] ?? KEY_DEFAULTS[k];
    if (v === undefined) continue;
    out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
