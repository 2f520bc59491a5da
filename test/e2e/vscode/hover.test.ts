/**
 * Hover docs as a person meets them in VS Code (code-server + headless Chromium, offline):
 * open examples/nginx.yaml, rest the mouse on `replicas`, and read the hover widget:
 * upstream's description of the field and the line naming the component that acts on it.
 * The screenshot goes to test-results/vscode/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openWorkbench, quickOpen, shot, sleep, twice, type Workbench } from './workbench';

const log = (line: string): void => console.log(`[ui] ${line}`);

/** Moves onto the word in two small steps and waits, as the recipe says a hover needs. */
async function hoverWord(page: Page, word: string): Promise<string> {
  await page.keyboard.press('Escape'); // a hover left from an earlier try
  await page.mouse.move(5, 5);
  // The token itself (the innermost span), not the line's outer span.
  const target = page.locator('.view-lines .view-line span span', { hasText: new RegExp(`^${word}$`) }).first();
  const box = await target.boundingBox();
  if (!box) throw new Error(`"${word}" is not on screen`);
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await sleep(200);
  await page.mouse.move(box.x + Math.min(10, box.width / 2), box.y + box.height / 2);
  const hover = page.locator('.monaco-hover-content', { hasText: 'Number of desired pods' }).first();
  await hover.waitFor({ timeout: 15_000 });
  await sleep(500);
  return (await page.locator('.monaco-hover-content').allTextContents()).join('\n');
}

describe('hover docs inside VS Code', { timeout: 300_000 }, () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ width: 1600, height: 1000 }, log);
  }, { timeout: 240_000 });

  after(async () => {
    await wb?.close();
  });

  test('hovering replicas shows upstream description and the acting component', { timeout: 150_000 }, async () => {
    const page = wb.page;
    await twice('Quick Open nginx.yaml', () => quickOpen(page, 'nginx.yaml', 'replicas'), log);
    let text = '';
    try {
      // The extension activates on the YAML file; the first hover may come before its provider.
      text = await twice('hovering replicas', () => hoverWord(page, 'replicas'), log);
    } catch (err) {
      await page.screenshot({ path: shot('failure-hover') }).catch(() => undefined);
      throw new Error(`no hover with the docs: ${err instanceof Error ? err.message : String(err)}\n${wb.console.slice(-10).join('\n')}`);
    }
    await page.screenshot({ path: shot('hover-replicas') });
    assert.match(text, /Number of desired pods/);
    assert.match(text, /Acted on by/);
    assert.match(text, /ReplicaSet controller|replicaset-controller/i);
  });
});
