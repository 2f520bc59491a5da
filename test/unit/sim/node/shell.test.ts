import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runScript, type Dialect } from '../../../../src/sim/node/runtime/shell/interp';
import type { Family } from '../../../../src/sim/node/runtime/catalog';
import type { ProcHost } from '../../../../src/sim/node/runtime/process';

/** Runs a script to completion, adding up the virtual time it waits. */
function run(script: string, opts: { family?: Family; dialect?: Dialect; commands?: string[]; env?: Record<string, string> } = {}) {
  let out = '';
  let err = '';
  let waited = 0;
  const commands = new Set(opts.commands ?? ['echo', 'sleep', 'cat', 'date', 'hostname', 'seq', 'printenv', 'env', 'sh', 'test', '[', 'grep', 'wc', 'head', 'tail', 'touch', 'wget']);
  const host: ProcHost = {
    family: opts.family ?? 'busybox',
    env: new Map(Object.entries({ HOSTNAME: 'web-0', ...opts.env })),
    files: new Map([['/etc/hostname', 'web-0\n']]),
    hostname: 'web-0',
    cpus: 2,
    now: () => Date.UTC(2026, 0, 1) + waited,
    write: (fd, t) => (fd === 1 ? (out += t) : (err += t)),
    listen: () => undefined,
    isListening: () => false,
    hasCommand: (n) => commands.has(n),
    program: () => undefined,
    net: () => ({ ok: false, error: 'resolve' }),
    setTrap: () => undefined,
    takeSignal: () => undefined,
    onTerm: () => undefined,
  };
  const gen = runScript(script, host, opts.dialect ?? 'ash');
  let r = gen.next(undefined);
  let steps = 0;
  while (!r.done && steps++ < 1000) {
    if (r.value.ms === Infinity) return { out, err, code: undefined as number | undefined, waited, blocked: true };
    waited += r.value.ms;
    r = gen.next(undefined);
  }
  return { out, err, code: r.done ? r.value : undefined, waited, blocked: false };
}

describe('simulated shell', () => {
  test('echo, variables and exit codes', () => {
    const r = run('echo "hello $HOSTNAME"; X=3; echo x=$X; exit 4');
    assert.equal(r.out, 'hello web-0\nx=3\n');
    assert.equal(r.code, 4);
  });

  test('sleep is honoured in virtual time', () => {
    const r = run('echo start; sleep 5; echo after; sleep 1m');
    assert.equal(r.out, 'start\nafter\n');
    assert.equal(r.waited, 65_000);
    assert.equal(r.code, 0);
  });

  test('loops, tests and arithmetic', () => {
    const r = run('i=0; while [ $i -lt 3 ]; do echo n=$i; i=$((i+1)); done; for w in a b; do echo $w; done');
    assert.equal(r.out, 'n=0\nn=1\nn=2\na\nb\n');
  });

  test('&& and || follow exit statuses; false fails the script', () => {
    assert.equal(run('false && echo no || echo yes').out, 'yes\n');
    assert.equal(run('true; false').code, 1);
  });

  test('an infinite loop with sleep waits forever in steps', () => {
    const r = run('while true; do echo tick; sleep 10; done');
    assert.equal(r.blocked, false);
    assert.ok(r.out.startsWith('tick\ntick\n'));
    assert.ok(r.waited >= 10_000);
  });

  test("unknown commands fail with 127 in each shell's words", () => {
    assert.deepEqual([run('nope').err, run('nope').code], ['sh: nope: not found\n', 127]);
    assert.equal(run('nope', { dialect: 'dash', family: 'debian' }).err, 'sh: 1: nope: not found\n');
    assert.equal(run('nope', { dialect: 'bash', family: 'debian' }).err, 'bash: line 1: nope: command not found\n');
  });

  test('syntax errors exit 2', () => {
    const r = run('while true; do echo x', { dialect: 'dash', family: 'debian' });
    assert.equal(r.code, 2);
    assert.match(r.err, /^sh: 1: Syntax error: end of file unexpected \(expecting "done"\)/);
  });

  test('command substitution, pipes and files', () => {
    assert.equal(run('echo "host: $(hostname)"').out, 'host: web-0\n');
    assert.equal(run('seq 1 5 | tail -n 2').out, '4\n5\n');
    assert.equal(run('echo hi > /tmp/x; cat /tmp/x; cat /missing').out, 'hi\n');
    assert.equal(run('cat /missing').err, "cat: can't open '/missing': No such file or directory\n");
  });

  test('sleep with a bad argument fails as busybox says', () => {
    const r = run('sleep abc');
    assert.equal(r.err, "sleep: invalid number 'abc'\n");
    assert.equal(r.code, 1);
  });
});
