import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, only, TestFramework } from './fixtures';
import { IMAGE_LOCALITY, calculatePriority, newImageLocality } from '../../../../../src/sim/scheduler/plugins/imageLocality';

const MB = 1024 * 1024;

describe('ImageLocality', () => {
  test('calculatePriority clamps to 23MB .. 1000MB per container', () => {
    assert.equal(calculatePriority(10 * MB, 1), 0);
    assert.equal(calculatePriority(2000 * MB, 1), 100);
    assert.equal(calculatePriority(500 * MB, 1), Math.trunc((100 * (477 * MB)) / (977 * MB)));
  });

  test('image size scaled by the share of nodes holding it; untagged images mean :latest', () => {
    const t = new TestFramework(only(IMAGE_LOCALITY, newImageLocality), [
      makeNode('has', { images: [{ names: ['gcr.io/250:latest'], sizeBytes: 250 * MB }, { names: ['gcr.io/40:v1'], sizeBytes: 40 * MB }] }),
      makeNode('none'),
    ]);
    const s = t.score(makePod('p', { containers: [{ name: 'c', image: 'gcr.io/250' }] }));
    // 250MB * 1/2 nodes = 125MB -> (125-23)*100/(1000-23) = 10
    assert.equal(s.get('has')?.scores[0]?.normalized, 10);
    assert.equal(s.get('none')?.scores[0]?.normalized, 0);
  });
});
