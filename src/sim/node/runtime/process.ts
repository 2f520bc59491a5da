/**
 * The simulated process inside a container: a generator that writes output through its
 * IO and yields when it waits. The runtime drives it on the virtual clock; nothing from a
 * manifest runs on the host.
 */
import type { Family } from './catalog';

/** What a process yields: wait `ms` of virtual time (Infinity: until signalled). */
export interface Wait {
  ms: number;
  /** A shell's `wait` builtin is cut short by a trapped signal; a foreground `sleep` is not. */
  interruptible?: boolean;
}

/** What a yield answers: 'signal' when a trapped signal cut the wait short. */
export type Resume = 'signal' | undefined;

/** A process body: yields waits, returns the exit code. */
export type Proc = Generator<Wait, number, Resume>;

/** Servers a process can run; they decide how requests and probes are answered. */
export type ServerKind =
  | { kind: 'nginx'; version: string }
  | { kind: 'httpd' }
  | { kind: 'text'; body: string }
  | { kind: 'whoami' }
  | { kind: 'python-http' }
  | { kind: 'health' }
  | { kind: 'tcp'; banner?: string }
  | { kind: 'dns' };

export interface HttpAnswer {
  status: number;
  body: string;
}

/** A request made from inside a container (wget, curl, nslookup), answered by the network. */
export interface NetRequest {
  url: string;
  /** For nslookup: only resolve. */
  lookupOnly?: boolean;
}

export type NetResult =
  | { ok: true; address: string; port: number; answer?: HttpAnswer; pod?: string }
  | { ok: false; error: 'resolve' | 'refused' | 'timeout' | 'no-route'; address?: string; port?: number };

export class ExitError extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/**
 * Everything a process may touch: its output, environment, files and the outside world.
 * Signal state lives behind methods so that copies made for redirections share it.
 */
export interface ProcHost {
  family: Family;
  env: Map<string, string>;
  files: Map<string, string>;
  hostname: string;
  /** Logical CPUs of the node (nginx starts one worker per CPU). */
  cpus: number;
  now(): number;
  write(fd: 1 | 2, text: string): void;
  listen(port: number, server: ServerKind, protocol?: 'TCP' | 'UDP'): void;
  /** Whether something in this container listens on the port (for redis-cli ping ...). */
  isListening(port: number): boolean;
  /** Commands on this image's PATH besides the shell's builtins. */
  hasCommand(name: string): boolean;
  /** A daemon or interpreter of the image; undefined for plain tools. */
  program(argv: string[], host: ProcHost): Proc | undefined;
  net(req: NetRequest): NetResult;
  /** `trap '...' TERM` */
  setTrap(script: string): void;
  /** The trap to run now if a trapped SIGTERM is pending (and clears it). */
  takeSignal(): string | undefined;
  /** A daemon's SIGTERM handler: writes its shutdown lines, says when it exits and how. */
  onTerm(handler: () => { code: number; afterMs: number }): void;
}
