/**
 * `kube-walkthrough run`: a fresh simulated cluster, the files applied as `kubectl apply`
 * does, virtual time run until the cluster is quiet, and what happened printed the way
 * kubectl would print it, stage by stage.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createCluster, type Cluster } from '../sim/cluster';
import type { ApplyResult } from '../sim/client/apply';
import type { KubeObject } from '../sim/api/types';
import { parseManifest, planApply } from '../manifest';
import { buildWalkthrough } from '../workflow';
import type { Walkthrough } from '../protocol/workflow';
import { parseDuration } from './table';
import { renderReport } from './report';

export interface RunOptions {
  files: string[];
  then: string[];
  nodes?: number;
  seed?: number;
  forMs?: number;
  json: boolean;
  step: boolean;
}

export interface FileResult extends Omit<ApplyResult, 'object'> {
  file: string;
}

export interface Io {
  out(s: string): void;
  err(s: string): void;
  color: boolean;
  waitForEnter?: () => Promise<void>;
}

export function parseRunArgs(args: string[]): RunOptions {
  const o: RunOptions = { files: [], then: [], json: false, step: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const next = (): string => {
      const v = args[++i];
      if (v === undefined) throw new Error(`flag needs an argument: ${a}`);
      return v;
    };
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => inline ?? next();
    if (flag === '-f' || flag === '--filename') o.files.push(value());
    else if (flag === '--then') o.then.push(value());
    else if (flag === '--nodes') o.nodes = positiveInt(flag, value());
    else if (flag === '--seed') o.seed = positiveInt(flag, value());
    else if (flag === '--for') o.forMs = parseDuration(value());
    else if (flag === '--json') o.json = true;
    else if (flag === '--step') o.step = true;
    else throw new Error(`unknown flag: ${a}`);
  }
  if (o.files.length === 0) throw new Error('must specify one of -f and -k');
  return o;
}

function positiveInt(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`invalid argument "${v}" for "${flag}" flag: must be a whole number`);
  return n;
}

/** Applies one file's objects; returns kubectl's result lines. */
export function applyFile(cluster: Cluster, file: string, text: string): FileResult[] {
  const source = basename(file);
  const parsed = parseManifest(text);
  const plan = planApply(parsed);
  const results: FileResult[] = [];
  const applied = cluster.apply(
    plan.objects.map((o) => o.object),
    { source },
  );
  applied.forEach((r, i) => {
    const obj = plan.objects[i];
    const { object: _o, ...rest } = r;
    results.push({ ...rest, document: obj?.documentIndex ?? r.document, file });
  });
  for (const s of plan.skipped) {
    results.push({ file, document: s.documentIndex, action: 'failed', message: `error: error validating "${source}": ${s.error.message}` });
  }
  if (plan.stoppedAt) {
    results.push({ file, document: plan.stoppedAt.documentIndex, action: 'failed', message: `error: error parsing ${source}: ${plan.stoppedAt.error.message}` });
  }
  return results;
}

export async function runCommand(args: string[], io: Io): Promise<number> {
  const opts = parseRunArgs(args);
  const cluster = createCluster({ seed: opts.seed, workers: opts.nodes });
  const phases: { files: string[] }[] = [{ files: opts.files }, ...opts.then.map((f) => ({ files: [f] }))];
  const results: FileResult[] = [];
  const walkthroughs: Walkthrough[] = [];
  for (const phase of phases) {
    const since = cluster.tracer.lastSeq;
    const phaseResults: FileResult[] = [];
    for (const file of phase.files) phaseResults.push(...applyFile(cluster, file, readFileSync(file, 'utf8')));
    if (opts.forMs !== undefined) cluster.runFor(opts.forMs);
    else cluster.runUntilQuiet();
    results.push(...phaseResults);
    const failure = phaseResults.find((r) => r.action === 'failed');
    walkthroughs.push(
      buildWalkthrough({
        title: phase.files.map((f) => basename(f)).join(', '),
        trace: cluster.tracer.events(),
        since: walkthroughs.length === 0 ? since : since,
        applied: phaseResults.flatMap((r) => (r.ref && r.action !== 'failed' ? [r.ref] : [])),
        events: cluster.eventRows(),
        topology: cluster.topology(),
        failure: failure && !phaseResults.some((r) => r.action !== 'failed') ? failure.message : undefined,
      }),
    );
  }
  const objects = cluster.objects();
  if (opts.json) {
    const report = {
      results: results.map((r) => ({ file: r.file, document: r.document, ref: r.ref, action: r.action, message: r.message, status: r.status })),
      objects,
      events: objects.filter((o: KubeObject) => o.kind === 'Event'),
      trace: cluster.tracer.events(),
      stages: walkthroughs.map((w) => w.stages),
    };
    io.out(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    await renderReport(io, results, walkthroughs, cluster, opts.step);
  }
  cluster.stop();
  return results.some((r) => r.action === 'failed') ? 1 : 0;
}
