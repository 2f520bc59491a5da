/**
 * JSON values as the Go decoder sees them: object members in order with duplicates kept,
 * numbers as their literal text. Built from request bytes (parseJsonNode) or from an
 * already-parsed value (jsonNodeOf), which cannot hold duplicates.
 */

export type JsonNode =
  | { readonly t: 'object'; readonly entries: readonly (readonly [string, JsonNode])[] }
  | { readonly t: 'array'; readonly items: readonly JsonNode[] }
  | { readonly t: 'string'; readonly v: string }
  | { readonly t: 'number'; readonly raw: string }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'null' };

/** A plain JS value (from JSON.parse or a YAML parser) as a JsonNode; undefined members are dropped. */
export function jsonNodeOf(value: unknown): JsonNode {
  if (value === null || value === undefined) return { t: 'null' };
  if (typeof value === 'string') return { t: 'string', v: value };
  if (typeof value === 'boolean') return { t: 'bool', v: value };
  if (typeof value === 'number') return { t: 'number', raw: numberText(value) };
  if (typeof value === 'bigint') return { t: 'number', raw: value.toString() };
  if (value instanceof Date) return { t: 'string', v: value.toISOString() };
  if (Array.isArray(value)) return { t: 'array', items: value.map(jsonNodeOf) };
  if (typeof value === 'object') {
    const entries: [string, JsonNode][] = [];
    for (const [k, v] of Object.entries(value)) if (v !== undefined) entries.push([k, jsonNodeOf(v)]);
    return { t: 'object', entries };
  }
  return { t: 'null' };
}

/** How a JSON encoder writes the number (what kubectl would send). */
function numberText(n: number): string {
  return Number.isFinite(n) ? JSON.stringify(n) : String(n);
}

/** Parses JSON text keeping duplicate members. Throws SyntaxError on malformed input. */
export function parseJsonNode(text: string): JsonNode {
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at offset ${i}`);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const str = (): string => {
    if (text[i] !== '"') fail('expected string');
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      i++;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): JsonNode => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: [string, JsonNode][] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { t: 'object', entries };
      }
      for (;;) {
        ws();
        const key = str();
        ws();
        if (text[i] !== ':') fail('expected :');
        i++;
        entries.push([key, value()]);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return { t: 'object', entries };
        } else fail('expected , or }');
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { t: 'array', items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return { t: 'array', items };
        } else fail('expected , or ]');
      }
    }
    if (c === '"') return { t: 'string', v: str() };
    for (const [word, node] of LITERALS) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return node;
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail('unexpected character');
    i += m[0].length;
    return { t: 'number', raw: m[0] };
  };
  const node = value();
  ws();
  if (i < text.length) fail('unexpected trailing data');
  return node;
}

const LITERALS: readonly (readonly [string, JsonNode])[] = [
  ['true', { t: 'bool', v: true }],
  ['false', { t: 'bool', v: false }],
  ['null', { t: 'null' }],
];

/** The raw JSON text of a node, for custom unmarshalers that see bytes (resource.Quantity). */
export function jsonText(node: JsonNode): string {
  switch (node.t) {
    case 'object':
      return `{${node.entries.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`;
    case 'array':
      return `[${node.items.map(jsonText).join(',')}]`;
    case 'string':
      return JSON.stringify(node.v);
    case 'number':
      return node.raw;
    case 'bool':
      return String(node.v);
    case 'null':
      return 'null';
  }
}
