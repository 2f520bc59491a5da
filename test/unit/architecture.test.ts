/**
 * Enforces the import rules and bans of ARCHITECTURE.md on src/ and webview/, and proves the
 * checker catches what it should on planted fixture trees (test/fixtures/architecture/).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { checkArchitecture, checkFile, formatViolation, type Violation } from './architectureRules';

const repoRoot = join(__dirname, '..', '..');
const fixtures = join(repoRoot, 'test', 'fixtures', 'architecture');
const brief = (v: Violation): string => `${v.file}:${v.line} ${v.rule} ${v.subject}`;

describe('architecture rules', () => {
  test('the project keeps every import rule and ban', () => {
    const violations = checkArchitecture(repoRoot);
    assert.equal(violations.length, 0, `\n${violations.map(formatViolation).join('\n')}\n`);
  });
});

describe('architecture checker', () => {
  test('finds nothing in a tree that keeps the rules (comments, strings, methods named like timers)', () => {
    assert.deepEqual(checkArchitecture(join(fixtures, 'clean')).map(formatViolation), []);
  });

  test('catches every planted violation and nothing else', () => {
    const found = checkArchitecture(join(fixtures, 'violations')).map(brief);
    assert.deepEqual(found, [
      'src/manifest/parse.ts:1 vscode-only-in-host vscode',
      'src/manifest/parse.ts:2 manifest-pure node:fs',
      'src/manifest/parse.ts:3 manifest-pure ../host/util',
      'src/protocol/messages.ts:1 protocol-standalone ../sim/core/ids',
      'src/protocol/messages.ts:2 protocol-standalone path',
      'src/server/http.ts:1 vscode-only-in-host vscode',
      'src/sim/client/index.ts:1 sim-store-only-from-apiserver ../store',
      'src/sim/cluster.ts:1 sim-store-only-from-apiserver ./store',
      'src/sim/controllers/deployment.ts:1 sim-siblings ../scheduler/queue',
      'src/sim/controllers/deployment.ts:2 sim-outside ../../host/util',
      'src/sim/controllers/deployment.ts:3 sim-layering ../cluster',
      'src/sim/core/clock.ts:1 sim-layering ../api',
      'src/sim/core/clock.ts:2 sim-no-node-builtins os',
      'src/sim/core/clock.ts:5 sim-deterministic Date.now',
      'src/sim/core/clock.ts:6 sim-deterministic new Date()',
      'src/sim/core/clock.ts:7 sim-deterministic new Date()',
      'src/sim/core/clock.ts:8 sim-no-node-builtins fs',
      'src/sim/core/clock.ts:9 sim-deterministic setTimeout',
      'src/sim/core/clock.ts:10 sim-deterministic Math.random',
      'src/sim/core/clock.ts:11 sim-deterministic performance',
      'src/sim/core/clock.ts:12 sim-no-node-globals process',
      'src/sim/core/clock.ts:13 sim-no-node-globals Buffer',
      'src/sim/core/clock.ts:14 sim-no-dom window',
      'src/sim/scheduler/plugins/binder.ts:1 sim-siblings ../../node/kubelet',
      'src/workflow/stages.ts:1 workflow-pure ../sim/store/types',
      'src/workflow/stages.ts:5 workflow-pure node:crypto',
      'webview/main.ts:1 webview-browser-only ../src/sim/cluster',
      'webview/main.ts:2 webview-browser-only fs',
      'webview/main.ts:3 vscode-only-in-host vscode',
    ]);
  });

  test('a violation names the file, the import and the rule', () => {
    const [v] = checkFile('src/sim/node/kubelet.ts', "import { x } from '../controllers/replicaset';\n");
    assert.ok(v);
    assert.equal(
      formatViolation(v),
      "src/sim/node/kubelet.ts:1: imports '../controllers/replicaset', breaking rule sim-siblings: " +
        'sim/controllers, sim/scheduler and sim/node never import each other',
    );
  });

  test('a banned call is named with its line', () => {
    const source = "export const a = 1;\n\nexport const t = () => Date.now();\n";
    assert.deepEqual(checkFile('src/sim/api/time.ts', source).map(brief), ['src/sim/api/time.ts:3 sim-deterministic Date.now']);
  });

  test('the same text outside sim is not a violation', () => {
    assert.deepEqual(checkFile('src/host/timer.ts', 'setTimeout(() => Date.now(), Math.random());\n'), []);
  });

  test('layers may import themselves and those below them', () => {
    const imports = [
      ['src/sim/cluster.ts', './controllers/deployment'],
      ['src/sim/controllers/deployment/controller.ts', '../../client/informer'],
      ['src/sim/client/informer.ts', '../apiserver'],
      ['src/sim/apiserver/pipeline.ts', '../store'],
      ['src/sim/store/mvcc.ts', '../core'],
      ['src/sim/store/mvcc.ts', '../../protocol/trace'],
      ['src/workflow/stages.ts', '../sim/api/types'],
      ['webview/main.ts', '../src/protocol/messages'],
    ] as const;
    for (const [file, specifier] of imports) {
      assert.deepEqual(checkFile(file, `import { x } from '${specifier}';\n`), [], `${file} -> ${specifier}`);
    }
  });
});
