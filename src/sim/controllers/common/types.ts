/**
 * Kubernetes types as the controllers handle them: the kubernetes-types shapes joined with
 * KubeObject (metadata always present) so the client and informers accept them.
 */
import type { KubeObject, Mutable } from '../../api/types';
import type {
  ConfigMap, CronJob, DaemonSet, Deployment, EndpointSlice, Endpoints, Job, Lease, Namespace, Node,
  Pod, ReplicaSet, Service, ServiceAccount, StatefulSet, ControllerRevision,
} from '../../api/kinds';

type K<T> = Mutable<T> & KubeObject;

export type PodObj = K<Pod>;
export type ReplicaSetObj = K<ReplicaSet>;
export type DeploymentObj = K<Deployment>;
export type ServiceObj = K<Service>;
export type EndpointsObj = K<Endpoints>;
export type EndpointSliceObj = K<EndpointSlice>;
export type NamespaceObj = K<Namespace>;
export type NodeObj = K<Node>;
export type LeaseObj = K<Lease>;
export type ServiceAccountObj = K<ServiceAccount>;
export type ConfigMapObj = K<ConfigMap>;
export type StatefulSetObj = K<StatefulSet>;
export type DaemonSetObj = K<DaemonSet>;
export type JobObj = K<Job>;
export type CronJobObj = K<CronJob>;
export type ControllerRevisionObj = K<ControllerRevision>;
