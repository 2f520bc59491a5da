/**
 * The shapes src/manifest hands out. Offsets are UTF-16 code unit indexes into the text that
 * was parsed (what a JavaScript string index and vscode's `document.offsetAt` both count).
 */
import type { Document, Node as YamlNode } from 'yaml';

/** A half-open span of the source text: `start` inclusive, `end` exclusive. */
export interface Range {
  start: number;
  end: number;
}

/**
 * A problem kubectl (or the YAML reader it uses) would have with the text.
 * `fatal` errors stop kubectl reading the rest of the file at that document, as
 * `kubectl apply -f` does; the others only concern their own document or item.
 */
export interface ManifestError {
  code: ManifestErrorCode;
  message: string;
  range: Range;
  severity: 'error' | 'warning';
  fatal: boolean;
  /** A longer explanation for a person (why, and what kubectl does about it). */
  detail?: string;
  /** Set when the problem concerns only this item of a list document. */
  itemIndex?: number;
}

export type ManifestErrorCode =
  | 'yaml-syntax'
  | 'json-syntax'
  | 'tab-indent'
  | 'invalid-separator'
  | 'duplicate-key'
  | 'unsupported-key'
  | 'bad-tag'
  | 'bad-merge'
  | 'bad-alias'
  | 'unsupported-value'
  | 'extra-document'
  | 'not-an-object'
  | 'missing-kind';

/** A string-valued top-level field, with the ranges of its key and its value. */
export interface FieldSpan {
  value: string;
  keyRange: Range;
  valueRange: Range;
}

/**
 * One Kubernetes object as kubectl would send it: a whole document, or one item of a
 * document whose top level has an `items` list (a `kind: List`, for example).
 */
export interface ManifestObject {
  /** Index of the document (in `ParsedManifest.documents`) this object comes from. */
  documentIndex: number;
  /** Set when this object is the item at this index of the document's `items`. */
  itemIndex?: number;
  /** For a document, its text as kubectl cuts the file; for a list item, the item's mapping. */
  range: Range;
  /** The value kubectl would send, decoded the way kubectl decodes YAML (go-yaml v2 rules). */
  object: unknown;
  apiVersion?: FieldSpan;
  kind?: FieldSpan;
  name?: FieldSpan;
  namespace?: FieldSpan;
  /** The object's root node in `yaml` (absent when the document has no content). */
  node?: YamlNode;
  /** The parsed document the node belongs to; its ranges are offsets into the whole text. */
  yaml?: Document.Parsed;
  /** The whole text the object was parsed from (shared, not copied). */
  text: string;
  /** The text is a JSON stream (kubectl sniffed a leading `{`), so no YAML 1.1 rules apply. */
  json: boolean;
}

/** One document of the file, as kubectl splits it (a line starting with `---` separates). */
export interface ManifestDocument extends ManifestObject {
  index: number;
  /** True when the document holds nothing kubectl would send (only comments, or null). */
  empty: boolean;
  /** Problems found in this document, in source order. */
  errors: ManifestError[];
  /** The items of a list document, each its own object; undefined for other documents. */
  items?: ManifestObject[];
}

export interface ParsedManifest {
  text: string;
  /** True when kubectl would read the file as a stream of JSON values (it starts with `{`). */
  json: boolean;
  documents: ManifestDocument[];
  /** Offsets at which each line starts, for `lineCol` lookups in O(log n). */
  lineStarts: number[];
}

/** Where the cursor is, as a field path. */
export interface FieldLocation {
  documentIndex: number;
  itemIndex?: number;
  /** Keys and sequence indexes from the object's root, e.g. ['spec','containers','0','image']. */
  path: string[];
  /** The same path without sequence indexes and map entries, for schema and docs lookups. */
  schemaPath: string;
  /** True when the cursor is on the key itself rather than on its value. */
  onKey: boolean;
  /** The key's range; absent for a sequence item, which has no key. */
  keyRange?: Range;
  /** The value's range; absent when the key has no value. */
  valueRange?: Range;
  kind?: string;
  apiVersion?: string;
}

/** A text edit offered as a quick fix. */
export interface QuickFix {
  kind: 'quote' | 'replace';
  title: string;
  range: Range;
  text: string;
}

export type LintCode =
  | 'yaml11-bool'
  | 'bool-in-string-field'
  | 'number-in-string-field'
  | 'octal-number'
  | 'version-float'
  | 'key-changed';

/** A YAML pitfall: text that kubectl reads differently from what a person expects. */
export interface ManifestDiagnostic {
  code: LintCode;
  message: string;
  range: Range;
  severity: 'warning';
  documentIndex: number;
  /** Set when the value belongs to this item of a list document. */
  itemIndex?: number;
  /** The field path, as API server errors write it: `spec.containers[0].env[1].value`. */
  path: string;
  fix?: QuickFix;
}

/** 0-based line and character, as vscode.Position counts them. */
export interface LineCol {
  line: number;
  character: number;
}
