/**
 * ReplicaSet status as replica_set_utils.go computes it: replicas, fullyLabeledReplicas,
 * readyReplicas, availableReplicas (minReadySeconds), the ReplicaFailure condition, and
 * an UpdateStatus only when something changed (one GET-and-retry on failure).
 */
import type { ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import { R, type Client } from '../../client';
import { selectorFromSet } from '../../api/selectors';
import { isPodAvailable, isPodReady } from '../common/pods';
import type { PodObj, ReplicaSetObj } from '../common/types';
import { errorText, jsonEqual, omitEmpty, removeAppsCondition, setAppsCondition, nowTime, type Condition } from '../common/util';

export function calculateStatus(rs: ReplicaSetObj, pods: readonly PodObj[], manageErr: unknown, nowMs: number): ReplicaSetStatus {
  const templateLabels = selectorFromSet(rs.spec?.template?.metadata?.labels);
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let fully = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    if (templateLabels.matches(pod.metadata.labels)) fully++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, nowMs)) available++;
    }
  }
  let conditions = (rs.status?.conditions ?? []) as Condition[];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (manageErr !== undefined && !failure) {
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions = setAppsCondition(
      conditions,
      { type: 'ReplicaFailure', status: 'True', lastTransitionTime: nowTime(nowMs), reason, message: errorText(manageErr) },
      false,
    );
  } else if (manageErr === undefined && failure) {
    conditions = removeAppsCondition(conditions, 'ReplicaFailure');
  }
  return {
    replicas: pods.length,
    ...omitEmpty({
      fullyLabeledReplicas: fully,
      readyReplicas: ready,
      availableReplicas: available,
      observedGeneration: rs.status?.observedGeneration,
      conditions: conditions as ReplicaSetStatus['conditions'],
    }),
  };
}

function unchanged(rs: ReplicaSetObj, next: ReplicaSetStatus): boolean {
  const cur: Partial<ReplicaSetStatus> = rs.status ?? {};
  return (
    (cur.replicas ?? 0) === (next.replicas ?? 0) &&
    (cur.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0) &&
    (cur.readyReplicas ?? 0) === (next.readyReplicas ?? 0) &&
    (cur.availableReplicas ?? 0) === (next.availableReplicas ?? 0) &&
    (rs.metadata.generation ?? 0) === (cur.observedGeneration ?? 0) &&
    jsonEqual(cur.conditions ?? [], next.conditions ?? [])
  );
}

/** updateReplicaSetStatus: writes the status when it differs; returns the ReplicaSet as stored. */
export function updateReplicaSetStatus(client: Client, rs: ReplicaSetObj, next: ReplicaSetStatus): ReplicaSetObj {
  if (unchanged(rs, next)) return rs;
  const status: ReplicaSetStatus = { ...next, observedGeneration: rs.metadata.generation };
  let current = rs;
  for (let i = 0; ; i++) {
    try {
      return client.updateStatus<ReplicaSetObj>(R.replicasets, { ...current, status });
    } catch (err) {
      if (i >= 1) throw err;
      // The status is recomputed on the next sync; this retry only refreshes resourceVersion.
      current = client.get<ReplicaSetObj>(R.replicasets, rs.metadata.namespace, rs.metadata.name ?? '');
    }
  }
}
