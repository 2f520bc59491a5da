/**
 * sim/scheduler/plugins: the plugins of the default profile, one file each with upstream's
 * name, messages and score weight (registry.ts lists them in profile order); helpers/ holds
 * what several plugins share (taints, node selectors, scoring, topology, affinity terms).
 * Imports ../framework, sim/api, sim/client and sim/core only.
 */
export { defaultProfile } from './registry';
export * from './prioritySort';
export * from './schedulingGates';
export * from './nodeName';
export * from './nodeUnschedulable';
export * from './nodeResourcesFit';
export * from './nodeResourcesBalancedAllocation';
export * from './taintToleration';
export * from './nodeAffinity';
export * from './nodePorts';
export * from './volumeBinding';
export * from './podTopologySpread';
export * from './interPodAffinity';
export * from './defaultPreemption';
export * from './imageLocality';
export * from './defaultBinder';
