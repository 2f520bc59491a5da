/**
 * DaemonSet history: one ControllerRevision per template, named `<daemonset>-<hash>`, whose
 * data is the patch that restores that template; the current one carries the highest
 * revision, and old ones beyond revisionHistoryLimit that no pod uses are deleted.
 */
import { ownerRef } from '../../api/objects';
import { isNotFound } from '../../api/errors';
import { R } from '../../client';
import type { ControllerContext } from '../common/context';
import { computeHash, canonicalJson } from '../common/hash';
import type { ControllerRevisionObj, DaemonSetObj, PodObj } from '../common/types';
import { REVISION_HASH_LABEL } from './pods';

/** getPatch: {"spec":{"template":{...,"$patch":"replace"}}} */
export function templatePatch(ds: DaemonSetObj): Record<string, unknown> {
  return { spec: { template: { ...(JSON.parse(JSON.stringify(ds.spec?.template ?? {})) as object), $patch: 'replace' } } };
}

export function matches(ds: DaemonSetObj, rev: ControllerRevisionObj): boolean {
  return canonicalJson(templatePatch(ds)) === canonicalJson(rev.data);
}

/** constructHistory: the current revision (created or renumbered as needed) and the old ones. */
export function constructHistory(ctx: ControllerContext, ds: DaemonSetObj, owned: readonly ControllerRevisionObj[]): { cur: ControllerRevisionObj; old: ControllerRevisionObj[] } {
  const current: ControllerRevisionObj[] = [];
  const old: ControllerRevisionObj[] = [];
  for (const rev of owned) (matches(ds, rev) ? current : old).push(rev);
  const next = old.reduce((m, r) => Math.max(m, r.revision ?? 0), 0) + 1;
  const [first, ...dups] = [...current].sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0));
  if (!first) {
    const hash = computeHash(ds.spec?.template, ds.status?.collisionCount);
    const rev: ControllerRevisionObj = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: `${ds.metadata.name ?? ''}-${hash}`,
        namespace: ds.metadata.namespace,
        labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
        ownerReferences: [ownerRef(ds)],
      },
      data: templatePatch(ds),
      revision: next,
    };
    if (ds.metadata.annotations) rev.metadata.annotations = { ...ds.metadata.annotations };
    return { cur: ctx.client.create<ControllerRevisionObj>(R.controllerrevisions, ds.metadata.namespace, rev), old };
  }
  for (const d of dups) {
    try {
      ctx.client.delete(R.controllerrevisions, d.metadata.namespace, d.metadata.name ?? '');
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  if ((first.revision ?? 0) < next) {
    return { cur: ctx.client.update<ControllerRevisionObj>(R.controllerrevisions, { ...first, revision: next }), old };
  }
  return { cur: first, old };
}

/** cleanupHistory: old revisions beyond the limit, oldest first, unless a live pod still uses them. */
export function cleanupHistory(ctx: ControllerContext, ds: DaemonSetObj, old: readonly ControllerRevisionObj[], pods: readonly PodObj[]): void {
  const limit = ds.spec?.revisionHistoryLimit ?? 10;
  const toKill = old.length - limit;
  if (toKill <= 0) return;
  const live = new Set(pods.map((p) => p.metadata.labels?.[REVISION_HASH_LABEL]).filter(Boolean));
  const candidates = [...old].sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0)).filter((r) => !live.has(r.metadata.labels?.[REVISION_HASH_LABEL]));
  for (const rev of candidates.slice(0, toKill)) {
    try {
      ctx.client.delete(R.controllerrevisions, rev.metadata.namespace, rev.metadata.name ?? '');
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
