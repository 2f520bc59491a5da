/**
 * The server-side dry run behind diagnostics and the "Dry run" CodeLens: every object goes
 * through kubectl's apply logic against the simulated API server with dryRun=All and
 * fieldValidation=Strict, as the cluster admin; an object that exists is checked as the patch
 * apply would send. Nothing is stored, the event loop never runs, and the trace is untouched.
 */
import type { Cluster } from '../../sim/cluster';
import { applyDocuments, type ApplyResult } from '../../sim/client/apply';
import { R } from '../../sim/client';
import { quietly } from './isolate';

type Obj = Record<string, unknown>;

function stringAt(obj: Obj, ...path: string[]): string | undefined {
  let v: unknown = obj;
  for (const p of path) v = typeof v === 'object' && v !== null ? (v as Obj)[p] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** Namespaces the objects themselves create, which a dry run cannot see. */
function declaredNamespaces(objects: readonly Obj[]): Set<string> {
  const names = objects.filter((o) => o.kind === 'Namespace' && o.apiVersion === 'v1').map((o) => stringAt(o, 'metadata', 'name'));
  return new Set(names.filter((n): n is string => n !== undefined));
}

/**
 * A copy placed in `default` when its namespace comes from the same file and does not exist
 * yet: kubectl apply would create the namespace first, so checking the object in a namespace
 * that exists tells the truth about everything but the namespace.
 */
function stand(obj: Obj, declared: Set<string>, cluster: Cluster): Obj {
  const ns = stringAt(obj, 'metadata', 'namespace');
  if (!ns || !declared.has(ns) || cluster.kubectl.tryGet(R.namespaces, undefined, ns)) return obj;
  const metadata = { ...(obj.metadata as Obj), namespace: 'default' };
  return { ...obj, metadata };
}

/** One result per object, in order, as `kubectl apply --dry-run=server` prints them. */
export function dryRunObjects(cluster: Cluster, objects: readonly Obj[], source: string): ApplyResult[] {
  return quietly(cluster, () => {
    const declared = declaredNamespaces(objects);
    return objects.map((obj, i) => {
      const [result] = applyDocuments(cluster.kubectl, cluster.api.registry, [stand(obj, declared, cluster)], {
        dryRun: true,
        source,
        fieldValidation: 'Strict',
      });
      return { ...(result ?? { action: 'failed', message: 'error: nothing to apply' }), document: i };
    });
  });
}
