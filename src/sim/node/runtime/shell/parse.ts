/**
 * A small POSIX-shell parser for the scripts people put in manifests (`sh -c "..."`):
 * lists with ; && || and newlines, pipelines, while/until/for/if, brace groups,
 * assignments and redirections. Nothing here ever runs on the host: the interpreter
 * (interp.ts) turns the tree into simulated output, sleeps and exit codes.
 */
import { ShellSyntaxError, lex, type Tok, type Word } from './lex';

export { ShellSyntaxError, type Part, type Word } from './lex';

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&';
  target: Word;
}

export type Node =
  | { k: 'simple'; assigns: { name: string; value: Word }[]; words: Word[]; redirs: Redirect[] }
  | { k: 'list'; items: { node: Node; background: boolean }[] }
  | { k: 'and'; left: Node; right: Node }
  | { k: 'or'; left: Node; right: Node }
  | { k: 'not'; node: Node }
  | { k: 'pipe'; cmds: Node[] }
  | { k: 'while'; until: boolean; cond: Node; body: Node }
  | { k: 'for'; name: string; items: Word[] | undefined; body: Node }
  | { k: 'if'; branches: { cond: Node; body: Node }[]; otherwise?: Node }
  | { k: 'group'; body: Node; subshell: boolean };

const RESERVED = new Set(['while', 'until', 'for', 'do', 'done', 'if', 'then', 'elif', 'else', 'fi', '{', '}', '!', 'in']);

class Parser {
  private pos = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok | undefined {
    return this.toks[this.pos];
  }
  private isWord(v: string): boolean {
    const t = this.peek();
    return t?.t === 'word' && t.raw === v;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t?.t === 'op' && t.v === v;
  }
  private expectWord(v: string): void {
    if (!this.isWord(v)) throw new ShellSyntaxError(`Syntax error: ${this.describe()} unexpected (expecting "${v}")`);
    this.pos++;
  }
  private describe(): string {
    const t = this.peek();
    if (!t) return 'end of file';
    if (t.t === 'op') return t.v === '\n' ? 'newline' : `"${t.v}"`;
    return `"${t.raw}"`;
  }
  private skipNewlines(): void {
    while (this.isOp('\n') || this.isOp(';')) this.pos++;
  }

  parseProgram(): Node {
    const node = this.parseList(new Set());
    if (this.pos < this.toks.length) throw new ShellSyntaxError(`Syntax error: ${this.describe()} unexpected`);
    return node;
  }

  /** A list, ending before any of the reserved words in `stop`. */
  private parseList(stop: Set<string>): Node {
    const items: { node: Node; background: boolean }[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (!t || (t.t === 'word' && stop.has(t.raw)) || (t.t === 'op' && t.v === ')')) break;
      const node = this.parseAndOr();
      let background = false;
      if (this.isOp('&')) {
        background = true;
        this.pos++;
      }
      items.push({ node, background });
      if (!this.isOp(';') && !this.isOp('\n') && !background) break;
    }
    return { k: 'list', items };
  }

  private parseAndOr(): Node {
    let left = this.parsePipeline();
    for (;;) {
      if (this.isOp('&&') || this.isOp('||')) {
        const and = this.isOp('&&');
        this.pos++;
        while (this.isOp('\n')) this.pos++;
        const right = this.parsePipeline();
        left = and ? { k: 'and', left, right } : { k: 'or', left, right };
      } else return left;
    }
  }

  private parsePipeline(): Node {
    let negate = false;
    if (this.isWord('!')) {
      negate = true;
      this.pos++;
    }
    const cmds = [this.parseCommand()];
    while (this.isOp('|')) {
      this.pos++;
      while (this.isOp('\n')) this.pos++;
      cmds.push(this.parseCommand());
    }
    const node: Node = cmds.length === 1 ? (cmds[0] as Node) : { k: 'pipe', cmds };
    return negate ? { k: 'not', node } : node;
  }

  private parseCommand(): Node {
    const t = this.peek();
    if (!t) throw new ShellSyntaxError('Syntax error: end of file unexpected');
    if (t.t === 'op' && t.v === '(') {
      this.pos++;
      const body = this.parseList(new Set());
      if (!this.isOp(')')) throw new ShellSyntaxError(`Syntax error: ${this.describe()} unexpected (expecting ")")`);
      this.pos++;
      return { k: 'group', body, subshell: true };
    }
    if (t.t === 'word') {
      switch (t.raw) {
        case 'while':
        case 'until': {
          this.pos++;
          const cond = this.parseList(new Set(['do']));
          this.expectWord('do');
          const body = this.parseList(new Set(['done']));
          this.expectWord('done');
          return { k: 'while', until: t.raw === 'until', cond, body };
        }
        case 'for': {
          this.pos++;
          const nameTok = this.peek();
          if (nameTok?.t !== 'word') throw new ShellSyntaxError(`Syntax error: Bad for loop variable`);
          this.pos++;
          let items: Word[] | undefined;
          while (this.isOp('\n')) this.pos++;
          if (this.isWord('in')) {
            this.pos++;
            items = [];
            while (this.peek()?.t === 'word' && !this.isWord('do')) items.push((this.toks[this.pos++] as { w: Word }).w);
          }
          this.skipNewlines();
          this.expectWord('do');
          const body = this.parseList(new Set(['done']));
          this.expectWord('done');
          return { k: 'for', name: nameTok.raw, items, body };
        }
        case 'if': {
          this.pos++;
          const branches: { cond: Node; body: Node }[] = [];
          let otherwise: Node | undefined;
          for (;;) {
            const cond = this.parseList(new Set(['then']));
            this.expectWord('then');
            const body = this.parseList(new Set(['elif', 'else', 'fi']));
            branches.push({ cond, body });
            if (this.isWord('elif')) {
              this.pos++;
              continue;
            }
            if (this.isWord('else')) {
              this.pos++;
              otherwise = this.parseList(new Set(['fi']));
            }
            this.expectWord('fi');
            return { k: 'if', branches, otherwise };
          }
        }
        case '{': {
          this.pos++;
          const body = this.parseList(new Set(['}']));
          this.expectWord('}');
          return { k: 'group', body, subshell: false };
        }
      }
      if (RESERVED.has(t.raw) && t.raw !== '!') throw new ShellSyntaxError(`Syntax error: "${t.raw}" unexpected`);
    }
    return this.parseSimple();
  }

  private parseSimple(): Node {
    const assigns: { name: string; value: Word }[] = [];
    const words: Word[] = [];
    const redirs: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.t === 'op') {
        const m = /^([12]?)(>>|>|<|>&)$/.exec(t.v);
        if (t.v === '2>&1') {
          redirs.push({ fd: 2, op: '>&', target: [{ t: 'lit', v: '1', q: false }] });
          this.pos++;
          continue;
        }
        if (!m) break;
        this.pos++;
        const target = this.peek();
        if (target?.t !== 'word') throw new ShellSyntaxError(`Syntax error: ${this.describe()} unexpected`);
        this.pos++;
        const op = m[2] as Redirect['op'];
        redirs.push({ fd: m[1] ? Number(m[1]) : op === '<' ? 0 : 1, op, target: target.w });
        continue;
      }
      const eq = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.raw);
      if (words.length === 0 && eq) {
        const value = [...t.w];
        // Drop the `NAME=` prefix from the first literal part.
        const first = value[0];
        if (first && first.t === 'lit') value[0] = { ...first, v: first.v.slice((eq[1] as string).length + 1) };
        assigns.push({ name: eq[1] as string, value });
        this.pos++;
        continue;
      }
      words.push(t.w);
      this.pos++;
    }
    if (words.length === 0 && assigns.length === 0 && redirs.length === 0) {
      throw new ShellSyntaxError(`Syntax error: ${this.describe()} unexpected`);
    }
    return { k: 'simple', assigns, words, redirs };
  }
}

export function parseScript(src: string): Node {
  return new Parser(lex(src)).parseProgram();
}
