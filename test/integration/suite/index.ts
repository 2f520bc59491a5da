/**
 * Entry of the integration suite inside the real extension host (extensionTestsPath): runs
 * every *.test.js beside it with mocha (TDD interface) and, when env KW_TEST_RESULTS names a
 * file, writes the results there as JSON, since the offline runner cannot see the exit code.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  tests: Array<{ title: string; state: 'passed' | 'failed' | 'pending'; durationMs?: number }>;
  failures: Array<{ title: string; message: string; stack?: string }>;
  /** Where the extension under test was loaded from, so a runner can tell which copy ran. */
  extensionPath?: string;
  vscodeVersion: string;
}

export const EXTENSION_ID = 'kube-walkthrough.kube-walkthrough';

export async function run(): Promise<void> {
  const results: SuiteResults = { passed: 0, failed: 0, pending: 0, tests: [], failures: [], vscodeVersion: vscode.version };
  const fail = (title: string, err: unknown): void => {
    results.failed += 1;
    const error = err instanceof Error ? err : new Error(String(err));
    results.tests.push({ title, state: 'failed' });
    results.failures.push({ title, message: error.message, stack: error.stack });
  };
  try {
    const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000 });
    for (const name of readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) {
      mocha.addFile(join(__dirname, name));
    }
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (test) => {
        results.passed += 1;
        results.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration });
      });
      runner.on('fail', (test, err) => fail(test.fullTitle(), err));
      runner.on('pending', (test) => {
        results.pending += 1;
        results.tests.push({ title: test.fullTitle(), state: 'pending' });
      });
    });
  } catch (err) {
    fail('loading the integration suite', err);
  }
  results.extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
  const file = process.env.KW_TEST_RESULTS;
  if (file) writeFileSync(file, JSON.stringify(results, null, 2));
  if (results.failed > 0) throw new Error(`${results.failed} integration test(s) failed`);
}
