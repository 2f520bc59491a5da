#!/usr/bin/env node
// `npm test`: builds, then runs every check and closes with one line of totals,
// `N passed, N failed` (`, N skipped` when some were), exiting non-zero on any failure.
//
// Steps: build, typecheck (both tsconfigs), lint, unit (node:test through tsx, test/unit and
// test/scenarios), webview (the panel bundle in headless Chromium), kubectl (the real kubectl
// against `kube-walkthrough serve`), integration
// (the mocha suite inside a real VS Code: code-server + headless Chromium, run against the
// working tree and against the packaged .vsix installed into code-server; see
// test/integration/runOffline.mjs), ui (test/e2e/vscode: a person's clicks through the real
// workbench, code-server + headless Chromium: apply nginx.yaml from the editor's context menu,
// step the walkthrough panel to stage 8) and start (`npm start --smoke`: a plain browser visit
// activates the extension). build, typecheck, lint and start count as one test each. A step
// that cannot run is a failure with its reason, never skipped in silence; --skip-integration
// (for local speed, only when given) skips integration, ui and start.
//
//   node scripts/test.mjs [--only STEP[,STEP...]] [--skip-integration]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureChromium } from './lib/chromium.mjs';
import { ensureCodeServer } from './lib/codeServer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'out', 'test-results');
const STEPS = ['build', 'typecheck', 'lint', 'unit', 'webview', 'kubectl', 'integration', 'ui', 'start'];

const { values: options } = parseArgs({
  options: {
    only: { type: 'string' },
    'skip-integration': { type: 'boolean', default: false },
  },
});
const only = options.only?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only?.filter((s) => !STEPS.includes(s)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown step(s): ${unknown.join(', ')} (steps: ${STEPS.join(', ')})`);
  process.exit(2);
}
const wanted = (step) => !only || only.includes(step);

/** @type {Array<{ step: string, passed: number, failed: number, skipped: number, note?: string }>} */
const outcomes = [];
let buildFailed = false;

function banner(step) {
  console.log(`\n=== ${step} ${'='.repeat(Math.max(0, 60 - step.length))}`);
}

function record(step, counts) {
  const outcome = { step, passed: 0, failed: 0, skipped: 0, ...counts };
  outcomes.push(outcome);
  const parts = [`${outcome.passed} passed`, `${outcome.failed} failed`];
  if (outcome.skipped) parts.push(`${outcome.skipped} skipped`);
  console.log(`--- ${step}: ${outcome.failed > 0 ? 'FAILED' : 'ok'} (${parts.join(', ')})${outcome.note ? `: ${outcome.note}` : ''}`);
}

/** Runs a command with its output shown; resolves to its exit code (or the error starting it). */
function exec(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    child.on('error', (err) => resolve({ code: -1, error: err.message }));
    child.on('close', (code, signal) => resolve({ code: code ?? -1, error: signal ? `killed by ${signal}` : undefined }));
  });
}

const node = process.execPath;
const bin = (path) => join(root, 'node_modules', ...path.split('/'));

/** A step that is one test: passed when every command exits 0. */
async function single(step, commands) {
  banner(step);
  const failures = [];
  for (const [command, args] of commands) {
    const { code, error } = await exec(command, args);
    const shown = [relative(root, args[0] ?? command) || command, ...args.slice(1)].join(' ');
    if (code !== 0) failures.push(`${shown} ${error ?? `exited with code ${code}`}`);
  }
  record(step, failures.length ? { failed: 1, note: failures.join('; ') } : { passed: 1 });
  return failures.length === 0;
}

/** Every *.test.ts below the given folders (relative to the repo), sorted. */
function testFiles(dirs) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.test\.m?ts$/.test(name)) files.push(relative(root, path));
    }
  };
  for (const d of dirs) if (existsSync(join(root, d))) walk(join(root, d));
  return files;
}

/** Runs node:test (through tsx) on the files of `dirs` and records the counts as `step`. */
async function nodeTests(step, dirs, env = {}) {
  banner(step);
  const files = testFiles(dirs);
  if (files.length === 0) return record(step, { failed: 1, note: `no test files found under ${dirs.join(', ')} (*.test.ts)` });
  const countsFile = join(resultsDir, `${step}.json`);
  rmSync(countsFile, { force: true });
  // Node 20 has no globs for --test, so the files are listed one by one.
  const { code, error } = await exec(node, [
    '--import', 'tsx', '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    `--test-reporter=${join(root, 'scripts', 'lib', 'countReporter.mjs')}`, `--test-reporter-destination=${countsFile}`,
    ...files,
  ], env);
  if (!existsSync(countsFile)) return record(step, { failed: 1, note: `node --test ${error ?? `exited with code ${code}`} without counts` });
  const counts = JSON.parse(readFileSync(countsFile, 'utf8'));
  if (code !== 0 && counts.failed === 0) {
    // e.g. a crash outside any test: still a failure, with the reason.
    return record(step, { ...counts, failed: 1, note: `node --test exited with code ${code}` });
  }
  for (const f of counts.failures) console.log(`  ✗ ${relative(root, f.file ?? '')}: ${f.name}${f.message ? ` — ${f.message}` : ''}`);
  record(step, { passed: counts.passed, failed: counts.failed, skipped: counts.skipped, note: `${files.length} files` });
}

const unit = () => nodeTests('unit', ['test/unit', 'test/scenarios']);

/** The panel's bundle in headless Chromium (installed from Debian when missing). */
async function webview() {
  if (buildFailed) {
    banner('webview');
    return record('webview', { failed: 1, note: 'cannot run: the build failed' });
  }
  try {
    await ensureChromium({ logDir: resultsDir, log: (m) => console.log(`[webview] ${m}`) });
  } catch (err) {
    banner('webview');
    return record('webview', { failed: 1, note: `cannot run: Chromium is not available: ${err instanceof Error ? err.message : String(err)}` });
  }
  return nodeTests('webview', ['test/e2e/webview']);
}

/** The real kubectl against `kube-walkthrough serve`. */
const kubectl = () => nodeTests('kubectl', ['test/kubectl']);

async function integration() {
  banner('integration');
  if (options['skip-integration']) return record('integration', { skipped: 1, note: 'skipped on request (--skip-integration)' });
  if (buildFailed) return record('integration', { failed: 1, note: 'cannot run: the build failed' });
  const resultsFile = join(resultsDir, 'integration.json');
  rmSync(resultsFile, { force: true });
  const { code, error } = await exec(node, [
    join(root, 'test', 'integration', 'runOffline.mjs'), '--no-build', '--vsix', '--results-file', resultsFile,
  ]);
  if (!existsSync(resultsFile)) {
    return record('integration', { failed: 1, note: `the offline runner ${error ?? `exited with code ${code}`} without a results file` });
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const counts = { passed: results.passed, failed: results.failed, skipped: results.pending };
  if (code !== 0 && counts.failed === 0) return record('integration', { ...counts, failed: 1, note: `the offline runner exited with code ${code}` });
  record('integration', { ...counts, note: results.error ? `could not run: ${results.error.split('\n')[0]}` : 'inside VS Code (code-server)' });
}

/** UI tests through the real workbench: code-server and Chromium (installed when missing). */
async function ui() {
  const cannot = (why) => {
    banner('ui');
    record('ui', { failed: 1, note: `cannot run: ${why}` });
  };
  if (options['skip-integration']) {
    banner('ui');
    return record('ui', { skipped: 1, note: 'skipped on request (--skip-integration)' });
  }
  if (buildFailed) return cannot('the build failed');
  const log = (m) => console.log(`[ui] ${m}`);
  try {
    await ensureChromium({ logDir: resultsDir, log });
  } catch (err) {
    return cannot(`Chromium is not available: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    await ensureCodeServer({ root, log });
  } catch (err) {
    return cannot(`code-server is not available: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  return nodeTests('ui', ['test/e2e/vscode']);
}

async function main() {
  mkdirSync(resultsDir, { recursive: true });
  if (wanted('build')) buildFailed = !(await single('build', [[node, [join(root, 'scripts', 'build.mjs')]]]));
  if (wanted('typecheck')) {
    const tsc = bin('typescript/bin/tsc');
    await single('typecheck', [
      [node, [tsc, '--noEmit', '-p', 'tsconfig.json']],
      [node, [tsc, '--noEmit', '-p', 'webview/tsconfig.json']],
    ]);
  }
  if (wanted('lint')) await single('lint', [[node, [bin('eslint/bin/eslint.js'), '.']]]);
  if (wanted('unit')) await unit();
  if (wanted('webview')) await webview();
  if (wanted('kubectl')) await kubectl();
  if (wanted('integration')) await integration();
  if (wanted('ui')) await ui();
  if (wanted('start')) {
    if (options['skip-integration']) {
      banner('start');
      record('start', { skipped: 1, note: 'skipped on request (--skip-integration)' });
    } else if (buildFailed) {
      banner('start');
      record('start', { failed: 1, note: 'cannot run: the build failed' });
    } else {
      await single('start', [[node, [join(root, 'scripts', 'start.mjs'), '--no-build', '--smoke']]]);
    }
  }

  const total = outcomes.reduce((t, o) => ({ passed: t.passed + o.passed, failed: t.failed + o.failed, skipped: t.skipped + o.skipped }), { passed: 0, failed: 0, skipped: 0 });
  console.log('\n=== summary');
  for (const o of outcomes) console.log(`  ${o.failed > 0 ? '✗' : '✓'} ${o.step.padEnd(12)} ${o.passed} passed, ${o.failed} failed${o.skipped ? `, ${o.skipped} skipped` : ''}`);
  console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  process.exitCode = total.failed > 0 || total.passed === 0 ? 1 : 0;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : String(err));
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
