/**
 * Source scanning for the architecture checker: masks comments and string contents (so that
 * text in them never counts as code), then finds import specifiers and uses of banned globals.
 * A lexer, not a parser: good enough for the code this project writes, and never fooled by a
 * comment or a string that merely mentions `import fs from 'fs'` or `Date.now()`.
 */

export interface Masked {
  /** The source with comments and string contents replaced by spaces; newlines kept. */
  code: string;
  /** String literal values (quotes excluded), keyed by the index of their opening quote. */
  strings: Map<number, string>;
}

const REGEX_AFTER_CHAR = new Set('(,=:[!&|?{};+-*%<>~^'.split(''));
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);

export function mask(source: string): Masked {
  const out = source.split('');
  const strings = new Map<number, string>();
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to; k += 1) if (out[k] !== '\n') out[k] = ' ';
  };
  // '{' for a plain brace, '$' for a template literal's `${` whose `}` resumes the template.
  const braces: string[] = [];
  let i = 0;

  const scanTemplate = (start: number): number => {
    // start is just after a backtick or a `}` closing an interpolation
    let j = start;
    let value = '';
    while (j < source.length) {
      const c = source[j];
      if (c === '\\') {
        value += source[j + 1] ?? '';
        j += 2;
      } else if (c === '`') {
        blank(start, j);
        if (source[start - 1] === '`') strings.set(start - 1, value);
        return j + 1;
      } else if (c === '$' && source[j + 1] === '{') {
        blank(start, j);
        braces.push('$');
        return j + 2;
      } else {
        value += c;
        j += 1;
      }
    }
    blank(start, j);
    return j;
  };

  while (i < source.length) {
    const c = source[i] ?? '';
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < source.length && source[j] !== c && source[j] !== '\n') {
        if (source[j] === '\\') {
          value += source[j + 1] ?? '';
          j += 2;
        } else {
          value += source[j];
          j += 1;
        }
      }
      strings.set(i, value);
      blank(i + 1, j);
      i = j + 1;
    } else if (c === '`') {
      i = scanTemplate(i + 1);
    } else if (c === '{') {
      braces.push('{');
      i += 1;
    } else if (c === '}') {
      i = braces.pop() === '$' ? scanTemplate(i + 1) : i + 1;
    } else if (c === '/' && regexAllowed(out, i)) {
      let j = i + 1;
      let inClass = false;
      while (j < source.length && source[j] !== '\n') {
        const d = source[j];
        if (d === '\\') j += 1;
        else if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        j += 1;
      }
      blank(i + 1, j);
      i = j + 1;
    } else {
      i += 1;
    }
  }
  return { code: out.join(''), strings };
}

function regexAllowed(out: string[], slash: number): boolean {
  let k = slash - 1;
  while (k >= 0 && /\s/.test(out[k] ?? '')) k -= 1;
  if (k < 0) return true;
  const prev = out[k] ?? '';
  if (REGEX_AFTER_CHAR.has(prev)) return true;
  if (!/[\w$]/.test(prev)) return false;
  let start = k;
  while (start > 0 && /[\w$]/.test(out[start - 1] ?? '')) start -= 1;
  return REGEX_AFTER_WORD.has(out.slice(start, k + 1).join(''));
}

export function lineOf(code: string, index: number): number {
  let line = 1;
  for (let k = 0; k < index && k < code.length; k += 1) if (code[k] === '\n') line += 1;
  return line;
}

export interface FoundImport {
  specifier: string;
  line: number;
}

const IMPORT_PATTERNS: RegExp[] = [
  // import x from '...', import type { X } from '...', export { a } from '...', export * as n from '...'
  /(?<![.\w$])(?:import|export)\b[^;'"`()]*?\bfrom\s*(['"])/g,
  // import '...' (side effects only)
  /(?<![.\w$])import\s*(['"])/g,
  // import('...'), require('...'), import x = require('...')
  /(?<![.\w$])(?:import|require)\s*\(\s*(['"`])/g,
];

export function findImports(masked: Masked): FoundImport[] {
  const found = new Map<number, FoundImport>();
  for (const pattern of IMPORT_PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(masked.code); m; m = pattern.exec(masked.code)) {
      const quote = m.index + m[0].length - 1;
      const specifier = masked.strings.get(quote);
      if (specifier !== undefined && !found.has(quote)) {
        found.set(quote, { specifier, line: lineOf(masked.code, quote) });
      }
    }
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

export interface FoundUse {
  /** What was found, as written in the rule: `Date.now`, `new Date()`, `setTimeout`... */
  name: string;
  line: number;
}

/**
 * Uses of global names in code (member access like `clock.setTimeout`, object keys, method
 * definitions and names the file declares itself are not uses of the global).
 */
export function findGlobalUses(masked: Masked, names: readonly string[]): FoundUse[] {
  const { code } = masked;
  const uses: FoundUse[] = [];
  for (const name of names) {
    if (new RegExp(`\\b(?:const|let|var|function|class|interface|type|enum)\\s+${name}\\b`).test(code)) continue;
    if (new RegExp(`\\bimport\\b[^;]*\\b${name}\\b[^;]*\\bfrom\\b`).test(code)) continue;
    const pattern = new RegExp(`(?<![\\w$])${name}(?![\\w$])`, 'g');
    for (let m = pattern.exec(code); m; m = pattern.exec(code)) {
      if (isGlobalUse(code, m.index, name.length)) uses.push({ name, line: lineOf(code, m.index) });
    }
  }
  return uses;
}

const MODIFIERS = new Set(['readonly', 'private', 'public', 'protected', 'static', 'declare', 'override', 'abstract', 'accessor']);

function isGlobalUse(code: string, at: number, length: number): boolean {
  let before = at - 1;
  while (before >= 0 && /\s/.test(code[before] ?? '')) before -= 1;
  if (code[before] === '.') return false; // member access: obj.setTimeout, a?.process
  let wordStart = before;
  while (wordStart > 0 && /[\w$]/.test(code[wordStart - 1] ?? '')) wordStart -= 1;
  if (MODIFIERS.has(code.slice(wordStart, before + 1))) return false; // a class member
  let after = at + length;
  while (after < code.length && /\s/.test(code[after] ?? '')) after += 1;
  const next = code[after];
  if (next === ':' && code[after + 1] !== ':') return false; // object key or annotated name
  if (next === '?' && (code[after + 1] === ':' || code[after + 1] === '(')) return false; // optional member
  if (next === '(') {
    // A method definition or signature, `setTimeout(ms: number): X {`, is not a call.
    const close = matchingParen(code, after);
    let k = close + 1;
    while (k < code.length && /\s/.test(code[k] ?? '')) k += 1;
    if (code[k] === '{' || code[k] === ':') return false;
  }
  return true;
}

function matchingParen(code: string, open: number): number {
  let depth = 0;
  for (let k = open; k < code.length; k += 1) {
    if (code[k] === '(') depth += 1;
    else if (code[k] === ')') {
      depth -= 1;
      if (depth === 0) return k;
    }
  }
  return code.length;
}

/** `Date.now`, `Math.random` and `new Date()` without an argument. */
export function findClockAndRandom(masked: Masked): FoundUse[] {
  const { code } = masked;
  const uses: FoundUse[] = [];
  const members = /(?<![.\w$])(Date|Math)\s*\.\s*(now|random)\b/g;
  for (let m = members.exec(code); m; m = members.exec(code)) {
    const name = `${m[1]}.${m[2]}`;
    if (name === 'Date.now' || name === 'Math.random') uses.push({ name, line: lineOf(code, m.index) });
  }
  const newDate = /(?<![.\w$])new\s+Date\b/g;
  for (let m = newDate.exec(code); m; m = newDate.exec(code)) {
    const rest = code.slice(m.index + m[0].length);
    if (!/^\s*\(/.test(rest) || /^\s*\(\s*\)/.test(rest)) uses.push({ name: 'new Date()', line: lineOf(code, m.index) });
  }
  return uses;
}
