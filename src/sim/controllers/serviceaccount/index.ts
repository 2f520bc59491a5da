/**
 * The ServiceAccount controller (serviceaccount-controller, running as
 * service-account-controller): a `default` ServiceAccount in every active namespace. The
 * API server's ServiceAccount admission refuses pods until it exists.
 */
import { isAlreadyExists } from '../../api/errors';
import { R, type Component, type SyncResult } from '../../client';
import { component, type ControllerContext, type ControllerSpec } from '../common/context';
import type { NamespaceObj, ServiceAccountObj } from '../common/types';
import { isNamespaceTerminating } from '../common/util';

export const SERVICE_ACCOUNTS_TO_ENSURE = ['default'];

export const serviceAccountController: ControllerSpec = {
  name: 'service-account-controller',
  eventSource: 'service-account-controller',
  start: startServiceAccountController,
};

export function startServiceAccountController(ctx: ControllerContext): Component {
  const nsInformer = ctx.informers.informer<NamespaceObj>(R.namespaces);
  const saInformer = ctx.informers.informer<ServiceAccountObj>(R.serviceaccounts);
  const queue = ctx.queue(sync);

  nsInformer.addHandler({
    add: (ns) => queue.add(ns.metadata.name ?? ''),
    update: (_old, ns) => queue.add(ns.metadata.name ?? ''),
  });
  saInformer.addHandler({
    delete: (sa) => {
      if (SERVICE_ACCOUNTS_TO_ENSURE.includes(sa.metadata.name ?? '')) queue.add(sa.metadata.namespace ?? '');
    },
  });

  function sync(name: string): SyncResult {
    const ns = nsInformer.get(undefined, name);
    if (!ns || ns.status?.phase !== 'Active') return;
    const missing = SERVICE_ACCOUNTS_TO_ENSURE.filter((sa) => !saInformer.get(name, sa));
    if (missing.length === 0) return;
    ctx.reconcile(`namespace ${name} has no ServiceAccount "${missing.join('", "')}": creating it`, { kind: 'Namespace', name });
    let failure: unknown;
    for (const sa of missing) {
      try {
        ctx.client.create<ServiceAccountObj>(R.serviceaccounts, name, {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: sa, namespace: name },
        });
      } catch (err) {
        if (isAlreadyExists(err) || isNamespaceTerminating(err)) continue;
        failure ??= err;
      }
    }
    if (failure !== undefined) throw failure;
  }

  return component('serviceaccount-controller', [queue]);
}
