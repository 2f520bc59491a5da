/**
 * pathAt: offset -> the field under the cursor. Descends from the object's root, picking the
 * child at each level by binary search over the (ordered) items, so a lookup costs
 * O(depth · log width) and never re-parses.
 */
import { isAlias, isCollection, isMap, isSeq } from 'yaml';
import { isFreeFormMap } from './fieldKinds';
import { itemStart, keyOf, lastStartingAtOrBefore, nodeRange, type AnyPair } from './nodes';
import { contains } from './text';
import type { FieldLocation, ManifestDocument, ManifestObject, ParsedManifest, Range } from './types';

/** The document whose range holds `offset` (documents are in order and do not overlap). */
export function documentAt(parsed: ParsedManifest, offset: number): ManifestDocument | undefined {
  const i = lastStartingAtOrBefore(parsed.documents, offset, (d) => d.range.start);
  const doc = parsed.documents[i];
  return doc && offset <= doc.range.end ? doc : undefined;
}

/** The list item holding `offset`, or the document itself. */
function objectAt(doc: ManifestDocument, offset: number): ManifestObject {
  if (!doc.items) return doc;
  const i = lastStartingAtOrBefore(doc.items, offset, (o) => o.range.start);
  const item = doc.items[i];
  return item && contains(item.range, offset) ? item : doc;
}

interface Found {
  path: string[];
  schema: string[];
  freeForm: boolean;
  onKey: boolean;
  keyRange?: Range;
  valueRange?: Range;
}

export function pathAt(target: ManifestDocument | ParsedManifest, offset: number): FieldLocation | undefined {
  const doc = 'documents' in target ? documentAt(target, offset) : target;
  if (!doc || !doc.node) return undefined;
  const obj = objectAt(doc, offset);
  const kind = obj.kind?.value;
  const found = descend(obj, offset, kind);
  if (!found || found.path.length === 0) return undefined;
  const location: FieldLocation = {
    documentIndex: doc.index,
    path: found.path,
    schemaPath: found.schema.join('.'),
    onKey: found.onKey,
  };
  if (obj.itemIndex !== undefined) location.itemIndex = obj.itemIndex;
  if (found.keyRange) location.keyRange = found.keyRange;
  if (found.valueRange) location.valueRange = found.valueRange;
  if (kind !== undefined) location.kind = kind;
  if (obj.apiVersion) location.apiVersion = obj.apiVersion.value;
  return location;
}

function descend(obj: ManifestObject, offset: number, kind: string | undefined): Found | undefined {
  const text = obj.text;
  const found: Found = { path: [], schema: [], freeForm: false, onKey: false };
  let node: unknown = obj.node;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items[lastStartingAtOrBefore(node.items, offset, itemStart)] as AnyPair | undefined;
      if (!pair) return found;
      const keyRange = nodeRange(pair.key, text);
      const valueRange = nodeRange(pair.value, text);
      const onKey = keyRange !== undefined && contains(keyRange, offset);
      // The pair spans from its key to the end of its value, indentation included.
      const end = Math.max(valueRange?.end ?? 0, keyRange?.end ?? 0);
      if (!onKey && !(keyRange && offset >= keyRange.start && offset <= end)) return found;
      const key = keyOf(pair.key, obj.json, obj.yaml) ?? String(pair.key);
      found.path.push(key);
      if (!found.freeForm) found.schema.push(key);
      found.freeForm ||= isFreeFormMap(found.schema, kind);
      found.onKey = onKey;
      set(found, keyRange, valueRange);
      if (onKey || isAlias(pair.value) || !isCollection(pair.value)) return found;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = lastStartingAtOrBefore(node.items, offset, itemStart);
      const item = node.items[index];
      const range = nodeRange(item, text);
      if (!range || !contains(range, offset)) return found;
      found.path.push(String(index));
      found.onKey = false;
      set(found, undefined, range);
      if (isAlias(item) || !isCollection(item)) return found;
      node = item;
    } else {
      return found;
    }
  }
}

function set(found: Found, keyRange: Range | undefined, valueRange: Range | undefined): void {
  if (keyRange) found.keyRange = keyRange;
  else delete found.keyRange;
  if (valueRange && valueRange.end > valueRange.start) found.valueRange = valueRange;
  else delete found.valueRange;
}
