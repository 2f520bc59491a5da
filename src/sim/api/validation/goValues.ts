/**
 * Go's %#v for the few structured values validation errors print: label maps, label
 * selectors, IntOrString and the like, so a bad value reads as kube-apiserver prints it.
 */
import { goNumber, goQuote } from '../gofmt';
import { stringer } from '../fieldErrors';
import type { GoStringer } from '../gofmt';
import { arr, isObj, str } from './util';

/** map[string]string: nil when absent, sorted keys as fmt prints maps. */
export function goStringMapText(v: unknown): string {
  if (!isObj(v)) return 'map[string]string(nil)';
  const entries = Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]string{${entries.map(([k, x]) => `${goQuote(k)}:${goQuote(str(x))}`).join(', ')}}`;
}

export function goStringMap(v: unknown): GoStringer {
  return stringer(goStringMapText(v));
}

function goStringSliceText(v: unknown): string {
  if (!Array.isArray(v)) return '[]string(nil)';
  return `[]string{${v.map((x) => goQuote(str(x))).join(', ')}}`;
}

/** A *metav1.LabelSelector as field.Error dereferences and prints it. */
export function goLabelSelector(sel: unknown): GoStringer | null {
  if (!isObj(sel)) return null;
  const exprs = sel.matchExpressions;
  const exprText = Array.isArray(exprs)
    ? `[]v1.LabelSelectorRequirement{${exprs
        .map((e) => {
          const r = isObj(e) ? e : {};
          return `v1.LabelSelectorRequirement{Key:${goQuote(str(r.key))}, Operator:${goQuote(str(r.operator))}, Values:${goStringSliceText(r.values)}}`;
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return stringer(`v1.LabelSelector{MatchLabels:${goStringMapText(sel.matchLabels)}, MatchExpressions:${exprText}}`);
}

/** intstr.IntOrString printed by value (its String method has a pointer receiver). */
export function goIntOrString(v: unknown): GoStringer {
  if (typeof v === 'string') return stringer(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`);
  const n = typeof v === 'number' ? v : 0;
  return stringer(`intstr.IntOrString{Type:0, IntVal:${goNumber(n)}, StrVal:""}`);
}

function goFieldName(k: string): string {
  return k.charAt(0).toUpperCase() + k.slice(1);
}

function goValueText(v: unknown): string {
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `{${arr(v).map(goValueText).join(', ')}}`;
  if (isObj(v)) {
    return `{${Object.entries(v)
      .map(([k, x]) => `${goFieldName(k)}:${goValueText(x)}`)
      .join(', ')}}`;
  }
  return 'nil';
}

/**
 * An internal struct printed with %#v, e.g. core.PodTemplateSpec{...}. Go prints every
 * field including zero ones and internal type names; this prints the fields present,
 * which keeps the shape while staying readable.
 */
export function goStruct(typeName: string, v: unknown): GoStringer {
  return stringer(`${typeName}${goValueText(isObj(v) ? v : {})}`);
}
