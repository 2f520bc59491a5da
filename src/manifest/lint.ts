/**
 * lintManifest: text that kubectl reads differently from what a person expects. kubectl 1.33
 * decodes YAML with go-yaml v2 (YAML 1.1 rules, see resolve.ts) and sends the result as
 * JSON with no type hints, so the API server, not kubectl, rejects a wrong type. A warning is
 * given only where the value sent differs from the literal text, or where a field that takes
 * a string would receive a boolean or a number.
 */
import { isAlias, isMap, isScalar, isSeq, Scalar } from 'yaml';
import { fieldKind, isFreeFormMap, type FieldKind } from './fieldKinds';
import { isMergeKey, keyOf, nodeRange, scalarSource } from './nodes';
import { resolvePlain, YAML11_ONLY_BOOLS, type Resolved } from './resolve';
import type { LintCode, ManifestDiagnostic, ManifestObject, ParsedManifest, QuickFix, Range } from './types';

interface Walk {
  obj: ManifestObject;
  kind: string | undefined;
  path: string[];
  schema: string[];
  out: ManifestDiagnostic[];
}

export function lintManifest(parsed: ParsedManifest): ManifestDiagnostic[] {
  const out: ManifestDiagnostic[] = [];
  for (const doc of parsed.documents) {
    if (!doc.node) continue;
    walk(doc.node, { obj: doc, kind: doc.kind?.value, path: [], schema: [], out });
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

function walk(node: unknown, w: Walk): void {
  if (isMap(node)) walkMap(node.items, w);
  else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const child = { ...w, path: [...w.path, `[${i}]`] };
      if (isScalar(item)) lintValue(item, fieldKind(w.schema, w.kind, false, true), child);
      else if (!isAlias(item)) walk(item, child);
    });
  }
}

function walkMap(pairs: readonly { key: unknown; value: unknown }[], w: Walk): void {
  const free = isFreeFormMap(w.schema, w.kind);
  const doc = w.obj;
  for (const pair of pairs) {
    if (isMergeKey(pair.key, doc.json)) continue;
    const key = keyOf(pair.key, doc.json, doc.yaml) ?? '';
    const path = [...w.path, /^[A-Za-z0-9_$-]+$/.test(key) ? `.${key}` : `[${key}]`];
    if (isScalar(pair.key)) lintKey(pair.key, key, { ...w, path });
    if (w.path.length === 0 && key === 'items' && 'items' in doc && Array.isArray(doc.items)) {
      for (const item of doc.items as ManifestObject[]) {
        if (item.node) walk(item.node, { obj: item, kind: item.kind?.value, path: [], schema: [], out: w.out });
      }
      continue;
    }
    const schema = free ? w.schema : [...w.schema, key];
    if (isScalar(pair.value)) {
      const kind = free ? fieldKind(w.schema, w.kind, true, false) : fieldKind(schema, w.kind, false, false);
      lintValue(pair.value, kind, { ...w, path });
    } else if (!isAlias(pair.value)) {
      walk(pair.value, { ...w, path, schema: [...w.schema, key] });
    }
  }
}

function plainSource(node: Scalar, json: boolean): string | undefined {
  if (json) return node.type === Scalar.PLAIN ? scalarSource(node) : undefined;
  return node.type === Scalar.PLAIN && !node.tag ? scalarSource(node) : undefined;
}

function jsonResolve(source: string): Resolved {
  if (source === 'true' || source === 'false') return { tag: 'bool', value: source === 'true' };
  if (source === 'null') return { tag: 'null', value: null };
  return { tag: 'float', value: Number(source) };
}

function lintValue(node: Scalar, kind: FieldKind, w: Walk): void {
  const s = plainSource(node, w.obj.json);
  const range = nodeRange(node, w.obj.text);
  if (s === undefined || !range) return;
  const r = w.obj.json ? jsonResolve(s) : resolvePlain(s);
  const quote = quoteFix(range, s);
  const stringLike = kind === 'string';
  if (r.tag === 'bool') {
    if (!w.obj.json && YAML11_ONLY_BOOLS.has(s) && kind !== 'bool') {
      const why = stringLike || kind === 'int-or-string'
        ? `but this field takes a string: the API server rejects the object. Quote it: "${s}".`
        : `not as the string "${s}". Quote it if you mean the text.`;
      add(w, 'yaml11-bool', `kubectl reads the unquoted ${s} as the boolean ${r.value} (YAML 1.1), ${why}`, range, quote);
    } else if (stringLike) {
      add(w, 'bool-in-string-field', `${s} is sent as the boolean ${r.value}, but this field takes a string: the API server rejects the object. Quote it: "${s}".`, range, quote);
    }
    return;
  }
  if (r.tag !== 'int' && r.tag !== 'float') return;
  const sent = JSON.stringify(r.value);
  if (stringLike) {
    const how = sent === s ? `${s} is sent as a number` : `kubectl reads ${s} as the number ${sent}`;
    add(w, 'number-in-string-field', `${how}, but this field takes a string: the API server rejects the object. Quote it: "${s}".`, range, quote);
    return;
  }
  if (w.obj.json || kind === 'mode') return;
  if (r.tag === 'int' && /^[-+]?0[0-9_]+$/.test(s)) {
    const decimal = String(Number.parseInt(s.replace(/_/g, ''), 10));
    if (kind === 'unknown') {
      add(w, 'octal-number', `kubectl reads ${s} as an octal number and sends ${sent}, not "${s}". Quote it if you mean the text.`, range, quote);
    } else {
      add(w, 'octal-number', `kubectl reads ${s} as an octal number and sends ${sent}. Write ${decimal} if you mean ${decimal}.`, range,
        { kind: 'replace', title: `Write ${decimal}`, range, text: decimal });
    }
    return;
  }
  if (r.tag === 'float' && kind === 'unknown' && sent !== s) {
    add(w, 'version-float', `kubectl reads ${s} as the number ${sent} and sends ${sent}, not "${s}". Quote it if you mean the text (a version, say).`, range, quote);
  }
}

function lintKey(node: Scalar, key: string, w: Walk): void {
  if (w.obj.json) return;
  const s = plainSource(node, false);
  const range = nodeRange(node, w.obj.text);
  if (s === undefined || !range || key === s) return;
  const r = resolvePlain(s);
  const what = r.tag === 'bool' ? `the boolean ${r.value}` : r.tag === 'null' ? 'null' : `the number ${key}`;
  add(w, 'key-changed', `kubectl turns the unquoted key ${s} into "${key}" (YAML 1.1 reads it as ${what}). Quote it: "${s}".`, range, quoteFix(range, s));
}

function quoteFix(range: Range, source: string): QuickFix {
  const text = JSON.stringify(source);
  return { kind: 'quote', title: `Quote as ${text}`, range, text };
}

function add(w: Walk, code: LintCode, message: string, range: Range, fix: QuickFix): void {
  const d: ManifestDiagnostic = { code, message, range, severity: 'warning', documentIndex: w.obj.documentIndex, path: w.path.join('').replace(/^\./, ''), fix };
  if (w.obj.itemIndex !== undefined) d.itemIndex = w.obj.itemIndex;
  w.out.push(d);
}
