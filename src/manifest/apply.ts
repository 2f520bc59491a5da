/**
 * What `kubectl apply -f` sends, and in which order: the file's objects in file order (kubectl
 * does not sort, not even Namespaces first), list documents flattened into their items,
 * empty documents skipped. Reading stops at the first document kubectl cannot decode; an
 * object without a kind is skipped with an error while the rest still goes out. In a list,
 * an item without a kind ends that list (kubectl's list flattening returns at it).
 */
import type { ManifestError, ManifestObject, ParsedManifest, Range } from './types';

export interface ApplyObject {
  documentIndex: number;
  itemIndex?: number;
  /** The object as kubectl would send it (decoded like kubectl, list defaults filled in). */
  object: Record<string, unknown>;
  range: Range;
  apiVersion?: string;
  kind: string;
  name?: string;
  namespace?: string;
  source: ManifestObject;
}

export interface ApplyPlan {
  objects: ApplyObject[];
  /** Objects kubectl reports an error for and skips, going on with the others. */
  skipped: { documentIndex: number; itemIndex?: number; error: ManifestError }[];
  /** The error at which kubectl stops reading the file: nothing from here on is applied. */
  stoppedAt?: { documentIndex: number; error: ManifestError };
}

function toApply(source: ManifestObject): ApplyObject | undefined {
  const object = source.object;
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return undefined;
  const record = object as Record<string, unknown>;
  if (typeof record.kind !== 'string' || record.kind === '') return undefined;
  const out: ApplyObject = { documentIndex: source.documentIndex, object: record, range: source.range, kind: record.kind, source };
  if (source.itemIndex !== undefined) out.itemIndex = source.itemIndex;
  if (typeof record.apiVersion === 'string') out.apiVersion = record.apiVersion;
  if (source.name) out.name = source.name.value;
  if (source.namespace) out.namespace = source.namespace.value;
  return out;
}

export function planApply(parsed: ParsedManifest): ApplyPlan {
  const plan: ApplyPlan = { objects: [], skipped: [] };
  for (const doc of parsed.documents) {
    const fatal = doc.errors.find((e) => e.fatal);
    if (fatal) {
      plan.stoppedAt = { documentIndex: doc.index, error: fatal };
      break;
    }
    if (doc.empty) continue;
    const docError = doc.errors.find((e) => e.severity === 'error' && e.itemIndex === undefined);
    if (docError) {
      plan.skipped.push({ documentIndex: doc.index, error: docError });
      continue;
    }
    for (const source of doc.items ?? [doc]) {
      const itemError = doc.errors.find((e) => e.severity === 'error' && e.itemIndex !== undefined && e.itemIndex === source.itemIndex);
      const ready = itemError ? undefined : toApply(source);
      if (!ready) {
        if (itemError) plan.skipped.push({ documentIndex: doc.index, itemIndex: itemError.itemIndex, error: itemError });
        break;
      }
      plan.objects.push(ready);
    }
  }
  return plan;
}

/** The objects `kubectl apply -f` would send, in the order it sends them. */
export function documentsForApply(parsed: ParsedManifest): ApplyObject[] {
  return planApply(parsed).objects;
}
