import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { condition, containerStatus, nodeHarness } from './helpers';

describe('kubelet: probes and hooks', () => {
  test('a readiness probe on a port nothing listens on keeps the pod unready', () => {
    const h = nodeHarness();
    h.node('worker-1');
    h.loop.runUntilQuiet();
    h.pod('web', 'worker-1', { containers: [{ name: 'nginx', image: 'nginx:1.14.2', readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 5 } }] });
    h.loop.runUntilQuiet();
    h.loop.runFor(20_000);
    const pod = h.get('web');
    assert.equal((pod?.status as any).phase, 'Running');
    assert.equal(condition(pod, 'Ready'), 'False');
    assert.equal(containerStatus(pod).ready, false);
    assert.ok(h.events('web').includes(`Unhealthy: Readiness probe failed: Get "http://${(pod?.status as any).podIP}:8080/": dial tcp ${(pod?.status as any).podIP}:8080: connect: connection refused`));
    assert.ok(h.eventCount('web', 'Unhealthy') >= 3);
  });

  test('a readiness probe that succeeds makes the pod Ready; nginx logs the kube-probe requests', () => {
    const h = nodeHarness();
    const node = h.node('worker-1');
    h.loop.runUntilQuiet();
    h.pod('web', 'worker-1', { containers: [{ name: 'nginx', image: 'nginx:1.14.2', readinessProbe: { httpGet: { path: '/', port: 80 } } }] });
    h.loop.runUntilQuiet();
    assert.equal(condition(h.get('web'), 'Ready'), 'True');
    assert.match(node.logs('default', 'web') ?? '', /"GET \/ HTTP\/1.1" 200 612 "-" "kube-probe\/1.33" "-"/);
  });

  test('a failing liveness probe restarts the container', () => {
    const h = nodeHarness();
    h.node('worker-1');
    h.loop.runUntilQuiet();
    h.pod('live', 'worker-1', { containers: [{ name: 'nginx', image: 'nginx:1.14.2', livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5, failureThreshold: 3 } }] });
    h.loop.runUntilQuiet();
    h.loop.runFor(25_000);
    const events = h.events('live');
    assert.ok(events.includes('Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 404'));
    assert.ok(events.includes('Killing: Container nginx failed liveness probe, will be restarted'));
    assert.equal(containerStatus(h.get('live')).restartCount, 1);
  });

  test('exec probes run in the container', () => {
    const h = nodeHarness();
    h.node('worker-1');
    h.loop.runUntilQuiet();
    h.pod('exec', 'worker-1', {
      containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5; touch /tmp/healthy; sleep 3600'], readinessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 2 } }],
    });
    h.loop.runFor(3_000);
    assert.equal(condition(h.get('exec'), 'Ready'), 'False');
    h.loop.runFor(10_000);
    assert.equal(condition(h.get('exec'), 'Ready'), 'True');
  });

  test('postStart and preStop hooks run', () => {
    const h = nodeHarness();
    const node = h.node('worker-1');
    h.loop.runUntilQuiet();
    h.pod('hooks', 'worker-1', {
      containers: [{
        name: 'c',
        image: 'busybox:1.36',
        command: ['sh', '-c', 'sleep 3600'],
        lifecycle: { postStart: { exec: { command: ['sh', '-c', 'echo started > /tmp/hook'] } }, preStop: { exec: { command: ['false'] } } },
      }],
    });
    h.loop.runUntilQuiet();
    assert.equal((h.get('hooks')?.status as any).phase, 'Running');
    const id = (containerStatus(h.get('hooks')).containerID as string).replace('containerd://', '');
    let hook = '';
    node.runtime.execSync(id, ['cat', '/tmp/hook'], 1, (_e, r) => (hook = r?.stdout ?? ''));
    h.loop.runUntilQuiet();
    assert.equal(hook, 'started\n');
    h.admin.delete({ group: '', version: 'v1', resource: 'pods' }, 'default', 'hooks', { gracePeriodSeconds: 3 });
    h.loop.runUntilQuiet();
    assert.ok(h.events('hooks').includes('FailedPreStopHook: PreStopHook failed'));
    assert.equal(h.get('hooks'), undefined);
  });
});
