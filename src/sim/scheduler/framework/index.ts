/**
 * sim/scheduler/framework: the scheduling framework of kube-scheduler: Status and the
 * extension points (interface.ts), the runtime that runs a profile's plugins (framework.ts),
 * the cache of nodes and assigned pods, the scheduling queue, the algorithm (filter, score,
 * select), preemption's evaluator, the scheduling and binding cycle, and the explanation
 * written to the trace. Imports sim/core, sim/api, sim/client and src/protocol only.
 */
export * from './status';
export * from './types';
export * from './interface';
export * from './framework';
export * from './cache';
export * from './queue';
export * from './algorithm';
export * from './fitError';
export * from './events';
export { NodeInfo, normalizedImageName } from './nodeInfo';
export { PodInfo, type AffinityTerm, type WeightedAffinityTerm } from './podInfo';
