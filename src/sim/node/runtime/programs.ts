/**
 * What runs when a container starts: the image's ENTRYPOINT and CMD, or the manifest's
 * command and args, resolved against what the image has on its PATH. Shells interpret
 * their scripts (shell/), daemons come from apps.ts. An executable that is not in the
 * image fails as runc reports it.
 */
import type { AppKind, Family } from './catalog';
import type { Proc, ProcHost, Wait } from './process';
import * as apps from './apps';
import { runScript, type Dialect, type IO } from './shell/interp';
import { runTool } from './shell/commands';

export interface ImageInfo {
  repo: string;
  app: AppKind;
  family: Family;
  /** The concrete tag: 1.14.2, 3.22.1, v1.33.4 */
  version: string;
  entrypoint: string[];
  cmd: string[];
}

const COREUTILS = ['echo', 'printf', 'sleep', 'cat', 'env', 'printenv', 'date', 'hostname', 'head', 'tail', 'wc', 'seq', 'touch', 'rm', 'mkdir', 'chmod', 'ls', 'id', 'whoami', 'uname', 'grep', 'test', '[', 'true', 'false', 'sync'];
const BUSYBOX = [...COREUTILS, 'sh', 'ash', 'wget', 'nc', 'nslookup'];
const DEBIAN = [...COREUTILS, 'sh', 'dash', 'bash'];

const APP_BINARIES: Partial<Record<AppKind, string[]>> = {
  nginx: ['nginx', 'nginx-debug', 'docker-entrypoint.sh', 'curl'],
  httpd: ['httpd', 'httpd-foreground'],
  redis: ['docker-entrypoint.sh', 'redis-server', 'redis-cli'],
  postgres: ['docker-entrypoint.sh', 'postgres', 'psql', 'pg_isready'],
  mysql: ['docker-entrypoint.sh', 'mysqld', 'mysql', 'mysqladmin'],
  mongo: ['docker-entrypoint.sh', 'mongod', 'mongosh'],
  python: ['python', 'python3', 'pip'],
  node: ['docker-entrypoint.sh', 'node', 'npm', 'npx'],
  'hello-world': ['hello'],
  curl: ['entrypoint.sh', 'curl'],
  'http-echo': ['http-echo'],
  whoami: ['whoami'],
  pause: ['pause'],
  coredns: ['coredns'],
  etcd: ['etcd', 'etcdctl'],
  'kube-apiserver': ['kube-apiserver'],
  'kube-controller-manager': ['kube-controller-manager'],
  'kube-scheduler': ['kube-scheduler'],
  'kube-proxy': ['kube-proxy', 'iptables'],
  kindnetd: ['kindnetd'],
  'local-path': ['local-path-provisioner'],
};

export function commandsOf(image: ImageInfo): Set<string> {
  const base = image.family === 'busybox' || image.family === 'alpine' ? BUSYBOX : image.family === 'distroless' ? [] : DEBIAN;
  const extra = [...(APP_BINARIES[image.app] ?? [])];
  // The full python and node images are built on buildpack-deps, which brings curl and wget.
  if ((image.app === 'python' || image.app === 'node') && !/slim|alpine/.test(image.version)) extra.push('curl', 'wget');
  if (image.family === 'alpine' && image.app === 'nginx') extra.push('wget');
  return new Set([...base, ...extra]);
}

const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** What runc says when argv[0] is not in the image. */
export function execNotFound(argv0: string): string {
  const why = argv0.includes('/') ? `stat ${argv0}: no such file or directory` : 'executable file not found in $PATH';
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: ${JSON.stringify(argv0)}: ${why}: unknown`;
}

/** The argv the container runs: command replaces ENTRYPOINT (and drops CMD), args replace CMD. */
export function effectiveArgv(image: ImageInfo, command: readonly string[] | undefined, args: readonly string[] | undefined): string[] {
  const entry = command && command.length > 0 ? [...command] : image.entrypoint;
  const rest = args && args.length > 0 ? [...args] : command && command.length > 0 ? [] : image.cmd;
  return [...entry, ...rest];
}

export interface StartContext {
  podIP: string;
  nodeIP: string;
  /** spec.containers[].stdin: a shell with stdin open waits for input instead of exiting. */
  stdin: boolean;
}

/** Starts argv as PID 1, or says why runc cannot. */
export function startProgram(argv: string[], host: ProcHost, image: ImageInfo, ctx: StartContext): Proc | { error: string } {
  const first = argv[0];
  if (first === undefined) return { error: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "": executable file not found in $PATH: unknown' };
  if (!host.hasCommand(basename(first))) return { error: execNotFound(first) };
  return run(argv, host, image, ctx);
}

const TOOLS = new Set([...BUSYBOX, 'curl']);

/** A program of the image other than a plain tool (daemons, interpreters, entrypoints). */
export function programFor(argv: string[], host: ProcHost, image: ImageInfo, ctx: StartContext): Proc | undefined {
  const name = basename(argv[0] ?? '');
  if (TOOLS.has(name) && !(name === 'whoami' && image.app === 'whoami')) return undefined;
  return run(argv, host, image, ctx);
}

const sleepFn = function* (ms: number, interruptible?: boolean): Generator<Wait, void, 'signal' | undefined> {
  if (ms > 0) yield { ms, interruptible };
};

function dialectOf(image: ImageInfo, name: string): Dialect {
  if (name === 'bash') return 'bash';
  return image.family === 'busybox' || image.family === 'alpine' ? 'ash' : 'dash';
}

function* run(argv: string[], host: ProcHost, image: ImageInfo, ctx: StartContext): Proc {
  const name = basename(argv[0] as string);
  const args = argv.slice(1);
  const io: IO = { write: (fd, t) => host.write(fd, t), stdin: '' };
  switch (name) {
    case 'sh':
    case 'bash':
    case 'ash':
    case 'dash': {
      const c = args.indexOf('-c');
      if (c >= 0) return yield* runScript(args[c + 1] ?? '', host, dialectOf(image, name), [name, ...args.slice(c + 2)]);
      if (args[0] !== undefined && !args[0].startsWith('-')) {
        host.write(2, dialectOf(image, name) === 'ash' ? `sh: can't open '${args[0]}': No such file or directory\n` : `${name}: 0: cannot open ${args[0]}: No such file\n`);
        return name === 'bash' ? 127 : 2;
      }
      // No terminal and nothing on stdin: the shell reads end-of-file and exits 0.
      if (ctx.stdin) yield { ms: Infinity };
      return 0;
    }
    case 'docker-entrypoint.sh':
    case 'entrypoint.sh': {
      if (image.app === 'nginx') {
        if (args[0] === 'nginx' || args[0] === 'nginx-debug') host.write(1, apps.nginxEntrypointLines(image.version));
        return yield* run(args.length > 0 ? args : ['nginx'], host, image, ctx);
      }
      const daemon = image.cmd[0] ?? 'sh';
      const next = args.length === 0 || args[0]?.startsWith('-') || !host.hasCommand(basename(args[0] ?? '')) ? [daemon, ...args] : args;
      return yield* run(next, host, image, ctx);
    }
    case 'nginx':
    case 'nginx-debug':
      return yield* apps.nginx(host, image.version);
    case 'httpd':
    case 'httpd-foreground':
      return yield* apps.httpd(host, image.version, ctx.podIP);
    case 'redis-server':
      return yield* apps.redis(host, image.version);
    case 'postgres':
      return yield* apps.postgres(host, image.version);
    case 'mysqld':
      return yield* apps.mysql(host, image.version);
    case 'mongod':
      return yield* apps.mongo(host);
    case 'coredns':
      return yield* apps.coredns(host, image.version);
    case 'etcd':
    case 'kube-apiserver':
    case 'kube-controller-manager':
    case 'kube-scheduler':
    case 'kube-proxy':
    case 'kindnetd':
    case 'local-path-provisioner':
      return yield* apps.controlPlane(host, name === 'local-path-provisioner' ? 'local-path' : name, ctx.nodeIP);
    case 'pause':
      return yield* apps.forever();
    case 'hello':
      return yield* apps.helloWorld(host);
    case 'http-echo':
      return yield* apps.httpEcho(host, args);
    case 'whoami':
      return image.app === 'whoami' ? yield* apps.whoami(host, args) : yield* runTool(argv, host, io, sleepFn);
    case 'python':
    case 'python3':
      return yield* python(host, args, ctx);
    case 'node':
      return yield* nodeJs(host, args, image, ctx);
    case 'redis-cli':
      if (!host.isListening(6379)) {
        host.write(2, 'Could not connect to Redis at 127.0.0.1:6379: Connection refused\n');
        return 1;
      }
      host.write(1, 'PONG\n');
      return 0;
    case 'pg_isready':
      host.write(1, host.isListening(5432) ? '/var/run/postgresql:5432 - accepting connections\n' : '/var/run/postgresql:5432 - no response\n');
      return host.isListening(5432) ? 0 : 2;
    case 'mysqladmin':
      if (!host.isListening(3306)) {
        host.write(2, "mysqladmin: connect to server at 'localhost' failed\n");
        return 1;
      }
      host.write(1, 'mysqld is alive\n');
      return 0;
    default:
      return yield* runTool([name, ...args], host, io, sleepFn);
  }
}

/** Literal strings printed by print(...) / console.log(...) in a one-liner. */
function printed(code: string, fn: string): string[] {
  const re = new RegExp(`${fn.replace('.', '\\.')}\\(\\s*(?:"([^"]*)"|'([^']*)')\\s*\\)`, 'g');
  return [...code.matchAll(re)].map((m) => m[1] ?? m[2] ?? '');
}

function* python(host: ProcHost, args: string[], ctx: StartContext): Proc {
  const c = args.indexOf('-c');
  if (c >= 0) {
    const code = args[c + 1] ?? '';
    const sleep = /time\.sleep\((\d+(?:\.\d+)?)\)/.exec(code);
    for (const line of printed(code, 'print')) host.write(1, `${line}\n`);
    if (sleep) yield { ms: Number(sleep[1]) * 1000 };
    return 0;
  }
  const m = args.indexOf('-m');
  if (m >= 0 && args[m + 1] === 'http.server') {
    const port = Number.parseInt(args[m + 2] ?? '8000', 10) || 8000;
    host.listen(port, { kind: 'python-http' });
    // print() to a pipe is block-buffered: the banner shows only when unbuffered.
    if (host.env.get('PYTHONUNBUFFERED') || args.includes('-u')) host.write(1, `Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...\n`);
    yield { ms: Infinity };
    return 0;
  }
  const file = args.find((a) => !a.startsWith('-'));
  if (file) {
    host.write(2, `python3: can't open file '${file.startsWith('/') ? file : `/${file}`}': [Errno 2] No such file or directory\n`);
    return 2;
  }
  if (ctx.stdin) yield { ms: Infinity };
  return 0;
}

function* nodeJs(host: ProcHost, args: string[], image: ImageInfo, ctx: StartContext): Proc {
  const e = args.findIndex((a) => a === '-e' || a === '--eval' || a === '-p');
  if (e >= 0) {
    for (const line of printed(args[e + 1] ?? '', 'console.log')) host.write(1, `${line}\n`);
    return 0;
  }
  const file = args.find((a) => !a.startsWith('-'));
  if (file) {
    const path = file.startsWith('/') ? file : `/${file}`;
    host.write(2, `node:internal/modules/cjs/loader:1386\n  throw err;\n  ^\n\nError: Cannot find module '${path}'\n    at Function._resolveFilename (node:internal/modules/cjs/loader:1383:15)\n    at Function._load (node:internal/modules/cjs/loader:1206:37)\n    at node:internal/main/run_main_module:36:49 {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}\n\nNode.js v${image.version.replace(/-.*$/, '')}\n`);
    return 1;
  }
  if (ctx.stdin) yield { ms: Infinity };
  return 0;
}
