/**
 * Links to the Kubernetes API reference on kubernetes.io for a kind (as published for 1.33:
 * one page per kind, grouped by category), and the walkthrough command link for a stage.
 */
const CATEGORY: Readonly<Record<string, string>> = {
  Pod: 'workload-resources', PodTemplate: 'workload-resources', ReplicationController: 'workload-resources',
  ReplicaSet: 'workload-resources', Deployment: 'workload-resources', StatefulSet: 'workload-resources',
  ControllerRevision: 'workload-resources', DaemonSet: 'workload-resources', Job: 'workload-resources',
  CronJob: 'workload-resources', HorizontalPodAutoscaler: 'workload-resources', PriorityClass: 'workload-resources',
  Service: 'service-resources', Endpoints: 'service-resources', EndpointSlice: 'service-resources',
  Ingress: 'service-resources', IngressClass: 'service-resources',
  ConfigMap: 'config-and-storage-resources', Secret: 'config-and-storage-resources',
  PersistentVolumeClaim: 'config-and-storage-resources', PersistentVolume: 'config-and-storage-resources',
  StorageClass: 'config-and-storage-resources',
  ServiceAccount: 'authentication-resources',
  Role: 'authorization-resources', RoleBinding: 'authorization-resources',
  ClusterRole: 'authorization-resources', ClusterRoleBinding: 'authorization-resources',
  LimitRange: 'policy-resources', ResourceQuota: 'policy-resources', NetworkPolicy: 'policy-resources',
  PodDisruptionBudget: 'policy-resources',
  Node: 'cluster-resources', Namespace: 'cluster-resources', Event: 'cluster-resources', Lease: 'cluster-resources',
  Binding: 'cluster-resources', RuntimeClass: 'cluster-resources', APIService: 'cluster-resources',
};

/** Definitions documented on the Pod page, which the Pod templates of other kinds use. */
const ON_POD_PAGE = new Set(['PodSpec', 'Container', 'EphemeralContainer', 'LifecycleHandler', 'NodeAffinity', 'PodAffinity', 'PodAntiAffinity', 'Probe', 'PodStatus']);

export const REFERENCE_ROOT = 'https://kubernetes.io/docs/reference/kubernetes-api/';

function kebab(kind: string): string {
  return kind.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2').toLowerCase();
}

function page(kind: string, apiVersion: string): string | undefined {
  const category = CATEGORY[kind];
  if (!category) return undefined;
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  return `${REFERENCE_ROOT}${category}/${kebab(kind)}-${version}/`;
}

export interface ReferenceLink {
  title: string;
  url: string;
}

/**
 * The reference page of the kind (with the anchor of the struct declaring the field when the
 * page documents it), or of the Pod when the field belongs to a Pod template's spec.
 */
export function referenceLinks(apiVersion: string, kind: string, parentGoType?: string): ReferenceLink[] {
  const own = page(kind, apiVersion);
  if (!own) return [{ title: 'Kubernetes API reference', url: REFERENCE_ROOT }];
  const anchor = parentGoType?.startsWith(kind) ? `#${parentGoType}` : '';
  const links = [{ title: `${kind} ${apiVersion} API reference`, url: `${own}${anchor}` }];
  if (kind !== 'Pod' && parentGoType && ON_POD_PAGE.has(parentGoType)) {
    links.push({ title: `${parentGoType} (Pod reference)`, url: `${page('Pod', 'v1') ?? REFERENCE_ROOT}#${parentGoType}` });
  }
  return links;
}

export const SHOW_WALKTHROUGH = 'kubeWalkthrough.showWalkthrough';

/** A markdown command link opening the walkthrough panel at `stage`. */
export function walkthroughCommandUri(stage: string): string {
  return `command:${SHOW_WALKTHROUGH}?${encodeURIComponent(JSON.stringify([{ stage }]))}`;
}

/** How the link reads: "stage 6", "the Service lane", "the cluster start". */
export function stageName(stage: string): string {
  if (/^\d+$/.test(stage)) return `stage ${stage}`;
  if (stage === 'prelude') return 'the cluster start';
  return `the ${stage.charAt(0).toUpperCase()}${stage.slice(1)} lane`;
}
