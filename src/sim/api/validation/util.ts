/**
 * Shared helpers for the validators: read plain JSON the way Go reads a decoded struct
 * (absent string = "", absent number = 0), compare values semantically, and the small
 * checks every kind reuses (non-negative, immutable, DNS names).
 */
import type { FieldError } from '../types';
import { fieldErrors, type FieldPath } from '../fieldErrors';
import { isDNS1123Label, isDNS1123Subdomain, isDNS1035Label, isQualifiedName } from '../names';

export type Errs = FieldError[];
export type Json = Record<string, unknown>;

export function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object at v, or an empty one (Go's zero struct). */
export function obj(v: unknown): Json {
  return isObj(v) ? v : {};
}

/** The object at v, or undefined (Go's nil pointer). */
export function optObj(v: unknown): Json | undefined {
  return isObj(v) ? v : undefined;
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function optStr(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

export function optNum(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

export function bool(v: unknown): boolean {
  return v === true;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function strArr(v: unknown): string[] {
  return arr(v).map(str);
}

/** A map[string]string in the order the manifest wrote it. */
export function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'string' ? x : String(x);
  return out;
}

function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObj(v) && Object.keys(v).length === 0;
}

/**
 * apiequality.Semantic.DeepEqual for decoded JSON: an absent field equals its Go zero
 * string, and nil equals an empty slice or map (the semantic comparer treats them alike).
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const na = a === null || a === undefined;
  const nb = b === null || b === undefined;
  if (na || nb) return isEmptyValue(a) && isEmptyValue(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = arr(a);
    const y = arr(b);
    return x.length === y.length && x.every((v, i) => deepEqual(v, y[i]));
  }
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';
export const FIELD_IMMUTABLE_ERROR_MSG = 'field is immutable';
export const IS_NOT_POSITIVE_ERROR_MSG = 'must be greater than zero';

/** apimachineryvalidation.ValidateNonnegativeField */
export function validateNonnegative(value: number, path: FieldPath): Errs {
  return value < 0 ? [fieldErrors.invalid(path, value, IS_NEGATIVE_ERROR_MSG)] : [];
}

/** ValidateImmutableField; render gives Go's printing of the new value when it is not a plain JSON one. */
export function validateImmutable(
  newVal: unknown,
  oldVal: unknown,
  path: FieldPath,
  render: (v: unknown) => unknown = (v) => v,
): Errs {
  return deepEqual(newVal, oldVal) ? [] : [fieldErrors.invalid(path, render(newVal), FIELD_IMMUTABLE_ERROR_MSG)];
}

/** A ValidateNameFunc: messages for a name, or for a generateName prefix. */
export type NameFn = (name: string, prefix: boolean) => string[];

/** maskTrailingDash exactly as upstream writes it (it drops two characters). */
function maskTrailingDash(name: string): string {
  return name.endsWith('-') ? `${name.slice(0, Math.max(0, name.length - 2))}a` : name;
}

export const nameIsDNSSubdomain: NameFn = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: NameFn = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: NameFn = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/** path.IsValidPathSegmentName: RBAC and other minimal names. */
export const isValidPathSegmentName: NameFn = (name) => {
  for (const bad of ['.', '..']) if (name === bad) return [`may not be '${bad}'`];
  const errs: string[] = [];
  for (const bad of ['/', '%']) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
};

export function validateDNS1123Label(value: string, path: FieldPath): Errs {
  return isDNS1123Label(value).map((m) => fieldErrors.invalid(path, value, m));
}

export function validateDNS1123Subdomain(value: string, path: FieldPath): Errs {
  return isDNS1123Subdomain(value).map((m) => fieldErrors.invalid(path, value, m));
}

export function validateQualifiedName(value: string, path: FieldPath): Errs {
  return isQualifiedName(value).map((m) => fieldErrors.invalid(path, value, m));
}


/** field.TooLong: the value is never printed. */
export function tooLong(path: FieldPath, maxLength: number): FieldError {
  return fieldErrors.tooLong(path, undefined, maxLength);
}
