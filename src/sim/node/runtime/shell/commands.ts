/**
 * The everyday tools a manifest's script calls (echo, sleep, cat, date, wget ...), with
 * BusyBox's or coreutils' wording depending on the image.
 */
import type { ProcHost, Wait } from '../process';
import type { IO } from './interp';

type Gen<T> = Generator<Wait, T, 'signal' | undefined>;
type WaitFn = (ms: number, interruptible?: boolean) => Gen<void>;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function formatDate(ms: number, fmt?: string): string {
  const d = new Date(ms);
  const f = fmt ?? '%a %b %e %H:%M:%S %Z %Y';
  return f.replace(/%([a-zA-Z%])/g, (_, c: string) => {
    switch (c) {
      case 'a': return DAYS[d.getUTCDay()] as string;
      case 'b': return MONTHS[d.getUTCMonth()] as string;
      case 'e': return String(d.getUTCDate()).padStart(2, ' ');
      case 'd': return pad(d.getUTCDate());
      case 'm': return pad(d.getUTCMonth() + 1);
      case 'Y': return String(d.getUTCFullYear());
      case 'H': return pad(d.getUTCHours());
      case 'M': return pad(d.getUTCMinutes());
      case 'S': return pad(d.getUTCSeconds());
      case 'T': return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      case 'F': return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      case 's': return String(Math.floor(ms / 1000));
      case 'Z': return 'UTC';
      case '%': return '%';
      default: return `%${c}`;
    }
  });
}

/** sleep's argument: 5, 0.5, 2m, 1h, infinity. Undefined when invalid. */
export function parseSleep(arg: string | undefined): number | undefined {
  if (arg === undefined) return undefined;
  if (arg === 'infinity' || arg === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(m[1]) * unit);
}

function unescape(s: string): string {
  return s.replace(/\\(n|t|\\|c)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === '\\' ? '\\' : ''));
}

function printf(fmt: string, args: string[]): string {
  let i = 0;
  let out = '';
  do {
    out += unescape(fmt).replace(/%([-0-9]*)([sdq%])/g, (_, _w: string, c: string) => {
      if (c === '%') return '%';
      const a = args[i++] ?? '';
      return c === 'd' ? String(Number.parseInt(a, 10) || 0) : a;
    });
  } while (i < args.length && /%[sdq]/.test(fmt));
  return out;
}

function test(args: string[], host: ProcHost): boolean {
  if (args.length === 0) return false;
  if (args[0] === '!') return !test(args.slice(1), host);
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    const [op, v = ''] = args;
    if (op === '-z') return v === '';
    if (op === '-n') return v !== '';
    if (op === '-f' || op === '-e' || op === '-r' || op === '-s') return host.files.has(v);
    if (op === '-d') return v === '/' || v === '/tmp' || [...host.files.keys()].some((k) => k.startsWith(`${v}/`));
    return false;
  }
  const [a = '', op, b = ''] = args;
  const na = Number.parseInt(a, 10);
  const nb = Number.parseInt(b, 10);
  switch (op) {
    case '=': case '==': return a === b;
    case '!=': return a !== b;
    case '-eq': return na === nb;
    case '-ne': return na !== nb;
    case '-lt': return na < nb;
    case '-le': return na <= nb;
    case '-gt': return na > nb;
    case '-ge': return na >= nb;
    default: return false;
  }
}

const busybox = (host: ProcHost): boolean => host.family === 'busybox' || host.family === 'alpine';

export function* runTool(argv: string[], host: ProcHost, io: IO, wait: WaitFn): Gen<number> {
  const [name, ...args] = argv as [string, ...string[]];
  switch (name) {
    case 'true':
    case ':':
      return 0;
    case 'false':
      return 1;
    case 'echo': {
      let newline = true;
      let escapes = false;
      while (args[0] === '-n' || args[0] === '-e' || args[0] === '-ne' || args[0] === '-en') {
        const flag = args.shift() as string;
        if (flag.includes('n')) newline = false;
        if (flag.includes('e')) escapes = true;
      }
      const text = args.join(' ');
      io.write(1, (escapes || host.family !== 'busybox' ? unescapeIfDash(text, host, escapes) : text) + (newline ? '\n' : ''));
      return 0;
    }
    case 'printf':
      io.write(1, printf(args[0] ?? '', args.slice(1)));
      return 0;
    case 'test':
      return test(args, host) ? 0 : 1;
    case '[':
      if (args[args.length - 1] !== ']') {
        io.write(2, busybox(host) ? 'sh: missing ]\n' : 'sh: 1: [: missing ]\n');
        return 2;
      }
      return test(args.slice(0, -1), host) ? 0 : 1;
    case 'sleep': {
      const ms = parseSleep(args[0]);
      if (ms === undefined) {
        io.write(2, busybox(host) ? `sleep: invalid number '${args[0] ?? ''}'\n` : args[0] === undefined ? "sleep: missing operand\nTry 'sleep --help' for more information.\n" : `sleep: invalid time interval '${args[0]}'\nTry 'sleep --help' for more information.\n`);
        return 1;
      }
      yield* wait(ms);
      return 0;
    }
    case 'env':
    case 'printenv': {
      if (name === 'printenv' && args[0]) {
        const v = host.env.get(args[0]);
        if (v === undefined) return 1;
        io.write(1, `${v}\n`);
        return 0;
      }
      io.write(1, [...host.env].map(([k, v]) => `${k}=${v}\n`).join(''));
      return 0;
    }
    case 'date':
      io.write(1, `${formatDate(host.now(), args[0]?.startsWith('+') ? args[0].slice(1) : undefined)}\n`);
      return 0;
    case 'hostname':
      io.write(1, `${host.hostname}\n`);
      return 0;
    case 'cat': {
      if (args.length === 0 || args[0] === '-') {
        io.write(1, io.stdin);
        return 0;
      }
      let st = 0;
      for (const f of args) {
        const text = host.files.get(f);
        if (text === undefined) {
          io.write(2, busybox(host) ? `cat: can't open '${f}': No such file or directory\n` : `cat: ${f}: No such file or directory\n`);
          st = 1;
        } else io.write(1, text);
      }
      return st;
    }
    case 'grep': {
      const pattern = args.find((a) => !a.startsWith('-')) ?? '';
      const lines = io.stdin.split('\n').filter((l) => l !== '' && l.includes(pattern));
      io.write(1, lines.map((l) => `${l}\n`).join(''));
      return lines.length > 0 ? 0 : 1;
    }
    case 'wc': {
      const lines = io.stdin.split('\n').length - 1;
      io.write(1, `${args.includes('-l') ? lines : `${lines} ${io.stdin.split(/\s+/).filter(Boolean).length} ${io.stdin.length}`}\n`);
      return 0;
    }
    case 'head':
    case 'tail': {
      if (name === 'tail' && args.includes('-f')) {
        yield* wait(Infinity);
        return 0;
      }
      const n = Number.parseInt(args[args.indexOf('-n') + 1] ?? '10', 10) || 10;
      const lines = io.stdin.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
      const pick = name === 'head' ? lines.slice(0, n) : lines.slice(-n);
      io.write(1, pick.map((l) => `${l}\n`).join(''));
      return 0;
    }
    case 'seq': {
      const nums = args.map((a) => Number.parseInt(a, 10));
      const [from, to] = nums.length >= 2 ? [nums[0] as number, nums[nums.length - 1] as number] : [1, nums[0] ?? 0];
      for (let i = from; i <= to && i - from < 100_000; i++) io.write(1, `${i}\n`);
      return 0;
    }
    case 'touch':
      for (const f of args) if (!host.files.has(f)) host.files.set(f, '');
      return 0;
    case 'rm':
      for (const f of args.filter((a) => !a.startsWith('-'))) host.files.delete(f);
      return 0;
    case 'mkdir':
    case 'chmod':
    case 'sync':
      return 0;
    case 'ls': {
      const dir = (args.find((a) => !a.startsWith('-')) ?? host.env.get('PWD') ?? '/').replace(/\/$/, '');
      const names = new Set<string>();
      for (const k of host.files.keys()) if (k.startsWith(`${dir}/`)) names.add(k.slice(dir.length + 1).split('/')[0] as string);
      io.write(1, [...names].sort().map((n) => `${n}\n`).join(''));
      return 0;
    }
    case 'id':
      io.write(1, busybox(host) ? 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n' : 'uid=0(root) gid=0(root) groups=0(root)\n');
      return 0;
    case 'whoami':
      io.write(1, 'root\n');
      return 0;
    case 'uname':
      io.write(1, args.includes('-a') ? `Linux ${host.hostname} 6.8.0-64-generic #67-Ubuntu SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\n` : 'Linux\n');
      return 0;
    case 'wget':
    case 'curl':
    case 'nslookup':
      return yield* netTool(name, args, host, io, wait);
    case 'nc': {
      const port = Number.parseInt(args.filter((a) => /^\d+$/.test(a)).pop() ?? '', 10);
      if (args.some((a) => a.startsWith('-l')) && port > 0) {
        host.listen(port, { kind: 'tcp' });
        yield* wait(Infinity);
      }
      return 0;
    }
    default:
      io.write(2, busybox(host) ? `sh: ${name}: not found\n` : `sh: 1: ${name}: not found\n`);
      return 127;
  }
}

/** dash's echo interprets backslash escapes always; bash's only with -e. */
function unescapeIfDash(text: string, host: ProcHost, escapes: boolean): string {
  return escapes || host.family === 'debian' || host.family === 'ubuntu' ? unescape(text) : text;
}

function* netTool(name: string, args: string[], host: ProcHost, io: IO, wait: WaitFn): Gen<number> {
  const target = args.filter((a) => !a.startsWith('-') && !/^-/.test(a)).pop() ?? '';
  if (!target) {
    io.write(2, name === 'curl' ? "curl: try 'curl --help' or 'curl --manual' for more information\n" : `BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ${name} [OPTIONS] URL\n`);
    return name === 'curl' ? 2 : 1;
  }
  const url = /^[a-z]+:\/\//.test(target) ? target : `http://${target}`;
  const res = host.net({ url, lookupOnly: name === 'nslookup' });
  const hostPart = url.replace(/^[a-z]+:\/\//, '').split('/')[0] ?? '';
  const hostName = hostPart.split(':')[0] ?? '';
  yield* wait(res.ok ? 5 : res.error === 'timeout' ? 10_000 : 20);
  if (name === 'nslookup') {
    if (!res.ok) {
      io.write(1, `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n`);
      io.write(2, `** server can't find ${hostName}: NXDOMAIN\n\n`);
      return 1;
    }
    io.write(1, `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\t${hostName}\nAddress: ${res.address}\n\n`);
    return 0;
  }
  const quiet = args.includes('-q') || args.includes('-s') || args.includes('-qO-') || args.includes('-sS');
  if (!res.ok) {
    if (name === 'curl') {
      if (res.error === 'resolve') io.write(2, `curl: (6) Could not resolve host: ${hostName}\n`);
      else io.write(2, `curl: (7) Failed to connect to ${hostName} port ${res.port ?? 80} after 1 ms: Couldn't connect to server\n`);
      return res.error === 'resolve' ? 6 : 7;
    }
    if (res.error === 'resolve') io.write(2, `wget: bad address '${hostPart}'\n`);
    else io.write(2, `${quiet ? '' : `Connecting to ${hostPart} (${res.address}:${res.port ?? 80})\n`}wget: can't connect to remote host (${res.address}): Connection refused\n`);
    return 1;
  }
  const answer = res.answer ?? { status: 200, body: '' };
  if (name === 'wget') {
    if (!quiet) io.write(2, `Connecting to ${hostPart} (${res.address}:${res.port})\n`);
    if (answer.status >= 400) {
      io.write(2, `wget: server returned error: HTTP/1.1 ${answer.status} ${answer.status === 404 ? 'Not Found' : 'Error'}\n`);
      return 1;
    }
    const toStdout = args.some((a) => a === '-O-' || a === '-qO-' || a === '-O' || a === '-') || args.includes('-O-');
    if (toStdout) io.write(1, answer.body);
    else host.files.set('index.html', answer.body);
    const size = String(answer.body.length).padStart(6, ' ');
    const bar = `100% |********************************| ${size}  0:00:00 ETA\n`;
    if (!quiet) io.write(2, toStdout ? `writing to stdout\n-                    ${bar}written to stdout\n` : `saving to 'index.html'\nindex.html           ${bar}'index.html' saved\n`);
    return 0;
  }
  io.write(1, answer.body);
  return 0;
}
