/**
 * resource.Quantity: parsing, canonical form, comparison and arithmetic, as
 * k8s.io/apimachinery/pkg/api/resource does them. Values are held exactly as a count of
 * nano-units (the finest precision Kubernetes keeps), so '0.1' + '0.2' is '300m'.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

const SPLIT_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const QUANTITY_ERR_FORMAT = `quantities must match the regular expression '${SPLIT_RE}'`;
export const QUANTITY_ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const QUANTITY_ERR_SUFFIX = "unable to parse quantity's suffix";

export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}

const NANO = 1_000_000_000n;
/** The largest magnitude a Quantity holds: int64 max, larger values are capped. */
const MAX_NANOS = 9223372036854775807n * NANO;
const INT64_MAX = 9223372036854775807n;
const DEC_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DEC_BY_EXP = new Map(Object.entries(DEC_SUFFIX).map(([s, e]) => [e, s]));
const BIN_BY_EXP = new Map(Object.entries(BIN_SUFFIX).map(([s, e]) => [e, s]));
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

interface Parts {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: sign, integer digits (leading zeros dropped), fraction, suffix. */
function splitQuantity(str: string): Parts {
  let pos = 0;
  let positive = true;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') pos++;
  while (str[pos] === '0') pos++;
  const numStart = pos;
  while (isDigit(str[pos])) pos++;
  const num = str.slice(numStart, pos) || '0';
  let denom = '';
  if (str[pos] === '.') {
    const d = ++pos;
    while (isDigit(str[pos])) pos++;
    denom = str.slice(d, pos);
  }
  const suffixStart = pos;
  while (pos < str.length && 'eEinumkKMGTP'.includes(str[pos] as string)) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < str.length) throw new QuantityError(QUANTITY_ERR_FORMAT);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(s: string): { base: 10 | 2; exponent: number; format: QuantityFormat } {
  if (s in DEC_SUFFIX) return { base: 10, exponent: DEC_SUFFIX[s] as number, format: 'DecimalSI' };
  if (s in BIN_SUFFIX) return { base: 2, exponent: BIN_SUFFIX[s] as number, format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E') && /^[-+]?[0-9]+$/.test(s.slice(1))) {
    const exponent = Number(s.slice(1));
    if (Number.isSafeInteger(exponent)) return { base: 10, exponent, format: 'DecimalExponent' };
  }
  throw new QuantityError(QUANTITY_ERR_SUFFIX);
}

/** Division rounding away from zero, as Quantity rounds everything it cannot hold exactly. */
function divAway(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d === 0n ? q : n < 0n ? q - 1n : q + 1n;
}

/**
 * upstream keeps the very string it parsed when that string is already canonical (its
 * fast path); anything else prints in canonical form.
 */
function keepsOriginal(p: Parts, base: 10 | 2, exponent: number): boolean {
  const shifted = p.num + p.denom;
  if (base === 2) {
    if (exponent < 0 || p.denom.length > 0) return false;
    const precision = 15 - p.num.length - Math.trunc((exponent * 3) / 10) - 1;
    if (precision < 0) return false;
    const v = BigInt(shifted);
    if (v * (1n << BigInt(exponent)) > INT64_MAX) return false;
    return exponent % 10 === 0 && (v & 7n) !== 0n;
  }
  if (18 - shifted.length < 0) return false;
  const scale = exponent - p.denom.length;
  if (scale < -9) return false;
  if (scale > 0 && BigInt(shifted) * 10n ** BigInt(scale) > INT64_MAX) return false;
  return scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

export class Quantity {
  private constructor(
    /** The value in units of 1e-9. */
    readonly nanos: bigint,
    readonly format: QuantityFormat,
    private readonly original?: string,
  ) {}

  static parse(input: string | number): Quantity {
    const str = typeof input === 'number' ? String(input) : input.trim();
    if (str.length === 0) throw new QuantityError(QUANTITY_ERR_FORMAT);
    const p = splitQuantity(str);
    const { base, exponent, format } = interpretSuffix(p.suffix);
    // Exponents past these bounds only ever cap or round to 1n; clamping keeps BigInt small.
    const exp = Math.max(-64, Math.min(64, exponent));
    let n = BigInt(p.num + p.denom);
    let scale10 = 9 - p.denom.length; // n * 10^scale10 nanos
    if (base === 10) scale10 += exp;
    else n *= 1n << BigInt(exp);
    let nanos = scale10 >= 0 ? n * 10n ** BigInt(scale10) : divAway(n, 10n ** BigInt(-scale10));
    if (nanos > MAX_NANOS) nanos = MAX_NANOS;
    let fmt = format;
    if (fmt === 'BinarySI' && nanos > 0n && nanos < NANO) fmt = 'DecimalSI';
    if (!p.positive) nanos = -nanos;
    const keep = typeof input === 'string' && nanos !== 0n && keepsOriginal(p, base, exponent) ? str : undefined;
    return new Quantity(nanos, fmt, keep);
  }

  static fromNanos(nanos: bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(nanos, format);
  }

  static fromMilli(milli: number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(Math.round(milli)) * 1_000_000n, format);
  }

  static fromInt(value: number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(Math.round(value)) * NANO, format);
  }

  isZero(): boolean {
    return this.nanos === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.nanos === 0n ? 0 : this.nanos < 0n ? -1 : 1;
  }

  cmp(other: Quantity): -1 | 0 | 1 {
    return this.nanos === other.nanos ? 0 : this.nanos < other.nanos ? -1 : 1;
  }

  equal(other: Quantity): boolean {
    return this.nanos === other.nanos;
  }

  /** Sum, in this quantity's format. */
  add(other: Quantity): Quantity {
    return new Quantity(this.nanos + other.nanos, this.format);
  }

  sub(other: Quantity): Quantity {
    return new Quantity(this.nanos - other.nanos, this.format);
  }

  neg(): Quantity {
    return new Quantity(-this.nanos, this.format);
  }

  /** MilliValue: thousandths, rounded away from zero. */
  milliValue(): number {
    return Number(divAway(this.nanos, 1_000_000n));
  }

  /** Value: whole units, rounded away from zero. */
  value(): number {
    return Number(divAway(this.nanos, NANO));
  }

  /** AsInt64: the whole value when it is an exact integer, else undefined. */
  asInt64(): number | undefined {
    return this.nanos % NANO === 0n ? Number(this.nanos / NANO) : undefined;
  }

  asApproximateFloat64(): number {
    return Number(this.nanos) / 1e9;
  }

  /** The canonical text Kubernetes serializes: 500m, 1Gi, 1536Mi, 1k, 12e6. */
  toString(): string {
    if (this.nanos === 0n) return '0';
    if (this.original !== undefined) return this.original;
    let format = this.format;
    if (format === 'BinarySI') {
      const small = this.nanos > -1024n * NANO && this.nanos < 1024n * NANO;
      if (small || this.nanos % NANO !== 0n) format = 'DecimalSI';
    }
    if (format === 'BinarySI') {
      let amount = this.nanos / NANO;
      let exp = 0;
      while (amount % 1024n === 0n && exp < 60) {
        amount /= 1024n;
        exp += 10;
      }
      return `${amount}${BIN_BY_EXP.get(exp) ?? ''}`;
    }
    let amount = this.nanos;
    let exp = -9;
    while (amount % 10n === 0n) {
      amount /= 10n;
      exp++;
    }
    const down = ((exp % 3) + 3) % 3;
    amount *= 10n ** BigInt(down);
    exp -= down;
    if (format === 'DecimalExponent') return exp === 0 ? `${amount}` : `${amount}e${exp}`;
    if (exp > 18) {
      amount *= 10n ** BigInt(exp - 18);
      exp = 18;
    }
    return `${amount}${DEC_BY_EXP.get(exp) ?? ''}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

export function parseQuantity(input: string | number): Quantity {
  return Quantity.parse(input);
}

/** parse, or undefined when the text is not a quantity. */
export function tryParseQuantity(input: string | number): Quantity | undefined {
  try {
    return Quantity.parse(input);
  } catch {
    return undefined;
  }
}

/** How the API server stores a quantity written by a person: '0.5' -> '500m', '1024Mi' -> '1Gi'. */
export function canonicalQuantity(input: string | number): string {
  return Quantity.parse(input).toString();
}

export function compareQuantities(a: string | number, b: string | number): -1 | 0 | 1 {
  return Quantity.parse(a).cmp(Quantity.parse(b));
}
