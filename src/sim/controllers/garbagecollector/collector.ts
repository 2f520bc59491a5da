/**
 * The garbage collector's two workers (garbagecollector.go): attemptToDelete decides, with
 * fresh reads from the API server, whether an object's owners are all gone (delete it),
 * waiting for it (delete it in the foreground) or alive (drop only the dangling
 * references), and finishes foreground deletions; attemptToOrphan strips an owner's
 * references from its dependents and removes the `orphan` finalizer.
 */
import type { OwnerReference } from '../../api/kinds';
import type { KubeObject } from '../../api/types';
import { isNotFound } from '../../api/errors';
import { defaultRegistry } from '../../api/registry';
import { gvrOf, type GVR, type WorkQueue } from '../../client';
import type { ControllerContext } from '../common/context';
import { type Graph, type GraphNode, type Identity, uidOfKey } from './graph';

const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';

function gvrFor(apiVersion: string, kind: string): { gvr: GVR; namespaced: boolean } | undefined {
  const info = defaultRegistry.byKind(apiVersion, kind);
  return info ? { gvr: gvrOf(info), namespaced: info.namespaced } : undefined;
}

const refText = (o: OwnerReference): string => `${o.kind} ${o.name}`;

export class Collector {
  readonly attemptToDelete: WorkQueue;
  readonly attemptToOrphan: WorkQueue;
  /** Owner uids the API server said are gone (absentOwnerCache). */
  readonly absentOwners = new Set<string>();
  onVirtualDelete: (node: GraphNode) => void = () => undefined;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly graph: Graph,
  ) {
    this.attemptToDelete = ctx.queue((key) => this.deleteItem(key));
    this.attemptToOrphan = ctx.queue((key) => this.orphanItem(key));
  }

  private fetch(id: Identity): KubeObject | undefined {
    const t = gvrFor(id.apiVersion, id.kind);
    if (!t) throw new Error(`unable to get REST mapping for ${id.apiVersion}/${id.kind}`);
    return this.ctx.client.tryGet<KubeObject>(t.gvr, t.namespaced ? id.namespace : undefined, id.name);
  }

  private deleteItem(key: string): void {
    const item = this.graph.get(uidOfKey(key));
    if (!item) return;
    if (item.beingDeleted && !item.deletingDependents) return;
    const latest = this.fetch(item.identity);
    if (!latest || latest.metadata.uid !== item.identity.uid) {
      this.onVirtualDelete(item);
      return;
    }
    if (item.deletingDependents) return this.finishForeground(item);
    const owners = latest.metadata.ownerReferences ?? [];
    if (owners.length === 0) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of owners) {
      const owner = this.ownerOf(ref, item);
      if (!owner) dangling.push(ref);
      else if (owner.metadata.deletionTimestamp && (owner.metadata.finalizers ?? []).includes(FOREGROUND)) waiting.push(ref);
      else solid.push(ref);
    }
    const what = item.describe();
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      const drop = [...dangling, ...waiting];
      this.ctx.reconcile(`${what} still has live owners (${solid.map(refText).join(', ')}): removing its references to ${drop.map(refText).join(', ')}`, this.ref(item));
      this.patchOwnerRefs(item, drop.map((o) => ({ $patch: 'delete', uid: o.uid })));
      return;
    }
    if (waiting.length > 0 && item.dependents.size > 0) {
      this.ctx.reconcile(`${what}: its owner ${waiting.map(refText).join(', ')} waits for it, and it has dependents of its own: deleting it in the foreground`, this.ref(item));
      if ([...item.dependents].some((d) => d.deletingDependents)) {
        // A cycle of foreground deletions: stop this object from blocking its owners.
        this.patchOwnerRefs(item, owners.map((o) => ({ uid: o.uid, blockOwnerDeletion: false })));
      }
      this.deleteObject(item, 'Foreground');
      return;
    }
    const fin = latest.metadata.finalizers ?? [];
    const policy = fin.includes(ORPHAN) ? 'Orphan' : fin.includes(FOREGROUND) ? 'Foreground' : 'Background';
    const why = waiting.length > 0 ? `its owner ${waiting.map(refText).join(', ')} is deleting its dependents` : `all its owners are gone (${dangling.map(refText).join(', ')})`;
    this.ctx.reconcile(`${what}: ${why}: deleting it (propagationPolicy ${policy})`, this.ref(item));
    this.deleteObject(item, policy);
  }

  /** isDangling: the owner as the API server has it, or undefined when it is gone. */
  private ownerOf(ref: OwnerReference, item: GraphNode): KubeObject | undefined {
    if (this.absentOwners.has(ref.uid)) return undefined;
    const t = gvrFor(ref.apiVersion, ref.kind);
    if (!t) throw new Error(`unable to get REST mapping for ${ref.apiVersion}/${ref.kind}`);
    const owner = this.ctx.client.tryGet<KubeObject>(t.gvr, t.namespaced ? item.identity.namespace : undefined, ref.name);
    if (!owner || owner.metadata.uid !== ref.uid) {
      this.absentOwners.add(ref.uid);
      return undefined;
    }
    return owner;
  }

  /** processDeletingDependentsItem */
  private finishForeground(item: GraphNode): void {
    const blocking = item.blockingDependents();
    if (blocking.length === 0) {
      this.ctx.reconcile(`${item.describe()} has no dependents left that block it: removing the ${FOREGROUND} finalizer`, this.ref(item));
      this.removeFinalizer(item, FOREGROUND);
      return;
    }
    for (const dep of blocking) if (!dep.deletingDependents) this.attemptToDelete.add(dep.key);
  }

  private orphanItem(key: string): void {
    const owner = this.graph.get(uidOfKey(key));
    if (!owner) return;
    const deps = [...owner.dependents];
    this.ctx.reconcile(`${owner.describe()} is deleted with propagationPolicy Orphan: removing its ownerReference from ${deps.length} dependent${deps.length === 1 ? '' : 's'}, then the ${ORPHAN} finalizer`, this.ref(owner));
    let failure: unknown;
    for (const dep of deps) {
      try {
        this.patchOwnerRefs(dep, [{ $patch: 'delete', uid: owner.identity.uid }]);
      } catch (err) {
        if (!isNotFound(err)) failure ??= err;
      }
    }
    if (failure !== undefined) throw failure;
    this.removeFinalizer(owner, ORPHAN);
  }

  private patchOwnerRefs(item: GraphNode, refs: unknown[]): void {
    const t = gvrFor(item.identity.apiVersion, item.identity.kind);
    if (!t) return;
    this.ctx.client.patch(t.gvr, t.namespaced ? item.identity.namespace : undefined, item.identity.name, {
      metadata: { ownerReferences: refs, uid: item.identity.uid },
    }, 'strategic');
  }

  private deleteObject(item: GraphNode, policy: 'Background' | 'Foreground' | 'Orphan'): void {
    const t = gvrFor(item.identity.apiVersion, item.identity.kind);
    if (!t) return;
    try {
      this.ctx.client.delete(t.gvr, t.namespaced ? item.identity.namespace : undefined, item.identity.name, { propagationPolicy: policy });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** removeFinalizer: a merge patch of the remaining finalizers, guarded by resourceVersion. */
  private removeFinalizer(item: GraphNode, finalizer: string): void {
    const t = gvrFor(item.identity.apiVersion, item.identity.kind);
    if (!t) return;
    const obj = this.fetch(item.identity);
    if (!obj) return;
    const rest = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    if (rest.length === (obj.metadata.finalizers ?? []).length) return;
    this.ctx.client.patch(t.gvr, t.namespaced ? item.identity.namespace : undefined, item.identity.name, {
      metadata: { resourceVersion: obj.metadata.resourceVersion, finalizers: rest.length > 0 ? rest : null },
    }, 'merge');
  }

  private ref(item: GraphNode) {
    const { kind, name, namespace, uid, apiVersion } = item.identity;
    return namespace ? { kind, name, namespace, uid, apiVersion } : { kind, name, uid, apiVersion };
  }
}
