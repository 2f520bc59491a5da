#!/usr/bin/env node
// Runs the integration suite in desktop VS Code through @vscode/test-electron, which downloads
// VS Code into .vscode-test/ (machines with access to VS Code's update server only; on offline
// machines use runOffline.mjs, which runs the same suite in code-server).
//
//   npm run test:desktop            (builds first)
//   env VSCODE_VERSION=1.96.4 ...   to pick a version (default: stable)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildIntegrationSuite, repoRoot } from './build.mjs';

async function main() {
  const extensionTestsPath = await buildIntegrationSuite();
  const work = mkdtempSync(join(tmpdir(), 'kw-desktop-'));
  const resultsFile = join(work, 'results.json');
  let failure;
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      extensionTestsEnv: { KW_TEST_RESULTS: resultsFile },
      launchArgs: [
        join(repoRoot, 'examples'),
        '--disable-extensions', // other installed extensions stay out of the way
        '--disable-workspace-trust',
        '--user-data-dir', join(work, 'user-data'),
      ],
    });
  } catch (err) {
    // runTests rejects when the suite fails too: the results file tells the two apart.
    failure = err;
  }
  try {
    report(resultsFile, failure);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function report(resultsFile, err) {
  let results;
  try {
    results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  } catch {
    const reason = err instanceof Error ? err.message : String(err ?? 'no results file was written');
    console.error(`[desktop] the suite could not run: ${reason}`);
    process.exitCode = 1;
    return;
  }
  for (const f of results.failures) console.log(`  ✗ ${f.title}\n    ${f.message}`);
  const skipped = results.pending ? `, ${results.pending} skipped` : '';
  console.log(`[desktop] ${results.passed} passed, ${results.failed} failed${skipped} in VS Code ${results.vscodeVersion}`);
  process.exitCode = results.failed > 0 || results.passed === 0 ? 1 : 0;
}

main().catch((err) => {
  console.error(`[desktop] ${err instanceof Error ? err.stack : String(err)}`);
  process.exitCode = 1;
});
