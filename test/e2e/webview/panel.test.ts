/**
 * The walkthrough panel bundle in headless Chromium, under the host's own CSP, replaying the
 * walkthrough the real simulator recorded for examples/nginx.yaml: every stage highlights
 * its components, every step lights its two ends, the tables fill in, the scheduler's
 * decision shows on stage 8, and nothing violates the CSP or logs an error. Every
 * expectation comes from the recording (see facts.ts). Saves a screenshot per stage under
 * test-results/webview/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { isWalkthrough } from '../../../src/protocol/messages';
import type { TraceEvent } from '../../../src/protocol/trace';
import type { Walkthrough } from '../../../src/protocol/workflow';
import { expectedLit, factsOf, podStateAt, type Facts } from '../../fixtures/walkthrough/facts';
import { buildBundle, launch, open, panelPage, readFixture, serve, shotPath, type Browser, type Problems, type Served } from './harness';

const attr = (page: Page, name: string) => page.getAttribute('#app', name);

/** The page's document, typed just enough for the callbacks below (no DOM lib outside webview/). */
declare const document: {
  getElementById(id: string): { getAttribute(name: string): string | null } | null;
  querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }>;
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
};

/** One round trip per step: what the panel shows for the current step. */
async function shown(page: Page): Promise<{ seq: string | null; index: string | null; active: string[]; channel: string | null; selected: string | null; earlier: boolean }> {
  return page.evaluate(() => {
    const app = document.getElementById('app');
    const index = app?.getAttribute('data-index') ?? null;
    // Components, and the controller manager's frame when it is an end itself.
    const active = Array.from(document.querySelectorAll('[data-component][data-active], [data-frame][data-active]:not([data-active="true"])'))
      .map((e) => `${e.getAttribute('data-component') ?? e.getAttribute('data-frame')}:${e.getAttribute('data-active')}`)
      .sort();
    return {
      seq: app?.getAttribute('data-seq') ?? null,
      index,
      active,
      channel: document.querySelector('.kw-arrow')?.getAttribute('data-channel') ?? null,
      selected: document.getElementById(`kw-step-${index}`)?.getAttribute('aria-selected') ?? null,
      earlier: document.getElementById('kw-earlier') !== null,
    };
  });
}

function expectedActive(e: TraceEvent): string[] {
  return e.from === e.to ? [`${e.from}:self`] : [`${e.from}:from`, `${e.to}:to`].sort();
}

/** Jumps to a stage by its digit (1..9, 0 for 10) or by clicking it in the rail. */
async function gotoStage(page: Page, w: Walkthrough, id: string): Promise<void> {
  const si = w.stages.findIndex((s) => s.id === id);
  const n = w.stages[si]?.number;
  if (n !== undefined && n >= 1 && n <= 10) await page.keyboard.press(String(n % 10));
  else await page.click(`#kw-stage-${si} .kw-rail-text`);
  assert.equal(await attr(page, 'data-stage-id'), id);
}

async function gotoLastStepOf(page: Page, w: Walkthrough, id: string): Promise<void> {
  await gotoStage(page, w, id);
  const steps = w.stages.find((s) => s.id === id)?.steps ?? [];
  await page.click(`#kw-step-${Number(await attr(page, 'data-index')) + steps.length - 1} .kw-rail-summary`);
  assert.equal(await attr(page, 'data-seq'), String(steps[steps.length - 1]));
}

describe('walkthrough panel: the recorded nginx walkthrough under the host CSP', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let problems: Problems;
  let w: Walkthrough;
  let f: Facts;

  before(async () => {
    await buildBundle();
    const data = readFixture();
    assert.ok(isWalkthrough(data), 'the fixture is a valid Walkthrough');
    w = data;
    f = factsOf(w);
    assert.equal(f.pods.length, 3, 'the Deployment made three pods');
    assert.equal(f.decisions.length, 3, 'stage 8 holds three scheduling decisions');
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
    assert.equal(await attr(page, 'data-stage-id'), w.stages[0]?.id);
    assert.equal(await attr(page, 'data-index'), '0');
    assert.equal(await page.textContent('#kw-subtitle'), w.title);
    assert.equal(await page.locator('#kw-rail[role="listbox"] .kw-rail-stage[role="option"]').count(), w.stages.length);
    assert.equal(await page.getAttribute('#kw-stage-0', 'aria-current'), 'step');
    for (const node of f.workers) {
      for (const agent of ['kubelet', 'containerd', 'kube-proxy']) assert.equal(await page.locator(`[data-component="${agent}/${node}"]`).count(), 1, `${agent}/${node} is drawn`);
    }
    for (const c of [...w.topology.controllers, 'kubectl', 'kube-apiserver', 'etcd', 'default-scheduler']) {
      assert.equal(await page.locator(`[data-component="${c}"]`).count(), 1, `${c} is drawn`);
    }
    const ends = new Set(w.trace.flatMap((e) => [e.from, e.to]));
    for (const c of ends) assert.equal(await page.locator(`[data-component="${c}"], [data-frame="${c}"]`).count(), 1, `${c}, which the trace names, is drawn once`);
    for (const bare of ['kubelet', 'containerd', 'kube-proxy', 'endpoints-controller']) {
      if (!ends.has(bare)) assert.equal(await page.locator(`[data-component="${bare}"]`).count(), 0, `no box for "${bare}", which only a stage description names`);
    }
    assert.equal(await page.getAttribute('#kw-scrubber', 'max'), String(w.stages.reduce((n, s) => n + s.steps.length, 0) - 1));
  });

  test('every stage highlights its components and every step lights its two ends', async () => {
    const drawn = new Set(await page.$$eval('[data-component]', (els) => els.map((e) => e.getAttribute('data-component') ?? '')));
    drawn.add('kube-controller-manager'); // drawn as the frame around the controllers
    let before = -1; // seq of the step replayed just before, in replay order
    for (const [si, stage] of w.stages.entries()) {
      if (si !== 0) await gotoStage(page, w, stage.id);
      const lit = await page.$$eval('[data-component][data-stage="true"], [data-frame][data-stage="true"]', (els) =>
        els.map((e) => e.getAttribute('data-component') ?? e.getAttribute('data-frame') ?? '').sort(),
      );
      assert.deepEqual(lit, expectedLit(stage, drawn), `components of stage ${stage.id}`);
      assert.equal(await page.getAttribute(`#kw-stage-${si}`, 'aria-current'), 'step');
      for (const [k, seq] of stage.steps.entries()) {
        const e = f.bySeq.get(seq);
        assert.ok(e);
        const now = await shown(page);
        assert.equal(now.seq, String(seq), `stage ${stage.id} step ${k + 1}`);
        assert.deepEqual(now.active, expectedActive(e), `lit ends of #${seq}`);
        assert.equal(now.channel, e.channel);
        assert.equal(now.selected, 'true', `the rail selects step ${k + 1} of stage ${stage.id}`);
        assert.equal(now.earlier, seq < before, `#${seq} says whether it happened before #${before}`);
        before = seq;
        if (k === stage.steps.length - 1) {
          await page.waitForTimeout(700); // let the arrow's fade-in finish before the picture
          await page.screenshot({ path: shotPath(`stage-${stage.id}`) });
        } else await page.keyboard.press('ArrowRight');
      }
    }
  });

  test('the stages light what the documentation says is at work', async () => {
    const litIn = async (id: string) => {
      await gotoStage(page, w, id);
      return page.$$eval('[data-component][data-stage="true"]', (els) => els.map((e) => e.getAttribute('data-component') ?? ''));
    };
    assert.ok((await litIn('1')).includes('kubectl'));
    assert.ok((await litIn('3')).includes('etcd'));
    assert.ok((await litIn('6')).includes('replicaset-controller'));
    assert.ok((await litIn('8')).includes('default-scheduler'));
    const stage9 = await litIn('9');
    for (const node of new Set(f.nodeOf.values())) {
      assert.ok(stage9.includes(`kubelet/${node}`) && stage9.includes(`containerd/${node}`), `stage 9 lights the kubelet and runtime of ${node}`);
    }
  });

  test('arrow labels speak each channel', async () => {
    const labelAt = async (match: (e: TraceEvent) => boolean): Promise<string> => {
      const e = w.trace.find((x) => match(x) && w.stages.some((s) => s.steps.includes(x.seq)));
      assert.ok(e, 'the trace has such a step');
      await page.click(`#kw-stage-${w.stages.findIndex((s) => s.steps.includes(e.seq))} .kw-rail-text`);
      const index = await page.$eval(`.kw-rail-step[data-seq="${e.seq}"]`, (el) => el.getAttribute('data-index'));
      await page.click(`#kw-step-${index} .kw-rail-summary`);
      return (await page.textContent('.kw-arrow-text')) ?? '';
    };
    const [first] = f.pods;
    assert.equal(await labelAt((e) => e.channel === 'http-request' && e.verb === 'POST' && e.ref?.kind === 'Deployment'), 'POST /apis/apps/v1/namespaces/default/deployments');
    assert.equal(await labelAt((e) => e.channel === 'etcd-txn' && e.ref?.kind === 'Deployment'), 'txn put /registry/deployments/default/nginx-deployment');
    assert.equal(await labelAt((e) => e.channel === 'watch' && e.to === 'default-scheduler' && e.ref?.name === first), 'WATCH ADDED Pod');
    // A long API path drops its /api/v1/namespaces/default/ prefix on the arrow; the tooltip keeps it all.
    assert.equal(await labelAt((e) => e.channel === 'http-request' && e.ref?.name === first && e.path?.endsWith('/binding') === true), `POST pods/${first}/binding`);
    assert.equal(await page.textContent('.kw-arrow-label title'), `POST /api/v1/namespaces/default/pods/${first}/binding`);
    assert.equal(await labelAt((e) => e.channel === 'cri' && e.verb === 'PullImage'), 'PullImage nginx:1.14.2');
    assert.equal(await labelAt((e) => e.channel === 'event' && e.verb === 'Scheduled'), 'Event Scheduled');
    assert.equal(await labelAt((e) => e.channel === 'http-response' && e.code === 201 && e.to === 'kubectl'), '201 Created');
  });

  test('pods wait unscheduled after stage 7, sit on their chosen nodes after stage 8, run after stage 10', async () => {
    const chips = (selector: string) => page.locator(`.kw-pod[data-pod^="${f.replicaSet}-"]${selector}`).count();
    await gotoLastStepOf(page, w, '7');
    const bound = f.decisions.filter((d) => d.seq <= f.lastSeq('7')).length;
    assert.equal(await chips('[data-node=""]'), f.pods.length - bound, 'the Deployment\'s pods wait in the unscheduled tray');
    await gotoLastStepOf(page, w, '8');
    for (const node of f.workers) assert.equal(await chips(`[data-node="${node}"]`), f.podsPerNode.get(node) ?? 0, `pods on ${node}`);
    for (const [pod, node] of f.nodeOf) assert.equal(await page.getAttribute(`.kw-pod[data-pod="${pod}"]`, 'data-node'), node);
    await gotoLastStepOf(page, w, '10');
    for (const pod of f.pods) {
      const state = podStateAt(w, pod, f.lastSeq('10'));
      assert.deepEqual([state.phase, state.ready, state.node], ['Running', true, f.nodeOf.get(pod)], `${pod} is stored as running and ready by then`);
      assert.equal(await page.textContent(`.kw-pod[data-pod="${pod}"] .kw-pod-status`), '● Running', `${pod} reads Running`);
    }
  });

  test('the scheduler decision table shows on stage 8 only, with the node columns and verdicts it records', async () => {
    await page.keyboard.press('7');
    assert.equal(await page.isVisible('#kw-scheduler'), false);
    await page.keyboard.press('8');
    assert.equal(await page.isVisible('#kw-scheduler'), true);
    // The first step of stage 8 shows the decision about its pod (or the first one).
    const first = f.bySeq.get(f.stage('8').steps[0] ?? -1);
    const d = (f.decisions.find((x) => x.pod === first?.ref?.name) ?? f.decisions[0])?.detail;
    assert.ok(d);
    const heads = await page.$$eval('.kw-sched-table thead th', (els) => els.map((e) => e.textContent?.trim()));
    assert.deepEqual(heads, ['Plugin', ...d.nodes.map((n) => (n.node === d.selected ? `${n.node} ★` : n.node))]);
    const row = (plugin: string) =>
      page.$$eval(`.kw-sched-table tbody tr`, (rows, p) => rows.filter((r) => r.querySelector('th')?.textContent === p).map((r) => [...r.querySelectorAll('td')].map((td) => td.getAttribute('data-status'))), plugin);
    const taint = await row('TaintToleration');
    assert.deepEqual(taint[0], d.nodes.map((n) => n.filters.find((x) => x.plugin === 'TaintToleration')?.status ?? 'not-run'));
    const result = await page.$$eval('.kw-sched-table tfoot tr:last-child td', (tds) => tds.map((td) => td.textContent));
    assert.deepEqual(result, d.nodes.map((n) => (n.node === d.selected ? '★ Selected' : n.feasible ? '✓ Feasible' : '✕ Filtered out')));
    await page.click('#kw-show-decision');
    await page.waitForTimeout(700);
    const pane = await page.locator('#kw-main').boundingBox();
    const table = await page.locator('.kw-sched-table').boundingBox();
    assert.ok(pane && table && table.y >= pane.y && table.y < pane.y + pane.height, 'the link brings the table into view');
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
    assert.deepEqual([...rows].sort(), w.events.map((e) => `${e.reason} ${e.object} ${e.message}`).sort(), 'every recorded event, once');
    const has = (text: string) => assert.ok(rows.includes(text), `row: ${text}`);
    has(`ScalingReplicaSet deployment/nginx-deployment Scaled up replica set ${f.replicaSet} from 0 to 3`);
    for (const pod of f.pods) {
      has(`SuccessfulCreate replicaset/${f.replicaSet} Created pod: ${pod}`);
      has(`Scheduled pod/${pod} Successfully assigned default/${pod} to ${f.nodeOf.get(pod)}`);
      has(`Created pod/${pod} Created container: nginx`);
      has(`Started pod/${pod} Started container nginx`);
      assert.ok(rows.some((r) => r.startsWith(`Pulled pod/${pod} `)), `the image was pulled for ${pod}`);
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
    const early = await page.$$eval('tbody.kw-event', (els) => els.map((e) => e.getAttribute('data-object') ?? ''));
    assert.ok(early.length < rows.length, 'fewer events at the first step than at the end');
    assert.ok(!early.some((o) => o.includes('nginx')), 'nothing about nginx before it was applied');
  });

  test('the resource chain follows Deployment -> ReplicaSet -> Pods -> Nodes with status in words', async () => {
    await gotoLastStepOf(page, w, '10');
    await page.click('#kw-tab-resources');
    const chain = await page.$$eval('.kw-chain-row', (els) => els.map((e) => [...e.children].map((c) => c.textContent).join(' | ')));
    assert.ok(chain.includes('Deployment | nginx-deployment | ● 3/3 ready'), chain.join('\n'));
    assert.ok(chain.includes(`ReplicaSet | ${f.replicaSet} | ● 3/3 ready`));
    for (const pod of f.pods) assert.ok(chain.includes(`Pod | ${pod} | ● Running`), `${pod} in the chain`);
    for (const node of new Set(f.nodeOf.values())) assert.ok(chain.includes(`Node | ${node} | ● Ready`));
    await page.screenshot({ path: shotPath('resources') });
    await page.click('#kw-tab-step');
  });

  test('a long stage keeps the rail short: its steps scroll on their own, the current one in view', async () => {
    const longest = [...w.stages].sort((a, b) => b.steps.length - a.steps.length)[0];
    assert.ok(longest && longest.steps.length > 100, 'the recording has a stage with over a hundred steps');
    await gotoLastStepOf(page, w, longest.id);
    await page.waitForTimeout(200);
    const group = page.locator('.kw-rail-steps');
    const sizes = await group.evaluate((el: { scrollHeight: number; clientHeight: number }) => [el.scrollHeight, el.clientHeight]);
    assert.ok((sizes[0] ?? 0) > (sizes[1] ?? 0), 'the step list scrolls inside its group');
    const box = await group.boundingBox();
    const current = await page.locator(`#kw-step-${await attr(page, 'data-index')}`).boundingBox();
    assert.ok(box && current && current.y >= box.y - 1 && current.y + current.height <= box.y + box.height + 1, 'the current step is visible');
    const list = await page.locator('#kw-rail').evaluate((el: { scrollHeight: number; clientHeight: number }) => [el.scrollHeight, el.clientHeight]);
    assert.ok((list[0] ?? 0) < 2.5 * (list[1] ?? 1), 'the whole rail is a short scroll, not hundreds of rows');
    await page.screenshot({ path: shotPath(`rail-stage-${longest.id}`) });
  });

  test('keyboard: Home restarts, Left/Right step, Space plays and pauses, the live region speaks', async () => {
    await page.click('#kw-caption'); // out of the tab list, which keeps Left/Right for itself
    await page.keyboard.press('Home');
    assert.equal(await attr(page, 'data-index'), '0');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await attr(page, 'data-index'), '0');
    await page.keyboard.press('ArrowRight');
    assert.equal(await attr(page, 'data-index'), '1');
    const second = f.bySeq.get(w.stages[0]?.steps[1] ?? -1);
    assert.ok((await page.textContent('#kw-announcer'))?.includes(second?.summary ?? '?'));
    await page.click('#kw-speed');
    await page.click('#kw-speed vscode-option[value="16"]');
    await page.click('#kw-caption');
    await page.keyboard.press('Space');
    assert.equal(await attr(page, 'data-playing'), 'true');
    // A function, not source text: the page's CSP forbids eval, which string predicates use.
    await page.waitForFunction(() => Number(document.getElementById('app')?.getAttribute('data-index')) >= 30, undefined, { timeout: 20_000 });
    await page.keyboard.press('Space');
    assert.equal(await attr(page, 'data-playing'), 'false');
    const paused = await attr(page, 'data-index');
    assert.equal(await page.getAttribute('#kw-play', 'aria-label'), 'Play');
    await page.click('#kw-forward');
    assert.equal(await attr(page, 'data-index'), String(Number(paused) + 1));
  });

  test('the step pane shows the object as stored, then what changed at its next write', async () => {
    const puts = w.trace.filter((e) => e.channel === 'etcd-txn' && e.ref?.kind === 'Deployment' && e.ref.name === 'nginx-deployment' && e.snapshot);
    const [stored, next] = puts;
    assert.ok(stored && next, 'the Deployment is written at least twice');
    const select = async (e: TraceEvent) => {
      await page.click(`#kw-stage-${w.stages.findIndex((s) => s.steps.includes(e.seq))} .kw-rail-text`);
      await page.click(`.kw-rail-step[data-seq="${e.seq}"] .kw-rail-summary`);
    };
    await select(stored);
    assert.equal(await page.locator('.kw-diff').count(), 0, 'nothing to compare with at the first write');
    const yaml = (await page.textContent('.kw-yaml')) ?? '';
    assert.ok(yaml.startsWith('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n'));
    const meta = (stored.snapshot as { metadata: { creationTimestamp: string; uid: string } }).metadata;
    assert.ok(yaml.includes(`  creationTimestamp: "${meta.creationTimestamp}"`) && yaml.includes(`  uid: ${meta.uid}`), 'what the API server added');
    assert.ok(yaml.includes('  progressDeadlineSeconds: 600'), 'defaults are in the stored object');
    await select(next);
    const rv = (e: TraceEvent) => (e.snapshot as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    const lines = await page.$$eval('.kw-diff-line', (els) => els.map((e) => `${e.getAttribute('data-op')} ${e.textContent?.trimEnd()}`));
    assert.ok(lines.includes(`del -   resourceVersion: "${rv(stored)}"`) && lines.includes(`add +   resourceVersion: "${rv(next)}"`), lines.join('\n'));
    assert.match((await page.textContent('.kw-object-card h4')) ?? '', new RegExp(`^Changed since trace #${stored.seq} `));
  });

  test('nothing violated the CSP and nothing was logged as an error', () => {
    assert.deepEqual(problems.csp, []);
    assert.deepEqual(problems.console, []);
  });
});
