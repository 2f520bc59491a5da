/**
 * Go's fmt verbs as Kubernetes messages use them (%q, %v, %#v), so texts built from JS
 * values read exactly as kube-apiserver prints them.
 */

/** strconv.Quote: double quotes, Go escapes, printable Unicode kept as is. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0x80 && cp < 0xa0) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

/** A value printed verbatim, like a Go value with a String() method (resource.Quantity, IntOrString). */
export class GoStringer {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Go %v for a number: integers plainly, floats in Go's shortest %g form. */
export function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    // Go writes at least two exponent digits: 1e-05, 1e+21.
    return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(n);
}

function elementType(values: unknown[]): string {
  // Kubernetes' slices and maps are nearly always of strings; an empty one reads as such.
  if (values.length === 0) return 'string';
  if (values.every((v) => typeof v === 'string')) return 'string';
  if (values.every((v) => typeof v === 'number' && Number.isInteger(v))) return 'int';
  if (values.every((v) => typeof v === 'boolean')) return 'bool';
  return 'interface {}';
}

/**
 * Go %#v as field.Error uses it for values that are not simple: []string{"a", "b"},
 * map[string]string{"app":"x"} (keys sorted, as fmt sorts map keys).
 */
export function goSyntax(value: unknown): string {
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof GoStringer) return value.text;
  if (Array.isArray(value)) {
    return `[]${elementType(value)}{${value.map(goSyntax).join(', ')}}`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const vt = elementType(entries.map(([, v]) => v));
    return `map[string]${vt}{${entries.map(([k, v]) => `${goQuote(k)}:${goSyntax(v)}`).join(', ')}}`;
  }
  return String(value);
}
