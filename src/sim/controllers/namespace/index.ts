/**
 * The namespace controller (namespace-controller): a namespace being deleted is marked
 * Terminating, everything in it is deleted resource by resource (its conditions say what
 * remains), and once it is empty the `kubernetes` finalizer is removed so the API server
 * can let the namespace go.
 */
import type { NamespaceCondition } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types';
import { isNotFound, StatusError } from '../../api/errors';
import { defaultRegistry } from '../../api/registry';
import { parseTime } from '../../core';
import { R, gvrOf, type Component, type SyncResult } from '../../client';
import { component, type ControllerContext, type ControllerSpec } from '../common/context';
import { deleteCollection, updateSubresource } from '../common/requests';
import type { NamespaceObj, PodObj } from '../common/types';
import { jsonEqual, nowTime } from '../common/util';
import { updateConditions } from './conditions';

export const FINALIZER_KUBERNETES = 'kubernetes';
/** finalizerEstimateSeconds: the wait when what remains is held by finalizers. */
const FINALIZER_ESTIMATE_SECONDS = 15;

export const namespaceController: ControllerSpec = {
  name: 'namespace-controller',
  eventSource: 'namespace-controller',
  start: startNamespaceController,
};

interface Remaining {
  estimate: number;
  byResource: Map<string, number>;
  byFinalizer: Map<string, number>;
  errors: string[];
}

export function startNamespaceController(ctx: ControllerContext): Component {
  const nsInformer = ctx.informers.informer<NamespaceObj>(R.namespaces);
  const queue = ctx.queue(sync);
  const onNs = (ns: NamespaceObj): void => {
    if (ns.metadata.deletionTimestamp) queue.add(ns.metadata.name ?? '');
  };
  nsInformer.addHandler({ add: onNs, update: (_o, ns) => onNs(ns) });
  const resources = defaultRegistry.all().filter((r) => r.namespaced && r.verbs.includes('delete') && r.verbs.includes('list'));

  function sync(name: string): SyncResult {
    if (!nsInformer.get(undefined, name)) return;
    let ns = ctx.client.tryGet<NamespaceObj>(R.namespaces, undefined, name);
    if (!ns || !ns.metadata.deletionTimestamp) return;
    if (ns.status?.phase !== 'Terminating') {
      ns = ctx.client.updateStatus<NamespaceObj>(R.namespaces, { ...ns, status: { ...ns.status, phase: 'Terminating' } });
    }
    if ((ns.spec?.finalizers ?? []).length === 0) return;
    const remaining = deleteAllContent(ns);
    const left = [...remaining.byResource.values()].reduce((a, b) => a + b, 0);
    if (remaining.errors.length > 0) throw new Error(remaining.errors.join(', '));
    if (left > 0 || remaining.estimate > 0) {
      const estimate = remaining.estimate > 0 ? remaining.estimate : FINALIZER_ESTIMATE_SECONDS;
      return { requeueAfterMs: (Math.floor(estimate / 2) + 1) * 1000 };
    }
    ctx.reconcile(`namespace ${name} is empty: removing the "${FINALIZER_KUBERNETES}" finalizer`, { kind: 'Namespace', name });
    finalize(ns);
  }

  function deleteAllContent(ns: NamespaceObj): Remaining {
    const name = ns.metadata.name ?? '';
    const deletedAt = parseTime(ns.metadata.deletionTimestamp ?? '');
    const out: Remaining = { estimate: 0, byResource: new Map(), byFinalizer: new Map(), errors: [] };
    const present = resources
      .map((info) => ({ info, items: ctx.client.list<KubeObject>(gvrOf(info), name).items }))
      .filter((r) => r.items.length > 0);
    ctx.reconcile(
      present.length === 0
        ? `namespace ${name} is being deleted and holds nothing more`
        : `namespace ${name} is being deleted: deleting ${present.map((r) => `${r.items.length} ${r.info.plural}`).join(', ')}`,
      { kind: 'Namespace', name },
    );
    for (const { info, items } of present) {
      const gvr = gvrOf(info);
      let estimate = 0;
      if (info.group === '' && info.plural === 'pods') {
        for (const p of items as PodObj[]) {
          if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
          estimate = Math.max(estimate, p.spec?.terminationGracePeriodSeconds ?? 30);
        }
        if (ctx.loop.now() - deletedAt >= estimate * 1000) estimate = 0;
      }
      try {
        deleteCollection(ctx.client, gvr, name, { propagationPolicy: 'Background' });
      } catch (err) {
        if (!(err instanceof StatusError && (err.code === 405 || err.code === 404))) {
          out.errors.push(err instanceof Error ? err.message : String(err));
          continue;
        }
        for (const item of items) {
          try {
            ctx.client.delete(gvr, name, item.metadata.name ?? '', { propagationPolicy: 'Background' });
          } catch (e) {
            if (!isNotFound(e)) out.errors.push(e instanceof Error ? e.message : String(e));
          }
        }
      }
      const still = ctx.client.list<KubeObject>(gvr, name).items;
      if (still.length === 0) continue;
      out.byResource.set(`${info.plural}.${info.group}`, still.length);
      let withFinalizers = false;
      for (const item of still) {
        for (const f of item.metadata.finalizers ?? []) {
          out.byFinalizer.set(f, (out.byFinalizer.get(f) ?? 0) + 1);
          withFinalizers = true;
        }
      }
      if (estimate > 0) out.estimate = Math.max(out.estimate, estimate);
      else if (withFinalizers) out.estimate = Math.max(out.estimate, FINALIZER_ESTIMATE_SECONDS);
      else out.errors.push(`unexpected items still remain in namespace: ${name} for gvr: ${info.group}/${info.version}, Resource=${info.plural}`);
    }
    const conditions = updateConditions(ns.status?.conditions ?? [], out, nowTime(ctx.loop.now()));
    if (!jsonEqual(conditions, ns.status?.conditions ?? [])) {
      try {
        ctx.client.updateStatus<NamespaceObj>(R.namespaces, { ...ns, status: { ...ns.status, conditions: conditions as NamespaceCondition[] } });
      } catch {
        // upstream only logs a failed condition update
      }
    }
    return out;
  }

  /** Finalize: PUT namespaces/<name>/finalize without `kubernetes`; a plain update where the API server lacks it. */
  function finalize(ns: NamespaceObj): void {
    const fresh = ctx.client.tryGet<NamespaceObj>(R.namespaces, undefined, ns.metadata.name ?? '');
    if (!fresh) return;
    const finalizers = (fresh.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES);
    const body = { ...fresh, spec: { ...fresh.spec, finalizers } };
    try {
      updateSubresource(ctx.client, R.namespaces, body, 'finalize');
      return;
    } catch (err) {
      if (!(err instanceof StatusError && (err.code === 405 || err.code === 404))) throw err;
    }
    ctx.client.update<NamespaceObj>(R.namespaces, body);
  }

  return component('namespace-controller', [queue]);
}
