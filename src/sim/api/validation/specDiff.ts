/**
 * A diff in the shape go-cmp's cmp.Diff prints after "pod updates may not change ...":
 * the struct, "- " lines for the old value and "+ " lines for the new one. go-cmp's own
 * output is deliberately unstable (it varies its spacing run to run), so this keeps the
 * shape and the changed fields, not every byte.
 */
import { goNumber, goQuote } from '../gofmt';
import { deepEqual, isObj } from './util';

function goFieldName(k: string): string {
  return k.charAt(0).toUpperCase() + k.slice(1);
}

function text(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `{${v.map(text).join(', ')}}`;
  if (isObj(v)) {
    return `{${Object.entries(v)
      .map(([k, x]) => `${goFieldName(k)}: ${text(x)}`)
      .join(', ')}}`;
  }
  return String(v);
}

export function specDiff(typeName: string, oldV: unknown, newV: unknown): string {
  const o = isObj(oldV) ? oldV : {};
  const n = isObj(newV) ? newV : {};
  const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])];
  const lines = [`  ${typeName}{`];
  let identical = 0;
  const flush = (): void => {
    if (identical > 0) lines.push(`  \t... // ${identical} identical ${identical === 1 ? 'field' : 'fields'}`);
    identical = 0;
  };
  for (const k of keys) {
    if (deepEqual(o[k], n[k])) {
      identical++;
      continue;
    }
    flush();
    if (o[k] !== undefined && o[k] !== null) lines.push(`- \t${goFieldName(k)}: ${text(o[k])},`);
    if (n[k] !== undefined && n[k] !== null) lines.push(`+ \t${goFieldName(k)}: ${text(n[k])},`);
  }
  flush();
  lines.push('  }');
  return lines.join('\n');
}
