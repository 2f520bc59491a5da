/**
 * The panel bundle as VS Code runs it (acquireVsCodeApi present): it says webview/ready,
 * loads what the host posts, ignores malformed messages, reports steps and keeps its state.
 * Also: text from the walkthrough never becomes markup, and reduced motion stills the arrows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { PanelState, WebviewMessage } from '../../../src/protocol/messages';
import type { Walkthrough } from '../../../src/protocol/workflow';
import { factsOf } from '../../fixtures/walkthrough/facts';
import { buildBundle, launch, open, panelPage, readFixture, serve, shotPath, type Browser, type Served } from './harness';

interface Fake {
  posted: WebviewMessage[];
  state: unknown;
}

/**
 * A stand-in for VS Code's webview API, recording what the panel posts and saves. Passed as
 * source text: functions compiled by tsx carry helpers that do not exist in the page.
 */
const FAKE_VSCODE = `
  window.__fake = { posted: [], state: undefined };
  window.acquireVsCodeApi = function () {
    return {
      postMessage: function (m) { window.__fake.posted.push(m); },
      getState: function () { return window.__fake.state; },
      setState: function (s) { window.__fake.state = s; },
    };
  };`;

async function fakeVsCode(page: Page): Promise<void> {
  await page.addInitScript(FAKE_VSCODE);
}

/**
 * What the callbacks below touch in the page, typed here because the project's tsconfig
 * (rightly) has no DOM library outside webview/.
 */
declare const window: { __fake: Fake; __pwned?: number; postMessage(message: unknown, target: string): void };
declare const document: { documentElement: { classList: { contains(name: string): boolean } } };

const fake = (page: Page): Promise<Fake> => page.evaluate(() => window.__fake);

describe('walkthrough panel inside a (fake) VS Code webview', () => {
  let served: Served;
  let browser: Browser;
  let w: Walkthrough;

  before(async () => {
    await buildBundle();
    w = readFixture() as Walkthrough;
    served = await serve();
    browser = await launch({ width: 1280, height: 860 });
  });

  after(async () => {
    await browser?.close();
    await served?.close();
  });

  test('says webview/ready, loads the posted walkthrough at the given step, ignores malformed messages', async () => {
    const page = await browser.context.newPage();
    await fakeVsCode(page);
    const warnings: string[] = [];
    page.on('console', (m) => warnings.push(`${m.type()}: ${m.text()}`));
    await page.goto(served.page('vscode', panelPage(served.origin)));
    await page.waitForFunction(() => window.__fake.posted.some((m) => m.type === 'webview/ready'));
    assert.equal(await page.getAttribute('#app', 'data-state'), 'empty');
    assert.ok((await page.textContent('#kw-empty'))?.includes('No walkthrough loaded yet'));

    await page.evaluate(() => window.postMessage({ type: 'walkthrough/didLoad', walkthrough: { title: 42 } }, '*'));
    await page.evaluate(() => window.postMessage({ type: 'something/else' }, '*'));
    await page.waitForTimeout(100);
    assert.equal(await page.getAttribute('#app', 'data-state'), 'empty', 'malformed messages change nothing');
    assert.equal(warnings.filter((t) => t.includes('ignored a malformed message')).length, 2);

    const stage8 = w.stages.find((s) => s.id === '8');
    const seq = stage8?.steps[3] ?? 0;
    await page.evaluate(([data, position]) => window.postMessage({ type: 'walkthrough/didLoad', walkthrough: data, position }, '*'), [w, { stageId: '8', seq }] as const);
    await page.waitForSelector('#app[data-state="ready"]');
    assert.equal(await page.getAttribute('#app', 'data-stage-id'), '8');
    assert.equal(await page.getAttribute('#app', 'data-seq'), String(seq));

    await page.click('#kw-caption');
    await page.keyboard.press('ArrowRight');
    const next = stage8?.steps[4];
    await page.waitForFunction((want) => window.__fake.posted.some((m) => m.type === 'step/didSelect' && m.seq === want), next);
    const { posted, state } = await fake(page);
    const last = posted.filter((m) => m.type === 'step/didSelect').pop();
    assert.deepEqual(last, { type: 'step/didSelect', stageId: '8', seq: next });
    const saved = state as PanelState;
    assert.equal(saved.version, 1);
    assert.equal(saved.walkthrough.title, w.title);
    assert.deepEqual(saved.position, { stageId: '8', seq: next });
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('kw-standalone')), false);
    await page.close();
  });

  test('text from the walkthrough is shown as text, never parsed as markup', async () => {
    const hostile = structuredClone(w);
    const first = hostile.trace.find((e) => e.seq === hostile.stages[0]?.steps[0]);
    assert.ok(first);
    first.summary = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    hostile.title = '<script>window.__pwned=2</script>';
    const stage = hostile.stages[0];
    assert.ok(stage);
    stage.explanation = '<a href="javascript:alert(1)">click</a>';
    const { page, problems } = await open(browser.context, served.page('hostile', panelPage(served.origin, hostile)));
    await page.waitForSelector('#app[data-state="ready"]');
    assert.equal(await page.textContent('#kw-caption-summary'), first.summary);
    assert.equal(await page.textContent('#kw-subtitle'), hostile.title);
    assert.equal(await page.locator('#app img, #app b, #app a, #app script').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(problems.csp, []);
    await page.close();
  });

  test('reduced motion: no travelling dot and no animation class on the arrow', async () => {
    const calm = await launch({ reducedMotion: 'reduce' });
    try {
      const { page, problems } = await open(calm.context, served.page('calm', panelPage(served.origin, w)));
      await page.waitForSelector('#app[data-state="ready"]');
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.locator('.kw-arrow').count(), 1);
      assert.equal(await page.locator('.kw-arrow-dot, .kw-arrow.kw-animate').count(), 0);
      assert.deepEqual(problems, { csp: [], console: [] });
    } finally {
      await calm.close();
    }
    const { page } = await open(browser.context, served.page('lively', panelPage(served.origin, w)));
    await page.waitForSelector('#app[data-state="ready"]');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('.kw-arrow-dot').count(), 1, 'with motion allowed the dot travels');
    await page.close();
  });

  test('webview/standalone.html (the static demo) fetches ?data= and opens at ?stage=', async () => {
    const { page, problems } = await open(browser.context, `${served.origin}/webview/standalone.html?data=/test/fixtures/walkthrough/nginx.json&stage=service`);
    await page.waitForSelector('#app[data-state="ready"]');
    assert.equal(await page.getAttribute('#app', 'data-stage-id'), 'service');
    assert.deepEqual(problems, { csp: [], console: [] });
    await page.close();
  });

  test('an unschedulable decision says why, with the plugin order and weights the scheduler gave', async () => {
    const stuck = structuredClone(w);
    const stage8 = stuck.stages.find((s) => s.id === '8');
    const event = stuck.trace.find((e) => e.channel === 'schedule' && e.seq === stage8?.steps[0]);
    assert.ok(event);
    const detail = event.detail as { nodes: { filters: unknown[]; feasible: boolean; scores?: unknown; total?: unknown }[]; selected?: string } & Record<string, unknown>;
    delete detail.selected;
    for (const n of detail.nodes) {
      n.feasible = false;
      n.filters = [{ plugin: 'NodeResourcesFit', status: 'Unschedulable', reason: 'Insufficient cpu' }];
      delete n.scores;
      delete n.total;
    }
    Object.assign(detail, { outcome: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.', filterPlugins: ['NodeResourcesFit'] });
    const { page, problems } = await open(browser.context, served.page('stuck', panelPage(served.origin, stuck)));
    await page.waitForSelector('#app[data-state="ready"]');
    await page.keyboard.press('8');
    assert.match((await page.textContent('.kw-sched-summary')) ?? '', /no node fits/);
    assert.match((await page.textContent('.kw-sched-note[data-kind="message"]')) ?? '', /^0\/3 nodes are available: 3 Insufficient cpu\./);
    assert.deepEqual(await page.$$eval('.kw-sched-table tfoot tr:last-child td', (tds) => tds.map((td) => td.getAttribute('data-result'))), detail.nodes.map(() => 'filtered'));
    assert.deepEqual(problems, { csp: [], console: [] });
    await page.close();
  });

  test('a standalone page without data says what is missing', async () => {
    const { page } = await open(browser.context, `${served.origin}/webview/standalone.html`);
    await page.waitForSelector('#app[data-state="error"]');
    assert.match((await page.textContent('.kw-error')) ?? '', /No walkthrough/);
    await page.close();
  });

  test('a narrow panel stacks the panes and still draws the cluster', async () => {
    const narrow = await launch({ width: 720, height: 900 });
    try {
      const { page, problems } = await open(narrow.context, served.page('narrow', panelPage(served.origin, w)));
      await page.waitForSelector('#app[data-state="ready"]');
      await page.keyboard.press('9');
      await page.waitForTimeout(600);
      await page.screenshot({ path: shotPath('narrow-stage-9'), fullPage: true });
      for (const node of new Set(factsOf(w).nodeOf.values())) assert.equal(await page.locator(`[data-component="kubelet/${node}"][data-stage="true"]`).count(), 1, `kubelet/${node} at work`);
      assert.deepEqual(problems, { csp: [], console: [] });
    } finally {
      await narrow.close();
    }
  });
});
