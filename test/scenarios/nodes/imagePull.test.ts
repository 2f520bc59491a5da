/**
 * Golden scenario for image pulls that cannot succeed: a misspelled repository and a tag that
 * does not exist. The kubelet reports ErrImagePull, then ImagePullBackOff, retrying on a
 * back-off that doubles from 10 s; the pod stays Pending. The back-off waits are background
 * work, so the scenario runs for a stretch of virtual time instead of until quiet.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../../../src/sim/cluster';
import { R } from '../../../src/sim/client';
import { events, expectEvent, follow, yamlDocs, type Obj } from '../controllers/helpers';

const pod = (name: string, image: string) => `
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: web
    image: ${image}
`;

describe('a misspelled image reaches ImagePullBackOff', () => {
  const c = createCluster({ seed: 17 });
  const waiting: { pod: string; reason: string; atMs: number }[] = [];
  const w = follow(c, [{ gvr: R.pods, prefix: 'pod' }], 'default', (_s, ch) => {
    const reason = ch.object.status?.containerStatuses?.[0]?.state?.waiting?.reason;
    const last = [...waiting].reverse().find((x) => x.pod === ch.object.metadata.name);
    if (reason && reason !== last?.reason) waiting.push({ pod: ch.object.metadata.name, reason, atMs: ch.atMs });
  });
  c.apply(yamlDocs(pod('typo', 'ngnix:1.14.2') + '---' + pod('no-such-tag', 'nginx:1.14.22')), { source: 'pods.yaml' });
  c.runFor(5 * 60_000);
  w.stop();

  test('container waiting in ImagePullBackOff, pod Pending, nothing started', () => {
    for (const name of ['typo', 'no-such-tag']) {
      const p = c.kubectl.get<Obj>(R.pods, 'default', name);
      assert.equal(p.status.phase, 'Pending');
      const cs = p.status.containerStatuses[0];
      assert.equal(cs.ready, false);
      assert.equal(cs.started, false);
      assert.equal(cs.restartCount, 0);
      assert.ok(['ImagePullBackOff', 'ErrImagePull'].includes(cs.state.waiting.reason), cs.state.waiting.reason);
      const ready = (p.status.conditions as Obj[]).find((x) => x.type === 'ContainersReady');
      assert.deepEqual([ready?.status, ready?.reason], ['False', 'ContainersNotReady']);
    }
    const p = c.kubectl.get<Obj>(R.pods, 'default', 'typo');
    const w0 = p.status.containerStatuses[0].state.waiting;
    if (w0.reason === 'ImagePullBackOff') assert.equal(w0.message, 'Back-off pulling image "ngnix:1.14.2": ErrImagePull: failed to pull and unpack image "docker.io/library/ngnix:1.14.2": failed to resolve reference "docker.io/library/ngnix:1.14.2": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed');
  });

  test('ErrImagePull first, then ImagePullBackOff, alternating as pulls are retried', () => {
    const reasons = waiting.filter((x) => x.pod === 'typo').map((x) => x.reason);
    assert.deepEqual(reasons.slice(0, 3), ['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']);
    assert.ok(reasons.filter((r) => r === 'ErrImagePull').length >= 4, reasons.join(','));
  });

  // A failed pull starts a back-off (10 s, doubling); the pod worker retries 10-15 s after an
  // error, and pulls again at the first sync past the back-off.
  test('pull attempts back off: about 10 s, 20 s, 40 s between retries', () => {
    const pulls = c.tracer
      .events()
      .filter((e) => e.channel === 'cri' && e.verb === 'PullImage' && e.summary === 'PullImage ngnix:1.14.2')
      .map((e) => e.time);
    const gaps = pulls.slice(1).map((t, i) => t - pulls[i]!);
    assert.ok(gaps.length >= 4, gaps.join(','));
    for (let i = 0; i < 3; i++) {
      const backoff = 10_000 * 2 ** i;
      assert.ok(gaps[i]! >= backoff && gaps[i]! < backoff + 17_000, `retry ${i + 1} after ${gaps[i]} ms, back-off ${backoff}`);
    }
  });

  test("the kubelet's events with upstream texts", () => {
    const ev = events(c, 'default');
    const typo = ev.filter((e) => e.object === 'pod/typo');
    expectEvent(typo, 'default-scheduler', 'Scheduled', /^Successfully assigned default\/typo to worker-\d$/);
    const pulling = expectEvent(typo, 'kubelet', 'Pulling', /^Pulling image "ngnix:1\.14\.2"$/);
    assert.ok(pulling.count >= 4);
    const failed = expectEvent(
      typo,
      'kubelet',
      'Failed',
      /^Failed to pull image "ngnix:1\.14\.2": failed to pull and unpack image "docker\.io\/library\/ngnix:1\.14\.2": failed to resolve reference "docker\.io\/library\/ngnix:1\.14\.2": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed$/,
    );
    assert.equal(failed.type, 'Warning');
    expectEvent(typo, 'kubelet', 'Failed', /^Error: ErrImagePull$/);
    const backoff = expectEvent(typo, 'kubelet', 'BackOff', /^Back-off pulling image "ngnix:1\.14\.2"$/);
    assert.equal(backoff.type, 'Normal');
    expectEvent(typo, 'kubelet', 'Failed', /^Error: ImagePullBackOff$/);
    assert.ok(!typo.some((e) => e.reason === 'Pulled' || e.reason === 'Created' || e.reason === 'Started'));

    const tag = ev.filter((e) => e.object === 'pod/no-such-tag');
    expectEvent(tag, 'kubelet', 'Failed', /^Failed to pull image "nginx:1\.14\.22": rpc error: code = NotFound desc = failed to pull and unpack image "docker\.io\/library\/nginx:1\.14\.22": failed to resolve reference "docker\.io\/library\/nginx:1\.14\.22": docker\.io\/library\/nginx:1\.14\.22: not found$/);
    expectEvent(tag, 'kubelet', 'BackOff', /^Back-off pulling image "nginx:1\.14\.22"$/);
  });
});
