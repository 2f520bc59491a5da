/**
 * Where the heap goes at the end of a scale run, through public surfaces only: what etcd
 * holds per resource (live keys and their JSON size), the heap after a full GC, and the
 * heap once etcd's MVCC history is compacted away (kube-apiserver compacts every 5 minutes
 * of virtual time, so a fast rollout keeps every revision it wrote until then).
 */
import type { Cluster } from '../../src/sim/cluster';
import { heapAfterGc } from './driver';

export interface StoreShare {
  prefix: string;
  keys: number;
  /** JSON bytes of the live values (estimated from a sample above 5,000 keys). */
  jsonBytes: number;
}

export interface MemoryCensus {
  heapAfterGcBytes: number;
  /** After compacting etcd to its current revision (history dropped, live values kept). */
  heapWithoutHistoryBytes: number;
  storeRevision: number;
  store: StoreShare[];
}

const PREFIXES = ['/registry/pods/', '/registry/events/', '/registry/replicasets/', '/registry/deployments/', '/registry/minions/', '/registry/leases/'];
const SAMPLE = 5_000;

function share(cluster: Cluster, prefix: string): StoreShare {
  const { kvs } = cluster.api.ctx.store.range(prefix);
  const step = Math.max(1, Math.floor(kvs.length / SAMPLE));
  let bytes = 0;
  let sampled = 0;
  for (let i = 0; i < kvs.length; i += step) {
    bytes += JSON.stringify((kvs[i] as { value: unknown }).value).length;
    sampled++;
  }
  return { prefix, keys: kvs.length, jsonBytes: sampled > 0 ? (bytes / sampled) * kvs.length : 0 };
}

/** Measures, then compacts the cluster's etcd: call it last. */
export function memoryCensus(cluster: Cluster): MemoryCensus {
  const heapAfterGcBytes = heapAfterGc();
  const store = PREFIXES.map((p) => share(cluster, p));
  const etcd = cluster.api.ctx.store;
  const storeRevision = etcd.revision;
  etcd.compact(etcd.revision);
  const heapWithoutHistoryBytes = heapAfterGc();
  return { heapAfterGcBytes, heapWithoutHistoryBytes, storeRevision, store };
}
