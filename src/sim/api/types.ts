/**
 * Object shapes shared by every layer of the simulation. Kubernetes' own types come from
 * the kubernetes-types package (type-only, no runtime); these are the generic pieces.
 */
import type { ObjectMeta as UpstreamObjectMeta, Status } from 'kubernetes-types/meta/v1';

export type { Status };

/** kubernetes-types marks server-set fields readonly; the server side here sets them. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type ObjectMeta = Mutable<UpstreamObjectMeta>;

/** Any Kubernetes object as stored and served: plain JSON. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** What the API server knows about one resource (one row of `kubectl api-resources`). */
export interface ResourceInfo {
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
  /** Lower-case plural: deployments. */
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /** e.g. ['status', 'scale'] or ['binding', 'status', 'log'] */
  subresources: string[];
  verbs: string[];
  /** ['all'] for what `kubectl get all` lists. */
  categories: string[];
  /** etcd key segment after /registry/: 'pods', 'minions', 'services/specs', 'deployments' */
  etcdPrefix: string;
}

/** apiVersion as written in objects: 'v1' or 'apps/v1'. */
export function apiVersionOf(info: Pick<ResourceInfo, 'group' | 'version'>): string {
  return info.group === '' ? info.version : `${info.group}/${info.version}`;
}

/** The name kube-apiserver uses in messages: deployments.apps, pods. */
export function qualifiedResource(info: Pick<ResourceInfo, 'group' | 'plural'>): string {
  return info.group === '' ? info.plural : `${info.plural}.${info.group}`;
}

/** One validation failure, as field.Error in k8s.io/apimachinery/pkg/util/validation/field. */
export interface FieldError {
  /** FieldValueRequired, FieldValueInvalid, FieldValueNotSupported, FieldValueDuplicate,
   *  FieldValueForbidden, FieldValueTooLong, FieldValueTooMany, FieldValueTypeInvalid, FieldValueNotFound */
  type: string;
  /** JSON-path-like: spec.template.spec.containers[0].image */
  field: string;
  badValue?: unknown;
  detail?: string;
  /** The text field.Error.Error() gives: `spec.replicas: Invalid value: -1: must be greater than or equal to 0` */
  message: string;
}

/** Who is calling: authentication's result. */
export interface UserInfo {
  username: string;
  groups: string[];
}
