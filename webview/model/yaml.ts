/**
 * A small YAML writer for object snapshots, shaped like `kubectl get -o yaml`: sequences
 * flush with their key, strings quoted when they would read back as another type (numbers,
 * booleans, timestamps), multi-line strings as block scalars. Pure: no DOM.
 */

const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;
const NUMBERISH = /^[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:e[-+]?\d+)?$|^0x[0-9a-f]+$|^0o[0-7]+$|^[-+]?\.(?:inf|nan)$/i;
const TIMESTAMPISH = /^\d{4}-\d{1,2}-\d{1,2}/;
const PLAIN = /^[^\s\-?:,[\]{}#&*!|>'"%@`][^\n]*$/;

function needsQuotes(text: string): boolean {
  if (text === '' || text !== text.trim()) return true;
  if (RESERVED.test(text) || TIMESTAMPISH.test(text)) return true;
  if (/\d/.test(text) && NUMBERISH.test(text)) return true;
  if (!PLAIN.test(text) && !/^-[^\s]/.test(text) && !/^%\d/.test(text)) return true;
  if (text.startsWith('- ') || text === '-') return true;
  return text.includes(': ') || text.includes(' #') || text.endsWith(':');
}

function quote(text: string): string {
  return JSON.stringify(text);
}

function formatKey(key: string): string {
  return needsQuotes(key) || key.includes('\n') ? quote(key) : key;
}

/** The one-line form of a scalar or empty collection; undefined when it needs a block. */
function inline(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return String(value);
  }
  if (typeof value === 'string') {
    if (value.includes('\n')) return undefined;
    return needsQuotes(value) ? quote(value) : value;
  }
  if (Array.isArray(value)) return value.length === 0 ? '[]' : undefined;
  if (typeof value === 'object') return Object.keys(value).length === 0 ? '{}' : undefined;
  return quote(String(value));
}

function blockString(text: string, header: string, indent: string): string[] {
  const chomp = text.endsWith('\n') ? '|' : '|-';
  const body = (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  return [`${header}${chomp}`, ...body.map((line) => (line === '' ? '' : `${indent}${line}`))];
}

function mapLines(obj: Record<string, unknown>, indent: string): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    const key = `${indent}${formatKey(k)}:`;
    const one = inline(v);
    if (one !== undefined) out.push(`${key} ${one}`);
    else if (typeof v === 'string') out.push(...blockString(v, `${key} `, `${indent}  `));
    else if (Array.isArray(v)) out.push(key, ...seqLines(v, indent));
    else out.push(key, ...mapLines(v as Record<string, unknown>, `${indent}  `));
  }
  return out;
}

function seqLines(items: unknown[], indent: string): string[] {
  const out: string[] = [];
  for (const item of items) {
    const one = inline(item);
    if (one !== undefined) {
      out.push(`${indent}- ${one}`);
      continue;
    }
    if (typeof item === 'string') {
      out.push(...blockString(item, `${indent}- `, `${indent}  `));
      continue;
    }
    const nested = Array.isArray(item) ? seqLines(item, `${indent}  `) : mapLines(item as Record<string, unknown>, `${indent}  `);
    const first = nested[0] ?? '';
    out.push(`${indent}- ${first.slice(indent.length + 2)}`, ...nested.slice(1));
  }
  return out;
}

/** YAML text of a JSON value; ends without a trailing newline. */
export function toYaml(value: unknown): string {
  const one = inline(value);
  if (one !== undefined) return one;
  if (typeof value === 'string') return blockString(value, '', '  ').join('\n');
  if (Array.isArray(value)) return seqLines(value, '').join('\n');
  return mapLines(value as Record<string, unknown>, '').join('\n');
}

/** A copy without metadata.managedFields, which kubectl hides by default too. */
export function withoutManagedFields(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const obj = value as Record<string, unknown>;
  const meta = obj.metadata;
  if (typeof meta !== 'object' || meta === null || !('managedFields' in meta)) return value;
  const { managedFields: _dropped, ...rest } = meta as Record<string, unknown>;
  return { ...obj, metadata: rest };
}
