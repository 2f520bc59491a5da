/**
 * `kube-walkthrough serve`: a fresh simulated cluster whose API is served on 127.0.0.1 for
 * the real kubectl, its clock running in real time (scaled by --speed). Files given with -f
 * are applied first, as `kubectl apply` does. Prints `ready <url> kubeconfig=<path>` once it
 * serves and stops cleanly on SIGINT or SIGTERM.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCluster } from '../sim/cluster';
import { serveCluster, writeKubeconfig } from '../server';
import { applyFile, type Io } from './run';

/** How long before "now" the served cluster was booted (its nodes' age at the first kubectl get). */
const BOOT_LEAD_MS = 5 * 60_000;

export interface ServeOptions {
  port?: number;
  kubeconfig?: string;
  files: string[];
  nodes?: number;
  speed?: number;
  seed?: number;
}

export function parseServeArgs(args: string[]): ServeOptions {
  const o: ServeOptions = { files: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = args[++i];
      if (v === undefined) throw new Error(`flag needs an argument: ${a}`);
      return v;
    };
    if (flag === '-f' || flag === '--filename') o.files.push(value());
    else if (flag === '--port') o.port = wholeNumber(flag, value(), 65535);
    else if (flag === '--kubeconfig') o.kubeconfig = value();
    else if (flag === '--nodes') o.nodes = wholeNumber(flag, value(), 100);
    else if (flag === '--seed') o.seed = wholeNumber(flag, value(), Number.MAX_SAFE_INTEGER);
    else if (flag === '--speed') {
      const v = value();
      const n = Number(v);
      if (!(n > 0) || !Number.isFinite(n)) throw new Error(`invalid argument "${v}" for "--speed" flag: must be a positive number`);
      o.speed = n;
    } else throw new Error(`unknown flag: ${a}`);
  }
  return o;
}

function wholeNumber(flag: string, v: string, max: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`invalid argument "${v}" for "${flag}" flag: must be a whole number up to ${max}`);
  return n;
}

/** Resolves when the process is asked to stop (or `stop` aborts, for tests). */
function stopRequested(stop?: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const finish = (): void => {
      process.off('SIGINT', finish);
      process.off('SIGTERM', finish);
      done();
    };
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
    if (stop?.aborted) finish();
    stop?.addEventListener('abort', finish, { once: true });
  });
}

export async function serveCommand(args: string[], io: Io, stop?: AbortSignal): Promise<number> {
  const opts = parseServeArgs(args);
  const texts = opts.files.map((f) => ({ file: f, text: readFileSync(f, 'utf8') }));
  // The cluster boots a few virtual minutes in the past and catches up with the wall clock,
  // so the ages kubectl computes itself (describe's events) agree with the server's.
  const cluster = createCluster({ seed: opts.seed, workers: opts.nodes, startMs: Date.now() - BOOT_LEAD_MS });
  const behind = Date.now() - cluster.loop.now();
  if (behind > 0) cluster.runFor(behind);
  let failed = false;
  for (const { file, text } of texts) {
    for (const r of applyFile(cluster, file, text)) {
      if (r.action === 'failed') failed = true;
      io.err(`${r.message}\n`);
    }
  }
  const served = await serveCluster(cluster, { port: opts.port, speed: opts.speed });
  let tempDir: string | undefined;
  let kubeconfig = opts.kubeconfig ? resolve(opts.kubeconfig) : undefined;
  if (!kubeconfig) {
    tempDir = mkdtempSync(join(tmpdir(), 'kube-walkthrough-'));
    kubeconfig = join(tempDir, 'kubeconfig');
  }
  writeKubeconfig(kubeconfig, served.url, served.token, served.caCert);
  io.out(`ready ${served.url} kubeconfig=${kubeconfig}\n`);
  await stopRequested(stop);
  await served.close();
  cluster.stop();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  return failed ? 1 : 0;
}
