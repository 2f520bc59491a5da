/**
 * The real-kubectl suite's harness: starts `kube-walkthrough serve` as a child process (or
 * uses the one named by KUBE_WALKTHROUGH_KUBECONFIG, for debugging), and runs the kubectl on
 * the PATH against it with a fresh HOME (no cached discovery). Every call has a timeout, so
 * the suite always stops by itself; a missing kubectl fails with the reason.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface Served {
  url: string;
  kubeconfig: string;
  /** stderr of the serve process so far (apply results, errors). */
  log(): string;
  stop(): Promise<number | null>;
}

/** Fails (never skips) when kubectl is not on the PATH. */
export function requireKubectl(): void {
  const r = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8', timeout: 20_000 });
  if (r.error || r.status !== 0) {
    throw new Error(`the real kubectl is required on the PATH for this suite: ${r.error?.message ?? r.stderr}`);
  }
}

export async function startServe(args: string[] = [], timeoutMs = 120_000): Promise<Served> {
  const reuse = process.env.KUBE_WALKTHROUGH_KUBECONFIG;
  if (reuse) return { url: '(reused)', kubeconfig: reuse, log: () => '', stop: async () => 0 };
  const dir = mkdtempSync(join(tmpdir(), 'kw-serve-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--kubeconfig', kubeconfig, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not print "ready" within ${timeoutMs} ms; stderr:\n${err}`));
    }, timeoutMs);
    const check = (): void => {
      const m = /^ready (\S+) kubeconfig=(\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${String(code)} before it was ready; stderr:\n${err}`));
    });
  });
  return {
    url,
    kubeconfig,
    log: () => err,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(killer);
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

let home: string | undefined;

export function kubectl(served: Served, args: string[], opts: { timeoutMs?: number; cwd?: string } = {}): Promise<KubectlResult> {
  home ??= mkdtempSync(join(tmpdir(), 'kw-kubectl-home-'));
  const env = { ...process.env, KUBECONFIG: served.kubeconfig, HOME: home, KUBECACHEDIR: join(home, 'cache') };
  return new Promise((resolve) => {
    const child = spawn('kubectl', args, {
      cwd: opts.cwd ?? ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, opts.timeoutMs ?? 30_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: `${stderr}${e.message}`, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** Collapses runs of spaces, so table rows compare without kubectl's column padding. */
export function squash(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .join('\n');
}

export function cleanupHome(): void {
  if (home) rmSync(home, { recursive: true, force: true });
  home = undefined;
}
