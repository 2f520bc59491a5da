/**
 * The walkthrough as a person meets it in VS Code (code-server + headless Chromium, offline):
 * open examples/nginx.yaml with Quick Open, right-click in the editor, pick "Apply to
 * Simulated Cluster", wait for the walkthrough panel, step to stage 8 and read the
 * scheduler's decision table, then stage 9. Screenshots go to test-results/vscode/; with
 * KW_DOCS_IMAGES=1 the stage 8 and 9 pictures are also written to docs/images/ for the README.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { openWorkbench, panelFrame, pickFromEditorMenu, quickOpen, ROOT, runCommand, shot, sleep, twice, type Workbench } from './workbench';

const log = (line: string): void => console.log(`[ui] ${line}`);
const APPLY = 'Apply to Simulated Cluster';
const DOCS = process.env.KW_DOCS_IMAGES === '1' ? join(ROOT, 'docs', 'images') : undefined;

/** Minimal DOM typing for callbacks run in the panel's frame (no DOM lib outside webview/). */
interface El {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

async function picture(page: Page, name: string, docsName?: string): Promise<void> {
  const path = shot(name);
  await page.screenshot({ path });
  if (DOCS && docsName) {
    mkdirSync(DOCS, { recursive: true });
    copyFileSync(path, join(DOCS, docsName));
    log(`saved docs/images/${docsName}`);
  }
}

/** Presses a key inside the panel: focus its caption first, so the workbench does not take it. */
async function pressInPanel(page: Page, frame: Frame, key: string): Promise<void> {
  await frame.click('#kw-caption', { position: { x: 4, y: 4 } });
  await page.keyboard.press(key);
}

describe('the walkthrough panel inside VS Code', { timeout: 420_000 }, () => {
  let wb: Workbench;
  let page: Page;
  let frame: Frame;

  before(async () => {
    wb = await openWorkbench({ width: 1920, height: 1200 }, log);
    page = wb.page;
  }, { timeout: 240_000 });

  after(async () => {
    await wb?.close();
  });

  const failWith = (what: string, err: unknown): never => {
    const errors = wb.console.filter((l) => /error|fail|kube-walkthrough|walkthrough/i.test(l)).slice(-12).join('\n  ');
    throw new Error(`${what}: ${err instanceof Error ? err.message : String(err)}\n--- workbench console (last relevant lines) ---\n  ${errors || '(nothing)'}\n--- code-server log ---\n${wb.serverTail(10)}`);
  };

  test('applying nginx.yaml from the editor context menu opens the walkthrough panel', { timeout: 180_000 }, async () => {
    try {
      await twice('Quick Open nginx.yaml', () => quickOpen(page, 'nginx.yaml', 'nginx-deployment'), log);
      // The panel opens beside the editor: without the side bar each gets half the window.
      await page.keyboard.press('Control+B');
      await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => log('the side bar stayed open'));
      await picture(page, '01-editor');
      await pickFromEditorMenu(page, 'nginx-deployment', APPLY);
      log('picked "Apply to Simulated Cluster"; waiting for the panel');
      frame = await panelFrame(page, 90_000);
    } catch (err) {
      await picture(page, 'failure-apply').catch(() => undefined);
      failWith('could not open the walkthrough from the editor', err);
    }
    assert.equal(await frame.textContent('#kw-subtitle'), 'nginx.yaml');
    const tab = page.locator('.tabs-container .tab', { hasText: 'Walkthrough: nginx.yaml' });
    assert.equal(await tab.count(), 1, 'the editor tab names the walkthrough');
    await sleep(800);
    await picture(page, '02-panel-opened');
    // From here on the panel has the window: the toast goes, the panel's group takes the room.
    const panelTab = 'Walkthrough: nginx.yaml';
    await twice('clearing notifications', () => runCommand(page, 'Notifications: Clear All Notifications', panelTab), log);
    await twice('maximizing the panel', () => runCommand(page, 'View: Toggle Maximize Editor Group', panelTab), log);
    await sleep(800);
    await picture(page, '03-panel-maximized');
  });

  test('stage 8 shows the scheduler decision table with one column per node', { timeout: 90_000 }, async () => {
    assert.ok(frame, 'the panel is open');
    await twice('pressing 8 in the panel', async () => {
      await pressInPanel(page, frame, '8');
      assert.equal(await frame.getAttribute('#app', 'data-stage-id'), '8');
    }, log);
    assert.equal(await frame.isVisible('#kw-scheduler'), true, 'the decision card shows on stage 8');
    const nodes = await frame.$$eval('[data-frame^="node/"]', (els) => (els as unknown as El[]).map((e) => (e.getAttribute('data-frame') ?? '').slice('node/'.length)));
    assert.ok(nodes.length >= 2, `the drawing has the cluster's nodes (${nodes.join(', ')})`);
    const heads = await frame.$$eval('.kw-sched-table thead th', (els) => (els as unknown as El[]).map((e) => e.textContent?.trim() ?? ''));
    assert.equal(heads[0], 'Plugin');
    assert.deepEqual(heads.slice(1).map((t) => t.replace(/ ★$/, '')), nodes, 'one column per node of the cluster');
    assert.equal(heads.filter((t) => t.endsWith('★')).length, 1, 'one node is starred as the winner');
    const results = await frame.$$eval('.kw-sched-table tfoot tr:last-child td', (els) => (els as unknown as El[]).map((e) => e.getAttribute('data-result')));
    assert.equal(results.filter((r) => r === 'selected').length, 1);
    const summary = (await frame.textContent('.kw-sched-summary')) ?? '';
    const winner = heads.find((t) => t.endsWith('★'))?.replace(/ ★$/, '');
    assert.match(summary, new RegExp(`bound to ${winner}$`));

    await frame.click('#kw-show-decision');
    await sleep(900);
    const table = await frame.locator('.kw-sched-table').boundingBox();
    const viewport = page.viewportSize();
    assert.ok(table && viewport && table.y >= 0 && table.y < viewport.height, 'the table is on screen');
    await picture(page, 'stage-8', 'walkthrough-stage8.png');
  });

  test('stage 9 lights the kubelet and container runtime of the nodes the pods went to', { timeout: 60_000 }, async () => {
    assert.ok(frame, 'the panel is open');
    await pressInPanel(page, frame, '9');
    assert.equal(await frame.getAttribute('#app', 'data-stage-id'), '9');
    const lit = await frame.$$eval('[data-component][data-stage="true"]', (els) => (els as unknown as El[]).map((e) => e.getAttribute('data-component') ?? ''));
    assert.ok(lit.some((c) => c.startsWith('kubelet/worker-')) && lit.some((c) => c.startsWith('containerd/worker-')), `lit: ${lit.join(', ')}`);
    // The first image pull: the kubelet asks its container runtime over CRI.
    const pull = frame.locator('.kw-rail-step', { hasText: 'PullImage' }).first();
    if ((await pull.count()) > 0) await pull.click();
    assert.equal(await frame.getAttribute('#app', 'data-stage-id'), '9');
    await sleep(900);
    await picture(page, 'stage-9', 'walkthrough-stage9.png');
  });

  test('the panel logged no error and no Content-Security-Policy violation', () => {
    const bad = wb.console.filter((l) => /Content Security Policy|Refused to/i.test(l) || (/kube-walkthrough|webview\.js/i.test(l) && /^\[(error|pageerror)\]/.test(l)));
    assert.deepEqual(bad, []);
  });
});
