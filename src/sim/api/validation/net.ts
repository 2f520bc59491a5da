/**
 * IP address checks as Kubernetes 1.33 runs them (netutils.ParseIPSloppy: leading zeros
 * in IPv4 octets tolerated), plus ValidateNonSpecialIP for endpoints.
 */
import { fieldErrors, type FieldPath } from '../fieldErrors';
import type { Errs } from './util';

function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

/** 8 groups of 16 bits, or undefined; an embedded IPv4 tail is accepted. */
function parseIPv6(s: string): number[] | undefined {
  if (!s.includes(':') || s.includes('%')) return undefined;
  let tail: number[] = [];
  let text = s;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = [((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number)];
    text = `${s.slice(0, lastColon + 1)}0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (h: string): number[] | undefined => {
    if (h === '') return [];
    const groups: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      groups.push(parseInt(g, 16));
    }
    return groups;
  };
  const head = parse(halves[0] as string);
  const rest = halves.length === 2 ? parse(halves[1] as string) : [];
  if (!head || !rest) return undefined;
  if (tail.length > 0) {
    const holder = halves.length === 2 ? rest : head;
    holder.pop();
    holder.push(...tail);
  }
  const total = head.length + rest.length;
  if (halves.length === 1) return total === 8 ? head : undefined;
  if (total > 7) return undefined;
  return [...head, ...new Array<number>(8 - total).fill(0), ...rest];
}

export type ParsedIP = { family: 4 | 6; bytes: number[] };

export function parseIPSloppy(s: string): ParsedIP | undefined {
  const v4 = parseIPv4(s);
  if (v4) return { family: 4, bytes: v4 };
  const v6 = parseIPv6(s);
  if (!v6) return undefined;
  // An IPv4-mapped IPv6 address behaves as IPv4 in Go's net.IP.
  if (v6.slice(0, 5).every((g) => g === 0) && v6[5] === 0xffff) {
    return { family: 4, bytes: [(v6[6] as number) >> 8, (v6[6] as number) & 255, (v6[7] as number) >> 8, (v6[7] as number) & 255] };
  }
  return { family: 6, bytes: v6 };
}

export function validateIP(value: string, path: FieldPath): Errs {
  return parseIPSloppy(value) ? [] : [fieldErrors.invalid(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

export function validateIPv4(value: string, path: FieldPath): Errs {
  return parseIPSloppy(value)?.family === 4 ? [] : [fieldErrors.invalid(path, value, 'must be a valid IPv4 address')];
}

export function validateIPv6(value: string, path: FieldPath): Errs {
  return parseIPSloppy(value)?.family === 6 ? [] : [fieldErrors.invalid(path, value, 'must be a valid IPv6 address')];
}

/** ValidateNonSpecialIP: no unspecified, loopback or link-local addresses. */
export function validateNonSpecialIP(value: string, path: FieldPath): Errs {
  const ip = parseIPSloppy(value);
  if (!ip) return [fieldErrors.invalid(path, value, 'must be a valid IP address')];
  const errs: Errs = [];
  const b = ip.bytes;
  const unspecified = b.every((x) => x === 0);
  const loopback = ip.family === 4 ? b[0] === 127 : b.slice(0, 7).every((x) => x === 0) && b[7] === 1;
  const linkLocalUnicast = ip.family === 4 ? b[0] === 169 && b[1] === 254 : ((b[0] as number) & 0xffc0) === 0xfe80;
  const linkLocalMulticast = ip.family === 4 ? b[0] === 224 && b[1] === 0 && b[2] === 0 : ((b[0] as number) & 0xff0f) === 0xff02;
  if (unspecified) errs.push(fieldErrors.invalid(path, value, `may not be unspecified (${value})`));
  if (loopback) errs.push(fieldErrors.invalid(path, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (linkLocalUnicast) errs.push(fieldErrors.invalid(path, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (linkLocalMulticast) errs.push(fieldErrors.invalid(path, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}

export function isIPv6String(value: string): boolean {
  return parseIPSloppy(value)?.family === 6;
}
