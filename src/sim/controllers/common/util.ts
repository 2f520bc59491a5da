/** Small helpers the controllers share: error texts, namespace-terminating checks, conditions. */
import { StatusError } from '../../api/errors';
import { rfc3339 } from '../../core';
import { canonicalJson } from './hash';

/** err.Error() as Go prints it. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** apierrors.HasStatusCause(err, v1.NamespaceTerminatingCause), with the message as a fallback. */
export function isNamespaceTerminating(err: unknown): boolean {
  if (!(err instanceof StatusError)) return false;
  const causes = err.status.details?.causes ?? [];
  if (causes.some((c) => c.reason === 'NamespaceTerminating')) return true;
  return err.code === 403 && /because it is being terminated/.test(err.message);
}

/** Deep equality of JSON values, ignoring key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Drops members that Go's omitempty would leave out (0, '', undefined, empty lists). */
export function omitEmpty<T extends Record<string, unknown>>(obj: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === 0 || v === '' || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out as T;
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
}

/**
 * The apps/v1 SetCondition helpers: nothing changes when status and reason are the same;
 * otherwise the condition is replaced and moved to the end of the list. The Deployment's
 * helper keeps lastTransitionTime when only the reason changed; the ReplicaSet's does not.
 */
export function setAppsCondition<C extends Condition>(conditions: readonly C[] | undefined, cond: C, keepTransitionTime = true): C[] {
  const list = [...(conditions ?? [])];
  const current = list.find((c) => c.type === cond.type);
  if (current && current.status === cond.status && current.reason === cond.reason) return list;
  const next = { ...cond };
  if (keepTransitionTime && current && current.status === cond.status && current.lastTransitionTime) next.lastTransitionTime = current.lastTransitionTime;
  return [...list.filter((c) => c.type !== cond.type), next];
}

export function removeAppsCondition<C extends Condition>(conditions: readonly C[] | undefined, type: string): C[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}

export function nowTime(nowMs: number): string {
  return rfc3339(nowMs);
}
