#!/usr/bin/env node
// Runs the integration suite inside a real VS Code with no download: code-server (installed from
// the npm registry into a cache) serves the workbench, headless Debian Chromium opens it with the
// extension under development and the suite in the `payload` (shared/vscode-offline-testing.md).
// The extension host writes its results to a file; this script waits for it, prints a summary and
// exits non-zero on any failure, or when the suite could not run, saying why.
//
//   node test/integration/runOffline.mjs [--no-build] [--vsix | --vsix-file FILE]
//                                        [--results-file FILE] [--timeout SECONDS]
//
// --vsix also packages the extension (from the current dist/), installs the .vsix into
// code-server (--install-extension) and runs the suite again against that installed copy;
// --vsix-file does the same with a .vsix made before (say by `npm run package`).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildIntegrationSuite, repoRoot } from './build.mjs';
import { ensureChromium, launchChromium } from '../../scripts/lib/chromium.mjs';
import { ensureCodeServer } from '../../scripts/lib/codeServer.mjs';
import { run } from '../../scripts/lib/proc.mjs';
import { runSession } from './session.mjs';

const { values: options } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    vsix: { type: 'boolean', default: false },
    'vsix-file': { type: 'string' },
    'results-file': { type: 'string' },
    timeout: { type: 'string', default: '180' },
  },
});
const timeoutMs = Number(options.timeout) * 1000;
const log = (line) => console.log(`[integration] ${line}`);
const examples = join(repoRoot, 'examples');

/** Combined outcome of every session, in the shape of the suite's own results file. */
const total = { passed: 0, failed: 0, pending: 0, failures: [], sessions: [] };

async function main() {
  if (!options['no-build']) {
    log('building the extension (scripts/build.mjs)');
    await run(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot });
  }
  const suiteIndex = await buildIntegrationSuite();
  log(`suite compiled: ${suiteIndex}`);
  const { entry } = await ensureCodeServer({ root: repoRoot, log });
  const work = mkdtempSync(join(tmpdir(), 'kw-integration-'));
  mkdirSync(join(repoRoot, 'out'), { recursive: true });
  await ensureChromium({ logDir: join(repoRoot, 'out'), log });
  const browser = await launchChromium();
  try {
    const dev = await runSession({
      name: 'extension under development',
      entry,
      browser,
      work: join(work, 'dev'),
      folder: examples,
      payload: [
        ['extensionDevelopmentPath', repoRoot],
        ['extensionTestsPath', suiteIndex],
      ],
      timeoutMs,
      log,
    });
    record('dev', dev);
    if (options.vsix || options['vsix-file']) record('vsix', await runInstalledVsix(entry, browser, join(work, 'vsix'), suiteIndex));
  } finally {
    await browser.close().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

/** Packages the extension, installs the .vsix into a fresh extensions dir and runs the suite on it. */
async function runInstalledVsix(entry, browser, work, suiteIndex) {
  const extensionsDir = join(work, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  const vsix = options['vsix-file'] ? resolve(options['vsix-file']) : join(repoRoot, 'out', 'kube-walkthrough.vsix');
  if (!options['vsix-file']) {
    log('packaging the extension (vsce package) into out/kube-walkthrough.vsix');
    const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
    await run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix], {
      cwd: repoRoot,
      logFile: join(repoRoot, 'out', 'vsce.log'),
    });
  } else if (!existsSync(vsix)) {
    throw new Error(`--vsix-file ${vsix} does not exist`);
  }
  log(`installing ${relative(repoRoot, vsix) || vsix} into code-server (--install-extension)`);
  const installArgs = ['--extensions-dir', extensionsDir, '--user-data-dir', join(work, 'install-user-data'), '--config', join(work, 'config.yaml')];
  await run(process.execPath, [entry, ...installArgs, '--install-extension', vsix], {
    cwd: repoRoot,
    logFile: join(repoRoot, 'out', 'install-extension.log'),
  });
  // The workbench runs extensionTestsPath only in extension development mode, so an empty
  // probe extension (another id) is the one under development and ours loads as installed.
  const probe = join(work, 'probe');
  mkdirSync(probe, { recursive: true });
  writeFileSync(
    join(probe, 'package.json'),
    JSON.stringify({ name: 'probe', publisher: 'kw-test', version: '0.0.0', engines: { vscode: '*' } }, null, 2),
  );
  const results = await runSession({
    name: 'installed .vsix',
    entry,
    browser,
    work,
    extensionsDir,
    folder: examples,
    payload: [
      ['extensionDevelopmentPath', probe],
      ['extensionTestsPath', suiteIndex],
    ],
    timeoutMs,
    log,
  });
  // The suite passes against the development copy too: prove the installed copy is what ran.
  const title = 'the .vsix installs into code-server and the installed copy is the one that runs';
  const ranFrom = results.extensionPath ?? '(not loaded)';
  if (ranFrom.startsWith(extensionsDir)) {
    results.passed += 1;
    results.tests.push({ title, state: 'passed' });
  } else {
    results.failed += 1;
    results.tests.push({ title, state: 'failed' });
    results.failures.push({ title, message: `the extension ran from ${ranFrom}, not from ${extensionsDir}` });
  }
  return results;
}

function record(name, results) {
  total.passed += results.passed;
  total.failed += results.failed;
  total.pending += results.pending;
  total.failures.push(...results.failures.map((f) => ({ ...f, title: `[${name}] ${f.title}` })));
  total.sessions.push({ name, vscodeVersion: results.vscodeVersion, extensionPath: results.extensionPath, tests: results.tests });
  for (const t of results.tests) {
    const mark = t.state === 'passed' ? '✓' : t.state === 'failed' ? '✗' : '-';
    console.log(`  ${mark} [${name}] ${t.title}${t.durationMs !== undefined ? ` (${t.durationMs} ms)` : ''}`);
  }
  for (const f of results.failures) console.log(`    ✗ ${f.title}\n      ${f.message.split('\n').join('\n      ')}`);
}

function finish(error) {
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`[integration] the suite could not run: ${reason}`);
    total.failed += 1;
    total.error = reason;
    total.failures.push({ title: 'running the integration suite', message: reason });
  }
  if (options['results-file']) writeFileSync(options['results-file'], JSON.stringify(total, null, 2));
  const skipped = total.pending ? `, ${total.pending} skipped` : '';
  log(`${total.passed} passed, ${total.failed} failed${skipped} in the VS Code extension host`);
  process.exitCode = total.failed > 0 || total.passed === 0 ? 1 : 0;
}

// Exiting runs the exit hook of scripts/lib/codeServer.mjs, which kills any server still running.
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
main().then(
  () => finish(total.passed === 0 && total.failed === 0 ? new Error('the suite ran no test') : undefined),
  (err) => finish(err),
);
