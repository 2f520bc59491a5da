import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { call, serverHarness, stream, type Harness } from './harness';

const CM = '/api/v1/namespaces/default/configmaps';
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

/** Lets the server take requests while the virtual clock delivers notifications. */
async function pump(h: Harness, done: () => boolean, rounds = 200): Promise<void> {
  for (let i = 0; i < rounds && !done(); i++) {
    await sleep(5);
    h.settle(20);
  }
}

function cm(name: string): object {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { app: 'w' } }, data: { k: name } };
}

describe('server: watch', () => {
  let h: Harness;
  before(async () => {
    h = await serverHarness();
    await call(h, { method: 'POST', path: CM, body: cm('first') });
  });
  after(() => h.close());

  test('a chunked stream of JSON lines: current objects, then changes as they happen', async () => {
    const got: Record<string, unknown>[][] = [];
    const s = stream(h, `${CM}?watch=true&labelSelector=app%3Dw`, (lines) => {
      got[0] = lines;
      return lines.length >= 3;
    });
    await pump(h, () => (got[0]?.length ?? 0) >= 1);
    await call(h, { method: 'POST', path: CM, body: cm('second') });
    await call(h, { method: 'DELETE', path: `${CM}/first` });
    await pump(h, () => (got[0]?.length ?? 0) >= 3);
    const { lines } = await s.lines;
    assert.deepEqual(
      lines.map((l) => [l.type, (l.object as { metadata: { name: string } }).metadata.name]),
      [
        ['ADDED', 'first'],
        ['ADDED', 'second'],
        ['DELETED', 'first'],
      ],
    );
  });

  test('sendInitialEvents ends the initial events with an annotated bookmark', async () => {
    const s = stream(h, `${CM}?watch=1&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan`, (lines) => lines.some((l) => l.type === 'BOOKMARK'));
    let done = false;
    void s.lines.then(() => (done = true));
    await pump(h, () => done);
    const { lines } = await s.lines;
    const bookmark = lines.find((l) => l.type === 'BOOKMARK')?.object as { metadata: { annotations: Record<string, string>; resourceVersion: string } };
    assert.equal(bookmark.metadata.annotations['k8s.io/initial-events-end'], 'true');
    assert.ok(Number(bookmark.metadata.resourceVersion) > 0);
    assert.ok(lines.findIndex((l) => l.type === 'ADDED') < lines.findIndex((l) => l.type === 'BOOKMARK'));
  });

  test('a watch of one object is its collection narrowed by name; Tables for kubectl get -w', async () => {
    const s = stream(h, `${CM}/second?watch=true`, (lines) => lines.length >= 1, { accept: TABLE });
    let done = false;
    void s.lines.then(() => (done = true));
    await pump(h, () => done);
    const { lines } = await s.lines;
    const table = lines[0]?.object as { kind: string; rows: { cells: unknown[] }[] };
    assert.equal(table.kind, 'Table');
    assert.deepEqual(table.rows.map((r) => r.cells[0]), ['second']);
  });

  test('timeoutSeconds ends the stream', async () => {
    const s = stream(h, `${CM}?watch=true&timeoutSeconds=1`, () => false);
    let done = false;
    void s.lines.then(() => (done = true));
    await pump(h, () => done, 600);
    const { ended } = await s.lines;
    assert.equal(ended, true);
  });

  test('a watch from a compacted resourceVersion gets 410 Expired as an ERROR event or a Status', async () => {
    h.api.ctx.store.compact(h.api.ctx.store.revision);
    const s = stream(h, `${CM}?watch=true&resourceVersion=1`, (lines) => lines.length >= 1);
    let done = false;
    void s.lines.then(() => (done = true));
    await pump(h, () => done);
    const { status, lines } = await s.lines;
    if (status === 200) {
      assert.equal(lines[0]?.type, 'ERROR');
      assert.equal((lines[0]?.object as { code: number }).code, 410);
    } else {
      assert.equal(status, 410);
    }
  });
});
