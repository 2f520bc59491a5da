/** Pods indexed by their controller's UID, orphans under one key per namespace. */
import { controllerOf } from '../../api/objects';
import type { Informer } from '../../client';
import type { PodObj } from './types';

export const POD_CONTROLLER_UID_INDEX = 'podControllerUID';
const orphanKey = (ns: string | undefined): string => `_ORPHAN_POD/${ns ?? ''}`;

export function podControllerUidIndex(pod: PodObj): string[] {
  const ref = controllerOf(pod);
  return [ref ? ref.uid : orphanKey(pod.metadata.namespace)];
}

export const podIndexers = { [POD_CONTROLLER_UID_INDEX]: podControllerUidIndex };

/** The pods an owner may claim: those it controls and the orphans of its namespace. */
export function podsForOwner(inf: Informer<PodObj>, owner: { metadata: { uid?: string; namespace?: string } }): PodObj[] {
  const owned = inf.byIndex(POD_CONTROLLER_UID_INDEX, owner.metadata.uid ?? '');
  const orphans = inf.byIndex(POD_CONTROLLER_UID_INDEX, orphanKey(owner.metadata.namespace));
  return orphans.length === 0 ? owned : owned.concat(orphans);
}

export function podsControlledBy(inf: Informer<PodObj>, uid: string): PodObj[] {
  return inf.byIndex(POD_CONTROLLER_UID_INDEX, uid);
}
