/**
 * controller.ActivePodsWithRanks: the order in which a ReplicaSet picks pods to delete,
 * most deletable first, with 1.33's default feature gates (PodDeletionCost and
 * LogarithmicScaleDown on).
 */
import type { Pod } from '../../api/kinds';
import { parseTime } from '../../core';
import { isPodReady, maxContainerRestarts, podReadyTime } from './pods';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

function deletionCost(pod: Pod): number {
  const v = pod.metadata?.annotations?.[POD_DELETION_COST];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

function created(pod: Pod): number | undefined {
  const t = pod.metadata?.creationTimestamp;
  return t ? parseTime(t) : undefined;
}

/** afterOrZero: a zero time sorts first, otherwise the later time. */
function afterOrZero(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === undefined;
  return a > b;
}

/** int64(math.Log2(now - t in nanoseconds)), or -1 when t is not in the past. */
function logRank(t: number, nowMs: number): number {
  const d = (nowMs - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/** Less(i, j): true when a should be deleted before b. */
export function deletesBefore(a: Pod, rankA: number, b: Pod, rankB: number, nowMs: number): boolean {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  // 1. Unassigned < assigned
  if (na !== nb && (na === '' || nb === '')) return na === '';
  // 2. Pending < Unknown < Running
  const pa = PHASE_ORDINAL[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDINAL[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa < pb;
  // 3. Not ready < ready
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return !ra;
  // 4. Lower pod-deletion-cost < higher
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca < cb;
  // 5. Doubled up (more related pods on the same node) < not doubled up
  if (rankA !== rankB) return rankA > rankB;
  // 6. Ready for a shorter time < longer, on a logarithmic scale
  if (ra && rb) {
    const ta = podReadyTime(a);
    const tb = podReadyTime(b);
    if (ta !== tb) {
      if (ta === undefined || tb === undefined) return afterOrZero(ta, tb);
      const diff = logRank(ta, nowMs) - logRank(tb, nowMs);
      if (diff === 0) return (a.metadata?.uid ?? '') < (b.metadata?.uid ?? '');
      return diff < 0;
    }
  }
  // 7. More container restarts < fewer
  const xa = maxContainerRestarts(a);
  const xb = maxContainerRestarts(b);
  if (xa !== xb) return xa > xb;
  // 8. Newer < older, on a logarithmic scale
  const ka = created(a);
  const kb = created(b);
  if (ka !== kb) {
    if (ka === undefined || kb === undefined) return afterOrZero(ka, kb);
    const diff = logRank(ka, nowMs) - logRank(kb, nowMs);
    if (diff === 0) return (a.metadata?.uid ?? '') < (b.metadata?.uid ?? '');
    return diff < 0;
  }
  return false;
}

/** Sorts pods most-deletable first; ranks[i] is the number of related active pods on pods[i]'s node. */
export function sortForDeletion<T extends Pod>(pods: readonly T[], ranks: readonly number[], nowMs: number): T[] {
  const idx = pods.map((_, i) => i);
  idx.sort((i, j) => {
    const pi = pods[i] as T;
    const pj = pods[j] as T;
    const ri = ranks[i] ?? 0;
    const rj = ranks[j] ?? 0;
    if (deletesBefore(pi, ri, pj, rj, nowMs)) return -1;
    if (deletesBefore(pj, rj, pi, ri, nowMs)) return 1;
    return 0;
  });
  return idx.map((i) => pods[i] as T);
}
