/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and ranks functions by self time and by total
 * time, as file:line function (through the bundle's source map when there is one), plus
 * self time rolled up by file and, on request, one function's time split by its callers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, relative, resolve } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface TopEntry {
  name: string;
  selfMs: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time: where the CPU was. */
  functions: TopEntry[];
  files: TopEntry[];
  /** Total time (self + callees, recursion counted once): what a call costs. */
  inclusive: TopEntry[];
  /** With callersOf: the total time of that function split by its callers. */
  callers: TopEntry[];
}

function shorten(path: string, root: string): string {
  return path.startsWith(root) ? relative(root, path) : path.replace(/^.*node_modules\//, 'node_modules/');
}

const maps = new Map<string, SourceMap | undefined>();

/** The linked source map of a bundle (esbuild --sourcemap=linked), if there is one. */
function mapFor(path: string): SourceMap | undefined {
  if (maps.has(path)) return maps.get(path);
  let map: SourceMap | undefined;
  const file = `${path}.map`;
  if (existsSync(file)) {
    const payload = JSON.parse(readFileSync(file, 'utf8')) as { sources: string[] };
    payload.sources = payload.sources.map((s) => resolve(dirname(path), s));
    map = new SourceMap(payload as ConstructorParameters<typeof SourceMap>[0]);
  }
  maps.set(path, map);
  return map;
}

/** file and 1-based line of a call frame, through the bundle's source map when present. */
function where(frame: ProfileNode['callFrame'], root: string): { file: string; line: number } {
  const { url, lineNumber, columnNumber } = frame;
  if (!url) return { file: '(native)', line: 0 };
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice(7)) : url;
  const entry = mapFor(path)?.findEntry(lineNumber, columnNumber) as { originalSource?: string; originalLine?: number } | undefined;
  if (entry?.originalSource) return { file: shorten(entry.originalSource, root), line: (entry.originalLine ?? 0) + 1 };
  return { file: shorten(path, root), line: lineNumber + 1 };
}

export function summarize(file: string, root: string, top = 30, callersOf?: string): ProfileSummary {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  prof.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keys = new Map<number, { key: string; file: string }>();
  const keyOf = (node: ProfileNode): { key: string; file: string } => {
    let k = keys.get(node.id);
    if (!k) {
      const { functionName, url } = node.callFrame;
      const w = where(node.callFrame, root);
      k = { key: url ? `${w.file}:${w.line} ${functionName || '(anonymous)'}` : functionName || '(anonymous)', file: w.file };
      keys.set(node.id, k);
    }
    return k;
  };
  const fn = new Map<string, number>();
  const files = new Map<string, number>();
  const incl = new Map<string, number>();
  const callers = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    total += us;
    const { key, file } = keyOf(node);
    fn.set(key, (fn.get(key) ?? 0) + us);
    files.set(file, (files.get(file) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      // Node's own module-loading frames wrap everything: leave them out of totals.
      if (!n || !n.callFrame.url || n.callFrame.url.startsWith('node:')) continue;
      const k = keyOf(n).key;
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + us);
      if (callersOf && k.includes(callersOf)) {
        // Attribute this sample to the nearest caller outside the function asked about.
        let up = parent.get(cur);
        while (up !== undefined && (byId.get(up)?.callFrame.url === '' || keyOf(byId.get(up) as ProfileNode).key.includes(callersOf))) up = parent.get(up);
        const ck = up !== undefined ? keyOf(byId.get(up) as ProfileNode).key : '(root)';
        callers.set(ck, (callers.get(ck) ?? 0) + us);
      }
    }
  }
  const rank = (m: Map<string, number>): TopEntry[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: us / 1000, share: total > 0 ? us / total : 0 }));
  return { totalMs: total / 1000, functions: rank(fn), files: rank(files), inclusive: rank(incl), callers: rank(callers) };
}

export function formatSummary(s: ProfileSummary, callersOf?: string): string {
  const line = (e: TopEntry): string => `${(e.share * 100).toFixed(1).padStart(5)}%  ${e.selfMs.toFixed(0).padStart(7)} ms  ${e.name}`;
  const out = [`total sampled: ${s.totalMs.toFixed(0)} ms`, '', 'by function (self time)', ...s.functions.map(line)];
  out.push('', 'by file (self time)', ...s.files.slice(0, 15).map(line));
  out.push('', 'by function (total time, callees included)', ...s.inclusive.map(line));
  if (callersOf) out.push('', `callers of ${callersOf} (its total time, by caller)`, ...s.callers.map(line));
  return `${out.join('\n')}\n`;
}
