/**
 * What the composition root hands each component (controller manager, scheduler, node
 * agents): the loop, the tracer, a seeded rng and a way to get a client of its own.
 */
import type { EventLoop, Rng, Tracer } from '../core';
import type { ApiHandler } from '../apiserver/types';
import { Client, type Identity } from './client';

export interface ComponentEnv {
  loop: EventLoop;
  tracer: Tracer;
  /** A generator of the component's own, so components do not disturb each other's draws. */
  rng: Rng;
  api: ApiHandler;
}

export function clientFor(env: ComponentEnv, identity: Identity): Client {
  return new Client(env.api, identity);
}

/** Something the cluster starts and can stop. */
export interface Component {
  readonly name: string;
  stop(): void;
}

export const IDENTITIES = {
  admin: { user: { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:masters', 'system:authenticated'] }, component: 'kubectl' },
  controllerManager: { user: { username: 'system:kube-controller-manager', groups: ['system:authenticated'] }, component: 'kube-controller-manager' },
  scheduler: { user: { username: 'system:kube-scheduler', groups: ['system:authenticated'] }, component: 'default-scheduler' },
} as const satisfies Record<string, Identity>;

/** A controller's own identity: kube-controller-manager runs each with its service account. */
export function controllerIdentity(controller: string): Identity {
  return {
    user: {
      username: `system:serviceaccount:kube-system:${controller}`,
      groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
    },
    component: controller,
  };
}

export function nodeIdentity(node: string): Identity {
  return { user: { username: `system:node:${node}`, groups: ['system:nodes', 'system:authenticated'] }, component: `kubelet/${node}` };
}
