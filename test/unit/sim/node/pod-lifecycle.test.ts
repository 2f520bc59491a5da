import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { condition, containerStatus, nodeHarness } from './helpers';

describe('kubelet: pod lifecycle', () => {
  test('nginx runs: events, conditions, IPs and container status as upstream writes them', () => {
    const h = nodeHarness();
    h.node('worker-1');
    h.loop.runUntilQuiet();
    h.pod('web', 'worker-1', { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] });
    h.loop.runUntilQuiet();
    const pod = h.get('web');
    const status = pod?.status as Record<string, any>;
    assert.equal(status.phase, 'Running');
    assert.equal(status.podIP, '10.244.0.2');
    assert.deepEqual(status.podIPs, [{ ip: '10.244.0.2' }]);
    assert.equal(status.hostIP, '172.18.0.2');
    assert.ok(status.startTime);
    for (const c of ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']) assert.equal(condition(pod, c), 'True', c);
    const cs = containerStatus(pod);
    assert.equal(cs.image, 'docker.io/library/nginx:1.14.2');
    assert.equal(cs.imageID, 'docker.io/library/nginx@sha256:f7988fb6c02e0ce69257d9bd9cf37ae20a60f1df7563c3a2a6abe24160306b8d');
    assert.match(cs.containerID, /^containerd:\/\/[0-9a-f]{64}$/);
    assert.equal(cs.ready, true);
    assert.equal(cs.started, true);
    assert.equal(cs.restartCount, 0);
    assert.ok(cs.state.running.startedAt);
    const events = h.events('web');
    assert.equal(events[0], 'Pulling: Pulling image "nginx:1.14.2"');
    assert.match(events[1] ?? '', /^Pulled: Successfully pulled image "nginx:1.14.2" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: 44709229 bytes\.$/);
    assert.deepEqual(events.slice(2), ['Created: Created container: nginx', 'Started: Started container nginx']);
  });

  test('status goes Pending/ContainerCreating, then Running, in few writes through pods/status', () => {
    const h = nodeHarness();
    h.node('worker-1');
    h.loop.runUntilQuiet();
    h.pod('web', 'worker-1', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] });
    h.loop.runFor(100);
    assert.equal(containerStatus(h.get('web')).state?.waiting?.reason, 'ContainerCreating');
    assert.equal((h.get('web')?.status as any).phase, 'Pending');
    h.loop.runUntilQuiet();
    const writes = h.tracer.events().filter((e) => e.from === 'kubelet/worker-1' && e.verb === 'PATCH' && e.path === '/api/v1/namespaces/default/pods/web/status');
    assert.ok(writes.length >= 2 && writes.length <= 3, `${writes.length} status writes`);
  });

  test('a second pod on the node finds the image present', () => {
    const h = nodeHarness();
    h.node('worker-1');
    h.loop.runUntilQuiet();
    h.pod('a', 'worker-1', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] });
    h.loop.runUntilQuiet();
    h.pod('b', 'worker-1', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] });
    h.loop.runUntilQuiet();
    assert.ok(h.events('b').includes('Pulled: Container image "nginx:1.14.2" already present on machine'));
  });

  test('a misspelled image goes ErrImagePull, then ImagePullBackOff', () => {
    const h = nodeHarness();
    const node = h.node('worker-1');
    h.loop.runUntilQuiet();
    h.pod('bad', 'worker-1', { containers: [{ name: 'nginx', image: 'ngnix:1.14.2' }] });
    h.loop.runUntilQuiet();
    assert.equal(containerStatus(h.get('bad')).state?.waiting?.reason, 'ErrImagePull');
    h.loop.runFor(20_000);
    const waiting = containerStatus(h.get('bad')).state?.waiting;
    assert.equal(waiting?.reason, 'ImagePullBackOff');
    assert.match(waiting?.message, /^Back-off pulling image "ngnix:1.14.2": ErrImagePull: failed to pull and unpack image "docker.io\/library\/ngnix:1.14.2"/);
    const events = h.events('bad');
    assert.ok(events.some((e) => e.startsWith('Failed: Failed to pull image "ngnix:1.14.2": failed to pull and unpack image')));
    assert.ok(events.includes('Failed: Error: ErrImagePull'));
    assert.ok(events.includes('BackOff: Back-off pulling image "ngnix:1.14.2"'));
    assert.ok(events.includes('Failed: Error: ImagePullBackOff'));
    assert.equal((h.get('bad')?.status as any).phase, 'Pending');
    assert.throws(() => node.logs('default', 'bad'), /container "nginx" in pod "bad" is waiting to start: ImagePullBackOff/);
  });

  test('a container that exits 1 goes CrashLoopBackOff with a growing back-off', () => {
    const h = nodeHarness();
    h.node('worker-1');
    h.loop.runUntilQuiet();
    h.pod('crash', 'worker-1', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; exit 1'] }] });
    const messages = new Set<string>();
    const restartsAt: number[] = [];
    let restarts = 0;
    for (let i = 0; i < 600; i++) {
      h.loop.runFor(250);
      const cs = containerStatus(h.get('crash'));
      const w = cs.state?.waiting;
      if (w?.reason === 'CrashLoopBackOff') messages.add(String(w.message).split(' ')[1] ?? '');
      if ((cs.restartCount ?? 0) > restarts) {
        restarts = cs.restartCount;
        restartsAt.push(h.loop.now());
      }
    }
    assert.ok(messages.has('20s') && messages.has('40s'), [...messages].join(','));
    // The first restart is immediate; then each wait is longer than the one before.
    const gaps = restartsAt.slice(1).map((t, i) => t - (restartsAt[i] as number));
    assert.ok(gaps.length >= 3);
    for (let i = 1; i < gaps.length; i++) assert.ok((gaps[i] as number) > (gaps[i - 1] as number), `gaps ${gaps}`);
    const cs = containerStatus(h.get('crash'));
    assert.ok(cs.restartCount >= 3);
    assert.equal(cs.lastState.terminated.exitCode, 1);
    assert.equal(cs.lastState.terminated.reason, 'Error');
    assert.equal((h.get('crash')?.status as any).phase, 'Running');
    assert.ok(h.events('crash').some((e) => /^BackOff: Back-off restarting failed container app in pod crash_default\(/.test(e)));
  });

  test('restartPolicy Never: a job completes and logs what it echoed', () => {
    const h = nodeHarness();
    const node = h.node('worker-1');
    h.loop.runUntilQuiet();
    h.pod('job', 'worker-1', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo working; sleep 3; echo done'] }] });
    h.loop.runUntilQuiet();
    const pod = h.get('job');
    assert.equal((pod?.status as any).phase, 'Succeeded');
    assert.equal(containerStatus(pod).state.terminated.reason, 'Completed');
    assert.equal(condition(pod, 'Ready'), 'False');
    assert.equal(node.logs('default', 'job'), 'working\ndone\n');
  });

  test('restartPolicy Never with a failing command fails the pod', () => {
    const h = nodeHarness();
    h.node('worker-1');
    h.loop.runUntilQuiet();
    h.pod('f', 'worker-1', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['false'] }] });
    h.loop.runUntilQuiet();
    assert.equal((h.get('f')?.status as any).phase, 'Failed');
    assert.equal(containerStatus(h.get('f')).state.terminated.exitCode, 1);
  });

  test('init containers run in order before the app', () => {
    const h = nodeHarness();
    const node = h.node('worker-1');
    h.loop.runUntilQuiet();
    h.pod('init', 'worker-1', {
      initContainers: [
        { name: 'first', image: 'busybox:1.36', command: ['sh', '-c', 'echo first; sleep 2'] },
        { name: 'second', image: 'busybox:1.36', command: ['sh', '-c', 'echo second'] },
      ],
      containers: [{ name: 'app', image: 'nginx:1.14.2' }],
    });
    h.loop.runFor(1_500);
    assert.equal(condition(h.get('init'), 'Initialized'), 'False');
    assert.equal(containerStatus(h.get('init')).state?.waiting?.reason, 'PodInitializing');
    h.loop.runUntilQuiet();
    const pod = h.get('init');
    assert.equal((pod?.status as any).phase, 'Running');
    assert.equal(condition(pod, 'Initialized'), 'True');
    const started = h.events('init').filter((e) => e.startsWith('Started:'));
    assert.deepEqual(started, ['Started: Started container first', 'Started: Started container second', 'Started: Started container app']);
    assert.equal(node.logs('default', 'init', 'second'), 'second\n');
  });

  test('graceful deletion: Killing, SIGTERM, then the kubelet deletes the pod', () => {
    const h = nodeHarness();
    const node = h.node('worker-1');
    h.loop.runUntilQuiet();
    h.pod('web', 'worker-1', { containers: [{ name: 'nginx', image: 'nginx:1.27' }] });
    h.pod('sleeper', 'worker-1', { terminationGracePeriodSeconds: 5, containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] });
    h.loop.runUntilQuiet();
    const t0 = h.loop.now();
    h.admin.delete({ group: '', version: 'v1', resource: 'pods' }, 'default', 'web');
    h.admin.delete({ group: '', version: 'v1', resource: 'pods' }, 'default', 'sleeper');
    h.loop.runFor(1_000);
    assert.equal(h.get('web'), undefined);
    assert.ok(h.get('sleeper')?.metadata.deletionTimestamp);
    h.loop.runUntilQuiet();
    assert.equal(h.get('sleeper'), undefined);
    assert.ok(h.events('web').includes('Killing: Stopping container nginx'));
    const del = h.tracer.events().find((e) => e.from === 'kubelet/worker-1' && e.verb === 'DELETE' && e.path === '/api/v1/namespaces/default/pods/sleeper');
    assert.ok(del && del.time - t0 >= 5_000);
    assert.equal(node.runtime.listContainers().length, 0);
    assert.equal(node.runtime.listPodSandbox().length, 0);
  });

  test('admission rejects a pod that does not fit: OutOfcpu', () => {
    const h = nodeHarness();
    h.node('worker-1');
    h.loop.runUntilQuiet();
    h.pod('big', 'worker-1', { containers: [{ name: 'c', image: 'nginx:1.14.2', resources: { requests: { cpu: '3' } } }] });
    h.loop.runUntilQuiet();
    const status = h.get('big')?.status as Record<string, any>;
    assert.equal(status.phase, 'Failed');
    assert.equal(status.reason, 'OutOfcpu');
    assert.equal(status.message, "Pod was rejected: Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000");
  });

  test('a missing ConfigMap key is CreateContainerConfigError', () => {
    const h = nodeHarness();
    h.node('worker-1');
    h.loop.runUntilQuiet();
    h.pod('cfg', 'worker-1', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '60'], env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'app', key: 'x' } } }] }] });
    h.loop.runUntilQuiet();
    const w = containerStatus(h.get('cfg')).state.waiting;
    assert.equal(w.reason, 'CreateContainerConfigError');
    assert.equal(w.message, 'configmap "app" not found');
  });
});
