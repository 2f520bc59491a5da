/**
 * The import rules and bans of /work/shared/ARCHITECTURE.md as a checker: scans every source
 * file under `<root>/src` and `<root>/webview` and returns one violation per broken rule, each
 * naming the file, the import (or the call) and the rule. Used by architecture.test.ts on the
 * project itself and on planted fixture trees.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, sep } from 'node:path';
import { findClockAndRandom, findGlobalUses, findImports, mask } from './architectureScan';

export interface Violation {
  /** Path relative to the scanned root, with forward slashes. */
  file: string;
  line: number;
  /** The import specifier, or the banned name that was used. */
  subject: string;
  rule: RuleId;
}

export type RuleId = keyof typeof RULES;

export const RULES = {
  'vscode-only-in-host': "'vscode' is imported only in src/host/** and src/extension.ts",
  'sim-no-node-builtins': 'src/sim/** imports no Node built-ins',
  'sim-no-node-globals': 'src/sim/** uses no Node globals (process, Buffer, __dirname, __filename)',
  'sim-no-dom': 'src/sim/** uses no DOM globals',
  'sim-deterministic':
    'src/sim/** never calls Date.now, new Date() without an argument, Math.random, setTimeout, setInterval, setImmediate or performance: time, randomness and scheduling come from sim/core',
  'sim-outside': 'src/sim/** imports from src only src/sim/** and src/protocol/**',
  'sim-layering':
    'inside sim a layer imports only itself and the layers below it: core <- api <- store <- apiserver <- client <- {controllers, scheduler, node} <- cluster.ts',
  'sim-store-only-from-apiserver': 'only sim/apiserver imports sim/store (only the API server talks to etcd)',
  'sim-siblings': 'sim/controllers, sim/scheduler and sim/node never import each other',
  'protocol-standalone': 'src/protocol imports nothing from other src folders and no Node built-ins (the webview uses it)',
  'manifest-pure': 'src/manifest is pure: no Node built-ins; from src it imports only src/protocol',
  'workflow-pure': 'src/workflow is pure: no Node built-ins; from src it imports only src/protocol and src/sim/api',
  'webview-browser-only':
    'webview/** imports only webview/**, src/protocol/** and npm packages meant for the browser (no Node built-ins)',
} as const;

const SOURCE_EXTENSIONS = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;
const SIM_LAYERS: Record<string, number> = {
  core: 0, api: 1, store: 2, apiserver: 3, client: 4, controllers: 5, scheduler: 5, node: 5, cluster: 6,
};
const STORE = 2;
const TOP = 6;
const SIM_SIBLINGS = new Set(['controllers', 'scheduler', 'node']);
const DETERMINISM_GLOBALS = ['setTimeout', 'setInterval', 'setImmediate', 'performance'];
const NODE_GLOBALS = ['process', 'Buffer', '__dirname', '__filename'];
const DOM_GLOBALS = [
  'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'XMLHttpRequest',
  'requestAnimationFrame', 'HTMLElement', 'customElements',
];

/** Where a module lives, as far as the rules care. */
interface Place {
  /** 'src' or 'webview', or 'other' for anything outside both. */
  top: 'src' | 'webview' | 'other';
  /** First folder (or file stem) under src/: host, sim, protocol, extension, ... */
  area: string;
  /** For sim: core, api, store, ..., cluster, or the stem of another file at the sim root. */
  layer?: string;
}

/** Checks the tree under `root` (a folder holding src/ and webview/). */
export function checkArchitecture(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const dir of ['src', 'webview']) {
    for (const file of listSources(join(root, dir))) {
      const rel = relative(root, file).split(sep).join('/');
      violations.push(...checkFile(rel, readFileSync(file, 'utf8')));
    }
  }
  return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
}

/** Checks one file given its path relative to the root (forward slashes) and its text. */
export function checkFile(file: string, source: string): Violation[] {
  const masked = mask(source);
  const from = placeOf(file);
  const violations: Violation[] = [];
  const add = (line: number, subject: string, rule: RuleId): void => {
    violations.push({ file, line, subject, rule });
  };
  for (const { specifier, line } of findImports(masked)) {
    const rule = importRule(file, from, specifier);
    if (rule) add(line, specifier, rule);
  }
  if (from.area === 'sim') {
    for (const use of findClockAndRandom(masked)) add(use.line, use.name, 'sim-deterministic');
    for (const use of findGlobalUses(masked, DETERMINISM_GLOBALS)) add(use.line, use.name, 'sim-deterministic');
    for (const use of findGlobalUses(masked, NODE_GLOBALS)) add(use.line, use.name, 'sim-no-node-globals');
    for (const use of findGlobalUses(masked, DOM_GLOBALS)) add(use.line, use.name, 'sim-no-dom');
  }
  return violations;
}

export function formatViolation(v: Violation): string {
  const what = v.rule.startsWith('sim-') && !isImportRule(v) ? `uses '${v.subject}'` : `imports '${v.subject}'`;
  return `${v.file}:${v.line}: ${what}, breaking rule ${v.rule}: ${RULES[v.rule]}`;
}

function isImportRule(v: Violation): boolean {
  return !['sim-deterministic', 'sim-no-node-globals', 'sim-no-dom'].includes(v.rule);
}

function importRule(file: string, from: Place, specifier: string): RuleId | undefined {
  const isRelative = specifier.startsWith('.') || specifier.startsWith('/');
  if (!isRelative) {
    if (specifier === 'vscode') {
      const allowed = from.area === 'host' || (from.top === 'src' && from.area === 'extension');
      return allowed ? undefined : 'vscode-only-in-host';
    }
    if (!isNodeBuiltin(specifier)) return undefined; // an npm package
    if (from.top === 'webview') return 'webview-browser-only';
    switch (from.area) {
      case 'sim': return 'sim-no-node-builtins';
      case 'protocol': return 'protocol-standalone';
      case 'manifest': return 'manifest-pure';
      case 'workflow': return 'workflow-pure';
      default: return undefined;
    }
  }
  const target = placeOf(posix.normalize(posix.join(posix.dirname(file), specifier)));
  if (from.top === 'webview') {
    const ok = target.top === 'webview' || (target.top === 'src' && target.area === 'protocol');
    return ok ? undefined : 'webview-browser-only';
  }
  if (from.top !== 'src' || target.top !== 'src') return undefined;
  if (target.area === from.area && from.area !== 'sim') return undefined;
  switch (from.area) {
    case 'protocol': return 'protocol-standalone';
    case 'manifest': return target.area === 'protocol' ? undefined : 'manifest-pure';
    case 'workflow':
      return target.area === 'protocol' || (target.area === 'sim' && target.layer === 'api') ? undefined : 'workflow-pure';
    case 'sim': return simRule(from, target);
    default: return undefined;
  }
}

function simRule(from: Place, target: Place): RuleId | undefined {
  if (target.area === 'protocol') return undefined;
  if (target.area !== 'sim') return 'sim-outside';
  const a = from.layer ?? '';
  const b = target.layer ?? '';
  if (a === b) return undefined;
  if (SIM_SIBLINGS.has(a) && SIM_SIBLINGS.has(b)) return 'sim-siblings';
  // Other files at the sim root (an index, say) sit at the top, beside cluster.ts.
  const levelA = SIM_LAYERS[a] ?? TOP;
  const levelB = SIM_LAYERS[b] ?? TOP;
  if (levelB > levelA) return 'sim-layering';
  if (b === 'store' && a !== 'apiserver' && levelA > STORE) return 'sim-store-only-from-apiserver';
  return undefined;
}

function placeOf(path: string): Place {
  const parts = path.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  const top = parts[0];
  if (top === 'webview') return { top: 'webview', area: '' };
  if (top !== 'src' || parts.length < 2) return { top: 'other', area: '' };
  const stem = (name: string): string => name.replace(SOURCE_EXTENSIONS, '').replace(/\.d$/, '');
  const area = stem(parts[1] ?? '');
  if (area !== 'sim') return { top: 'src', area };
  const layer = parts[2] === undefined ? 'index' : stem(parts[2]);
  return { top: 'src', area, layer };
}

function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  return builtinModules.includes(specifier) || builtinModules.includes(specifier.split('/')[0] ?? '');
}

function listSources(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const name of names.sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...listSources(path));
    else if (SOURCE_EXTENSIONS.test(name)) files.push(path);
  }
  return files;
}
