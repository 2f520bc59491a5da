/**
 * The walkthrough panel bundle in headless Chromium, under the host's own CSP, replaying the
 * nginx sample: every stage highlights its components, every step lights its two ends, the
 * tables fill in, the scheduler's decision shows on stage 8, and nothing violates the CSP or
 * logs an error. Saves a screenshot per stage under test-results/webview/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { isWalkthrough } from '../../../src/protocol/messages';
import type { TraceEvent } from '../../../src/protocol/trace';
import type { Walkthrough } from '../../../src/protocol/workflow';
import { buildBundle, launch, open, panelPage, readFixture, serve, shotPath, type Browser, type Problems, type Served } from './harness';

const attr = (page: Page, name: string) => page.getAttribute('#app', name);

/** The page's document, typed just enough for the callbacks below (no DOM lib outside webview/). */
declare const document: { getElementById(id: string): { getAttribute(name: string): string | null } | null };

async function activeComponents(page: Page): Promise<string[]> {
  return page.$$eval('[data-component][data-active]', (els) => els.map((e) => `${e.getAttribute('data-component')}:${e.getAttribute('data-active')}`).sort());
}

function expectedActive(e: TraceEvent): string[] {
  return e.from === e.to ? [`${e.from}:self`] : [`${e.from}:from`, `${e.to}:to`].sort();
}

describe('walkthrough panel: the nginx sample under the host CSP', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let problems: Problems;
  let w: Walkthrough;
  let bySeq: Map<number, TraceEvent>;

  before(async () => {
    await buildBundle();
    const data = readFixture();
    assert.ok(isWalkthrough(data), 'the fixture is a valid Walkthrough');
    w = data;
    bySeq = new Map(w.trace.map((e) => [e.seq, e]));
    served = await serve();
    browser = await launch({ width: 1440, height: 900 });
    ({ page, problems } = await open(browser.context, served.page('panel', panelPage(served.origin, w))));
    await page.waitForSelector('#app[data-state="ready"]', { timeout: 15_000 });
  });

  after(async () => {
    await browser?.close();
    await served?.close();
  });

  test('starts on the first step of the prelude with the rail, drawing and controls in place', async () => {
    assert.equal(await attr(page, 'data-stage-id'), 'prelude');
    assert.equal(await attr(page, 'data-index'), '0');
    assert.equal(await page.textContent('#kw-subtitle'), w.title);
    assert.equal(await page.locator('#kw-rail[role="listbox"] .kw-rail-stage[role="option"]').count(), w.stages.length);
    assert.equal(await page.getAttribute('#kw-stage-0', 'aria-current'), 'step');
    for (const node of w.topology.nodes.filter((n) => n.role === 'worker')) {
      for (const agent of ['kubelet', 'containerd', 'kube-proxy']) assert.equal(await page.locator(`[data-component="${agent}/${node.name}"]`).count(), 1);
    }
    for (const c of [...w.topology.controllers, 'kubectl', 'kube-apiserver', 'etcd', 'default-scheduler']) {
      assert.equal(await page.locator(`[data-component="${c}"]`).count(), 1, `${c} is drawn`);
    }
    assert.equal(await page.getAttribute('#kw-scrubber', 'max'), String(w.stages.reduce((n, s) => n + s.steps.length, 0) - 1));
  });

  test('every stage highlights its components and every step lights its two ends', async () => {
    for (const [si, stage] of w.stages.entries()) {
      if (stage.number !== undefined && stage.number >= 1 && stage.number <= 10) await page.keyboard.press(String(stage.number % 10));
      else if (si !== 0) await page.click(`#kw-stage-${si}`);
      assert.equal(await attr(page, 'data-stage-id'), stage.id, `jumped to stage ${stage.id}`);
      const lit = await page.$$eval('[data-component][data-stage="true"]', (els) => els.map((e) => e.getAttribute('data-component') ?? '').sort());
      assert.deepEqual(lit, [...stage.components].sort(), `components of stage ${stage.id}`);
      assert.equal(await page.getAttribute(`#kw-stage-${si}`, 'aria-current'), 'step');
      for (const [k, seq] of stage.steps.entries()) {
        const e = bySeq.get(seq);
        assert.ok(e);
        assert.equal(await attr(page, 'data-seq'), String(seq), `stage ${stage.id} step ${k + 1}`);
        assert.deepEqual(await activeComponents(page), expectedActive(e), `lit ends of #${seq}`);
        assert.equal(await page.getAttribute('.kw-arrow', 'data-channel'), e.channel);
        assert.equal(await page.getAttribute(`#kw-step-${await attr(page, 'data-index')}`, 'aria-selected'), 'true');
        if (k === stage.steps.length - 1) {
          await page.waitForTimeout(700); // let the arrow's fade-in finish before the picture
          await page.screenshot({ path: shotPath(`stage-${stage.id}`) });
        }
        else await page.keyboard.press('ArrowRight');
      }
    }
  });

  test('arrow labels speak each channel', async () => {
    const labelAt = async (match: (e: TraceEvent) => boolean): Promise<string> => {
      const e = w.trace.find(match);
      assert.ok(e);
      await page.click(`#kw-stage-${w.stages.findIndex((s) => s.steps.includes(e.seq))}`);
      const index = await page.$eval(`[data-seq="${e.seq}"]`, (el) => el.getAttribute('data-index'));
      await page.click(`#kw-step-${index}`);
      return (await page.textContent('.kw-arrow-text')) ?? '';
    };
    assert.equal(await labelAt((e) => e.channel === 'http-request' && e.verb === 'POST' && e.ref?.kind === 'Deployment'), 'POST /apis/apps/v1/namespaces/default/deployments');
    assert.equal(await labelAt((e) => e.channel === 'etcd-txn' && e.verb === 'put' && e.ref?.kind === 'Deployment'), 'txn put /registry/deployments/default/nginx-deployment');
    assert.equal(await labelAt((e) => e.channel === 'watch' && e.to === 'deployment-controller'), 'WATCH ADDED Deployment');
    assert.equal(await labelAt((e) => e.channel === 'cri' && e.verb === 'PullImage'), 'PullImage nginx:1.14.2');
    assert.equal(await labelAt((e) => e.channel === 'http-response' && e.code === 201 && e.to === 'kubectl'), '201 Created');
  });

  test('pods wait unscheduled after stage 7, sit on their nodes after stage 8, run after stage 10', async () => {
    const lastOf = async (id: string) => {
      const si = w.stages.findIndex((s) => s.id === id);
      await page.keyboard.press(id === '10' ? '0' : id);
      const steps = w.stages[si]?.steps.length ?? 0;
      for (let k = 1; k < steps; k += 1) await page.keyboard.press('ArrowRight');
    };
    await lastOf('7');
    assert.equal(await page.locator('.kw-pod[data-node=""]').count(), 3, 'three pods in the unscheduled tray');
    await lastOf('8');
    assert.equal(await page.locator('.kw-pod[data-node="worker-1"]').count(), 2);
    assert.equal(await page.locator('.kw-pod[data-node="worker-2"]').count(), 1);
    await lastOf('10');
    const statuses = await page.$$eval('.kw-pod', (els) => els.map((e) => `${e.getAttribute('data-tone')} ${e.querySelector('.kw-pod-status')?.textContent}`));
    assert.deepEqual(statuses, ['ok ● Running', 'ok ● Running', 'ok ● Running']);
  });

  test('the scheduler decision table shows on stage 8 only', async () => {
    await page.keyboard.press('7');
    assert.equal(await page.isVisible('#kw-scheduler'), false);
    await page.keyboard.press('8');
    assert.equal(await page.isVisible('#kw-scheduler'), true);
    const heads = await page.$$eval('.kw-sched-table thead th', (els) => els.map((e) => e.textContent?.trim()));
    assert.deepEqual(heads, ['Plugin', 'control-plane', 'worker-1 ★', 'worker-2']);
    const taint = await page.$$eval('.kw-sched-table tbody tr', (rows) =>
      rows.filter((r) => r.querySelector('th')?.textContent === 'TaintToleration').map((r) => [...r.querySelectorAll('td')].map((td) => td.getAttribute('data-status') ?? td.textContent)),
    );
    assert.deepEqual(taint[0], ['UnschedulableAndUnresolvable', 'Success', 'Success']);
    const result = await page.$$eval('.kw-sched-table tfoot tr:last-child td', (tds) => tds.map((td) => td.textContent));
    assert.deepEqual(result, ['✕ Filtered out', '★ Selected', '✓ Feasible']);
    await page.click('#kw-show-decision');
    await page.waitForTimeout(700);
    await page.screenshot({ path: shotPath('scheduler-stage-8') });
  });

  test('the events table lists what kubectl get events would, and filters by object', async () => {
    // Drag the scrubber to its end (source text: the project's tsconfig has no DOM types).
    await page.evaluate(`(() => {
      const range = document.querySelector('#kw-scrubber');
      range.value = range.max;
      range.dispatchEvent(new Event('input', { bubbles: true }));
    })()`);
    await page.click('#kw-tab-events');
    const rows = await page.$$eval('tbody.kw-event', (els) => els.map((e) => `${e.getAttribute('data-reason')} ${e.getAttribute('data-object')} ${e.querySelector('.kw-message')?.textContent}`));
    assert.equal(rows.length, w.events.length);
    for (const text of [
      'ScalingReplicaSet deployment/nginx-deployment Scaled up replica set nginx-deployment-7c79c4bf97 from 0 to 3',
      'Scheduled pod/nginx-deployment-7c79c4bf97-x7k2p Successfully assigned default/nginx-deployment-7c79c4bf97-x7k2p to worker-1',
      'Pulling pod/nginx-deployment-7c79c4bf97-x7k2p Pulling image "nginx:1.14.2"',
      'SuccessfulCreate replicaset/nginx-deployment-7c79c4bf97 Created pod: nginx-deployment-7c79c4bf97-5xq9d',
    ]) {
      assert.ok(rows.includes(text), `row: ${text}`);
    }
    const headers = await page.$$eval('.kw-events-table thead th', (els) => els.map((e) => e.textContent));
    assert.deepEqual(headers, ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    await page.fill('#kw-events-filter input', 'pod/');
    const objects = await page.$$eval('tbody.kw-event', (els) => els.map((e) => e.getAttribute('data-object') ?? ''));
    assert.equal(objects.length, w.events.filter((e) => e.object.includes('pod/')).length);
    assert.ok(objects.every((o) => o.startsWith('pod/')));
    await page.screenshot({ path: shotPath('events-filtered') });
    await page.fill('#kw-events-filter input', '');
    await page.click('#kw-caption'); // a text field keeps Home for itself
    await page.keyboard.press('Home');
    assert.equal(await page.locator('tbody.kw-event').count(), 0, 'no event before the first one is recorded');
  });

  test('the resource chain follows Deployment -> ReplicaSet -> Pods -> Nodes with status in words', async () => {
    await page.keyboard.press('0');
    for (let k = 1; k < (w.stages.find((s) => s.id === '10')?.steps.length ?? 0); k += 1) await page.keyboard.press('ArrowRight');
    await page.click('#kw-tab-resources');
    const chain = await page.$$eval('.kw-chain-row', (els) => els.map((e) => [...e.children].map((c) => c.textContent).join(' | ')));
    assert.equal(chain[0], 'Deployment | nginx-deployment | ● 3/3 ready');
    assert.equal(chain[1], 'ReplicaSet | nginx-deployment-7c79c4bf97 | ● 3/3 ready');
    assert.ok(chain.includes('Pod | nginx-deployment-7c79c4bf97-x7k2p | ● Running'));
    assert.ok(chain.includes('Node | worker-2 | ● Ready'));
    await page.screenshot({ path: shotPath('resources') });
    await page.click('#kw-tab-step');
  });

  test('keyboard: Home restarts, Left/Right step, Space plays and pauses, the live region speaks', async () => {
    await page.click('#kw-caption'); // out of the tab list, which keeps Left/Right for itself
    await page.keyboard.press('Home');
    assert.equal(await attr(page, 'data-index'), '0');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await attr(page, 'data-index'), '0');
    await page.keyboard.press('ArrowRight');
    assert.equal(await attr(page, 'data-index'), '1');
    const second = bySeq.get(w.stages[0]?.steps[1] ?? -1);
    assert.ok((await page.textContent('#kw-announcer'))?.includes(second?.summary ?? '?'));
    await page.click('#kw-speed');
    await page.click('#kw-speed vscode-option[value="4"]');
    await page.click('#kw-caption');
    await page.keyboard.press('Space');
    assert.equal(await attr(page, 'data-playing'), 'true');
    // A function, not source text: the page's CSP forbids eval, which string predicates use.
    await page.waitForFunction(() => Number(document.getElementById('app')?.getAttribute('data-index')) >= 3, undefined, { timeout: 10_000 });
    await page.keyboard.press('Space');
    assert.equal(await attr(page, 'data-playing'), 'false');
    const paused = await attr(page, 'data-index');
    assert.equal(await page.getAttribute('#kw-play', 'aria-label'), 'Play');
    await page.click('#kw-forward');
    assert.equal(await attr(page, 'data-index'), String(Number(paused) + 1));
  });

  test('the step pane shows the object as YAML and what changed since its previous snapshot', async () => {
    const put = w.trace.find((e) => e.channel === 'etcd-txn' && e.ref?.kind === 'Deployment' && e.verb === 'put');
    assert.ok(put);
    const si = w.stages.findIndex((s) => s.steps.includes(put.seq));
    await page.click(`#kw-stage-${si}`);
    await page.click(`[data-seq="${put.seq}"]`);
    const diff = await page.$$eval('.kw-diff-line[data-op="add"]', (els) => els.map((e) => e.textContent ?? ''));
    assert.ok(diff.some((l) => l.includes('progressDeadlineSeconds: 600')), 'defaults appear as added lines');
    assert.ok(diff.some((l) => l.includes('uid: ')), 'the API server added a uid');
    await page.click('.kw-yaml-details > summary');
    const yaml = (await page.textContent('.kw-yaml')) ?? '';
    assert.ok(yaml.startsWith('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n'));
    assert.ok(yaml.includes('  creationTimestamp: "2025-06-02T09:00:02Z"'));
  });

  test('nothing violated the CSP and nothing was logged as an error', () => {
    assert.deepEqual(problems.csp, []);
    assert.deepEqual(problems.console, []);
  });
});
