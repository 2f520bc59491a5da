#!/usr/bin/env node
// `npm start`: builds, starts a real VS Code (code-server, installed from the npm registry on first
// use) on 127.0.0.1 with this extension installed from the working tree (links to dist/ and
// media/, see lib/devExtension.mjs) and examples/ opened, and prints the address to open. Runs
// until Ctrl+C. After a rebuild (`npm run build`, or `npm run watch` in another terminal), run
// "Developer: Reload Window" in the browser; a change to package.json needs a restart.
//
//   node scripts/start.mjs [--no-build] [--smoke]
//
// env PORT picks the port (default 8080, or the next free one). --smoke starts it in throwaway
// folders, checks in headless Chromium that opening examples/nginx.yaml activates the extension
// in a plain browser visit, stops, and exits non-zero if it did not.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureCodeServer, freePort, startCodeServer, workbenchUrl } from './lib/codeServer.mjs';
import { installDevExtension } from './lib/devExtension.mjs';
import { run, sleep, stopGroup, tailOf } from './lib/proc.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: { 'no-build': { type: 'boolean', default: false }, smoke: { type: 'boolean', default: false } },
});
const log = (line) => console.log(`[start] ${line}`);
const examples = join(root, 'examples');

/** Settings for a fresh profile: no welcome page, no prompts that need the network. */
const FIRST_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'git.openRepositoryInParentFolders': 'never',
  'update.mode': 'none',
};

async function main() {
  if (!options['no-build']) {
    log('building (scripts/build.mjs)');
    await run(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root });
  }
  const { entry } = await ensureCodeServer({ root, log });
  // A person's layout and settings are kept between runs; a smoke run leaves nothing behind.
  const state = options.smoke ? mkdtempSync(join(tmpdir(), 'kw-start-')) : join(root, '.vscode-test', 'start');
  const userDataDir = join(state, 'user-data');
  const extensionsDir = join(state, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const settings = join(userDataDir, 'User', 'settings.json');
  if (!existsSync(settings)) writeFileSync(settings, JSON.stringify(FIRST_SETTINGS, null, 2));
  const link = installDevExtension(root, extensionsDir);
  log(`extension ${link.id} ${link.version} installed from the working tree (${link.path})`);

  const wantedPort = Number(process.env.PORT ?? 8080);
  const port = await freePort(options.smoke ? undefined : wantedPort);
  if (!options.smoke && port !== wantedPort) log(`port ${wantedPort} is taken; using ${port}`);
  const logFile = join(state, 'code-server.log');
  const server = await startCodeServer({ entry, port, userDataDir, extensionsDir, folder: examples, logFile });
  const url = workbenchUrl(port, examples);
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    log('stopping code-server');
    await stopGroup(server.child);
    if (options.smoke) rmSync(state, { recursive: true, force: true });
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  if (options.smoke) {
    let code = 0;
    try {
      await smokeCheck(url, userDataDir, link.id);
      log(`ok: in a plain browser visit, opening nginx.yaml activated ${link.id} and its context menu offers Apply`);
    } catch (err) {
      console.error(`[start] smoke check failed: ${err instanceof Error ? err.message : String(err)}`);
      console.error(tailOf(logFile, 15));
      code = 1;
    }
    await stop(code);
    return;
  }
  log(`code-server log: ${logFile}`);
  console.log(`\nKube Walkthrough is running in VS Code at\n\n  ${url}\n\nOpen it in a browser, open nginx.yaml and right-click in it: "Apply to Simulated Cluster".\nPress Ctrl+C to stop.\n`);
  server.child.on('exit', (code) => {
    if (stopping) return;
    console.error(`[start] code-server stopped (exit ${code}); last lines of ${logFile}:\n${tailOf(logFile, 15)}`);
    process.exit(1);
  });
}

/**
 * Opens the workbench like a person, clicks nginx.yaml, waits for the activation log line and
 * checks that the editor's context menu offers the Apply command.
 */
async function smokeCheck(url, userDataDir, id) {
  const { ensureChromium, launchChromium } = await import('./lib/chromium.mjs');
  mkdirSync(join(root, 'out'), { recursive: true });
  await ensureChromium({ logDir: join(root, 'out'), log });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    log(`smoke: opening ${url} in headless Chromium`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'nginx.yaml' }).click({ timeout: 60_000 });
    const deadline = Date.now() + 60_000;
    while (!activationLogged(userDataDir, id)) {
      if (Date.now() > deadline) throw new Error(`no activation of ${id} in the extension host log within 60 s`);
      await sleep(250);
    }
    log(`smoke: ${id} activated; right-clicking in the editor`);
    // Menus appear once the workbench has the extension's contributions: retry for a while.
    const entry = 'Apply to Simulated Cluster';
    let labels = [];
    while (Date.now() < deadline + 30_000) {
      await page.locator('.view-line span', { hasText: 'nginx-deployment' }).first().click({ button: 'right' });
      await sleep(500);
      labels = await page.locator('.context-view .action-label').allTextContents();
      if (labels.includes(entry)) return;
      await page.keyboard.press('Escape');
      await sleep(1000);
    }
    throw new Error(`the editor context menu has no "${entry}" (it shows: ${labels.join(', ')})`);
  } finally {
    await browser.close().catch(() => undefined);
  }
}

/** The remote extension host logs `ExtensionService#_doActivateExtension <id>, ...` on activation. */
function activationLogged(userDataDir, id) {
  const logs = join(userDataDir, 'logs');
  if (!existsSync(logs)) return false;
  for (const session of readdirSync(logs)) {
    const sessionDir = join(logs, session);
    for (const host of existsSync(sessionDir) ? readdirSync(sessionDir).filter((n) => n.startsWith('exthost')) : []) {
      const file = join(sessionDir, host, 'remoteexthost.log');
      if (existsSync(file) && readFileSync(file, 'utf8').includes(`_doActivateExtension ${id},`)) return true;
    }
  }
  return false;
}

main().catch((err) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

