/**
 * The checks Go's custom JSON unmarshalers make on values, with their exact error texts:
 * resource.Quantity (k8s.io/apimachinery/pkg/api/resource) and base64 for []byte fields
 * (encoding/base64 StdEncoding).
 */

export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const SUFFIX_CHARS = 'eEinumkKMGTP';
const KNOWN_SUFFIXES = new Set(['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * Error resource.ParseQuantity returns for text, or undefined when it parses. Mirrors
 * parseQuantityString's scan (sign, digits, '.', digits, suffix letters, signed exponent
 * digits) and the suffixer's table.
 */
export function quantityError(input: string): string | undefined {
  const str = input.trim();
  if (str.length === 0) return QUANTITY_FORMAT_ERROR;
  let pos = 0;
  if (str[0] === '-' || str[0] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos >= str.length) return undefined;
  if (str[pos] === '.') {
    pos++;
    while (isDigit(str[pos])) pos++;
    if (pos >= str.length) return undefined;
  }
  const suffixStart = pos;
  while (pos < str.length && SUFFIX_CHARS.includes(str[pos] as string)) pos++;
  if (pos < str.length) {
    if (str[pos] === '-' || str[pos] === '+') pos++;
    while (isDigit(str[pos])) pos++;
    if (pos < str.length) return QUANTITY_FORMAT_ERROR;
  }
  const suffix = str.slice(suffixStart);
  if (KNOWN_SUFFIXES.has(suffix)) return undefined;
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    return undefined;
  }
  return QUANTITY_SUFFIX_ERROR;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const isNewline = (b: number | undefined): boolean => b === 0x0a || b === 0x0d;

/**
 * Error base64.StdEncoding.Decode returns for s, or undefined. Offsets count UTF-8 bytes and
 * include skipped newlines, as Go's CorruptInputError does.
 */
export function base64Error(s: string): string | undefined {
  const src = new TextEncoder().encode(s);
  const corrupt = (at: number): string => `illegal base64 data at input byte ${at}`;
  let si = 0;
  while (si < src.length) {
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined;
        return corrupt(si - j);
      }
      const b = src[si] as number;
      si++;
      if (b < 0x80 && B64.includes(String.fromCharCode(b))) continue;
      if (isNewline(b)) {
        j--;
        continue;
      }
      if (b !== 0x3d) return corrupt(si - 1);
      if (j < 2) return corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== 0x3d) return corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      return si < src.length ? corrupt(si) : undefined;
    }
  }
  return undefined;
}
