/**
 * Strategic merge metadata of the built-in types: which lists merge element by element
 * and by which key (the patchMergeKey / patchStrategy tags of the Kubernetes Go types).
 * Shared by the API server (applying patches) and the client (kubectl apply's patches).
 */

/** Lists of objects merged by a key field. */
export const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  conditions: 'type',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  ownerReferences: 'uid',
  resourceClaims: 'name',
  taints: 'key',
};

/** Lists of scalars merged as sets. */
export const MERGE_PRIMITIVES: ReadonlySet<string> = new Set(['finalizers']);

/** The merge key of a list field; `ports` depends on whose ports they are. */
export function mergeKeyFor(field: string, items: readonly unknown[]): string | undefined {
  if (field === 'ports') {
    const first = items.find((x): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x));
    if (first && 'containerPort' in first) return 'containerPort';
    if (first && 'port' in first) return 'port';
    return undefined;
  }
  return MERGE_KEYS[field];
}
