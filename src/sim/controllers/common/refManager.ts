/**
 * controller.BaseControllerRefManager.ClaimObject: a controller owns the objects whose
 * controller reference names it; it adopts orphans its selector matches and releases the
 * objects it owns that stop matching. Adoption first re-reads the owner from the API
 * server (RecheckDeletionTimestamp), once per sync, so a deleted owner adopts nothing.
 */
import type { KubeObject } from '../../api/types';
import { controllerOf, ownerRef } from '../../api/objects';
import { isNotFound } from '../../api/errors';
import type { Client, GVR } from '../../client';

export interface ClaimOptions<T extends KubeObject> {
  owner: KubeObject;
  /** The dependents' resource, for the adopt and release patches. */
  gvr: GVR;
  client: Client;
  /** Selector (and any other filter) the owner uses. */
  match(obj: T): boolean;
  /** Re-reads the owner; throws when it is gone or being deleted. */
  canAdopt(): void;
}

/** Returns the objects the owner controls after adopting and releasing. */
export function claimObjects<T extends KubeObject>(objs: readonly T[], opts: ClaimOptions<T>): T[] {
  const claimed: T[] = [];
  let adoptChecked = false;
  let adoptError: unknown;
  const ownerUid = opts.owner.metadata.uid;
  const ownerDeleting = !!opts.owner.metadata.deletionTimestamp;
  const errors: unknown[] = [];
  for (const obj of objs) {
    const ref = controllerOf(obj);
    if (ref) {
      if (ref.uid !== ownerUid) continue;
      if (opts.match(obj)) {
        claimed.push(obj);
        continue;
      }
      if (ownerDeleting) continue;
      try {
        release(opts, obj);
      } catch (err) {
        if (!isNotFound(err)) errors.push(err);
      }
      continue;
    }
    if (ownerDeleting || !opts.match(obj) || obj.metadata.deletionTimestamp) continue;
    if (opts.owner.metadata.namespace && opts.owner.metadata.namespace !== obj.metadata.namespace) continue;
    try {
      if (!adoptChecked) {
        adoptChecked = true;
        try {
          opts.canAdopt();
        } catch (err) {
          adoptError = err;
        }
      }
      if (adoptError !== undefined) throw adoptError;
      const adopted = adopt(opts, obj);
      claimed.push(adopted);
    } catch (err) {
      if (!isNotFound(err)) errors.push(err);
    }
  }
  if (errors.length > 0) throw errors[0];
  return claimed;
}

function adopt<T extends KubeObject>(opts: ClaimOptions<T>, obj: T): T {
  const patch = { metadata: { ownerReferences: [ownerRef(opts.owner)], uid: obj.metadata.uid } };
  return opts.client.patch<T>(opts.gvr, obj.metadata.namespace, obj.metadata.name ?? '', patch, 'strategic');
}

function release<T extends KubeObject>(opts: ClaimOptions<T>, obj: T): void {
  const patch = { metadata: { ownerReferences: [{ $patch: 'delete', uid: opts.owner.metadata.uid }], uid: obj.metadata.uid } };
  opts.client.patch<T>(opts.gvr, obj.metadata.namespace, obj.metadata.name ?? '', patch, 'strategic');
}

/**
 * controller.RecheckDeletionTimestamp: a fresh GET of the owner; adoption is refused when
 * it has a deletionTimestamp or is a different object with the same name.
 */
export function recheckOwner(client: Client, gvr: GVR, owner: KubeObject): () => void {
  return () => {
    const fresh = client.get(gvr, owner.metadata.namespace, owner.metadata.name ?? '');
    if (fresh.metadata.uid !== owner.metadata.uid) {
      throw new Error(
        `original ${owner.kind} ${owner.metadata.namespace ?? ''}/${owner.metadata.name ?? ''} is gone: got uid ${fresh.metadata.uid ?? ''}, wanted ${owner.metadata.uid ?? ''}`,
      );
    }
    if (fresh.metadata.deletionTimestamp) {
      throw new Error(`${owner.metadata.namespace ?? ''}/${owner.metadata.name ?? ''} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
    }
  };
}
