/**
 * A JSON stream as kubectl reads it (Go's encoding/json Decoder, one value after another):
 * finds where each value starts and ends, and reports the first syntax error with Go's text,
 * e.g. `json: offset 12: invalid character '}' looking for beginning of object key string`
 * (the offset counts UTF-8 bytes from the end of the previous value, through the bad byte).
 */
import { utf8Length } from './text';
import type { Range } from './types';

export interface JsonStream {
  values: Range[];
  error?: { message: string; range: Range };
}

class JsonSyntax extends Error {
  constructor(readonly at: number, readonly eof: boolean, message: string) {
    super(message);
  }
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\x07': '\\a', '\\': '\\\\' };

/** Go's quoteChar: the offending byte, quoted for an error message. */
function quoteChar(text: string, at: number): string {
  const code = text.charCodeAt(at);
  // Go looks at one byte: a non-ASCII character shows as the rune of its first UTF-8 byte.
  const byte = code < 0x80 ? code : code < 0x800 ? 0xc0 | (code >> 6) : code >= 0xd800 && code <= 0xdbff ? 0xf0 : 0xe0 | (code >> 12);
  const c = String.fromCharCode(byte);
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const escaped = ESCAPES[c] ?? (byte < 0x20 || byte === 0x7f || (byte >= 0x80 && byte < 0xa0) ? `\\x${byte.toString(16).padStart(2, '0')}` : c);
  return `'${escaped}'`;
}

class Scanner {
  pos: number;
  constructor(readonly text: string, start: number) {
    this.pos = start;
  }

  fail(context: string): never {
    if (this.pos >= this.text.length) throw new JsonSyntax(this.pos, true, 'unexpected EOF');
    throw new JsonSyntax(this.pos, false, `invalid character ${quoteChar(this.text, this.pos)} ${context}`);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text.charAt(this.pos))) this.pos++;
  }

  value(): void {
    this.skipSpace();
    const c = this.text.charAt(this.pos);
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (c === word.charAt(0)) return this.literal(word);
    }
    this.fail('looking for beginning of value');
  }

  object(): void {
    this.pos++;
    this.skipSpace();
    if (this.text.charAt(this.pos) === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text.charAt(this.pos) !== '"') this.fail('looking for beginning of object key string');
      this.string();
      this.skipSpace();
      if (this.text.charAt(this.pos) !== ':') this.fail('after object key');
      this.pos++;
      this.value();
      this.skipSpace();
      const c = this.text.charAt(this.pos);
      this.pos++;
      if (c === '}') return;
      if (c !== ',') {
        this.pos--;
        this.fail('after object key:value pair');
      }
    }
  }

  array(): void {
    this.pos++;
    this.skipSpace();
    if (this.text.charAt(this.pos) === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.value();
      this.skipSpace();
      const c = this.text.charAt(this.pos);
      this.pos++;
      if (c === ']') return;
      if (c !== ',') {
        this.pos--;
        this.fail('after array element');
      }
    }
  }

  string(): void {
    this.pos++;
    for (;;) {
      if (this.pos >= this.text.length) this.fail('in string literal');
      const c = this.text.charAt(this.pos);
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c.charCodeAt(0) < 0x20) this.fail('in string literal');
      if (c === '\\') {
        this.pos++;
        const e = this.text.charAt(this.pos);
        if (e === 'u') {
          for (let i = 0; i < 4; i++) {
            this.pos++;
            if (!/[0-9a-fA-F]/.test(this.text.charAt(this.pos))) this.fail('in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(e) || e === '') this.fail('in string escape code');
      }
      this.pos++;
    }
  }

  number(): void {
    const digit = (): boolean => /[0-9]/.test(this.text.charAt(this.pos));
    if (this.text.charAt(this.pos) === '-') {
      this.pos++;
      if (!digit()) this.fail('in numeric literal');
    }
    if (this.text.charAt(this.pos) === '0') this.pos++;
    else while (digit()) this.pos++;
    if (this.text.charAt(this.pos) === '.') {
      this.pos++;
      if (!digit()) this.fail('after decimal point in numeric literal');
      while (digit()) this.pos++;
    }
    if (/[eE]/.test(this.text.charAt(this.pos))) {
      this.pos++;
      if (/[+-]/.test(this.text.charAt(this.pos))) this.pos++;
      if (!digit()) this.fail('in exponent of numeric literal');
      while (digit()) this.pos++;
    }
  }

  literal(word: string): void {
    for (let i = 0; i < word.length; i++) {
      if (this.text.charAt(this.pos) !== word.charAt(i)) this.fail(`in literal ${word} (expecting '${word.charAt(i)}')`);
      this.pos++;
    }
  }
}

/** Splits text[from..] into JSON values; stops at the first syntax error, as kubectl does. */
export function scanJsonStream(text: string, from: number): JsonStream {
  const values: Range[] = [];
  let segment = from;
  const scanner = new Scanner(text, from);
  for (;;) {
    scanner.skipSpace();
    if (scanner.pos >= text.length) return { values };
    const start = scanner.pos;
    try {
      scanner.value();
    } catch (e) {
      if (!(e instanceof JsonSyntax)) throw e;
      const message = e.eof ? e.message : `json: offset ${utf8Length(text.slice(segment, e.at)) + 1}: ${e.message}`;
      const end = e.eof ? text.length : Math.min(text.length, e.at + 1);
      return { values, error: { message, range: { start: e.eof ? start : e.at, end } } };
    }
    values.push({ start, end: scanner.pos });
    segment = scanner.pos;
  }
}
