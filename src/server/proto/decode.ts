/**
 * Decodes application/vnd.kubernetes.protobuf request bodies into the JSON the simulated API
 * server takes. kubectl's typed clients (kubectl create deployment, create configmap, ...)
 * send objects this way: the magic "k8s\0", then a runtime.Unknown holding the TypeMeta
 * and the object's bytes. Field numbers, types and nullability come from
 * descriptors.generated.json (see generate.ts). A zero value in a Go value field (not a
 * pointer) is left out, as encoding/json's omitempty would, so defaulting sees "unset".
 */
import raw from './descriptors.generated.json';
import type { Descriptors, FieldSpec } from './generate.types';

const DESCRIPTORS = raw as unknown as Descriptors;
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
const META = '.k8s.io.apimachinery.pkg.apis.meta.v1';

export class ProtobufError extends Error {}

interface WireField {
  num: number;
  wire: number;
  varint?: bigint;
  bytes?: Buffer;
}

function readVarint(b: Buffer, at: number): [bigint, number] {
  let v = 0n;
  let shift = 0n;
  let i = at;
  for (;;) {
    if (i >= b.length) throw new ProtobufError('truncated varint');
    const c = b[i++] as number;
    v |= BigInt(c & 0x7f) << shift;
    shift += 7n;
    if (c < 0x80) return [v, i];
  }
}

function wireFields(b: Buffer): WireField[] {
  const out: WireField[] = [];
  let i = 0;
  while (i < b.length) {
    const [key, next] = readVarint(b, i);
    i = next;
    const num = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) {
      const [v, n] = readVarint(b, i);
      out.push({ num, wire, varint: v });
      i = n;
    } else if (wire === 2) {
      const [len, n] = readVarint(b, i);
      const end = n + Number(len);
      if (end > b.length) throw new ProtobufError('truncated field');
      out.push({ num, wire, bytes: b.subarray(n, end) });
      i = end;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      out.push({ num, wire, bytes: b.subarray(i, i + size) });
      i += size;
    } else throw new ProtobufError(`unsupported wire type ${wire}`);
  }
  return out;
}

function scalar(type: string, f: WireField): unknown {
  const v = f.varint ?? 0n;
  switch (type) {
    case 'i32':
      return Number(BigInt.asIntN(32, v));
    case 'i64':
      return Number(BigInt.asIntN(64, v));
    case 'u32':
    case 'u64':
      return Number(v);
    case 'bool':
      return v !== 0n;
    case 'str':
      return (f.bytes ?? Buffer.alloc(0)).toString('utf8');
    case 'bytes':
      return (f.bytes ?? Buffer.alloc(0)).toString('base64');
    case 'f64':
      return (f.bytes ?? Buffer.alloc(8)).readDoubleLE(0);
    case 'f32':
      return (f.bytes ?? Buffer.alloc(4)).readFloatLE(0);
    default:
      throw new ProtobufError(`unsupported field type ${type}`);
  }
}

/** Packed repeated scalars arrive as one length-delimited field. */
function unpack(type: string, f: WireField): unknown[] {
  if (f.wire !== 2 || type === 'str' || type === 'bytes') return [scalar(type, f)];
  const out: unknown[] = [];
  const b = f.bytes ?? Buffer.alloc(0);
  if (type === 'f64' || type === 'f32') {
    const size = type === 'f64' ? 8 : 4;
    for (let i = 0; i + size <= b.length; i += size) out.push(scalar(type, { num: f.num, wire: size === 8 ? 1 : 5, bytes: b.subarray(i, i + size) }));
    return out;
  }
  for (let i = 0; i < b.length; ) {
    const [v, n] = readVarint(b, i);
    out.push(scalar(type, { num: f.num, wire: 0, varint: v }));
    i = n;
  }
  return out;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function rfc3339(seconds: number, micros?: number): string {
  const d = new Date(seconds * 1000);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return micros === undefined ? `${base}Z` : `${base}.${pad(micros, 6)}Z`;
}

/** time.Duration.String() */
function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  let rest = Math.abs(ns);
  if (rest < 1e9) return `${sign}${rest < 1e3 ? `${rest}ns` : rest < 1e6 ? `${rest / 1e3}µs` : `${rest / 1e6}ms`}`;
  const h = Math.floor(rest / 3.6e12);
  rest -= h * 3.6e12;
  const m = Math.floor(rest / 6e10);
  rest -= m * 6e10;
  const s = `${rest / 1e9}s`;
  return `${sign}${h ? `${h}h${m}m` : m ? `${m}m` : ''}${s}`;
}

function jsonOfBytes(b: Buffer | undefined): unknown {
  if (!b || b.length === 0) return undefined;
  try {
    return JSON.parse(b.toString('utf8')) as unknown;
  } catch {
    throw new ProtobufError('embedded raw JSON does not parse');
  }
}

/** The types with their own JSON form (a string, a number, raw JSON). */
function special(name: string, b: Buffer): { value: unknown } | undefined {
  switch (name) {
    case `${META}.Time`:
    case `${META}.MicroTime`: {
      const fs = wireFields(b);
      if (fs.length === 0) return { value: undefined };
      const seconds = Number(BigInt.asIntN(64, fs.find((f) => f.num === 1)?.varint ?? 0n));
      const nanos = Number(fs.find((f) => f.num === 2)?.varint ?? 0n);
      return { value: name.endsWith('MicroTime') ? rfc3339(seconds, Math.floor(nanos / 1000)) : rfc3339(seconds) };
    }
    case `${META}.Duration`:
      return { value: goDuration(Number(BigInt.asIntN(64, wireFields(b).find((f) => f.num === 1)?.varint ?? 0n))) };
    case '.k8s.io.apimachinery.pkg.util.intstr.IntOrString': {
      const fs = wireFields(b);
      const type = Number(fs.find((f) => f.num === 1)?.varint ?? 0n);
      if (type === 1) return { value: (fs.find((f) => f.num === 3)?.bytes ?? Buffer.alloc(0)).toString('utf8') };
      return { value: Number(BigInt.asIntN(32, fs.find((f) => f.num === 2)?.varint ?? 0n)) };
    }
    case '.k8s.io.apimachinery.pkg.api.resource.Quantity':
      return { value: (wireFields(b).find((f) => f.num === 1)?.bytes ?? Buffer.alloc(0)).toString('utf8') };
    case '.k8s.io.apimachinery.pkg.runtime.RawExtension':
    case `${META}.FieldsV1`:
      return { value: jsonOfBytes(wireFields(b).find((f) => f.num === 1)?.bytes) };
    default:
      return undefined;
  }
}

function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false;
}

export function decodeMessage(name: string, b: Buffer): unknown {
  const sp = special(name, b);
  if (sp) return sp.value;
  const desc = DESCRIPTORS[name];
  if (!desc) throw new ProtobufError(`no descriptor for ${name}`);
  const out: Record<string, unknown> = {};
  for (const f of wireFields(b)) {
    const spec: FieldSpec | undefined = desc.fields[String(f.num)];
    if (!spec) continue;
    const [field, type, flags] = spec;
    const repeated = flags.includes('r');
    if (type.startsWith('.')) {
      const target = DESCRIPTORS[type];
      const value = decodeMessage(type, f.bytes ?? Buffer.alloc(0));
      if (target?.map) {
        const entry = value as { key?: unknown; value?: unknown };
        const obj = (out[field] ??= {}) as Record<string, unknown>;
        // An entry's zero value is written out; the map keeps it ("" stays "").
        obj[String(entry.key ?? '')] = entry.value ?? mapZero(target.fields['2']?.[1]);
      } else if (repeated) {
        ((out[field] ??= []) as unknown[]).push(value ?? null);
      } else if (value !== undefined) {
        out[field] = value;
      }
      continue;
    }
    const values = unpack(type, f);
    if (repeated) ((out[field] ??= []) as unknown[]).push(...values);
    else out[field] = values[values.length - 1];
  }
  for (const [field, , flags] of Object.values(desc.fields)) {
    if (flags.includes('n') && !flags.includes('r') && isZero(out[field])) delete out[field];
  }
  return out;
}

function mapZero(type: string | undefined): unknown {
  if (type === 'str') return '';
  if (type === 'bytes') return '';
  if (type === 'i32' || type === 'i64') return 0;
  if (type === 'bool') return false;
  return {};
}

/** The proto package of an API group: apps -> k8s.io.api.apps.v1, rbac.authorization.k8s.io -> k8s.io.api.rbac.v1. */
function packageOf(apiVersion: string, kind: string): string {
  if (kind.endsWith('Options') || apiVersion === 'meta.k8s.io/v1') return META;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? 'core' : (apiVersion.slice(0, slash).split('.')[0] as string);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return `.k8s.io.api.${group}.${version}`;
}

export function isKubeProtobuf(b: Buffer): boolean {
  return b.length >= 4 && b.subarray(0, 4).equals(MAGIC);
}

/** A whole request body: the object with its apiVersion and kind, as JSON. */
export function decodeKubeProtobuf(b: Buffer): Record<string, unknown> {
  if (!isKubeProtobuf(b)) throw new ProtobufError('missing the k8s protobuf prefix');
  const unknown = decodeMessage('.k8s.io.apimachinery.pkg.runtime.Unknown', b.subarray(4)) as { typeMeta?: { apiVersion?: string; kind?: string } };
  const envelope = wireFields(b.subarray(4));
  const rawBytes = envelope.find((f) => f.num === 2)?.bytes ?? Buffer.alloc(0);
  const apiVersion = unknown.typeMeta?.apiVersion ?? '';
  const kind = unknown.typeMeta?.kind ?? '';
  if (!kind) throw new ProtobufError('the object has no kind');
  const body = decodeMessage(`${packageOf(apiVersion, kind)}.${kind}`, rawBytes) as Record<string, unknown>;
  return { apiVersion, kind, ...body };
}
