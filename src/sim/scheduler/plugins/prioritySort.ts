/** PrioritySort (QueueSort): higher priority first, then the pod that entered the queue first. */
import type { Plugin } from '../framework/interface';
import type { QueuedPodInfo } from '../framework/queuedPodInfo';

export const PRIORITY_SORT = 'PrioritySort';

export function newPrioritySort(): Plugin {
  return {
    name: PRIORITY_SORT,
    less(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
      const p1 = a.podInfo.priority;
      const p2 = b.podInfo.priority;
      return p1 > p2 || (p1 === p2 && a.timestamp < b.timestamp);
    },
  };
}
