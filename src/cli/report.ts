/** The human-readable report of `run`: apply lines, the stages, the events and the objects. */
import type { Cluster } from '../sim/cluster';
import type { KubeObject } from '../sim/api/types';
import type { Walkthrough } from '../protocol/workflow';
import type { TraceEvent } from '../protocol/trace';
import { printerFor, humanDuration } from '../sim/apiserver/printers';
import { tabulate } from './table';
import type { FileResult, Io } from './run';

const KEY_CHANNELS = new Set(['http-request', 'etcd-txn', 'watch', 'reconcile', 'schedule', 'cri', 'event', 'proxy-rule', 'validation', 'authz', 'admission']);
const MAX_STEPS = 12;

function paint(io: Io, code: string, s: string): string {
  return io.color ? `\u001b[${code}m${s}\u001b[0m` : s;
}

export async function renderReport(io: Io, results: FileResult[], walkthroughs: Walkthrough[], cluster: Cluster, step: boolean): Promise<void> {
  for (const r of results) {
    if (r.action === 'failed') io.err(`${paint(io, '31', r.message)}\n`);
    else io.out(`${r.message}\n`);
  }
  for (const w of walkthroughs) {
    const bySeq = new Map<number, TraceEvent>(w.trace.map((e) => [e.seq, e]));
    const t0 = w.trace[0]?.time ?? 0;
    io.out(`\n${paint(io, '1', `Walkthrough: ${w.title}`)}\n`);
    for (const stage of w.stages) {
      if (step) await io.waitForEnter?.();
      const label = stage.number !== undefined ? (stage.number === 0 ? 'Prelude' : `Stage ${stage.number}`) : `Lane ${stage.lane ?? stage.id}`;
      const status = stage.status === 'done' ? '' : paint(io, stage.status === 'failed' ? '31' : '2', ` [${stage.status}]`);
      io.out(`\n${paint(io, '36;1', `${label}: ${stage.title}`)}${status}\n`);
      io.out(`  components: ${stage.components.join(', ')}\n`);
      if (stage.note) io.out(`  ${paint(io, '2', `note: ${stage.note}`)}\n`);
      const steps = stage.steps.map((s) => bySeq.get(s)).filter((e): e is TraceEvent => !!e && KEY_CHANNELS.has(e.channel));
      for (const e of steps.slice(0, MAX_STEPS)) {
        const t = `+${((e.time - t0) / 1000).toFixed(3)}s`.padStart(9);
        io.out(`  ${paint(io, '2', t)}  ${e.from} -> ${e.to}: ${e.summary}\n`);
      }
      if (steps.length > MAX_STEPS) io.out(`  ${paint(io, '2', `... and ${steps.length - MAX_STEPS} more steps`)}\n`);
    }
  }
  const now = cluster.loop.now();
  const events = cluster.objects().filter((o) => o.kind === 'Event');
  events.sort((a, b) => String(a.lastTimestamp ?? '').localeCompare(String(b.lastTimestamp ?? '')));
  io.out(`\n${paint(io, '1', 'Events (kubectl get events --sort-by=.lastTimestamp)')}\n`);
  const ev = printerFor('', 'events');
  if (ev) {
    const rows = events.filter((e) => e.metadata.namespace === 'default').map((e) => ev.row(e, now));
    io.out(`${tabulate([['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], ...rows.map((r) => [r[0], r[1], r[2], r[3], r[6]].map(String))])}\n`);
  }
  io.out(`\n${paint(io, '1', 'Objects (kubectl get all -o wide)')}\n`);
  io.out(`${getAllWide(cluster, now)}\n`);
}

/** `kubectl get all -o wide` for the default namespace. */
export function getAllWide(cluster: Cluster, now: number): string {
  const sections: string[] = [];
  const order: [string, string, string][] = [
    ['', 'pods', 'pod'],
    ['', 'services', 'service'],
    ['apps', 'deployments', 'deployment.apps'],
    ['apps', 'replicasets', 'replicaset.apps'],
  ];
  const objects = cluster.objects();
  for (const [group, plural, prefix] of order) {
    const printer = printerFor(group, plural);
    const info = cluster.api.registry.byResource(group, plural);
    if (!printer || !info) continue;
    const items = objects.filter((o: KubeObject) => o.kind === info.kind && o.metadata.namespace === 'default');
    if (items.length === 0) continue;
    const header = printer.columns.map((c) => c.name.toUpperCase());
    const rows = items.map((o) => {
      const cells = printer.row(o, now).map(String);
      cells[0] = `${prefix}/${cells[0]}`;
      return cells;
    });
    sections.push(tabulate([header, ...rows]));
  }
  return sections.join('\n\n');
}

export { humanDuration };
