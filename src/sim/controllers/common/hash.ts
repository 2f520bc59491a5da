/**
 * controller.ComputeHash: the pod-template-hash. Upstream feeds a spew dump of the Go
 * PodTemplateSpec into FNV-1a 32 (then the collision count as 8 little-endian bytes) and
 * encodes the decimal value with rand.SafeEncodeString. A spew dump of Go structs cannot
 * be reproduced here, so the template is hashed as canonical JSON (keys sorted, no
 * spaces) instead: the hashes differ from a real cluster's for the same template, but
 * they have the same alphabet, length and stability (same template, same hash).
 */
import { SAFE_ALPHABET } from '../../core';

/** JSON with object keys sorted at every level; undefined members dropped, as JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(obj).sort()) {
    if (obj[k] === undefined) continue;
    parts.push(`${JSON.stringify(k)}:${canonicalJson(obj[k])}`);
  }
  return `{${parts.join(',')}}`;
}

function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** FNV-1a, 32 bits, as hash/fnv.New32a. */
export function fnv32a(bytes: readonly number[], seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each character's code modulo 27, looked up in the safe alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += SAFE_ALPHABET[(ch.codePointAt(0) as number) % SAFE_ALPHABET.length];
  return out;
}

/** The pod-template-hash of a template, with the Deployment's collisionCount when set. */
export function computeHash(template: unknown, collisionCount?: number): string {
  const bytes = utf8(canonicalJson(template));
  if (collisionCount !== undefined && collisionCount !== null) {
    const c = collisionCount >>> 0;
    bytes.push(c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff, 0, 0, 0, 0);
  }
  return safeEncodeString(String(fnv32a(bytes)));
}
