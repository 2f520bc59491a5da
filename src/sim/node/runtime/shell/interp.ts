/**
 * Runs a parsed script as a simulated process: output goes to the container's log, `sleep`
 * yields virtual time, `exit N` ends it. Builtins are here; other commands come from
 * commands.ts or the image's own programs.
 */
import { ExitError, type Proc, type ProcHost, type Wait } from '../process';
import { evalArith } from './arith';
import { parseScript, ShellSyntaxError, type Node, type Word } from './parse';
import { runTool } from './commands';

export type Dialect = 'ash' | 'dash' | 'bash';

export interface IO {
  write(fd: 1 | 2, text: string): void;
  stdin: string;
}

type Gen<T> = Generator<Wait, T, 'signal' | undefined>;

const BUILTINS = new Set(['echo', 'printf', 'test', '[', 'true', 'false', ':', 'export', 'unset', 'set', 'trap', 'wait', 'exec', 'cd', 'pwd', 'exit', 'read', 'shift', 'return']);

export function shellError(dialect: Dialect, msg: string): string {
  if (dialect === 'bash') return `bash: line 1: ${msg}\n`;
  if (dialect === 'dash') return `sh: 1: ${msg}\n`;
  return `sh: ${msg}\n`;
}

export function* runScript(script: string, host: ProcHost, dialect: Dialect, args: string[] = []): Proc {
  let tree: Node;
  try {
    tree = parseScript(script);
  } catch (err) {
    if (!(err instanceof ShellSyntaxError)) throw err;
    const msg = dialect === 'ash' ? err.message.replace(/^Syntax error: (.*) unexpected/, 'syntax error: unexpected $1') : err.message;
    host.write(2, dialect === 'bash' ? `bash: -c: line 1: ${msg.toLowerCase()}\n` : shellError(dialect, msg));
    return 2;
  }
  const sh = new Shell(host, dialect, args);
  try {
    return yield* sh.run(tree, { write: (fd, t) => host.write(fd, t), stdin: '' });
  } catch (err) {
    if (err instanceof ExitError) return err.code;
    throw err;
  }
}

class Shell {
  status = 0;
  private backgroundWait = 0;

  constructor(
    private readonly host: ProcHost,
    private readonly dialect: Dialect,
    private readonly args: string[],
  ) {}

  /** A wait that honours a trapped signal afterwards (or at once when interruptible). */
  *wait(ms: number, io: IO, interruptible = false): Gen<void> {
    if (ms <= 0) return;
    yield { ms, interruptible };
    const handler = this.host.takeSignal();
    if (handler !== undefined) yield* this.run(parseScript(handler), io);
  }

  *run(node: Node, io: IO): Gen<number> {
    switch (node.k) {
      case 'list': {
        let st = this.status;
        for (const item of node.items) {
          if (item.background) {
            this.startBackground(item.node, io);
            st = 0;
          } else st = yield* this.run(item.node, io);
          this.status = st;
        }
        return st;
      }
      case 'and': {
        const l = yield* this.run(node.left, io);
        this.status = l;
        return l === 0 ? yield* this.run(node.right, io) : l;
      }
      case 'or': {
        const l = yield* this.run(node.left, io);
        this.status = l;
        return l !== 0 ? yield* this.run(node.right, io) : l;
      }
      case 'not':
        return (yield* this.run(node.node, io)) === 0 ? 1 : 0;
      case 'pipe': {
        let input = io.stdin;
        let st = 0;
        for (let i = 0; i < node.cmds.length; i++) {
          const last = i === node.cmds.length - 1;
          let buf = '';
          const stage: IO = { write: (fd, t) => (fd === 1 && !last ? (buf += t) : io.write(fd, t)), stdin: input };
          st = yield* this.run(node.cmds[i] as Node, stage);
          input = buf;
        }
        return st;
      }
      case 'while': {
        let st = 0;
        for (let guard = 0; ; guard++) {
          const c = yield* this.run(node.cond, io);
          if ((c === 0) === node.until) break;
          st = yield* this.run(node.body, io);
          // A loop that never waits would spin forever; real shells burn CPU, this one idles.
          if (guard > 10_000) yield* this.wait(Infinity, io);
        }
        return st;
      }
      case 'for': {
        const items: string[] = [];
        if (node.items) for (const w of node.items) items.push(...(yield* this.expand(w, io)));
        else items.push(...this.args.slice(1));
        let st = 0;
        for (const v of items) {
          this.host.env.set(node.name, v);
          st = yield* this.run(node.body, io);
        }
        return st;
      }
      case 'if': {
        for (const b of node.branches) {
          if ((yield* this.run(b.cond, io)) === 0) return yield* this.run(b.body, io);
        }
        return node.otherwise ? yield* this.run(node.otherwise, io) : 0;
      }
      case 'group':
        return yield* this.run(node.body, io);
      case 'simple':
        return yield* this.simple(node, io);
    }
  }

  /** `cmd &`: runs until its first wait; daemons keep listening, `wait` waits for its sleep. */
  private startBackground(node: Node, io: IO): void {
    const gen = this.run(node, io);
    try {
      const first = gen.next();
      if (!first.done && first.value.ms !== Infinity) this.backgroundWait = Math.max(this.backgroundWait, first.value.ms);
      if (!first.done && first.value.ms === Infinity) this.backgroundWait = Infinity;
    } catch (err) {
      if (!(err instanceof ExitError)) throw err;
    }
  }

  private lookup(name: string): string | undefined {
    if (name === '?') return String(this.status);
    if (name === '$') return '1';
    if (name === '#') return String(Math.max(0, this.args.length - 1));
    if (name === '@' || name === '*') return this.args.slice(1).join(' ');
    if (/^\d$/.test(name)) return this.args[Number(name)] ?? '';
    return this.host.env.get(name);
  }

  *expand(word: Word, io: IO): Gen<string[]> {
    const fields: string[] = [];
    let cur = '';
    let has = false;
    const addSplit = (text: string): void => {
      const pieces = text.split(/[ \t\n]+/);
      pieces.forEach((p, i) => {
        if (i > 0) {
          if (has) fields.push(cur);
          cur = '';
          has = false;
        }
        if (p !== '') {
          cur += p;
          has = true;
        }
      });
    };
    for (const part of word) {
      let text: string;
      if (part.t === 'lit') {
        cur += part.v;
        has = true;
        continue;
      }
      if (part.t === 'var') {
        const v = this.lookup(part.name);
        text = v ?? '';
        if (part.op) {
          const empty = part.op.startsWith(':') ? !v : v === undefined;
          const arg = part.arg ? (yield* this.expand(part.arg, io)).join(' ') : '';
          const op = part.op.replace(':', '');
          if (op === '-' && empty) text = arg;
          else if (op === '=' && empty) {
            text = arg;
            this.host.env.set(part.name, arg);
          } else if (op === '+') text = empty ? '' : arg;
          else if (op === '?' && empty) {
            io.write(2, shellError(this.dialect, `${part.name}: ${arg || 'parameter not set'}`));
            throw new ExitError(2);
          }
        } else if (v === undefined && part.name === 'HOSTNAME') text = this.host.hostname;
      } else if (part.t === 'arith') {
        try {
          text = String(evalArith(part.expr, (n) => this.lookup(n)));
        } catch (err) {
          io.write(2, shellError(this.dialect, `arithmetic expression: ${(err as Error).message}: "${part.expr}"`));
          throw new ExitError(2);
        }
      } else {
        let out = '';
        const sub: IO = { write: (fd, t) => (fd === 1 ? (out += t) : io.write(fd, t)), stdin: '' };
        try {
          yield* this.run(parseScript(part.script), sub);
        } catch (err) {
          if (!(err instanceof ExitError)) throw err;
        }
        text = out.replace(/\n+$/, '');
      }
      if (part.q) {
        cur += text;
        has = true;
      } else addSplit(text);
    }
    if (has) fields.push(cur);
    return fields;
  }

  private *simple(node: Extract<Node, { k: 'simple' }>, io: IO): Gen<number> {
    const argv: string[] = [];
    for (const w of node.words) argv.push(...(yield* this.expand(w, io)));
    const assigned: [string, string][] = [];
    for (const a of node.assigns) assigned.push([a.name, (yield* this.expand(a.value, io)).join(' ')]);
    if (argv.length === 0) {
      for (const [k, v] of assigned) this.host.env.set(k, v);
      return 0;
    }
    let cio = io;
    for (const r of node.redirs) {
      const target = (yield* this.expand(r.target, io)).join(' ');
      cio = this.redirect(cio, r.fd, r.op, target);
    }
    const saved = assigned.map(([k]) => [k, this.host.env.get(k)] as const);
    for (const [k, v] of assigned) this.host.env.set(k, v);
    try {
      return yield* this.command(argv, cio);
    } finally {
      for (const [k, v] of saved) {
        if (v === undefined) this.host.env.delete(k);
        else this.host.env.set(k, v);
      }
    }
  }

  private redirect(io: IO, fd: number, op: string, target: string): IO {
    if (op === '<') return { ...io, stdin: this.host.files.get(target) ?? '' };
    if (op === '>&') {
      const to = target === '1' ? 1 : 2;
      return { ...io, write: (f, t) => io.write(f === fd ? to : f, t) };
    }
    if (op === '>' && target !== '/dev/null' && target !== '/dev/stdout' && target !== '/dev/stderr') this.host.files.set(target, '');
    const files = this.host.files;
    return {
      ...io,
      write: (f, t) => {
        if (f !== fd) return io.write(f, t);
        if (target === '/dev/null') return;
        if (target === '/dev/stdout' || target === '/proc/1/fd/1') return io.write(1, t);
        if (target === '/dev/stderr' || target === '/proc/1/fd/2') return io.write(2, t);
        files.set(target, (files.get(target) ?? '') + t);
      },
    };
  }

  private *command(argv: string[], io: IO): Gen<number> {
    const name = argv[0] as string;
    if (BUILTINS.has(name)) return yield* this.builtin(argv, io);
    const base = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
    if (base === 'sh' || base === 'bash' || base === 'ash' || base === 'dash') {
      if (!this.host.hasCommand(base)) return this.notFound(name, io);
      const i = argv.indexOf('-c');
      if (i < 0) return 0;
      const dialect: Dialect = base === 'bash' ? 'bash' : this.dialect === 'bash' ? 'dash' : this.dialect;
      return yield* runScript(argv[i + 1] ?? '', { ...this.host, write: (fd, t) => io.write(fd, t) }, dialect, argv.slice(i + 2));
    }
    if (this.host.hasCommand(base)) {
      const prog = this.host.program([base, ...argv.slice(1)], { ...this.host, write: (fd, t) => io.write(fd, t) });
      if (prog) return yield* prog;
      return yield* runTool([base, ...argv.slice(1)], this.host, io, (ms, i) => this.wait(ms, io, i));
    }
    return this.notFound(name, io);
  }

  private notFound(name: string, io: IO): number {
    io.write(2, shellError(this.dialect, this.dialect === 'bash' ? `${name}: command not found` : `${name}: not found`));
    return 127;
  }

  private *builtin(argv: string[], io: IO): Gen<number> {
    const [name, ...rest] = argv as [string, ...string[]];
    switch (name) {
      case 'exit':
        throw new ExitError(rest[0] !== undefined ? Number.parseInt(rest[0], 10) & 255 : this.status);
      case 'true':
      case ':':
        return 0;
      case 'false':
        return 1;
      case 'export':
        for (const a of rest) {
          const i = a.indexOf('=');
          if (i > 0) this.host.env.set(a.slice(0, i), a.slice(i + 1));
        }
        return 0;
      case 'unset':
        for (const a of rest) this.host.env.delete(a);
        return 0;
      case 'trap': {
        const signals = rest.slice(1).map((s) => s.toUpperCase().replace(/^SIG/, ''));
        if (signals.includes('TERM') || signals.includes('15')) this.host.setTrap(rest[0] ?? '');
        return 0;
      }
      case 'wait':
        if (this.backgroundWait > 0) yield* this.wait(this.backgroundWait, io, true);
        this.backgroundWait = 0;
        return 0;
      case 'exec':
        if (rest.length === 0) return 0;
        throw new ExitError(yield* this.command(rest, io));
      case 'cd':
      case 'set':
      case 'shift':
      case 'return':
      case 'read':
        return 0;
      case 'pwd':
        io.write(1, `${this.host.env.get('PWD') ?? '/'}\n`);
        return 0;
      default:
        return yield* runTool(argv, this.host, io, (ms, i) => this.wait(ms, io, i));
    }
  }
}
