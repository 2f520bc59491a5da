/**
 * How kubectl reads an unquoted YAML scalar. kubectl 1.33 decodes YAML through
 * sigs.k8s.io/yaml v1.4, whose Unmarshal runs the go-yaml v2 fork (goyaml.v2) and then
 * converts the result to JSON. go-yaml v2 resolves plain scalars with YAML 1.1-flavoured
 * rules, re-implemented here from its resolve.go:
 * - y/Y/yes/Yes/YES/on/On/ON/true/True/TRUE are true; n/N/no/No/NO/off/Off/OFF/false/... false;
 * - ""/~/null/Null/NULL are null; .inf/.nan are floats (which JSON then cannot carry);
 * - integers go through Go's strconv.ParseInt with base 0 after removing "_": a leading 0
 *   means octal (010 is 8), 0x hex, 0o octal, 0b binary;
 * - anything matching ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ is a float
 *   (1.10 is 1.1, 08 is 8);
 * - timestamps stay strings when decoded into interface{} (go-yaml v2 keeps them so);
 * - no sexagesimal numbers (190:20:30 stays a string), unlike the YAML 1.1 spec.
 */

export type Resolved =
  | { tag: 'null'; value: null }
  | { tag: 'bool'; value: boolean }
  | { tag: 'int'; value: number; exact: bigint }
  | { tag: 'float'; value: number }
  | { tag: 'str'; value: string };

const TRUE = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'];
const FALSE = ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'];
const NULL = ['', '~', 'null', 'Null', 'NULL'];
/** The words only YAML 1.1 reads as booleans (a YAML 1.2 reader keeps them as strings). */
export const YAML11_ONLY_BOOLS: ReadonlySet<string> = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF',
]);

const SPECIAL = new Map<string, Resolved>();
for (const s of TRUE) SPECIAL.set(s, { tag: 'bool', value: true });
for (const s of FALSE) SPECIAL.set(s, { tag: 'bool', value: false });
for (const s of NULL) SPECIAL.set(s, { tag: 'null', value: null });
for (const s of ['.nan', '.NaN', '.NAN']) SPECIAL.set(s, { tag: 'float', value: NaN });
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) {
  SPECIAL.set(s, { tag: 'float', value: Infinity });
}
for (const s of ['-.inf', '-.Inf', '-.INF']) SPECIAL.set(s, { tag: 'float', value: -Infinity });

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const DIGITS: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ };

/** Go's strconv.ParseInt(s, 0, ...) without the range check: sign, then base prefix. */
export function parseGoInt(s: string): bigint | undefined {
  let body = s;
  let negative = false;
  if (body.startsWith('+') || body.startsWith('-')) {
    negative = body.startsWith('-');
    body = body.slice(1);
  }
  let base = 10;
  if (body.length > 1 && body[0] === '0') {
    const p = body.charAt(1).toLowerCase();
    if (p === 'x' || p === 'o' || p === 'b') {
      base = p === 'x' ? 16 : p === 'o' ? 8 : 2;
      body = body.slice(2);
    } else {
      base = 8;
      body = body.slice(1);
    }
  }
  if (!DIGITS[base]?.test(body)) return undefined;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  const magnitude = BigInt(prefix + body);
  return negative ? -magnitude : magnitude;
}

/** go-yaml v2's resolve() for a plain (unquoted, untagged) scalar. */
export function resolvePlain(text: string): Resolved {
  const special = SPECIAL.get(text);
  if (special) return special;
  const first = text.charAt(0);
  if (first === '.') {
    return DOT_FLOAT.test(text) ? { tag: 'float', value: Number(text) } : str(text);
  }
  if (!/[-+0-9]/.test(first)) return str(text);
  const plain = text.replace(/_/g, '');
  const exact = parseGoInt(plain);
  if (exact !== undefined) {
    if (exact >= INT64_MIN && exact <= INT64_MAX) return { tag: 'int', value: Number(exact), exact };
    if (exact > 0n && exact <= UINT64_MAX) return { tag: 'int', value: Number(exact), exact };
  }
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = Number(plain);
    // Go's ParseFloat reports a range error for 1e400, and go-yaml then keeps the string.
    if (Number.isFinite(f)) return { tag: 'float', value: f };
  } else if (exact !== undefined) {
    // Out of 64 bits, not a decimal float: the goyaml.v2 fork falls back to big.Int.
    return { tag: 'int', value: Number(exact), exact };
  }
  return str(text);
}

function str(value: string): Resolved {
  return { tag: 'str', value };
}

const CORE = 'tag:yaml.org,2002:';
const TIMESTAMP =
  /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: \d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?))?$/;

/**
 * go-yaml v2 for a scalar carrying an explicit tag (`!!int "12"`). Returns the value, or the
 * go-yaml error text when the content cannot have that tag. Tags outside the core schema
 * (`!foo`) leave the text as a string, as go-yaml does.
 */
export function resolveTagged(tag: string, text: string): Resolved | { error: string } {
  if (!tag.startsWith(CORE)) return str(text);
  const short = tag.slice(CORE.length);
  if (short === 'str' || short === 'binary') return str(text);
  if (short === 'timestamp') {
    return TIMESTAMP.test(text) ? str(text) : mismatch(resolvePlain(text), text, short);
  }
  if (!['bool', 'int', 'float', 'null'].includes(short)) return str(text);
  const r = resolvePlain(text);
  if (r.tag === short) return r;
  if (short === 'float' && r.tag === 'int') return { tag: 'float', value: r.value };
  return mismatch(r, text, short);
}

function mismatch(r: Resolved, text: string, wanted: string): { error: string } {
  return { error: `yaml: cannot decode !!${r.tag} \`${text}\` as a !!${wanted}` };
}

/**
 * The JSON object key sigs.k8s.io/yaml makes of a resolved YAML key: integers in decimal,
 * floats with strconv.FormatFloat(f, 'g', -1, 32), booleans as "true"/"false". Null keys
 * cannot become JSON keys (undefined here).
 */
export function keyString(r: Resolved): string | undefined {
  switch (r.tag) {
    case 'str': return r.value;
    case 'bool': return r.value ? 'true' : 'false';
    case 'int': return r.exact.toString();
    case 'float': return formatFloat32G(r.value);
    case 'null': return undefined;
  }
}

/** Go's strconv.FormatFloat(f, 'g', -1, 32), with go-yaml's names for infinities and NaN. */
export function formatFloat32G(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  const f32 = Math.fround(f);
  if (f32 === Infinity) return '.inf';
  if (f32 === -Infinity) return '-.inf';
  if (f32 === 0) return Object.is(f32, -0) ? '-0' : '0';
  let shortest = '';
  for (let p = 1; p <= 9; p++) {
    shortest = f32.toExponential(p - 1);
    if (Math.fround(Number(shortest)) === f32) break;
  }
  const [mantissa = '', expText = '0'] = shortest.split('e');
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/[-.]/g, '');
  const exp = Number(expText);
  const sign = negative ? '-' : '';
  // With the shortest precision Go's %g picks exponent form when exp < -4 or exp >= 6.
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? '.' + digits.slice(1) : '';
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${digits.charAt(0)}${frac}e${exp < 0 ? '-' : '+'}${e}`;
  }
  const point = exp + 1;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
