/**
 * rest.BeforeDelete for the one built-in strategy with graceful deletion, pods: the first
 * DELETE sets deletionTimestamp to now plus the grace period (the pod's
 * terminationGracePeriodSeconds unless the request gives one; 0 for a pod no kubelet runs)
 * and bumps generation; a later DELETE may only shorten the period.
 */
import type { KubeObject, ResourceInfo } from '../api/types';
import { parseTime, rfc3339 } from '../core';

export interface GracefulDecision {
  /** The object was changed to record a graceful deletion. */
  graceful: boolean;
  /** A graceful deletion is already under way and this request does not shorten it. */
  pending: boolean;
  /** The grace period now in force. */
  seconds: number;
}

const NOT_GRACEFUL: GracefulDecision = { graceful: false, pending: false, seconds: 0 };

export function gracefulDelete(info: ResourceInfo, obj: KubeObject, requested: number | undefined, now: number): GracefulDecision {
  if (!(info.group === '' && info.plural === 'pods')) return NOT_GRACEFUL;
  const meta = obj.metadata;
  // Negative values are treated as 1s on the delete path.
  const asked = requested !== undefined && requested < 0 ? 1 : requested;
  if (meta.deletionTimestamp) {
    const current = meta.deletionGracePeriodSeconds;
    if (current === undefined || current === 0) return NOT_GRACEFUL;
    if (asked === undefined || asked >= current) return { graceful: false, pending: true, seconds: current };
    const started = parseTime(meta.deletionTimestamp) - current * 1000;
    meta.deletionTimestamp = rfc3339(started + asked * 1000);
    meta.deletionGracePeriodSeconds = asked;
    return { graceful: true, pending: false, seconds: asked };
  }
  const period = checkGracefulDelete(obj, asked);
  meta.deletionTimestamp = rfc3339(now + period * 1000);
  meta.deletionGracePeriodSeconds = period;
  if ((meta.generation ?? 0) > 0) meta.generation = (meta.generation ?? 0) + 1;
  return { graceful: true, pending: false, seconds: period };
}

/** podStrategy.CheckGracefulDelete */
function checkGracefulDelete(pod: KubeObject, asked: number | undefined): number {
  const spec = (pod.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  let period = asked ?? spec.terminationGracePeriodSeconds ?? 0;
  if (!spec.nodeName) period = 0;
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') period = 0;
  if (period < 0) period = 1;
  return period;
}
