/**
 * The default profile of kube-scheduler 1.33 (apis/config/v1 getDefaultPlugins), in its
 * order: the order in which Filter runs, and the score weights.
 */
import type { PluginSpec } from '../framework/framework';
import { DEFAULT_BINDER, newDefaultBinder } from './defaultBinder';
import { DEFAULT_PREEMPTION, newDefaultPreemption } from './defaultPreemption';
import { IMAGE_LOCALITY, newImageLocality } from './imageLocality';
import { INTER_POD_AFFINITY, newInterPodAffinity } from './interPodAffinity';
import { NODE_AFFINITY, newNodeAffinity } from './nodeAffinity';
import { NODE_NAME, newNodeName } from './nodeName';
import { NODE_PORTS, newNodePorts } from './nodePorts';
import { NODE_RESOURCES_BALANCED_ALLOCATION, newNodeResourcesBalancedAllocation } from './nodeResourcesBalancedAllocation';
import { NODE_RESOURCES_FIT, newNodeResourcesFit } from './nodeResourcesFit';
import { NODE_UNSCHEDULABLE, newNodeUnschedulable } from './nodeUnschedulable';
import { POD_TOPOLOGY_SPREAD, newPodTopologySpread } from './podTopologySpread';
import { PRIORITY_SORT, newPrioritySort } from './prioritySort';
import { SCHEDULING_GATES, newSchedulingGates } from './schedulingGates';
import { TAINT_TOLERATION, newTaintToleration } from './taintToleration';
import { VOLUME_BINDING, newVolumeBinding } from './volumeBinding';

export function defaultProfile(): PluginSpec[] {
  return [
    { name: SCHEDULING_GATES, weight: 0, create: newSchedulingGates },
    { name: PRIORITY_SORT, weight: 0, create: newPrioritySort },
    { name: NODE_UNSCHEDULABLE, weight: 0, create: newNodeUnschedulable },
    { name: NODE_NAME, weight: 0, create: newNodeName },
    { name: TAINT_TOLERATION, weight: 3, create: newTaintToleration },
    { name: NODE_AFFINITY, weight: 2, create: newNodeAffinity },
    { name: NODE_PORTS, weight: 0, create: newNodePorts },
    { name: NODE_RESOURCES_FIT, weight: 1, create: (h) => newNodeResourcesFit(h) },
    { name: VOLUME_BINDING, weight: 0, create: newVolumeBinding },
    { name: POD_TOPOLOGY_SPREAD, weight: 2, create: newPodTopologySpread },
    { name: INTER_POD_AFFINITY, weight: 2, create: newInterPodAffinity },
    { name: DEFAULT_PREEMPTION, weight: 0, create: newDefaultPreemption },
    { name: NODE_RESOURCES_BALANCED_ALLOCATION, weight: 1, create: (h) => newNodeResourcesBalancedAllocation(h) },
    { name: IMAGE_LOCALITY, weight: 1, create: newImageLocality },
    { name: DEFAULT_BINDER, weight: 0, create: newDefaultBinder },
  ];
}
