/** Identifiers as Kubernetes makes them, drawn from the seeded generator. */
import type { Rng } from './rng';

/** k8s.io/apimachinery/pkg/util/rand: the alphabet without vowels and confusable digits. */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The 5-character suffix the API server appends to generateName. */
export function randomSuffix(rng: Rng, length = 5): string {
  let s = '';
  for (let i = 0; i < length; i++) s += SAFE_ALPHABET[rng.int(SAFE_ALPHABET.length)];
  return s;
}

/** An RFC 4122 version 4 UUID, as metadata.uid. */
export function uuid(rng: Rng): string {
  const hex: string[] = [];
  for (let i = 0; i < 16; i++) hex.push(rng.int(256).toString(16).padStart(2, '0'));
  hex[6] = ((parseInt(hex[6] as string, 16) & 0x0f) | 0x40).toString(16).padStart(2, '0');
  hex[8] = ((parseInt(hex[8] as string, 16) & 0x3f) | 0x80).toString(16).padStart(2, '0');
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
