/**
 * A dry run's answer -> problems placed in the manifest: each cause of an Invalid Status on
 * the key or value its field path names (list indexes included), each unknown field of a
 * strict decoding error on its key, a type error on the value Go's decoder choked on, an
 * unknown kind on the kind or apiVersion. Messages are upstream's. Pure: no vscode.
 */
import { parseFieldPath, rangeOfPath, type ManifestObject, type Range } from '../../manifest';
import { decodeCheck, decodeStatusMessage } from '../../sim/api/schema';
import type { ApplyResult } from '../../sim/client/apply';

export interface Problem {
  range: Range;
  message: string;
  severity: 'error' | 'warning';
  /** The Status cause's reason (FieldValueInvalid ...) or the Status reason (BadRequest ...). */
  code?: string;
  /** The field path the server named. */
  field?: string;
}

export interface ProblemOptions {
  /** True when the API server serves this apiVersion at all (then an unknown kind is the kind's fault). */
  knownVersion?: (apiVersion: string) => boolean;
}

interface Cause {
  reason?: string;
  message?: string;
  field?: string;
}

/** Reasons whose message is about the value written, not about the key being there. */
const VALUE_REASONS = new Set(['FieldValueInvalid', 'FieldValueNotSupported', 'FieldValueDuplicate', 'FieldValueTooLong']);

function headOf(obj: ManifestObject): Range {
  return obj.kind?.keyRange ?? rangeOfPath(obj, []) ?? obj.range;
}

function isScalarAt(root: unknown, path: readonly string[]): boolean {
  let v = root;
  for (const segment of path) {
    if (typeof v !== 'object' || v === null) return false;
    v = (v as Record<string, unknown>)[segment];
  }
  return v !== undefined && (typeof v !== 'object' || v === null);
}

/** The key at `path`, or its value when that is a one-line scalar and `preferValue`. */
export function fieldRange(obj: ManifestObject, path: string, preferValue: boolean): Range {
  const key = rangeOfPath(obj, path, 'key') ?? headOf(obj);
  if (!preferValue || !isScalarAt(obj.object, parseFieldPath(path))) return key;
  const value = rangeOfPath(obj, path, 'value');
  if (!value || value.start === key.start) return key;
  return obj.text.slice(value.start, value.end).includes('\n') ? key : value;
}

function invalidProblems(obj: ManifestObject, causes: readonly Cause[]): Problem[] {
  return causes.map((c) => {
    const field = c.field ?? '';
    const problem: Problem = {
      range: field ? fieldRange(obj, field, VALUE_REASONS.has(c.reason ?? '')) : headOf(obj),
      message: field ? `${field}: ${c.message ?? ''}` : (c.message ?? ''),
      severity: 'error',
    };
    if (c.reason) problem.code = c.reason;
    if (field) problem.field = field;
    return problem;
  });
}

function strictProblems(obj: ManifestObject, message: string): Problem[] {
  return [...message.matchAll(/(unknown|duplicate) field "((?:[^"\\]|\\.)*)"/g)].map((m) => ({
    range: fieldRange(obj, m[2] ?? '', false),
    message: `strict decoding error: ${m[1]} field "${m[2]}"`,
    severity: 'error',
    code: 'BadRequest',
    field: m[2] ?? '',
  }));
}

/**
 * What the API server's decoding says of the object as written: a type error (Go names no list
 * index, so the exact value comes from decoding here) or, failing that, every unknown field.
 * Decoding comes before validation, so when it fails nothing else is reported. Decoding the
 * manifest's own object, rather than reading the server's message, also places the errors
 * right when the server was sent a patch whose lists are ordered differently.
 */
function decodeProblems(obj: ManifestObject): Problem[] {
  const apiVersion = obj.apiVersion?.value ?? '';
  const kind = obj.kind?.value ?? '';
  const check = decodeCheck(obj.object, apiVersion, kind);
  const typeError = check.typeErrors[0];
  if (check.typeError && typeError) {
    const message = decodeStatusMessage(apiVersion, kind, check.typeError);
    return [{ range: fieldRange(obj, typeError.path, true), message, severity: 'error', code: 'BadRequest', field: typeError.path }];
  }
  const strict = [
    ...check.unknownFields.map((f) => ['unknown', f] as const),
    ...check.duplicateFields.map((f) => ['duplicate', f] as const),
  ];
  return strict.map(([what, field]) => ({
    range: fieldRange(obj, field, false),
    message: `strict decoding error: ${what} field "${field}"`,
    severity: 'error',
    code: 'BadRequest',
    field,
  }));
}

function clientSideProblem(obj: ManifestObject, message: string, opts: ProblemOptions): Problem {
  const noMatch = /no matches for kind "[^"]*" in version "([^"]*)"[\s\S]*/.exec(message);
  if (noMatch) {
    const known = opts.knownVersion?.(noMatch[1] ?? '') ?? true;
    const span = known ? obj.kind : (obj.apiVersion ?? obj.kind);
    return { range: span?.valueRange ?? headOf(obj), message: noMatch[0], severity: 'error', code: 'NoKindMatch' };
  }
  return { range: headOf(obj), message: message.replace(/^error: /, ''), severity: 'error' };
}

/** The problems a dry-run result points at in the object it came from. */
export function problemsOf(obj: ManifestObject, result: ApplyResult, opts: ProblemOptions = {}): Problem[] {
  const decoded = decodeProblems(obj);
  if (decoded.length > 0) return decoded;
  if (result.action !== 'failed') return [];
  const status = result.status;
  if (!status) return [clientSideProblem(obj, result.message, opts)];
  const message = status.message ?? result.message;
  const causes = (status.details?.causes ?? []) as Cause[];
  if (status.reason === 'Invalid' && causes.length > 0) return invalidProblems(obj, causes);
  if (status.code === 400 && message.includes('strict decoding error: ')) return strictProblems(obj, message);
  let range = headOf(obj);
  if (status.reason === 'NotFound' && status.details?.kind === 'namespaces') range = obj.namespace?.valueRange ?? range;
  else if (status.reason === 'AlreadyExists' || status.reason === 'Conflict') range = obj.name?.valueRange ?? range;
  const problem: Problem = { range, message, severity: 'error' };
  if (status.reason) problem.code = status.reason;
  return [problem];
}
