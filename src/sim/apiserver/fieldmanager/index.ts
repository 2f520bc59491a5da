/**
 * apiserver/fieldmanager: metadata.managedFields and server-side apply, after
 * k8s.io/apiserver's fieldmanager and sigs.k8s.io/structured-merge-diff. Imports sim/core,
 * sim/api and the apiserver's request types only.
 */
import type { KubeObject, ResourceInfo } from '../../api/types';
import { apiVersionOf } from '../../api/types';
import type { ApiRequest } from '../types';
import { field, type FieldPath } from './fieldset';
import { decodeManagers, encodeManagers, recordApply, recordUpdate, type OperationInfo } from './managers';

export { FieldSet, pathString } from './fieldset';
export { appliedFieldSet, compareObjects } from './walk';
export { applyConflict, decodeManagers, encodeManagers } from './managers';

type Obj = Record<string, unknown>;

/** Fields no manager owns: type and identity metadata the server sets (stripMetaManager). */
const STRIPPED: readonly FieldPath[] = [
  [field('apiVersion')],
  [field('kind')],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'generation', 'managedFields', 'resourceVersion',
    'deletionTimestamp', 'deletionGracePeriodSeconds'].map((f) => [field('metadata'), field(f)]),
];

/** The strategy's reset fields: status for the main resource, spec for the status subresource. */
function ignoredPaths(info: ResourceInfo, subresource: string | undefined): FieldPath[] {
  if (subresource === 'status') return [...STRIPPED, [field('spec')]];
  if (info.subresources.includes('status')) return [...STRIPPED, [field('status')]];
  return [...STRIPPED];
}

/** The user agent a component sends, when the request names none. */
function defaultUserAgent(req: ApiRequest): string {
  const u = req.user.username;
  if (u === 'system:kube-controller-manager' || u.startsWith('system:serviceaccount:kube-system:')) return 'kube-controller-manager/v1.33.0';
  if (u === 'system:kube-scheduler') return 'kube-scheduler/v1.33.0';
  if (u.startsWith('system:node:')) return 'kubelet/v1.33.0';
  if (u === 'system:kube-proxy') return 'kube-proxy/v1.33.0';
  if (u === 'system:apiserver') return 'kube-apiserver/v1.33.0';
  return 'kubectl/v1.33.0';
}

/** managerOrUserAgent: the fieldManager, else the user agent up to its first '/'. */
export function managerOf(req: ApiRequest): string {
  const explicit = req.query?.fieldManager;
  if (explicit) return explicit;
  const ua = req.userAgent ?? defaultUserAgent(req);
  let out = '';
  for (const ch of ua.split('/')[0] ?? '') {
    if (/\p{C}/u.test(ch)) continue;
    if (out.length + ch.length > 128) break;
    out += ch;
  }
  return out;
}

function op(info: ResourceInfo, req: ApiRequest, now: number, subresource: string | undefined): OperationInfo {
  return { manager: managerOf(req), apiVersion: apiVersionOf(info), subresource, now, ignored: ignoredPaths(info, subresource) };
}

/**
 * The managers an object starts from: those the request carries (a client may set them; an
 * empty list resets them), else the stored object's.
 */
function baseManagers(before: KubeObject | undefined, after: KubeObject, subresource: string | undefined) {
  const given = after.metadata.managedFields;
  if (subresource === undefined && Array.isArray(given)) {
    if (given.length === 0) return [];
    return decodeManagers(given);
  }
  return decodeManagers(before?.metadata.managedFields);
}

/** Records an Update (create, PUT or non-apply PATCH) in `after.metadata.managedFields`. */
export function trackUpdate(info: ResourceInfo, req: ApiRequest, before: KubeObject | undefined, after: KubeObject, now: number, subresource?: string): void {
  const managers = baseManagers(before, after, subresource);
  const next = recordUpdate(managers, strip(before), strip(after) as Obj, op(info, req, now, subresource));
  setManaged(after, next.length > 0 ? encodeManagers(next) : undefined);
}

/**
 * Server-side apply of `config` onto `live` (undefined for a create). Returns the object to
 * write, with its managedFields; throws the 409 of a conflict unless `force`.
 */
export function trackApply(info: ResourceInfo, req: ApiRequest, live: KubeObject | undefined, config: KubeObject, now: number, subresource?: string): KubeObject {
  const managers = decodeManagers(live?.metadata.managedFields);
  const res = recordApply(managers, strip(live), config as unknown as Obj, op(info, req, now, subresource), req.query?.force === true);
  const obj = (res.object ?? strip(live) ?? {}) as unknown as KubeObject;
  setManaged(obj, encodeManagers(res.managers));
  return obj;
}

function strip(obj: KubeObject | undefined): Obj | undefined {
  if (!obj) return undefined;
  const { managedFields: _m, ...meta } = obj.metadata;
  return { ...(obj as unknown as Obj), metadata: meta };
}

function setManaged(obj: KubeObject, entries: unknown[] | undefined): void {
  const meta = { ...obj.metadata };
  delete meta.managedFields;
  if (entries && entries.length > 0) meta.managedFields = entries as KubeObject['metadata']['managedFields'];
  obj.metadata = meta;
}
