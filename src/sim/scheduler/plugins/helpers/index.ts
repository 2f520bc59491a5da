/**
 * Shared plugin helpers: toleration matching, node selector terms, score normalization and
 * resource scoring, topology spread constraints, inter-pod affinity term bookkeeping.
 * Imports ../../framework and sim/api only.
 */
export * from './taints';
export * from './nodeSelector';
export * from './scoring';
export * from './topologySpread';
export * from './affinityTerms';
