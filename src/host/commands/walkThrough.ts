/**
 * "Walk Through" on an object: the walkthrough of how it came to be, built from the trace
 * since kubectl first sent it (for a pod or ReplicaSet, since its top owner was sent).
 */
import type { Cluster } from '../../sim/cluster';
import type { KubeObject } from '../../sim/api/types';
import type { ObjectRef } from '../../protocol/trace';
import type { Walkthrough } from '../../protocol/workflow';
import { buildWalkthrough } from '../../workflow';
import type { ItemRef } from '../explorer';

/** Follows controller ownerReferences up to the object nothing owns. */
export function rootOwner(ref: ItemRef, objects: readonly KubeObject[]): ItemRef {
  let current = ref;
  for (let depth = 0; depth < 5; depth++) {
    const obj = objects.find((o) => o.kind === current.kind && o.metadata.name === current.name && (o.metadata.namespace ?? '') === (current.namespace ?? ''));
    const owner = obj?.metadata.ownerReferences?.find((r) => r.controller);
    if (!owner) break;
    current = { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, ...(current.namespace ? { namespace: current.namespace } : {}) };
  }
  return current;
}

function sameObject(a: ObjectRef | undefined, b: ItemRef): boolean {
  return !!a && a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
}

/** The walkthrough for `ref`, or undefined when the trace no longer holds its beginning. */
export function walkthroughFor(cluster: Cluster, ref: ItemRef, objects: readonly KubeObject[]): Walkthrough | undefined {
  const root = rootOwner(ref, objects);
  const trace = cluster.tracer.events();
  const first = trace.find((e) => e.channel === 'http-request' && e.verb === 'POST' && sameObject(e.ref, root))
    ?? trace.find((e) => e.channel === 'http-request' && e.verb === 'PATCH' && sameObject(e.ref, root));
  if (!first) return undefined;
  const applied: ObjectRef = { kind: root.kind, name: root.name, apiVersion: root.apiVersion, ...(root.namespace ? { namespace: root.namespace } : {}) };
  return buildWalkthrough({
    title: `${root.kind.toLowerCase()}/${root.name}`,
    trace,
    since: first.seq - 1,
    applied: [applied],
    events: cluster.eventRows(),
    topology: cluster.topology(),
  });
}
