/**
 * The garbage collector (garbage-collector-controller, running as
 * generic-garbage-collector): watches every deletable resource, keeps the ownerReferences
 * graph, and deletes dependents whose owners are gone (Background), deletes blocking
 * dependents before a `foregroundDeletion` owner and then lets it go (Foreground), and
 * strips ownerReferences before letting an `orphan` owner go (Orphan).
 */
import type { OwnerReference } from '../../api/kinds';
import type { KubeObject } from '../../api/types';
import { apiVersionOf } from '../../api/types';
import { defaultRegistry } from '../../api/registry';
import { gvrOf, type Component } from '../../client';
import { component, type ControllerContext, type ControllerSpec } from '../common/context';
import { jsonEqual } from '../common/util';
import { Graph, GraphNode, type Identity } from './graph';
import { Collector } from './collector';

export const FOREGROUND = 'foregroundDeletion';
export const ORPHAN = 'orphan';

export const garbageCollector: ControllerSpec = {
  name: 'generic-garbage-collector',
  eventSource: 'garbage-collector-controller',
  start: startGarbageCollector,
};

/** GetDeletableResources minus the ignored ones (events). */
function monitoredResources() {
  return defaultRegistry.all().filter((r) => {
    if (r.plural === 'events' && (r.group === '' || r.group === 'events.k8s.io')) return false;
    return ['list', 'watch', 'delete', 'get', 'patch'].every((v) => r.verbs.includes(v));
  });
}

function identityOf(obj: KubeObject): Identity {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.metadata.name ?? '',
    uid: obj.metadata.uid ?? '',
    namespace: obj.metadata.namespace ?? '',
  };
}

const hasFinalizer = (obj: KubeObject, f: string): boolean => (obj.metadata.finalizers ?? []).includes(f);

export function startGarbageCollector(ctx: ControllerContext): Component {
  const graph = new Graph();
  const collector = new Collector(ctx, graph);
  const { attemptToDelete, attemptToOrphan } = collector;

  const addDependentToOwners = (node: GraphNode, owners: readonly OwnerReference[]): void => {
    for (const ref of owners) {
      let owner = graph.get(ref.uid);
      const existed = owner !== undefined;
      if (!owner) {
        const info = defaultRegistry.byKind(ref.apiVersion, ref.kind);
        const namespace = info && !info.namespaced ? '' : node.identity.namespace;
        owner = new GraphNode({ apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid, namespace }, true);
        graph.set(owner);
      }
      owner.dependents.add(node);
      // A virtual owner is checked against the API server; if it is absent its dependents go.
      if (!existed) attemptToDelete.add(owner.key);
    }
  };

  const processTransitions = (old: KubeObject | undefined, obj: KubeObject, node: GraphNode): void => {
    const startsDeleting = !!obj.metadata.deletionTimestamp && !(old?.metadata.deletionTimestamp);
    const gainedOrphan = hasFinalizer(obj, ORPHAN) && !(old && hasFinalizer(old, ORPHAN) && old.metadata.deletionTimestamp);
    const gainedForeground = hasFinalizer(obj, FOREGROUND) && !(old && hasFinalizer(old, FOREGROUND) && old.metadata.deletionTimestamp);
    if (obj.metadata.deletionTimestamp && hasFinalizer(obj, ORPHAN) && (startsDeleting || gainedOrphan)) {
      attemptToOrphan.add(node.key);
      return;
    }
    if (obj.metadata.deletionTimestamp && hasFinalizer(obj, FOREGROUND) && (startsDeleting || gainedForeground)) {
      node.deletingDependents = true;
      for (const dep of node.dependents) attemptToDelete.add(dep.key);
      attemptToDelete.add(node.key);
    }
  };

  const onAddOrUpdate = (obj: KubeObject, old?: KubeObject): void => {
    const uid = obj.metadata.uid;
    if (!uid) return;
    const owners = obj.metadata.ownerReferences ?? [];
    let node = graph.get(uid);
    if (!node) {
      node = new GraphNode(identityOf(obj), false);
      node.owners = [...owners];
      node.beingDeleted = !!obj.metadata.deletionTimestamp;
      graph.set(node);
      addDependentToOwners(node, owners);
      processTransitions(old, obj, node);
      return;
    }
    if (node.virtual) {
      node.virtual = false;
      node.identity = identityOf(obj);
    }
    if (!jsonEqual(node.owners, owners)) {
      const before = new Map(node.owners.map((o) => [o.uid, o]));
      const after = new Map(owners.map((o) => [o.uid, o]));
      const added = owners.filter((o) => !before.has(o.uid));
      for (const o of node.owners) {
        const now = after.get(o.uid);
        const ownerNode = graph.get(o.uid);
        if (!now) ownerNode?.dependents.delete(node);
        // An owner waiting on its dependents looks again once one stops blocking it.
        const unblocked = !now || (o.blockOwnerDeletion === true && now.blockOwnerDeletion !== true);
        if (unblocked && ownerNode?.deletingDependents) attemptToDelete.add(ownerNode.key);
      }
      node.owners = [...owners];
      addDependentToOwners(node, added);
    }
    node.beingDeleted = !!obj.metadata.deletionTimestamp;
    processTransitions(old, obj, node);
  };

  const onDelete = (obj: KubeObject): void => {
    const node = graph.get(obj.metadata.uid ?? '');
    if (!node) return;
    graph.remove(node);
    collector.absentOwners.add(node.identity.uid);
    for (const dep of node.dependents) attemptToDelete.add(dep.key);
    for (const o of node.owners) {
      const ownerNode = graph.get(o.uid);
      if (ownerNode?.deletingDependents) attemptToDelete.add(ownerNode.key);
    }
  };
  collector.onVirtualDelete = (node) => {
    if (!node.virtual || graph.get(node.identity.uid) !== node) return;
    graph.remove(node);
    collector.absentOwners.add(node.identity.uid);
    for (const dep of node.dependents) attemptToDelete.add(dep.key);
  };

  for (const info of monitoredResources()) {
    const inf = ctx.informers.informer<KubeObject>(gvrOf(info));
    const kind = info.kind;
    const apiVersion = apiVersionOf(info);
    // Watch events may omit apiVersion and kind (metadata informers do): fill them in.
    const typed = (o: KubeObject): KubeObject => (o.kind && o.apiVersion ? o : { ...o, kind, apiVersion });
    inf.addHandler({
      add: (o) => onAddOrUpdate(typed(o)),
      update: (old, o) => onAddOrUpdate(typed(o), typed(old)),
      delete: (o) => onDelete(typed(o)),
    });
  }
  return component('garbage-collector-controller', [attemptToDelete, attemptToOrphan]);
}
