/**
 * Kubernetes object types, re-exported from kubernetes-types (type-only) so every layer
 * imports them from one place.
 */
export type {
  ConfigMap,
  Container,
  ContainerPort,
  ContainerStatus,
  EndpointAddress,
  EndpointPort,
  EndpointSubset,
  Endpoints,
  EnvVar,
  Event,
  Namespace,
  Node,
  NodeCondition,
  ObjectReference,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  PodCondition,
  PodSpec,
  PodStatus,
  PodTemplateSpec,
  Probe,
  ResourceRequirements,
  Secret,
  Service,
  ServiceAccount,
  ServicePort,
  Volume,
  Binding,
} from 'kubernetes-types/core/v1';
export type {
  ControllerRevision,
  DaemonSet,
  Deployment,
  DeploymentCondition,
  DeploymentStrategy,
  ReplicaSet,
  StatefulSet,
} from 'kubernetes-types/apps/v1';
export type { CronJob, Job, JobCondition } from 'kubernetes-types/batch/v1';
export type { Endpoint as EndpointSliceEndpoint, EndpointSlice } from 'kubernetes-types/discovery/v1';
export type { Event as EventsV1Event } from 'kubernetes-types/events/v1';
export type { Lease } from 'kubernetes-types/coordination/v1';
export type { PriorityClass } from 'kubernetes-types/scheduling/v1';
export type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
export type { Eviction } from 'kubernetes-types/policy/v1';
export type { Scale } from 'kubernetes-types/autoscaling/v1';
export type {
  Condition,
  LabelSelector,
  LabelSelectorRequirement,
  ListMeta,
  OwnerReference,
  StatusCause,
  StatusDetails,
} from 'kubernetes-types/meta/v1';
