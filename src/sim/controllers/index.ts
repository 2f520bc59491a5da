/**
 * sim/controllers: kube-controller-manager. One folder per controller, each a
 * level-triggered reconciler fed by the process's shared informers and its own work
 * queue, talking to the API server only through its own client (its service account, as
 * upstream runs them) and recording Events with upstream's source component.
 * Imports sim/core, sim/api, sim/client and src/protocol types only; controllers never
 * import the scheduler or the node agents.
 */
import { IDENTITIES, InformerFactory, clientFor, type Component, type ComponentEnv } from '../client';
import { newControllerContext, type ControllerSpec } from './common/context';
import { replicaSetController } from './replicaset';
import { deploymentController } from './deployment';
import { serviceAccountController } from './serviceaccount';
import { rootCACertPublisher } from './rootcacert';
import { endpointsController } from './endpoints';
import { endpointSliceController } from './endpointslice';
import { apiserverEndpoints } from './apiserverendpoints';
import { garbageCollector } from './garbagecollector';
import { namespaceController } from './namespace';
import { nodeLifecycleController } from './nodelifecycle';
import { taintEvictionController } from './tainteviction';
import { jobController } from './job';
import { cronJobController } from './cronjob';
import { ttlAfterFinishedController } from './ttlafterfinished';
import { daemonSetController } from './daemonset';
import { statefulSetController } from './statefulset';
import { volumeBinder } from './volumebinder';

export type { ControllerContext, ControllerSpec } from './common/context';

/** Every controller the manager runs, in the order they start. */
export const CONTROLLERS: readonly ControllerSpec[] = [
  serviceAccountController,
  rootCACertPublisher,
  deploymentController,
  replicaSetController,
  endpointsController,
  endpointSliceController,
  apiserverEndpoints,
  garbageCollector,
  namespaceController,
  nodeLifecycleController,
  taintEvictionController,
  jobController,
  cronJobController,
  ttlAfterFinishedController,
  daemonSetController,
  statefulSetController,
  volumeBinder,
];

export interface ControllerManagerOptions {
  /** Only these controllers (by service-account name); all when absent. For tests. */
  only?: readonly string[];
}

export function startControllerManager(env: ComponentEnv, opts: ControllerManagerOptions = {}): Component {
  const informers = new InformerFactory(clientFor(env, IDENTITIES.controllerManager));
  const specs = opts.only ? CONTROLLERS.filter((c) => opts.only?.includes(c.name)) : CONTROLLERS;
  const running = specs.map((spec) => spec.start(newControllerContext(env, informers, spec)));
  informers.start();
  return {
    name: 'kube-controller-manager',
    stop() {
      for (const c of running) c.stop();
      informers.stop();
    },
  };
}
