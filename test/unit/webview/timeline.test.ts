import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { Walkthrough } from '../../../src/protocol/workflow';
import { buildTimeline, formatOffset, indexOf, stageBadge, stageHeading, stageIndexForDigit, toStepPosition } from '../../../webview/model/timeline';

const w = JSON.parse(readFileSync(new URL('../../fixtures/walkthrough/nginx.json', import.meta.url), 'utf8')) as Walkthrough;

describe('buildTimeline', () => {
  const tl = buildTimeline(w);

  test('replays every stage step in stage order, numbering steps within each stage', () => {
    assert.equal(tl.positions.length, w.stages.reduce((n, s) => n + s.steps.length, 0));
    assert.deepEqual(tl.positions.map((p) => p.event.seq), w.stages.flatMap((s) => s.steps));
    for (let k = 1; k < tl.positions.length; k += 1) {
      const [a, b] = [tl.positions[k - 1], tl.positions[k]];
      assert.ok(a && b && b.stageIndex >= a.stageIndex);
      assert.equal(b.stepIndex, b.stageIndex === a.stageIndex ? a.stepIndex + 1 : 0);
    }
    assert.equal(tl.stageStart[0], 0);
    assert.equal(tl.stageLength[w.stages.length - 1], w.stages[w.stages.length - 1]?.steps.length);
  });

  test('marks the steps that happened before the step replayed just before them', () => {
    assert.equal(tl.positions[0]?.earlier, false);
    for (let k = 1; k < tl.positions.length; k += 1) {
      assert.equal(tl.positions[k]?.earlier, (tl.positions[k]?.event.seq ?? 0) < (tl.positions[k - 1]?.event.seq ?? 0));
    }
  });

  test('skips seqs the trace lacks and marks empty stages', () => {
    const broken: Walkthrough = { ...w, stages: [{ ...w.stages[0]!, steps: [999_999] }, ...w.stages.slice(1)] };
    const t = buildTimeline(broken);
    assert.equal(t.stageStart[0], -1);
    assert.equal(t.stageLength[0], 0);
    assert.equal(t.positions[0]?.stageIndex, 1);
  });

  test('positions round-trip through StepPosition; unknown positions fall back to the start', () => {
    for (const k of [0, 17, tl.positions.length - 1]) assert.equal(indexOf(tl, toStepPosition(tl, k)), k);
    assert.equal(indexOf(tl, { stageId: 'nope', seq: 1 }), 0);
  });

  test('digits name stages 1..10 and offsets count from the run start', () => {
    assert.equal(w.stages[stageIndexForDigit(tl, 3)]?.id, '3');
    assert.equal(w.stages[stageIndexForDigit(tl, 0)]?.id, '10');
    assert.equal(formatOffset(tl, tl.runStart + 2142), '+2.142s');
    assert.equal(stageHeading(w.stages[0]!), 'Prelude');
    assert.equal(stageHeading(w.stages.find((s) => s.id === 'service')!), 'Service lane');
    assert.equal(stageBadge(w.stages.find((s) => s.id === 'service')!), 'svc');
    assert.equal(stageBadge(w.stages.find((s) => s.id === '10')!), '10');
  });
});
