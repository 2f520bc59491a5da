/**
 * SchedulingGates (PreEnqueue): a pod with spec.schedulingGates stays out of activeQ until
 * every gate is removed.
 */
import { Action } from '../framework/events';
import type { Plugin } from '../framework/interface';
import { Status } from '../framework/status';
import type { PodObj } from '../framework/types';

export const SCHEDULING_GATES = 'SchedulingGates';

export function newSchedulingGates(): Plugin {
  return {
    name: SCHEDULING_GATES,
    preEnqueue(pod: PodObj) {
      const gates = pod.spec?.schedulingGates ?? [];
      if (gates.length === 0) return null;
      return Status.unresolvable(`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`);
    },
    eventsToRegister: () => [{ resource: 'UnscheduledPod', actions: Action.UpdatePodSchedulingGatesEliminated }],
  };
}
