/**
 * sim/api/validation: kube-apiserver's validation (Kubernetes 1.33) for the built-in
 * kinds, with upstream's field paths and messages. It runs on objects after defaulting,
 * as the API server does (decode, default, admit, validate); fields a Go struct would
 * hold as zero values read as such. Before validating, the API server does what its
 * registry and strategies do upstream: namespace from the URL (cleared for cluster-scoped
 * kinds), uid and creationTimestamp on create, resourceVersion on an unconditional
 * update, a Job's generated selector and labels, a Service's allocated and retained IPs.
 * Pure: imports only sibling sim/api modules (field errors, names, quantities, registry).
 */
import type { FieldError, KubeObject } from '../types';
import { defaultRegistry } from '../registry';
import { validateConfigMap, validateConfigMapUpdate, validateNamespace, validateSecret, validateSecretUpdate, validateServiceAccount } from './configData';
import { validateCronJob, validateCronJobUpdate } from './cronJob';
import { validateDaemonSet, validateDaemonSetUpdate } from './daemonSet';
import { validateDeployment, validateDeploymentUpdate } from './deployment';
import { validateEndpointSlice, validateEndpointSliceUpdate, validateEndpoints, validateEndpointsUpdate } from './endpoints';
import { validateEvent, validateEventUpdate } from './event';
import { validateJob, validateJobUpdate } from './job';
import { validateLease, validateLeaseUpdate, validatePriorityClass, validatePriorityClassUpdate } from './cluster';
import { validateNode, validateNodeUpdate } from './node';
import { validateObjectMeta, validateObjectMetaUpdate } from './objectMeta';
import { validatePodCreate, validatePodUpdate } from './pod';
import { validatePVC, validatePVCUpdate } from './pvc';
import { validateBinding, validateBindingUpdate, validateRole, validateRoleUpdate } from './rbac';
import { validateReplicaSet, validateReplicaSetUpdate } from './replicaSet';
import { validateService, validateServiceUpdate } from './service';
import { validateStatefulSet, validateStatefulSetUpdate } from './statefulSet';
import { nameIsDNSSubdomain, type Json } from './util';

type Create = (o: Json) => FieldError[];
type Update = (o: Json, old: Json) => FieldError[];

const validators: Record<string, { create: Create; update: Update }> = {
  '/Pod': { create: validatePodCreate, update: validatePodUpdate },
  '/Service': { create: validateService, update: validateServiceUpdate },
  '/Namespace': { create: validateNamespace, update: (n, o) => validateObjectMetaUpdate(n.metadata, o.metadata) },
  '/ConfigMap': { create: validateConfigMap, update: validateConfigMapUpdate },
  '/Secret': { create: validateSecret, update: validateSecretUpdate },
  '/ServiceAccount': {
    create: validateServiceAccount,
    update: (n, o) => [...validateObjectMetaUpdate(n.metadata, o.metadata), ...validateServiceAccount(n)],
  },
  '/Node': { create: validateNode, update: validateNodeUpdate },
  '/Event': { create: validateEvent, update: validateEventUpdate },
  'events.k8s.io/Event': { create: validateEvent, update: validateEventUpdate },
  '/PersistentVolumeClaim': { create: validatePVC, update: validatePVCUpdate },
  '/Endpoints': { create: validateEndpoints, update: validateEndpointsUpdate },
  'discovery.k8s.io/EndpointSlice': { create: validateEndpointSlice, update: validateEndpointSliceUpdate },
  'apps/Deployment': { create: validateDeployment, update: validateDeploymentUpdate },
  'apps/ReplicaSet': { create: validateReplicaSet, update: validateReplicaSetUpdate },
  'apps/StatefulSet': { create: validateStatefulSet, update: validateStatefulSetUpdate },
  'apps/DaemonSet': { create: validateDaemonSet, update: validateDaemonSetUpdate },
  'batch/Job': { create: validateJob, update: validateJobUpdate },
  'batch/CronJob': { create: validateCronJob, update: validateCronJobUpdate },
  'coordination.k8s.io/Lease': { create: validateLease, update: validateLeaseUpdate },
  'scheduling.k8s.io/PriorityClass': { create: validatePriorityClass, update: validatePriorityClassUpdate },
  'rbac.authorization.k8s.io/Role': { create: (r) => validateRole(r, true), update: (r, o) => validateRoleUpdate(r, o, true) },
  'rbac.authorization.k8s.io/ClusterRole': { create: (r) => validateRole(r, false), update: (r, o) => validateRoleUpdate(r, o, false) },
  'rbac.authorization.k8s.io/RoleBinding': { create: (b) => validateBinding(b, true), update: (b, o) => validateBindingUpdate(b, o, true) },
  'rbac.authorization.k8s.io/ClusterRoleBinding': {
    create: (b) => validateBinding(b, false),
    update: (b, o) => validateBindingUpdate(b, o, false),
  },
};

function keyOf(obj: KubeObject): string {
  const slash = obj.apiVersion.indexOf('/');
  return `${slash < 0 ? '' : obj.apiVersion.slice(0, slash)}/${obj.kind}`;
}

/** Kinds without their own rules still get ObjectMeta validation, scoped as the registry says. */
function isNamespaced(obj: KubeObject): boolean {
  return defaultRegistry.byKind(obj.apiVersion, obj.kind)?.namespaced ?? true;
}

/** Validation of a new object, after defaulting: what a create request is checked against. */
export function validateCreate(obj: KubeObject): FieldError[] {
  const v = validators[keyOf(obj)];
  if (v) return v.create(obj as unknown as Json);
  return validateObjectMeta(obj.metadata, isNamespaced(obj), nameIsDNSSubdomain);
}

/** Validation of an update, after defaulting: the new object against the stored one. */
export function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const v = validators[keyOf(obj)];
  if (v) return v.update(obj as unknown as Json, old as unknown as Json);
  return validateObjectMetaUpdate(obj.metadata, old.metadata);
}

export { validateObjectMeta, validateObjectMetaUpdate } from './objectMeta';
export { validatePodBinding } from './pod';
export { cronParseError } from './cron';
export { JOB_LABELS } from './job';
