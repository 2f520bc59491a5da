/**
 * sim/scheduler: kube-scheduler 1.33 with the default profile. framework/ holds the queue,
 * the cache, the extension points and the scheduling cycle; plugins/ holds one file per
 * plugin with upstream's names, messages and weights. Every attempt is traced on the
 * 'schedule' channel with a per-node explanation (protocol SchedulingDetail).
 * Imports sim/core, sim/api, sim/client and src/protocol only.
 */
import type { Component, ComponentEnv } from '../client';
import { Scheduler, type SchedulerOptions } from './scheduler';

export { Scheduler, type SchedulerOptions } from './scheduler';
export { defaultProfile } from './plugins/registry';

/** Starts the scheduler: client default-scheduler, informers, queue, one attempt per loop task. */
export function startScheduler(env: ComponentEnv, opts: SchedulerOptions = {}): Component {
  return new Scheduler(env, opts).start();
}
