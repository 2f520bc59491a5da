import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventLoop, Rng, Tracer, VirtualClock } from '../../../../src/sim/core';
import { ContainerRuntime } from '../../../../src/sim/node/runtime/containerd';
import { PodNetwork } from '../../../../src/sim/node/network';

function runtime() {
  const clock = new VirtualClock();
  const loop = new EventLoop(clock);
  const tracer = new Tracer(clock);
  loop.attachTracer(tracer);
  const rt = new ContainerRuntime({ node: 'w1', loop, tracer, rng: new Rng(3), podCIDR: '10.244.1.0/24', nodeIP: '172.18.0.3', cpus: 2, network: new PodNetwork(), preloaded: ['registry.k8s.io/pause:3.10'] });
  /** Sandbox + pull + create + start, then `then(id)`. */
  const run = (name: string, image: string, command?: string[], then?: (id: string, err?: string) => void): void => {
    rt.runPodSandbox({ uid: `uid-${name}`, name, namespace: 'default', attempt: 0, hostNetwork: false, hostname: name }, (_e, sb) => {
      rt.pullImage(image, (perr) => {
        if (perr) return then?.('', perr.message);
        rt.createContainer(sb as string, { name, attempt: 0, image, command, env: [], labels: {} }, (_c, id) => {
          rt.startContainer(id as string, (serr) => then?.(id as string, serr?.message));
        });
      });
    });
  };
  return { clock, loop, tracer, rt, run };
}

describe('containerd (simulated)', () => {
  test('sandboxes get addresses from the pod CIDR in turn', () => {
    const { loop, rt } = runtime();
    const ips: string[] = [];
    for (const n of ['a', 'b']) rt.runPodSandbox({ uid: n, name: n, namespace: 'default', attempt: 0, hostNetwork: false, hostname: n }, (_e, id) => ips.push(rt.podSandboxStatus(id as string)?.ip ?? ''));
    loop.runUntilQuiet();
    assert.deepEqual(ips.sort(), ['10.244.1.2', '10.244.1.3']);
  });

  test('every call is a cri trace event from the kubelet to containerd', () => {
    const { loop, tracer, run } = runtime();
    run('web', 'nginx:1.14.2');
    loop.runUntilQuiet();
    const cri = tracer.events().filter((e) => e.channel === 'cri' && e.from === 'kubelet/w1');
    assert.deepEqual(cri.map((e) => e.verb), ['RunPodSandbox', 'PullImage', 'CreateContainer', 'StartContainer']);
    assert.equal(cri[1]?.summary, 'PullImage nginx:1.14.2');
    assert.ok(cri.every((e) => e.to === 'containerd/w1'));
  });

  test('a pull takes time by size; the image is then listed', () => {
    const { loop, rt, run } = runtime();
    let startedAt = 0;
    run('web', 'nginx:1.14.2', undefined, () => (startedAt = loop.now()));
    const t0 = loop.now();
    loop.runUntilQuiet();
    assert.ok(startedAt - t0 > 1500 && startedAt - t0 < 4000, `took ${startedAt - t0}`);
    assert.ok(rt.listImages().some((i) => i.repoTags.includes('docker.io/library/nginx:1.14.2')));
  });

  test('a missing executable is a StartError with exit code 128', () => {
    const { loop, rt, run } = runtime();
    let err: string | undefined;
    let id = '';
    run('x', 'busybox:1.36', ['bash', '-c', 'echo hi'], (i, e) => ((id = i), (err = e)));
    loop.runUntilQuiet();
    assert.match(err ?? '', /exec: "bash": executable file not found in \$PATH: unknown$/);
    const st = rt.containerStatus(id);
    assert.equal(st?.state, 'CONTAINER_EXITED');
    assert.equal(st?.exitCode, 128);
    assert.equal(st?.reason, 'StartError');
  });

  test('output goes to the log; exit codes and reasons are kept', () => {
    const { loop, rt, run } = runtime();
    let id = '';
    run('job', 'busybox:1.36', ['sh', '-c', 'echo one; sleep 2; echo two; exit 3'], (i) => (id = i));
    loop.runUntilQuiet();
    assert.equal(rt.logOf(id)?.text(), 'one\ntwo\n');
    assert.equal(rt.containerStatus(id)?.exitCode, 3);
    assert.equal(rt.containerStatus(id)?.reason, 'Error');
  });

  test('StopContainer: nginx handles the signal, a sleeping PID 1 is killed after the timeout', () => {
    const { loop, rt, run } = runtime();
    const ids: Record<string, string> = {};
    run('web', 'nginx:1.27', undefined, (i) => (ids.web = i));
    run('sleeper', 'busybox:1.36', ['sleep', '3600'], (i) => (ids.sleeper = i));
    loop.runUntilQuiet();
    const t0 = loop.now();
    const stoppedAt: Record<string, number> = {};
    for (const n of ['web', 'sleeper']) rt.stopContainer(ids[n] as string, 10, () => (stoppedAt[n] = loop.now() - t0));
    loop.runUntilQuiet();
    assert.equal(rt.containerStatus(ids.web as string)?.exitCode, 0);
    assert.ok((stoppedAt.web ?? Infinity) < 1000);
    assert.equal(rt.containerStatus(ids.sleeper as string)?.exitCode, 137);
    assert.equal(stoppedAt.sleeper, 10_000);
    assert.match(rt.logOf(ids.web as string)?.text() ?? '', /signal 3 \(SIGQUIT\) received, shutting down/);
  });

  test('a trapped SIGTERM ends a shell waiting on `wait`', () => {
    const { loop, rt, run } = runtime();
    let id = '';
    run('t', 'busybox:1.36', ['sh', '-c', 'trap "echo bye; exit 0" TERM; sleep 3600 & wait'], (i) => (id = i));
    loop.runUntilQuiet();
    rt.stopContainer(id, 30, () => undefined);
    loop.runUntilQuiet();
    assert.equal(rt.containerStatus(id)?.exitCode, 0);
    assert.equal(rt.logOf(id)?.text(), 'bye\n');
  });

  test('execSync runs a command in the container', () => {
    const { loop, rt, run } = runtime();
    let id = '';
    run('e', 'busybox:1.36', ['sh', '-c', 'touch /tmp/healthy; sleep 3600'], (i) => (id = i));
    loop.runUntilQuiet();
    const results: number[] = [];
    rt.execSync(id, ['cat', '/tmp/healthy'], 1, (_e, r) => results.push(r?.exitCode ?? -1));
    rt.execSync(id, ['cat', '/tmp/missing'], 1, (_e, r) => results.push(r?.exitCode ?? -1));
    loop.runUntilQuiet();
    assert.deepEqual(results, [0, 1]);
  });
});
