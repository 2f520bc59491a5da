/**
 * The namespace deleter's status conditions (namespace_condition_utils.go): five
 * condition types, each either a failure with details or its "ok" variant.
 */
interface NsCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

const TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;

const OK: Record<string, [string, string]> = {
  NamespaceDeletionDiscoveryFailure: ['ResourcesDiscovered', 'All resources successfully discovered'],
  NamespaceDeletionGroupVersionParsingFailure: ['ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  NamespaceDeletionContentFailure: ['ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  NamespaceContentRemaining: ['ContentRemoved', 'All content successfully removed'],
  NamespaceFinalizersRemaining: ['ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
};

export interface ContentTotals {
  /** `<resource>.<group>` (core resources end with a dot, as upstream prints them) -> count. */
  byResource: Map<string, number>;
  byFinalizer: Map<string, number>;
  errors: string[];
}

/** updateConditions: returns the namespace's conditions after this pass. */
export function updateConditions(current: readonly NsCondition[], totals: ContentTotals, now: string): NsCondition[] {
  const fresh = new Map<string, NsCondition>();
  if (totals.errors.length > 0) {
    const msgs = [...totals.errors].sort();
    fresh.set('NamespaceDeletionContentFailure', {
      type: 'NamespaceDeletionContentFailure', status: 'True', lastTransitionTime: now, reason: 'ContentDeletionFailed',
      message: `Failed to delete all resource types, ${msgs.length} remaining: ${msgs.join(', ')}`,
    });
  }
  if (totals.byResource.size > 0) {
    const list = [...totals.byResource].filter(([, n]) => n > 0).map(([r, n]) => `${r} has ${n} resource instances`).sort();
    fresh.set('NamespaceContentRemaining', {
      type: 'NamespaceContentRemaining', status: 'True', lastTransitionTime: now, reason: 'SomeResourcesRemain',
      message: `Some resources are remaining: ${list.join(', ')}`,
    });
  }
  if (totals.byFinalizer.size > 0) {
    const list = [...totals.byFinalizer].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`).sort();
    fresh.set('NamespaceFinalizersRemaining', {
      type: 'NamespaceFinalizersRemaining', status: 'True', lastTransitionTime: now, reason: 'SomeFinalizersRemain',
      message: `Some content in the namespace has finalizers remaining: ${list.join(', ')}`,
    });
  }
  const out = current.map((c) => ({ ...c }));
  for (const type of TYPES) {
    const [reason, message] = OK[type] as [string, string];
    const next = fresh.get(type) ?? { type, status: 'False', lastTransitionTime: now, reason, message };
    const old = out.find((c) => c.type === type);
    if (!old) {
      out.push(next);
    } else if (old.status !== next.status || old.message !== next.message || old.reason !== next.reason) {
      if (old.status !== next.status) old.lastTransitionTime = now;
      old.status = next.status;
      old.reason = next.reason;
      old.message = next.message;
    }
  }
  return out;
}
