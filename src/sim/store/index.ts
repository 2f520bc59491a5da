/**
 * sim/store: the etcd of the simulated cluster. An MVCC key space with one global
 * revision, compare-and-swap transactions, prefix watches, compaction and snapshots, plus
 * kube-apiserver's key layout (`/registry/...`).
 *
 * Only sim/apiserver may import this folder: as in a real cluster, nothing but the API
 * server talks to etcd. It imports nothing outside itself (sim/core at most).
 */
export * from './types';
export { MemoryStore, DUPLICATE_KEY_MESSAGE } from './memoryStore';
export { keyFor, prefixFor, InvalidKeyError, REGISTRY_ROOT } from './keys';
export { compareKeys } from './sortedKeys';
export { SNAPSHOT_FORMAT, type SnapshotData, type SnapshotEntry } from './snapshotCodec';
