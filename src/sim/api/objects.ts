/**
 * Small object helpers shared by the API server and the controllers: copies, frozen
 * snapshots, path access, object and owner references, and status conditions.
 */
import type { ObjectReference } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { rfc3339 } from '../core';
import type { KubeObject } from './types';

/** A deep copy: never change an object taken from a cache or the store. */
export function deepClone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const n = value.length;
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = deepClone(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = deepClone((value as Record<string, unknown>)[k]);
  return out as T;
}

/** Freezes an object and everything under it; what the store holds is never mutated. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

function splitPath(path: string | readonly string[]): readonly string[] {
  return typeof path === 'string' ? (path === '' ? [] : path.split('.')) : path;
}

/** Reads `spec.template.spec` (or ['spec', 'template', 'spec']); undefined when absent. */
export function getPath(obj: unknown, path: string | readonly string[]): unknown {
  let cur: unknown = obj;
  for (const key of splitPath(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Writes a value at a path, creating the objects on the way. */
export function setPath(obj: Record<string, unknown>, path: string | readonly string[], value: unknown): void {
  const keys = splitPath(path);
  if (keys.length === 0) throw new Error('setPath needs a non-empty path');
  let cur: Record<string, unknown> = obj;
  for (const key of keys.slice(0, -1)) {
    const next = cur[key];
    if (next === null || typeof next !== 'object') cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1] as string] = value;
}

/** `namespace/name`, or `name` for cluster-scoped objects: the work-queue key. */
export function keyOf(obj: Pick<KubeObject, 'metadata'>): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name ?? ''}` : (obj.metadata.name ?? '');
}

/** ref.GetReference: fields in ObjectReference's order, empty ones left out. */
export function objectRef(obj: KubeObject, fieldPath?: string): ObjectReference {
  const ref: ObjectReference = { kind: obj.kind };
  if (obj.metadata.namespace) ref.namespace = obj.metadata.namespace;
  if (obj.metadata.name) ref.name = obj.metadata.name;
  if (obj.metadata.uid) ref.uid = obj.metadata.uid;
  ref.apiVersion = obj.apiVersion;
  if (obj.metadata.resourceVersion) ref.resourceVersion = obj.metadata.resourceVersion;
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

/** metav1.NewControllerRef: controller and blockOwnerDeletion both true. */
export function ownerRef(owner: KubeObject, controller = true): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller,
    blockOwnerDeletion: true,
  };
}

/** metav1.GetControllerOf: the owner reference with controller: true. */
export function controllerOf(obj: Pick<KubeObject, 'metadata'>): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

export function isControlledBy(obj: Pick<KubeObject, 'metadata'>, owner: Pick<KubeObject, 'metadata'>): boolean {
  const ref = controllerOf(obj);
  return ref !== undefined && owner.metadata.uid !== undefined && ref.uid === owner.metadata.uid;
}

/** The shape every status condition shares (metav1.Condition, PodCondition, DeploymentCondition...). */
export interface ConditionLike {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export function getCondition<C extends ConditionLike>(conditions: readonly C[] | undefined, type: string): C | undefined {
  return conditions?.find((c) => c.type === type);
}

/**
 * Sets a condition by type, returning a new list. lastTransitionTime moves to `nowMs` only
 * when the status changes (or the condition is new), as every upstream helper does; other
 * time fields (lastUpdateTime, lastProbeTime) are the caller's.
 */
export function setCondition<C extends ConditionLike>(conditions: readonly C[] | undefined, cond: C, nowMs: number): C[] {
  const list = [...(conditions ?? [])];
  const i = list.findIndex((c) => c.type === cond.type);
  const existing = i >= 0 ? list[i] : undefined;
  const next: C = { ...cond };
  if (existing && existing.status === cond.status && existing.lastTransitionTime) {
    next.lastTransitionTime = existing.lastTransitionTime;
  } else if (!cond.lastTransitionTime) {
    next.lastTransitionTime = rfc3339(nowMs);
  }
  if (i >= 0) list[i] = next;
  else list.push(next);
  return list;
}

export function removeCondition<C extends ConditionLike>(conditions: readonly C[] | undefined, type: string): C[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}

/** True when the condition exists with status "True". */
export function isConditionTrue(conditions: readonly ConditionLike[] | undefined, type: string): boolean {
  return getCondition(conditions, type)?.status === 'True';
}
