/**
 * kube-apiserver's etcd compactor (storage/etcd3/compact.go): every interval it bumps the
 * version of etcd's `compact_rev_key` and compacts to the revision it saw one interval
 * before, so etcd keeps about one interval of history. The first round only looks.
 */
import type { TaskHandle } from '../core';
import { APISERVER, ETCD, type ServerContext } from './context';

export const COMPACTION_INTERVAL_MS = 5 * 60 * 1000;
export const COMPACT_REV_KEY = 'compact_rev_key';

export function startCompactor(ctx: ServerContext, intervalMs: number): TaskHandle {
  let lastRev = 0;
  return ctx.loop.every(
    intervalMs,
    () => {
      const res = ctx.store.txn({ compare: [], success: [{ type: 'put', key: COMPACT_REV_KEY, value: Object.freeze({ revision: lastRev }) }] });
      const rev = res.revision;
      if (lastRev > 0) {
        ctx.store.compact(lastRev);
        ctx.tracer.record({
          from: APISERVER,
          to: ETCD,
          channel: 'etcd-txn',
          verb: 'compact',
          resourceVersion: String(lastRev),
          summary: `compacted etcd history below revision ${lastRev} (every ${intervalMs / 60000} min)`,
        });
      }
      lastRev = rev;
    },
    { label: 'etcd compaction' },
  );
}
