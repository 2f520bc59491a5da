/** A fresh nonce for every render of the panel's HTML: 128 random bits, base64. */
import { randomBytes } from 'node:crypto';

export function createNonce(): string {
  return randomBytes(16).toString('base64');
}
