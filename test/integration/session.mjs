// One run of the suite in code-server + headless Chromium: start a server whose environment
// names the results file (the extension host inherits it), open the workbench with the payload,
// wait for the file, and always stop the page and the server.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startCodeServer, workbenchUrl } from '../../scripts/lib/codeServer.mjs';
import { sleep, stopGroup, tailOf } from '../../scripts/lib/proc.mjs';

/** Quiet, offline-friendly user settings for a throwaway profile. */
export const TEST_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
};

/**
 * @param {{ name: string, entry: string, browser: import('playwright-core').Browser, work: string,
 *   folder: string, payload: Array<[string, string]>, timeoutMs: number, log: (line: string) => void,
 *   extensionsDir?: string }} options
 * @returns {Promise<import('./suite/index').SuiteResults>}
 */
export async function runSession(options) {
  const { name, entry, browser, work, folder, payload, timeoutMs, log } = options;
  const userDataDir = join(work, 'user-data');
  const extensionsDir = options.extensionsDir ?? join(work, 'extensions');
  const resultsFile = join(work, 'results.json');
  const serverLog = join(work, 'code-server.log');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(TEST_SETTINGS, null, 2));

  const port = await freePort();
  log(`${name}: starting code-server on 127.0.0.1:${port}`);
  const server = await startCodeServer({
    entry, port, userDataDir, extensionsDir, folder, logFile: serverLog,
    env: { KW_TEST_RESULTS: resultsFile },
  });
  const pageLog = [];
  const page = await browser.newPage();
  page.on('console', (message) => keep(pageLog, `[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => keep(pageLog, `[pageerror] ${error.message}`));
  const started = Date.now();
  try {
    log(`${name}: opening the workbench in headless Chromium; the suite runs in the extension host`);
    await page.goto(workbenchUrl(port, folder, payload), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    while (!existsSync(resultsFile)) {
      if (server.child.exitCode !== null) throw failure(`code-server exited (${server.child.exitCode}) before the suite finished`);
      if (Date.now() - started > timeoutMs) throw failure(`no results after ${timeoutMs / 1000} s`);
      await sleep(250);
    }
    await sleep(200); // the file is written in one call; give it a moment to land whole
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    log(`${name}: finished in ${((Date.now() - started) / 1000).toFixed(1)} s (VS Code ${results.vscodeVersion})`);
    return results;
  } finally {
    await page.close().catch(() => undefined);
    await stopGroup(server.child);
  }

  function failure(reason) {
    const console = pageLog.filter((l) => /error|fail|extension/i.test(l)).slice(-15).join('\n  ');
    return new Error(
      `${name}: ${reason}\n` +
        `--- workbench console (errors, last lines) ---\n  ${console || '(nothing)'}\n` +
        `--- code-server log (last lines) ---\n${tailOf(serverLog, 15)}`,
    );
  }
}

function keep(lines, line) {
  lines.push(line);
  if (lines.length > 400) lines.shift();
}
