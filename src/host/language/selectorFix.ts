/**
 * The quick fix for "`selector` does not match template `labels`": copy the selector's
 * matchLabels into spec.template.metadata.labels, adding the missing keys and correcting the
 * different values, in the style already there (block or flow YAML, JSON). Pure: no vscode.
 */
import { isMap, isPair, isScalar, type Pair, type YAMLMap } from 'yaml';
import { resolvePlain, type ManifestObject, type Range } from '../../manifest';
import { nodeRange, pairRange } from '../../manifest/nodes';

export interface TextEdit {
  range: Range;
  text: string;
}

export interface SelectorFix {
  title: string;
  edits: TextEdit[];
}

type Obj = Record<string, unknown>;
type Map = YAMLMap<unknown, unknown>;

function record(v: unknown): Obj | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}

function pairOf(map: unknown, key: string): Pair<unknown, unknown> | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair<unknown, unknown> | undefined;
}

function yamlScalar(s: string): string {
  const plain = s !== '' && resolvePlain(s).tag === 'str' && /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(s);
  return plain ? s : JSON.stringify(s);
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return text.charAt(end - 1) === '\r' ? end - 1 : end;
}

/** A mapping written out: `{a: b}` / `{"a": "b"}`, or block lines at `indent`. */
function render(entries: [string, unknown][], json: boolean, block: string | undefined): string {
  const leaf = (v: unknown, indent: string): string => {
    const r = record(v);
    if (!r) return json ? JSON.stringify(v) : yamlScalar(String(v));
    return block === undefined || json ? render(Object.entries(r), json, undefined) : `\n${render(Object.entries(r), json, `${indent}  `)}`;
  };
  if (block !== undefined && !json) {
    return entries.map(([k, v]) => {
      const value = leaf(v, block);
      return `${block}${yamlScalar(k)}:${value.startsWith('\n') ? '' : ' '}${value}`;
    }).join('\n');
  }
  const key = (k: string) => (json ? JSON.stringify(k) : yamlScalar(k));
  return `{${entries.map(([k, v]) => `${key(k)}: ${leaf(v, '')}`).join(', ')}}`;
}

/** Edits adding `entries` to the mapping `map` (the value of `pair`). */
function addTo(obj: ManifestObject, pair: Pair<unknown, unknown>, entries: [string, unknown][]): TextEdit | undefined {
  const text = obj.text;
  const map = pair.value;
  const keyRange = nodeRange(pair.key, text);
  if (!keyRange) return undefined;
  if (isMap(map) && map.items.length > 0) {
    const first = nodeRange(map.items[0]?.key, text);
    const last = map.items[map.items.length - 1];
    const end = isPair(last) ? pairRange(last as Pair<unknown, unknown>, text)?.end : undefined;
    if (!first || end === undefined) return undefined;
    if (map.flow || obj.json) return { range: { start: end, end }, text: `, ${render(entries, obj.json, undefined).slice(1, -1)}` };
    const at = lineEnd(text, end);
    return { range: { start: at, end: at }, text: `\n${render(entries, false, ' '.repeat(columnOf(text, first.start)))}` };
  }
  const value = nodeRange(map, text);
  const written = value ? text.slice(value.start, value.end) : '';
  if (value && written !== '') {
    const empty = obj.json || (isMap(map) && map.flow) || (isScalar(map) && /^(~|null|Null|NULL)$/.test(written));
    return empty ? { range: value, text: render(entries, obj.json, undefined) } : undefined;
  }
  if (map !== null && map !== undefined && !isScalar(map)) return undefined;
  const at = lineEnd(text, keyRange.end);
  return { range: { start: at, end: at }, text: `\n${render(entries, false, ' '.repeat(columnOf(text, keyRange.start) + 2))}` };
}

/** The fix for the object's selector mismatch, or undefined when there is nothing plain to do. */
export function selectorLabelsFix(obj: ManifestObject): SelectorFix | undefined {
  const spec = record(record(obj.object)?.spec);
  const wanted = record(record(spec?.selector)?.matchLabels);
  const template = record(spec?.template);
  if (!wanted || !template || !isMap(obj.node)) return undefined;
  const labels = record(record(template.metadata)?.labels) ?? {};
  const changes = Object.entries(wanted).filter(([k, v]) => typeof v === 'string' && labels[k] !== v) as [string, string][];
  if (changes.length === 0) return undefined;
  const specPair = pairOf(obj.node as Map, 'spec');
  const templatePair = pairOf(specPair?.value, 'template');
  const metadataPair = pairOf(templatePair?.value, 'metadata');
  const labelsPair = pairOf(metadataPair?.value, 'labels');
  const edits: TextEdit[] = [];
  const missing: [string, string][] = [];
  for (const [k, v] of changes) {
    const valuePair = pairOf(labelsPair?.value, k);
    const range = valuePair && nodeRange(valuePair.value, obj.text);
    if (range && range.end > range.start) edits.push({ range, text: obj.json ? JSON.stringify(v) : yamlScalar(v) });
    else if (!valuePair) missing.push([k, v]);
    else return undefined;
  }
  if (missing.length > 0) {
    const labelsMap = Object.fromEntries(missing);
    const add = labelsPair
      ? addTo(obj, labelsPair, missing)
      : metadataPair
        ? addTo(obj, metadataPair, [['labels', labelsMap]])
        : templatePair && addTo(obj, templatePair, [['metadata', { labels: labelsMap }]]);
    if (!add) return undefined;
    edits.push(add);
  }
  const shown = changes.map(([k, v]) => `${k}: ${v}`).join(', ');
  return { title: `Copy the selector's matchLabels into the template labels (${shown})`, edits };
}
