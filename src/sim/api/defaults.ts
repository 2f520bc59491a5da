/**
 * applyDefaults: the fields a 1.33 kube-apiserver fills in when it decodes an object, per
 * kind (pkg/apis/<group>/v1/defaults.go and the generated defaulters), plus the empty
 * structs Go always serializes (`resources: {}`, a template's `creationTimestamp: null`).
 * Strategy steps that belong to create only (namespace finalizers, Service IP families,
 * resetting status) are separate helpers below, for the API server to call.
 */
import { defaultPod, defaultPodTemplate, defaultResourceList } from './defaultsPod';
import type { KubeObject } from './types';

export { defaultContainer, defaultPodSpec, defaultPodTemplate, defaultVolume, imageTag, defaultResourceList } from './defaultsPod';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const unset = (v: unknown): boolean => v === undefined || v === null;

function specOf(obj: KubeObject): Obj {
  if (!isObj(obj.spec)) obj.spec = {};
  return obj.spec as Obj;
}

function statusOf(obj: KubeObject): Obj {
  if (!isObj(obj.status)) obj.status = {};
  return obj.status as Obj;
}

function defaultDeployment(obj: KubeObject): void {
  const spec = specOf(obj);
  if (unset(spec.replicas)) spec.replicas = 1;
  if (!isObj(spec.strategy)) spec.strategy = {};
  const strategy = spec.strategy as Obj;
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    if (!isObj(strategy.rollingUpdate)) strategy.rollingUpdate = {};
    const ru = strategy.rollingUpdate as Obj;
    if (unset(ru.maxUnavailable)) ru.maxUnavailable = '25%';
    if (unset(ru.maxSurge)) ru.maxSurge = '25%';
  }
  if (unset(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  if (unset(spec.progressDeadlineSeconds)) spec.progressDeadlineSeconds = 600;
  defaultPodTemplate(spec.template);
}

function defaultReplicaSet(obj: KubeObject): void {
  const spec = specOf(obj);
  if (unset(spec.replicas)) spec.replicas = 1;
  defaultPodTemplate(spec.template);
}

function defaultPVCSpec(spec: unknown): void {
  if (!isObj(spec)) return;
  if (unset(spec.volumeMode)) spec.volumeMode = 'Filesystem';
  if (isObj(spec.resources)) {
    defaultResourceList(spec.resources.requests);
    defaultResourceList(spec.resources.limits);
  }
}

function defaultStatefulSet(obj: KubeObject): void {
  const spec = specOf(obj);
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  if (!isObj(spec.updateStrategy)) spec.updateStrategy = {};
  const us = spec.updateStrategy as Obj;
  if (!us.type) {
    us.type = 'RollingUpdate';
    if (!isObj(us.rollingUpdate)) us.rollingUpdate = {};
  }
  if (us.type === 'RollingUpdate' && isObj(us.rollingUpdate) && unset(us.rollingUpdate.partition)) {
    us.rollingUpdate.partition = 0;
  }
  // StatefulSetAutoDeletePVC is on by default in 1.33.
  if (!isObj(spec.persistentVolumeClaimRetentionPolicy)) spec.persistentVolumeClaimRetentionPolicy = {};
  const rp = spec.persistentVolumeClaimRetentionPolicy as Obj;
  if (!rp.whenDeleted) rp.whenDeleted = 'Retain';
  if (!rp.whenScaled) rp.whenScaled = 'Retain';
  if (unset(spec.replicas)) spec.replicas = 1;
  if (unset(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  defaultPodTemplate(spec.template);
  for (const pvc of objects(spec.volumeClaimTemplates)) {
    if (!pvc.apiVersion) pvc.apiVersion = 'v1';
    if (!pvc.kind) pvc.kind = 'PersistentVolumeClaim';
    if (!isObj(pvc.metadata)) pvc.metadata = {};
    if (!('creationTimestamp' in (pvc.metadata as Obj))) (pvc.metadata as Obj).creationTimestamp = null;
    defaultPVCSpec(pvc.spec);
    if (!isObj(pvc.status)) pvc.status = {};
    if (!(pvc.status as Obj).phase) (pvc.status as Obj).phase = 'Pending';
  }
}

function defaultDaemonSet(obj: KubeObject): void {
  const spec = specOf(obj);
  if (!isObj(spec.updateStrategy)) spec.updateStrategy = {};
  const us = spec.updateStrategy as Obj;
  if (!us.type) us.type = 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    if (!isObj(us.rollingUpdate)) us.rollingUpdate = {};
    const ru = us.rollingUpdate as Obj;
    if (unset(ru.maxUnavailable)) ru.maxUnavailable = 1;
    if (unset(ru.maxSurge)) ru.maxSurge = 0;
  }
  if (unset(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  defaultPodTemplate(spec.template);
}

function defaultJobSpec(obj: KubeObject | Obj, spec: Obj): void {
  if (unset(spec.completions) && unset(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (unset(spec.parallelism)) spec.parallelism = 1;
  if (unset(spec.backoffLimit)) spec.backoffLimit = unset(spec.backoffLimitPerIndex) ? 6 : 2147483647;
  const template = spec.template;
  const meta = (isObj(obj.metadata) ? obj.metadata : (obj.metadata = {})) as Obj;
  if (isObj(template) && isObj(template.metadata) && isObj(template.metadata.labels)) {
    const labels = meta.labels;
    if (!isObj(labels) || Object.keys(labels).length === 0) meta.labels = { ...template.metadata.labels };
  }
  if (!spec.completionMode) spec.completionMode = 'NonIndexed';
  if (unset(spec.suspend)) spec.suspend = false;
  if (isObj(spec.podFailurePolicy)) {
    for (const rule of objects(spec.podFailurePolicy.rules)) {
      for (const pattern of objects(rule.onPodConditions)) if (!pattern.status) pattern.status = 'True';
    }
  }
  // JobPodReplacementPolicy is on by default in 1.33.
  if (!spec.podReplacementPolicy) {
    spec.podReplacementPolicy = isObj(spec.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed';
  }
  defaultPodTemplate(spec.template);
}

function defaultCronJob(obj: KubeObject): void {
  const spec = specOf(obj);
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  if (unset(spec.suspend)) spec.suspend = false;
  if (unset(spec.successfulJobsHistoryLimit)) spec.successfulJobsHistoryLimit = 3;
  if (unset(spec.failedJobsHistoryLimit)) spec.failedJobsHistoryLimit = 1;
  if (!isObj(spec.jobTemplate)) spec.jobTemplate = {};
  const jt = spec.jobTemplate as Obj;
  if (!isObj(jt.metadata)) jt.metadata = {};
  if (!('creationTimestamp' in (jt.metadata as Obj))) (jt.metadata as Obj).creationTimestamp = null;
  if (!isObj(jt.spec)) jt.spec = {};
  // SetDefaults_Job belongs to the Job object, so a jobTemplate only gets its pod template defaulted.
  defaultPodTemplate((jt.spec as Obj).template);
}

function defaultService(obj: KubeObject): void {
  const spec = specOf(obj);
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = spec.sessionAffinityConfig;
    const timeout = isObj(cfg) && isObj(cfg.clientIP) ? cfg.clientIP.timeoutSeconds : undefined;
    if (unset(timeout)) spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const port of objects(spec.ports)) {
    if (!port.protocol) port.protocol = 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  const externalIPs = Array.isArray(spec.externalIPs) ? spec.externalIPs.length : 0;
  const external = spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && externalIPs > 0);
  if (external && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (unset(spec.internalTrafficPolicy) && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type as string)) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer' && unset(spec.allocateLoadBalancerNodePorts)) spec.allocateLoadBalancerNodePorts = true;
}

function defaultNamespace(obj: KubeObject): void {
  if (obj.metadata.name) obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name };
  const status = statusOf(obj);
  if (!status.phase) status.phase = 'Active';
}

function defaultNode(obj: KubeObject): void {
  if (!isObj(obj.status)) return;
  const status = obj.status;
  defaultResourceList(status.capacity);
  defaultResourceList(status.allocatable);
  if (unset(status.allocatable) && isObj(status.capacity)) status.allocatable = { ...status.capacity };
}

function defaultPV(obj: KubeObject): void {
  const spec = specOf(obj);
  if (!spec.persistentVolumeReclaimPolicy) spec.persistentVolumeReclaimPolicy = 'Retain';
  if (unset(spec.volumeMode)) spec.volumeMode = 'Filesystem';
  defaultResourceList(spec.capacity);
  if (isObj(spec.hostPath) && spec.hostPath.type === undefined) spec.hostPath.type = '';
  const status = statusOf(obj);
  if (!status.phase) status.phase = 'Pending';
}

function defaultPVC(obj: KubeObject): void {
  defaultPVCSpec(specOf(obj));
  const status = statusOf(obj);
  if (!status.phase) status.phase = 'Pending';
  defaultResourceList(status.capacity);
}

function defaultSubjects(obj: KubeObject): void {
  for (const s of objects(obj.subjects)) {
    if (s.apiGroup) continue;
    if (s.kind === 'ServiceAccount') s.apiGroup = '';
    else if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = 'rbac.authorization.k8s.io';
  }
}

const byKind: Record<string, (obj: KubeObject) => void> = {
  'v1/Pod': (o) => defaultPod(o as unknown as Obj),
  'v1/PodTemplate': (o) => defaultPodTemplate(o.template),
  'v1/ReplicationController': (o) => {
    const spec = specOf(o);
    if (unset(spec.replicas)) spec.replicas = 1;
    defaultPodTemplate(spec.template);
  },
  'v1/Service': defaultService,
  'v1/Namespace': defaultNamespace,
  'v1/Node': defaultNode,
  'v1/PersistentVolume': defaultPV,
  'v1/PersistentVolumeClaim': defaultPVC,
  'v1/Secret': (o) => {
    if (!o.type) o.type = 'Opaque';
  },
  'v1/Endpoints': (o) => {
    for (const ss of objects(o.subsets)) for (const p of objects(ss.ports)) if (!p.protocol) p.protocol = 'TCP';
  },
  'apps/v1/Deployment': defaultDeployment,
  'apps/v1/ReplicaSet': defaultReplicaSet,
  'apps/v1/StatefulSet': defaultStatefulSet,
  'apps/v1/DaemonSet': defaultDaemonSet,
  'batch/v1/Job': (o) => defaultJobSpec(o, specOf(o)),
  'batch/v1/CronJob': defaultCronJob,
  'discovery.k8s.io/v1/EndpointSlice': (o) => {
    for (const p of objects(o.ports)) {
      if (unset(p.name)) p.name = '';
      if (!p.protocol) p.protocol = 'TCP';
    }
  },
  'scheduling.k8s.io/v1/PriorityClass': (o) => {
    if (!o.preemptionPolicy) o.preemptionPolicy = 'PreemptLowerPriority';
  },
  'rbac.authorization.k8s.io/v1/RoleBinding': defaultSubjects,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': defaultSubjects,
};

/** Fills in a 1.33 apiserver's defaults, in place. Call it on a fresh copy. */
export function applyDefaults(obj: KubeObject): void {
  byKind[`${obj.apiVersion}/${obj.kind}`]?.(obj);
}

/**
 * The status a create starts from (PrepareForCreate drops whatever the client sent): the
 * fields Go serializes even at zero are present, as `kubectl get -o yaml` shows them.
 */
export function initialStatus(kind: string): Record<string, unknown> | undefined {
  switch (kind) {
    case 'Deployment':
    case 'Job':
    case 'CronJob':
      return {};
    case 'ReplicaSet':
      return { replicas: 0 };
    case 'StatefulSet':
      return { availableReplicas: 0, replicas: 0 };
    case 'DaemonSet':
      return { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
    case 'Service':
      return { loadBalancer: {} };
    case 'Namespace':
      return { phase: 'Active' };
    case 'PersistentVolumeClaim':
    case 'PersistentVolume':
      return { phase: 'Pending' };
    default:
      return undefined;
  }
}

/**
 * The namespace strategy on create: the 'kubernetes' finalizer is required then (not a
 * default, since the namespace controller removes it later) and the phase is Active.
 */
export function prepareNamespaceForCreate(ns: KubeObject): void {
  const spec = specOf(ns);
  const finalizers = Array.isArray(spec.finalizers) ? (spec.finalizers as string[]) : [];
  if (!finalizers.includes('kubernetes')) spec.finalizers = [...finalizers, 'kubernetes'];
  ns.status = { phase: 'Active' };
}

/**
 * The Service registry's IP-family step on a single-stack IPv4 cluster: ExternalName gets
 * none; a headless Service without selector defaults to RequireDualStack; others SingleStack.
 */
export function defaultServiceIPFamilies(svc: KubeObject): void {
  const spec = specOf(svc);
  if (spec.type === 'ExternalName') return;
  const headless = spec.clusterIP === 'None';
  const selector = isObj(spec.selector) ? Object.keys(spec.selector).length : 0;
  if (unset(spec.ipFamilyPolicy)) {
    const dual = (Array.isArray(spec.ipFamilies) && spec.ipFamilies.length === 2) || (Array.isArray(spec.clusterIPs) && spec.clusterIPs.length === 2);
    spec.ipFamilyPolicy = dual || (headless && selector === 0) ? 'RequireDualStack' : 'SingleStack';
  }
  if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) spec.ipFamilies = ['IPv4'];
}
