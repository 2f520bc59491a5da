/**
 * Field-level validation errors as k8s.io/apimachinery/pkg/util/validation/field builds
 * them: the same constructors, the same Error() text and the same aggregation.
 */
import type { FieldError } from './types';
import { GoStringer, goNumber, goQuote, goSyntax } from './gofmt';

export const FieldErrorType = {
  NotFound: 'FieldValueNotFound',
  Required: 'FieldValueRequired',
  Duplicate: 'FieldValueDuplicate',
  Invalid: 'FieldValueInvalid',
  NotSupported: 'FieldValueNotSupported',
  Forbidden: 'FieldValueForbidden',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
  Internal: 'InternalError',
  TypeInvalid: 'FieldValueTypeInvalid',
} as const;
export type FieldErrorTypeName = (typeof FieldErrorType)[keyof typeof FieldErrorType];

const typeText: Record<string, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** ErrorType.String(): 'Invalid value' for FieldValueInvalid. */
export function fieldErrorTypeText(type: string): string {
  return typeText[type] ?? type;
}

/** Marks a bad value that must not be printed (field's omitValue); an object so errors stay cloneable. */
export const OMIT_VALUE: Readonly<{ omitValue: true }> = Object.freeze({ omitValue: true });

/** Wrap a value that Go would print through its String() method (a Quantity, an IntOrString). */
export function stringer(text: string): GoStringer {
  return new GoStringer(text);
}

function renderBadValue(value: unknown): string {
  if (value === null || value === undefined) return '"null"';
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return goQuote(value);
  if (value instanceof GoStringer) return value.text;
  return goSyntax(value);
}

function isOmitted(v: unknown): boolean {
  return v === OMIT_VALUE || (v !== null && typeof v === 'object' && (v as { omitValue?: unknown }).omitValue === true && Object.keys(v).length === 1);
}

/** field.Error.ErrorBody(): the message without the field path. */
export function errorBody(e: Pick<FieldError, 'type' | 'badValue' | 'detail'>): string {
  const t = fieldErrorTypeText(e.type);
  let s: string;
  if (
    e.type === FieldErrorType.Required ||
    e.type === FieldErrorType.Forbidden ||
    e.type === FieldErrorType.TooLong ||
    e.type === FieldErrorType.Internal ||
    isOmitted(e.badValue)
  ) {
    s = t;
  } else {
    s = `${t}: ${renderBadValue(e.badValue)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

function make(type: string, path: FieldPath | string, badValue: unknown, detail: string): FieldError {
  const field = String(path);
  const e: FieldError = { type, field, badValue, detail, message: '' };
  e.message = `${field}: ${errorBody(e)}`;
  return e;
}

/** field.Path: builds `spec.template.spec.containers[0].image` and `metadata.labels[app]`. */
export class FieldPath {
  private constructor(
    private readonly parent: FieldPath | undefined,
    private readonly name: string,
    private readonly subscript: string | undefined,
  ) {}

  static root(name: string, ...more: string[]): FieldPath {
    let p = new FieldPath(undefined, name, undefined);
    for (const m of more) p = p.child(m);
    return p;
  }

  child(name: string, ...more: string[]): FieldPath {
    let p = new FieldPath(this, name, undefined);
    for (const m of more) p = p.child(m);
    return p;
  }

  index(i: number): FieldPath {
    return new FieldPath(this, '', String(i));
  }

  key(k: string): FieldPath {
    return new FieldPath(this, '', k);
  }

  toString(): string {
    const elems: FieldPath[] = [];
    for (let p: FieldPath | undefined = this; p; p = p.parent) elems.unshift(p);
    let s = '';
    for (const p of elems) {
      if (p.subscript !== undefined) s += `[${p.subscript}]`;
      else s += s === '' ? p.name : `.${p.name}`;
    }
    return s;
  }
}

/** field.NewPath */
export function newPath(name: string, ...more: string[]): FieldPath {
  return FieldPath.root(name, ...more);
}

type PathLike = FieldPath | string;

export const fieldErrors = {
  notFound: (p: PathLike, value: unknown) => make(FieldErrorType.NotFound, p, value, ''),
  required: (p: PathLike, detail = '') => make(FieldErrorType.Required, p, '', detail),
  duplicate: (p: PathLike, value: unknown) => make(FieldErrorType.Duplicate, p, value, ''),
  invalid: (p: PathLike, value: unknown, detail: string) => make(FieldErrorType.Invalid, p, value, detail),
  notSupported: (p: PathLike, value: unknown, validValues: readonly string[]) =>
    make(
      FieldErrorType.NotSupported,
      p,
      value,
      validValues.length > 0 ? `supported values: ${validValues.map(goQuote).join(', ')}` : '',
    ),
  forbidden: (p: PathLike, detail: string) => make(FieldErrorType.Forbidden, p, '', detail),
  /** field.TooLong with its 1.32+ wording; the value is never printed. */
  tooLong: (p: PathLike, _value: unknown, maxLength: number) =>
    make(
      FieldErrorType.TooLong,
      p,
      OMIT_VALUE,
      maxLength >= 0 ? `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}` : 'value is too long',
    ),
  tooLongMaxLength: (p: PathLike, value: unknown, maxLength: number) =>
    make(FieldErrorType.TooLong, p, value, maxLength >= 0 ? `may not be longer than ${maxLength}` : 'value is too long'),
  tooMany: (p: PathLike, actual: number, max: number) =>
    make(
      FieldErrorType.TooMany,
      p,
      actual >= 0 ? actual : OMIT_VALUE,
      max >= 0 ? `must have at most ${max} items` : 'has too many items',
    ),
  internal: (p: PathLike, err: string) => make(FieldErrorType.Internal, p, undefined, err),
  typeInvalid: (p: PathLike, value: unknown, detail: string) => make(FieldErrorType.TypeInvalid, p, value, detail),
};

/**
 * ErrorList.ToAggregate().Error(): duplicates dropped, one error plain, several as
 * `[a, b]`; '' for none.
 */
export function aggregateMessage(errs: readonly FieldError[]): string {
  const seen = new Set<string>();
  for (const e of errs) seen.add(e.message);
  const msgs = [...seen];
  if (msgs.length === 0) return '';
  if (msgs.length === 1) return msgs[0] as string;
  return `[${msgs.join(', ')}]`;
}
