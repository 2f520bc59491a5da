// Compiles the integration suite (test/integration/suite/*.ts) with esbuild into
// out/test/integration/suite/, one CommonJS file per entry, 'vscode' and 'mocha' left external
// (the extension host provides 'vscode'; mocha resolves from the repo's node_modules).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const suiteOutDir = join(repoRoot, 'out', 'test', 'integration', 'suite');
/** The module whose `run()` the extension host calls (extensionTestsPath). */
export const suiteIndex = join(suiteOutDir, 'index.js');

export async function buildIntegrationSuite() {
  const srcDir = join(repoRoot, 'test', 'integration', 'suite');
  const entryPoints = readdirSync(srcDir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(srcDir, name));
  rmSync(suiteOutDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: suiteOutDir,
    outbase: srcDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return suiteIndex;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildIntegrationSuite();
  console.log(`integration suite compiled to ${suiteOutDir}`);
}
