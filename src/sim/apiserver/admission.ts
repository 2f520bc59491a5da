/**
 * Mutating and validating admission, in kube-apiserver's order for the plugins this
 * cluster runs: NamespaceLifecycle, ServiceAccount, DefaultTolerationSeconds, Priority.
 */
import type { KubeObject, ResourceInfo } from '../api/types';
import { newForbidden, newForbiddenError, newNotFound, StatusError } from '../api/errors';
import { randomSuffix } from '../core';
import type { ServerContext } from './context';
import { readKey } from './context';
import type { ApiRequest } from './types';

export interface AdmissionResult {
  /** Plugins that changed the object, for the trace. */
  mutatedBy: string[];
}

const NAMESPACES = { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace', namespaced: false, etcdPrefix: 'namespaces' };
const SERVICE_ACCOUNTS = { group: '', version: 'v1', plural: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true, etcdPrefix: 'serviceaccounts' };
const PRIORITY_CLASSES = { group: 'scheduling.k8s.io', version: 'v1', plural: 'priorityclasses', kind: 'PriorityClass', namespaced: false, etcdPrefix: 'priorityclasses' };

/** Namespaces whose objects exist before any namespace object (as upstream's immortal set). */
const IMMORTAL = new Set(['default', 'kube-system', 'kube-public']);

export function admit(ctx: ServerContext, info: ResourceInfo, req: ApiRequest, obj: KubeObject, op: 'create' | 'update'): AdmissionResult {
  const mutatedBy: string[] = [];
  if (op === 'create') namespaceLifecycle(ctx, info, obj);
  if (info.group === '' && info.plural === 'pods' && op === 'create' && !req.subresource) {
    if (serviceAccount(ctx, obj)) mutatedBy.push('ServiceAccount');
    if (defaultTolerationSeconds(obj)) mutatedBy.push('DefaultTolerationSeconds');
    if (priority(ctx, obj)) mutatedBy.push('Priority');
  }
  return { mutatedBy };
}

function namespaceLifecycle(ctx: ServerContext, info: ResourceInfo, obj: KubeObject): void {
  if (!info.namespaced) return;
  const ns = obj.metadata.namespace ?? '';
  const kv = readKey(ctx, NAMESPACES as ResourceInfo, undefined, ns);
  if (!kv) {
    if (IMMORTAL.has(ns)) return;
    throw newNotFound(NAMESPACES as ResourceInfo, ns);
  }
  const nsObj = kv.value as unknown as KubeObject;
  if ((nsObj.status as { phase?: string } | undefined)?.phase === 'Terminating') {
    const err = newForbiddenError(info, admissionName(obj), `unable to create new content in namespace ${ns} because it is being terminated`);
    err.status.details = {
      ...err.status.details,
      causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }],
    };
    throw err;
  }
}

/** admission.extractResourceName: the name, else the generateName prefix, else "Unknown". */
function admissionName(obj: KubeObject): string {
  return obj.metadata.name || obj.metadata.generateName || 'Unknown';
}

interface PodSpecLike {
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  volumes?: { name: string; [k: string]: unknown }[];
  containers?: { volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[] }[];
  initContainers?: { volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[] }[];
  tolerations?: { key?: string; operator?: string; effect?: string; tolerationSeconds?: number }[];
  priorityClassName?: string;
  priority?: number;
  preemptionPolicy?: string;
}

const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

function serviceAccount(ctx: ServerContext, pod: KubeObject): boolean {
  const spec = (pod.spec ?? {}) as PodSpecLike;
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror']) return false;
  const name = spec.serviceAccountName || spec.serviceAccount || 'default';
  const ns = pod.metadata.namespace ?? 'default';
  const sa = readKey(ctx, SERVICE_ACCOUNTS as ResourceInfo, ns, name);
  if (!sa) {
    throw new StatusError({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `pods "${admissionName(pod)}" is forbidden: error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`,
      reason: 'Forbidden',
      details: { name: admissionName(pod), kind: 'pods' },
      code: 403,
    });
  }
  spec.serviceAccountName = name;
  spec.serviceAccount = name;
  const saObj = sa.value as { automountServiceAccountToken?: boolean };
  const automount = spec.automountServiceAccountToken ?? saObj.automountServiceAccountToken ?? true;
  const mounted = (spec.containers ?? []).some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === TOKEN_PATH));
  if (automount && !mounted) {
    const volName = `kube-api-access-${randomSuffix(ctx.rng)}`;
    spec.volumes = [...(spec.volumes ?? []), tokenVolume(volName)];
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      c.volumeMounts = [...(c.volumeMounts ?? []), { name: volName, readOnly: true, mountPath: TOKEN_PATH }];
    }
  }
  pod.spec = spec;
  return true;
}

function tokenVolume(name: string): { name: string; [k: string]: unknown } {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
    },
  };
}

function defaultTolerationSeconds(pod: KubeObject): boolean {
  const spec = (pod.spec ?? {}) as PodSpecLike;
  const tolerations = spec.tolerations ?? [];
  let changed = false;
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const has = tolerations.some(
      (t) => (t.key === key || (t.operator === 'Exists' && !t.key)) && (!t.effect || t.effect === 'NoExecute'),
    );
    if (!has) {
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
      changed = true;
    }
  }
  spec.tolerations = tolerations;
  pod.spec = spec;
  return changed;
}

function priority(ctx: ServerContext, pod: KubeObject): boolean {
  const spec = (pod.spec ?? {}) as PodSpecLike;
  let value = 0;
  let policy = 'PreemptLowerPriority';
  if (spec.priorityClassName) {
    const pc = readKey(ctx, PRIORITY_CLASSES as ResourceInfo, undefined, spec.priorityClassName);
    if (!pc) {
      throw newForbidden(
        { group: '', plural: 'pods' } as ResourceInfo,
        admissionName(pod),
        '',
        'create',
        `no PriorityClass with name ${spec.priorityClassName} was found`,
      );
    }
    const pcObj = pc.value as { value?: number; preemptionPolicy?: string };
    value = pcObj.value ?? 0;
    policy = pcObj.preemptionPolicy ?? policy;
  }
  spec.priority = value;
  spec.preemptionPolicy = spec.preemptionPolicy ?? policy;
  pod.spec = spec;
  return true;
}
