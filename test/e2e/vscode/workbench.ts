/**
 * A real VS Code workbench for UI tests, offline: code-server (cached by scripts/lib/
 * codeServer.mjs) on loopback with this extension loaded through extensionDevelopmentPath,
 * driven by headless Debian Chromium through playwright-core (scripts/lib/chromium.mjs).
 * Also the few workbench gestures the tests need, each retried once when the workbench is
 * still busy starting (Quick Open, the editor's context menu, finding a webview's frame).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Frame, Page } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const SHOTS = join(ROOT, 'test-results', 'vscode');

interface ChildLike {
  exitCode: number | null;
  pid?: number;
}

/** The shared harness scripts (plain ES modules), typed as far as this test uses them. */
interface CodeServerLib {
  ensureCodeServer(o: { root: string; log?: (line: string) => void }): Promise<{ entry: string }>;
  freePort(preferred?: number): Promise<number>;
  startCodeServer(o: { entry: string; port: number; userDataDir: string; extensionsDir: string; folder?: string; logFile: string; env?: Record<string, string> }): Promise<{ child: ChildLike; url: string }>;
  workbenchUrl(port: number, folder: string, payload?: [string, string][]): string;
}
interface ChromiumLib {
  ensureChromium(o: { logDir: string; log?: (line: string) => void }): Promise<void>;
  launchChromium(): Promise<Browser>;
}
interface ProcLib {
  stopGroup(child: ChildLike, graceMs?: number): Promise<void>;
  tailOf(file: string, lines: number): string;
}

// A computed specifier: TypeScript does not look for declarations of these .mjs files.
const load = async <T>(path: string): Promise<T> => (await import(join(ROOT, path))) as T;

/** Quiet, offline-friendly settings for a throwaway profile (as test/integration/session.mjs). */
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
};

export interface Workbench {
  page: Page;
  /** Console lines of the workbench page and its frames (webviews included). */
  console: string[];
  /** The last lines of code-server's log, for failure messages. */
  serverTail(lines: number): string;
  close(): Promise<void>;
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/**
 * Starts code-server on a free port with examples/ as the folder and the repository as the
 * extension under development, and opens it in headless Chromium at `viewport`.
 */
export async function openWorkbench(viewport: { width: number; height: number }, log: (line: string) => void): Promise<Workbench> {
  const cs = await load<CodeServerLib>('scripts/lib/codeServer.mjs');
  const chromium = await load<ChromiumLib>('scripts/lib/chromium.mjs');
  const proc = await load<ProcLib>('scripts/lib/proc.mjs');
  for (const file of ['dist/extension.js', 'dist/webview.js']) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: build first (node scripts/build.mjs)`);
  }
  const { entry } = await cs.ensureCodeServer({ root: ROOT, log });
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  await chromium.ensureChromium({ logDir: join(ROOT, 'out'), log });
  const work = mkdtempSync(join(tmpdir(), 'kw-ui-'));
  const userDataDir = join(work, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  const serverLog = join(work, 'code-server.log');
  const port = await cs.freePort();
  const examples = join(ROOT, 'examples');
  log(`starting code-server on 127.0.0.1:${port}`);
  const server = await cs.startCodeServer({ entry, port, userDataDir, extensionsDir: join(work, 'extensions'), folder: examples, logFile: serverLog });
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await proc.stopGroup(server.child);
    rmSync(work, { recursive: true, force: true });
  };
  try {
    browser = await chromium.launchChromium();
    const page = await browser.newPage({ viewport });
    const lines: string[] = [];
    page.on('console', (m) => lines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => lines.push(`[pageerror] ${e.message}`));
    await page.goto(cs.workbenchUrl(port, examples, [['extensionDevelopmentPath', ROOT]]), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    return { page, console: lines, serverTail: (n) => proc.tailOf(serverLog, n), close };
  } catch (err) {
    const tail = proc.tailOf(serverLog, 15);
    await close();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- code-server log (last lines) ---\n${tail}`);
  }
}

/** Runs `action`; if it throws, waits and runs it once more (the workbench may still be starting). */
export async function twice<T>(what: string, action: () => Promise<T>, log: (line: string) => void): Promise<T> {
  try {
    return await action();
  } catch (err) {
    log(`${what} failed once (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); retrying`);
    await sleep(2000);
    return action();
  }
}

/** Quick Open (Ctrl+P), the file's name, Enter; resolves when the editor shows `expectText`. */
export async function quickOpen(page: Page, file: string, expectText: string): Promise<void> {
  await page.keyboard.press('Escape'); // whatever a first attempt left open
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input.input[role="combobox"]');
  await input.waitFor({ timeout: 15_000 });
  await input.fill(file);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.view-line span', { hasText: expectText }).first().waitFor({ timeout: 20_000 });
}

/**
 * Runs a command by its title from the Command Palette (F1), as a person would. A webview
 * may hold the keyboard: with `tab`, that editor tab is clicked first, which hands the
 * keyboard back to the workbench (and makes that editor's group the active one).
 */
export async function runCommand(page: Page, title: string, tab?: string): Promise<void> {
  if (tab) await page.locator('.tabs-container .tab', { hasText: tab }).first().click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input[role="combobox"]');
  await input.waitFor({ timeout: 15_000 });
  await input.fill(`>${title}`, { timeout: 10_000 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

/**
 * Right-clicks the editor line showing `lineText` and picks `entry` from the context menu.
 * Extensions contribute menu entries once they have activated: until then the menu lacks
 * it, so the right-click is repeated (Escape in between) for up to `timeoutMs`.
 */
export async function pickFromEditorMenu(page: Page, lineText: string, entry: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let labels: string[] = [];
  while (Date.now() < deadline) {
    await page.locator('.view-line span', { hasText: lineText }).first().click({ button: 'right' });
    const menu = page.locator('.context-view .action-label');
    await menu.first().waitFor({ timeout: 5_000 }).catch(() => undefined);
    labels = (await menu.allTextContents()).map((t) => t.trim());
    if (labels.includes(entry)) {
      await page.locator('.context-view .action-label', { hasText: entry }).first().click();
      return;
    }
    await page.keyboard.press('Escape');
    await sleep(1500);
  }
  throw new Error(`the editor's context menu never offered "${entry}" within ${timeoutMs / 1000} s (it shows: ${labels.join(', ') || 'nothing'})`);
}

/** The frame holding our panel: webviews are iframes inside iframes, so look at every frame. */
export async function panelFrame(page: Page, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const ready = await frame.$('#app[data-state="ready"]').catch(() => null);
      if (ready) return frame;
    }
    await sleep(500);
  }
  throw new Error(`no frame with the walkthrough panel (#app[data-state="ready"]) within ${timeoutMs / 1000} s; frames: ${page.frames().map((f) => f.url().slice(0, 80)).join(' | ')}`);
}

export function shot(name: string): string {
  mkdirSync(SHOTS, { recursive: true });
  return join(SHOTS, `${name}.png`);
}
