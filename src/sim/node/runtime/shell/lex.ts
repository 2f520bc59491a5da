/** The shell's lexer: words with their quoting and expansions, and operators. */

/** One piece of a word: literal text, or something to expand, remembering quoting. */
export type Part =
  | { t: 'lit'; v: string; q: boolean }
  | { t: 'var'; name: string; op?: string; arg?: Word; q: boolean }
  | { t: 'arith'; expr: string; q: boolean }
  | { t: 'cmd'; script: string; q: boolean };
export type Word = Part[];

export class ShellSyntaxError extends Error {}

export type Tok = { t: 'word'; w: Word; raw: string } | { t: 'op'; v: string };

const OPS = ['&&', '||', ';;', '>>', '>&', '2>&1', ';', '&', '|', '(', ')', '<', '>', '\n'];

export function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    const op = OPS.find((o) => src.startsWith(o, i) && !(o === '2>&1' && /\w/.test(src[i - 1] ?? '')));
    if (op) {
      toks.push({ t: 'op', v: op });
      i += op.length;
      continue;
    }
    if ((c === '2' || c === '1') && (src[i + 1] === '>')) {
      toks.push({ t: 'op', v: `${c}>` });
      i += 2;
      if (src[i] === '>') { i++; (toks[toks.length - 1] as { v: string }).v = `${c}>>`; }
      continue;
    }
    const start = i;
    const word: Word = [];
    while (i < src.length) {
      const ch = src[i] as string;
      if (' \t\n;&|()<>'.includes(ch)) break;
      i = readPart(src, i, word, false);
    }
    toks.push({ t: 'word', w: word, raw: src.slice(start, i) });
  }
  return toks;
}

function pushLit(word: Word, v: string, q: boolean): void {
  const last = word[word.length - 1];
  if (last && last.t === 'lit' && last.q === q) last.v += v;
  else word.push({ t: 'lit', v, q });
}

/** Reads one unit of a word starting at i; returns the next index. */
function readPart(src: string, i: number, word: Word, q: boolean): number {
  const ch = src[i] as string;
  if (!q && ch === "'") {
    const end = src.indexOf("'", i + 1);
    if (end < 0) throw new ShellSyntaxError('Unterminated quoted string');
    pushLit(word, src.slice(i + 1, end), true);
    return end + 1;
  }
  if (!q && ch === '"') {
    let j = i + 1;
    while (j < src.length && src[j] !== '"') {
      if (src[j] === '\\' && '"\\$`\n'.includes(src[j + 1] ?? '')) {
        if (src[j + 1] !== '\n') pushLit(word, src[j + 1] as string, true);
        j += 2;
      } else if (src[j] === '$' || src[j] === '`') j = readPart(src, j, word, true);
      else {
        pushLit(word, src[j] as string, true);
        j++;
      }
    }
    if (j >= src.length) throw new ShellSyntaxError('Unterminated quoted string');
    if (j === i + 1) pushLit(word, '', true);
    return j + 1;
  }
  if (!q && ch === '\\') {
    pushLit(word, src[i + 1] ?? '', true);
    return i + 2;
  }
  if (ch === '`') {
    const end = src.indexOf('`', i + 1);
    if (end < 0) throw new ShellSyntaxError('Unterminated quoted string');
    word.push({ t: 'cmd', script: src.slice(i + 1, end), q });
    return end + 1;
  }
  if (ch === '$') {
    if (src.startsWith('$((', i)) {
      const end = matchParen(src, i + 1);
      word.push({ t: 'arith', expr: src.slice(i + 3, end - 1), q });
      return end + 1;
    }
    if (src[i + 1] === '(') {
      const end = matchParen(src, i + 1);
      word.push({ t: 'cmd', script: src.slice(i + 2, end), q });
      return end + 1;
    }
    if (src[i + 1] === '{') {
      const end = src.indexOf('}', i + 2);
      if (end < 0) throw new ShellSyntaxError('bad substitution');
      const body = src.slice(i + 2, end);
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$@*])(?:(:?[-=+?])(.*))?$/s.exec(body);
      if (!m) throw new ShellSyntaxError('bad substitution');
      const arg: Word = [];
      if (m[3] !== undefined) for (let j = 0; j < m[3].length; ) j = readPart(m[3], j, arg, q);
      word.push({ t: 'var', name: m[1] as string, op: m[2], arg: m[3] !== undefined ? arg : undefined, q });
      return end + 1;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$@*!])/.exec(src.slice(i + 1));
    if (!m) {
      pushLit(word, '$', q);
      return i + 1;
    }
    word.push({ t: 'var', name: m[1] as string, q });
    return i + 1 + (m[1] as string).length;
  }
  pushLit(word, ch, q);
  return i + 1;
}

function matchParen(src: string, open: number): number {
  let depth = 0;
  for (let j = open; j < src.length; j++) {
    if (src[j] === '(') depth++;
    else if (src[j] === ')') {
      depth--;
      if (depth === 0) return j;
    }
  }
  throw new ShellSyntaxError("Syntax error: end of file unexpected (expecting \")\")");
}

