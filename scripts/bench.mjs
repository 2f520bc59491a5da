#!/usr/bin/env node
// `npm run bench`: the speed and memory goals as benchmarks (never as timed tests).
// Bundles bench/run.ts with esbuild (as the shipped bundles are built, unminified so a profile
// names real functions; --tsx runs the TypeScript through tsx instead), runs every case in a
// fresh process with --expose-gc, prints a table and writes the figures into
// docs/benchmarks.md between its bench:results markers.
//
//   node scripts/bench.mjs [--quick | --full] [--profile] [--tsx] [--no-write] [--limit-min N]
//   node scripts/bench.mjs --render [--quick | --full]   (rewrite the docs from the last results)
//
// Cases: 1 cluster start; 2 examples/nginx.yaml apply to running; 3 a 100-node cluster and a
// 3,000-replica Deployment (tracer on, as in the editor); 4 a ladder of clusters shaped like
// 5,000 nodes / 50 Deployments x 3,000 pods, scaled down (N nodes, 50 Deployments x 0.6N
// replicas, tracer off), with the growth exponent and the extrapolation to full size (the full
// size itself is run by --full only when the ladder predicts it fits the limit); 5 the longest
// single loop.step() in each run.
import * as esbuild from 'esbuild';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { growth, renderConsole, renderMarkdown, spliceResults } from '../bench/report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'out', 'bench');
const docsFile = join(root, 'docs', 'benchmarks.md');

const { values: opt } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    tsx: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    'limit-min': { type: 'string' },
    render: { type: 'boolean', default: false },
  },
});
const mode = opt.full ? 'full' : opt.quick ? 'quick' : 'default';
const minutes = Number(opt['limit-min'] ?? (mode === 'full' ? 10 : mode === 'quick' ? 2 : 3));
const limitMs = minutes * 60_000;

/** Target of the product: Kubernetes' own limits. */
const FULL = { nodes: 5000, deployments: 50, replicas: 3000 };

const plan = {
  quick: { reps: 5, procs: 2, deploy: { nodes: 20, replicas: 600 }, ladder: [10, 20] },
  default: { reps: 7, procs: 3, deploy: { nodes: 100, replicas: 3000 }, ladder: [10, 20, 40] },
  full: { reps: 7, procs: 3, deploy: { nodes: 100, replicas: 3000 }, ladder: [10, 20, 40, 80, 160, 320, 640, 1280, 2560] },
}[mode];

async function bundle() {
  mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [join(root, 'bench', 'run.ts')],
    outfile: join(outDir, 'run.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

/** Runs one case in a child process; resolves to its parsed result or { error }. */
function runCase(name, params, { heapMb, profileDir } = {}) {
  const flags = ['--expose-gc'];
  if (heapMb) flags.push(`--max-old-space-size=${heapMb}`);
  if (profileDir) {
    rmSync(profileDir, { recursive: true, force: true });
    flags.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
  }
  const entry = opt.tsx ? ['--import', 'tsx', join(root, 'bench', 'run.ts')] : [join(outDir, 'run.cjs')];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...flags, ...entry, name, JSON.stringify(params)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => {
      err += c;
      process.stderr.write(String(c).replace(/^(?=.)/gm, `    [${name}] `));
    });
    child.on('close', (code, signal) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice('BENCH_RESULT '.length)));
      else resolve({ case: name, error: `exit ${code ?? signal}: ${err.trim().split('\n').slice(-4).join(' | ')}` });
    });
  });
}

async function profileSummary(dir) {
  if (!dir || !existsSync(dir)) return undefined;
  const { readdirSync } = await import('node:fs');
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return undefined;
  const r = await runCase('profile', { file: join(dir, file), top: 20 });
  return r.error ? undefined : r.result;
}

async function repeated(name) {
  const runs = [];
  for (let i = 0; i < plan.procs; i++) {
    const r = await runCase(name, { reps: plan.reps });
    if (r.error) return r;
    runs.push(r);
  }
  return { case: name, machine: runs[0].machine, runs: runs.map((r) => r.result) };
}

async function scale(label, params) {
  const profileDir = opt.profile ? join(outDir, 'profiles', label) : undefined;
  console.log(`  ${label}: ${params.nodes} nodes, ${params.deployments} x ${params.replicas} replicas, tracer ${params.tracer ? 'on' : 'off'}`);
  const r = await runCase('scale', { ...params, limitMs }, { heapMb: 12288, profileDir });
  if (!r.error && profileDir) r.profile = await profileSummary(profileDir);
  return { label, ...r };
}

const ladderParams = (nodes) => ({ nodes, deployments: 50, replicas: Math.max(1, Math.round(nodes * 0.6)), tracer: false });

function writeDocs(results) {
  console.log(`\n${renderConsole(results)}`);
  if (opt['no-write']) return;
  mkdirSync(dirname(docsFile), { recursive: true });
  const before = existsSync(docsFile) ? readFileSync(docsFile, 'utf8') : undefined;
  writeFileSync(docsFile, spliceResults(before, renderMarkdown(results)));
  console.log(`wrote ${docsFile}`);
}

async function main() {
  if (opt.render) {
    writeDocs(JSON.parse(readFileSync(join(outDir, `results-${mode}.json`), 'utf8')));
    return;
  }
  const started = new Date();
  console.log(`bench (${mode}): bundling...`);
  if (!opt.tsx) await bundle();
  const results = { mode, started: started.toISOString(), limitMs, tsx: opt.tsx, profile: opt.profile, full: FULL };
  console.log('case 1: cluster start');
  results.start = await repeated('start');
  console.log('case 2: examples/nginx.yaml apply to running');
  results.nginx = await repeated('nginx');
  console.log('case 3: one Deployment on many nodes (tracer on)');
  results.deploy = await scale(`deploy-${plan.deploy.nodes}`, { ...plan.deploy, deployments: 1, tracer: true });
  console.log(`case 4: ladder toward ${FULL.nodes} nodes / ${FULL.deployments * FULL.replicas} pods (tracer off)`);
  results.ladder = [];
  for (const nodes of plan.ladder) {
    const g = growth(results.ladder);
    const params = ladderParams(nodes);
    if (g && mode === 'full') {
      const predicted = g.predictWallMs(params.deployments * params.replicas);
      if (predicted > limitMs) {
        console.log(`  stop: ${nodes} nodes would take ~${(predicted / 60_000).toFixed(1)} min (limit ${minutes} min)`);
        break;
      }
    }
    const r = await scale(`ladder-${nodes}`, params);
    results.ladder.push(r);
    if (r.error || r.result.rollout.stoppedEarly || r.result.nodes.stoppedEarly) break;
  }
  if (mode === 'full') {
    const g = growth(results.ladder);
    const pods = FULL.deployments * FULL.replicas;
    const predicted = g ? g.predictWallMs(pods) : Infinity;
    if (predicted <= limitMs) results.fullRun = await scale('full', { ...FULL, tracer: false });
    else results.fullSkipped = `predicted ${(predicted / 60_000).toFixed(0)} min > limit ${minutes} min`;
  }
  results.finished = new Date().toISOString();
  writeFileSync(join(outDir, `results-${mode}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeDocs(results);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
