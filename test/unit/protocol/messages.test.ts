import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  isHostMessage,
  isPanelState,
  isStepPosition,
  isTraceEvent,
  isWalkthrough,
  isWebviewMessage,
  MAX_INBOUND_STRING,
} from '../../../src/protocol/messages';

const sample = (): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL('../../fixtures/walkthrough/nginx.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('isWebviewMessage (what the host accepts from the panel)', () => {
  test('accepts the three messages the panel sends', () => {
    assert.equal(isWebviewMessage({ type: 'webview/ready' }), true);
    assert.equal(isWebviewMessage({ type: 'step/didSelect', stageId: '8', seq: 64 }), true);
    assert.equal(isWebviewMessage({ type: 'webview/didError', message: 'boom' }), true);
  });

  test('rejects unknown types, wrong field types and non-objects', () => {
    for (const bad of [
      null, undefined, 'webview/ready', 42, [], {},
      { type: 'walkthrough/didLoad' },
      { type: 'step/didSelect', stageId: 8, seq: 64 },
      { type: 'step/didSelect', stageId: '8', seq: '64' },
      { type: 'step/didSelect', stageId: '8', seq: -1 },
      { type: 'step/didSelect', stageId: '8', seq: 1.5 },
      { type: 'step/didSelect', stageId: '8' },
      { type: 'webview/didError', message: { text: 'x' } },
      { type: 'WEBVIEW/READY' },
    ]) {
      assert.equal(isWebviewMessage(bad), false, JSON.stringify(bad));
    }
  });

  test('rejects strings longer than MAX_INBOUND_STRING', () => {
    assert.equal(isWebviewMessage({ type: 'webview/didError', message: 'x'.repeat(MAX_INBOUND_STRING) }), true);
    assert.equal(isWebviewMessage({ type: 'webview/didError', message: 'x'.repeat(MAX_INBOUND_STRING + 1) }), false);
    assert.equal(isWebviewMessage({ type: 'step/didSelect', stageId: 'x'.repeat(MAX_INBOUND_STRING + 1), seq: 1 }), false);
  });
});

describe('isWalkthrough / isHostMessage / isPanelState (what the panel accepts)', () => {
  test('the sample walkthrough passes', () => {
    const w = sample();
    assert.equal(isWalkthrough(w), true);
    assert.equal(isHostMessage({ type: 'walkthrough/didLoad', walkthrough: w }), true);
    assert.equal(isHostMessage({ type: 'walkthrough/didLoad', walkthrough: w, position: { stageId: '8', seq: 64 } }), true);
    assert.equal(isPanelState({ version: 1, walkthrough: w }), true);
  });

  test('a walkthrough with one broken field anywhere fails', () => {
    const mutations: ((w: Record<string, unknown>) => void)[] = [
      (w) => void (w.title = 7),
      (w) => void delete w.topology,
      (w) => void ((w.trace as Record<string, unknown>[])[3]!.channel = 'telepathy'),
      (w) => void ((w.trace as Record<string, unknown>[])[0]!.seq = 'one'),
      (w) => void ((w.stages as Record<string, unknown>[])[1]!.status = 'maybe'),
      (w) => void ((w.stages as Record<string, unknown>[])[1]!.steps = [1, 'two']),
      (w) => void ((w.events as Record<string, unknown>[])[0]!.count = '1'),
      (w) => void (((w.topology as Record<string, unknown>).nodes as Record<string, unknown>[])[0]!.role = 'boss'),
      (w) => void ((w.applied as unknown[]).push({ kind: 'Pod' })),
    ];
    for (const mutate of mutations) {
      const w = sample();
      mutate(w);
      assert.equal(isWalkthrough(w), false, mutate.toString());
      assert.equal(isHostMessage({ type: 'walkthrough/didLoad', walkthrough: w }), false);
    }
  });

  test('messages and state with a bad position or version fail', () => {
    const w = sample();
    assert.equal(isHostMessage({ type: 'walkthrough/didLoad', walkthrough: w, position: { stageId: '8' } }), false);
    assert.equal(isHostMessage({ type: 'webview/ready' }), false);
    assert.equal(isPanelState({ version: 2, walkthrough: w }), false);
    assert.equal(isPanelState({ version: 1 }), false);
    assert.equal(isStepPosition({ stageId: 'service', seq: 0 }), true);
  });

  test('trace events: optional fields are checked when present', () => {
    const base = { seq: 1, time: 0, from: 'a', to: 'b', channel: 'watch', summary: 's' };
    assert.equal(isTraceEvent(base), true);
    assert.equal(isTraceEvent({ ...base, code: '201' }), false);
    assert.equal(isTraceEvent({ ...base, ref: { kind: 'Pod' } }), false);
    assert.equal(isTraceEvent({ ...base, ref: { kind: 'Pod', name: 'p' }, snapshot: { anything: true }, detail: [1] }), true);
  });
});
