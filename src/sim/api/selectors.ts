/**
 * Label selectors as k8s.io/apimachinery/pkg/labels parses, prints and matches them, and
 * metav1.LabelSelector (matchLabels / matchExpressions) turned into the same thing, with
 * upstream's error texts.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { aggregateMessage, fieldErrors, newPath, type FieldPath } from './fieldErrors';
import { isQualifiedName, isValidLabelValue } from './names';
import type { FieldError } from './types';

/** selection.Operator values. */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';
const VALID_OPERATORS: LabelOperator[] = ['in', 'notin', '=', '==', '!=', 'exists', '!', 'gt', 'lt'];

export interface Requirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

export type Labels = Readonly<Record<string, string>> | undefined;

const INT_RE = /^[+-]?[0-9]+$/;
const isInt64 = (s: string): boolean => INT_RE.test(s) && BigInt(s) <= 9223372036854775807n && BigInt(s) >= -9223372036854775808n;

/** validateLabelKey: field.Invalid with IsQualifiedName's messages joined by '; '. */
function keyError(key: string, path: FieldPath | string): FieldError | undefined {
  const errs = isQualifiedName(key);
  return errs.length ? fieldErrors.invalid(path, key, errs.join('; ')) : undefined;
}

/** labels.NewRequirement: builds one requirement or throws the aggregate of what is wrong. */
export function newRequirement(key: string, operator: string, values: readonly string[]): Requirement {
  const errs: FieldError[] = [];
  const k = keyError(key, newPath('key'));
  if (k) errs.push(k);
  const valuePath = newPath('values');
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errs.push(fieldErrors.invalid(valuePath, [...values], "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(fieldErrors.invalid(valuePath, [...values], 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errs.push(fieldErrors.invalid(valuePath, [...values], 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errs.push(fieldErrors.invalid(valuePath, [...values], "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (!isInt64(v)) errs.push(fieldErrors.invalid(valuePath.index(i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(fieldErrors.notSupported(newPath('operator'), operator, VALID_OPERATORS));
  }
  values.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length) errs.push(fieldErrors.invalid(valuePath.index(i).key(key), v, msgs.join('; ')));
  });
  if (errs.length) throw new SelectorError(aggregateMessage(errs));
  return { key, operator: operator as LabelOperator, values: [...values] };
}

export function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? (labels as Record<string, string>)[r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(value as string);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(value as string);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || !isInt64(value as string) || r.values.length !== 1 || !isInt64(r.values[0] as string)) return false;
      const lv = BigInt(value as string);
      const rv = BigInt(r.values[0] as string);
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
  }
}

const SYMBOL: Record<LabelOperator, string> = { '=': '=', '==': '==', '!=': '!=', in: ' in ', notin: ' notin ', gt: '>', lt: '<', exists: '', '!': '' };

export function requirementString(r: Requirement): string {
  const head = (r.operator === '!' ? '!' : '') + r.key;
  if (r.operator === 'exists' || r.operator === '!') return head;
  const vals = r.values.length === 1 ? (r.values[0] as string) : [...r.values].sort().join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${head}${SYMBOL[r.operator]}(${vals})` : `${head}${SYMBOL[r.operator]}${vals}`;
}

/** labels.Selector: requirements ANDed, kept sorted by key; `nothing` matches no object. */
export class Selector {
  private constructor(
    readonly requirements: readonly Requirement[],
    private readonly nothing = false,
  ) {}

  static everything(): Selector {
    return new Selector([]);
  }

  static nothing(): Selector {
    return new Selector([], true);
  }

  static of(requirements: readonly Requirement[]): Selector {
    const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return new Selector(sorted);
  }

  matches(labels: Labels): boolean {
    return !this.nothing && this.requirements.every((r) => requirementMatches(r, labels));
  }

  /** True for the selector that matches everything. */
  empty(): boolean {
    return !this.nothing && this.requirements.length === 0;
  }

  isNothing(): boolean {
    return this.nothing;
  }

  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }
}

/** labels.SelectorFromSet: `a=b,c=d`, keys sorted. */
export function selectorFromSet(labels: Labels): Selector {
  return Selector.of(Object.entries(labels ?? {}).map(([key, v]) => ({ key, operator: '=' as const, values: [v] })));
}

/** labels.Set.String(): `k=v` pairs sorted by key, joined by commas. */
export function labelsToString(labels: Labels): string {
  return Object.keys(labels ?? {})
    .sort()
    .map((k) => `${k}=${(labels as Record<string, string>)[k]}`)
    .join(',');
}

/**
 * metav1.LabelSelectorAsSelector: a missing selector selects nothing, an empty one
 * everything. Throws SelectorError with upstream's text on a bad key, value or operator.
 */
export function labelSelectorAsSelector(ls: LabelSelector | null | undefined): Selector {
  if (!ls) return Selector.nothing();
  const ml = Object.entries(ls.matchLabels ?? {});
  const me = ls.matchExpressions ?? [];
  if (ml.length + me.length === 0) return Selector.everything();
  const reqs: Requirement[] = ml.map(([k, v]) => newRequirement(k, '=', [v]));
  const ops: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };
  for (const expr of me) {
    const op = ops[expr.operator];
    if (!op) throw new SelectorError(`"${expr.operator}" is not a valid label selector operator`);
    reqs.push(newRequirement(expr.key, op, expr.values ?? []));
  }
  return Selector.of(reqs);
}

/** Whether labels satisfy a LabelSelector (false for a missing or invalid selector). */
export function matchesLabelSelector(ls: LabelSelector | null | undefined, labels: Labels): boolean {
  try {
    return labelSelectorAsSelector(ls).matches(labels);
  } catch {
    return false;
  }
}

/** metav1.FormatLabelSelector, as kubectl describe prints a selector: '<none>' when empty. */
export function selectorToString(ls: LabelSelector | null | undefined): string {
  let s: string;
  try {
    s = labelSelectorAsSelector(ls).toString();
  } catch {
    return '<error>';
  }
  return s === '' ? '<none>' : s;
}
