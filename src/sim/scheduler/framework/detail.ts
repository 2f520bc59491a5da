/**
 * The explanation of one scheduling attempt (protocol SchedulingDetail): per node each Filter
 * plugin's verdict, per feasible node each Score plugin's raw, normalized and weighted score.
 * In a big cluster the node list keeps the best-scored feasible nodes and one node per
 * distinct rejection, and says how many it left out.
 */
import type { FilterResult, NodeDecision, SchedulingDetail } from '../../../protocol/scheduling';
import type { AttemptRecord } from './algorithm';
import type { NodePluginScores } from './framework';
import type { MaybeStatus } from './status';

export const MAX_DETAIL_NODES = 20;
const MAX_INFEASIBLE_SHOWN = 10;

export interface DetailInput {
  pod: string;
  attempt: number;
  filterPlugins: string[];
  scorePlugins: { plugin: string; weight: number }[];
  skippedFilters: ReadonlySet<string>;
  record: AttemptRecord;
  outcome: 'Scheduled' | 'Unschedulable' | 'Error';
  selected?: string;
  message?: string;
  reasons?: Map<string, number>;
  nominatedNode?: string;
  victims?: string[];
}

function filtersFor(plugins: string[], skipped: ReadonlySet<string>, status: MaybeStatus): FilterResult[] {
  const out: FilterResult[] = [];
  for (const plugin of plugins) {
    if (skipped.has(plugin)) {
      out.push({ plugin, status: 'Skip' });
      continue;
    }
    if (status && status.plugin === plugin) {
      out.push({ plugin, status: status.code, reason: status.message() || undefined });
      break;
    }
    out.push({ plugin, status: 'Success' });
  }
  return out;
}

const byName = (a: NodeDecision, b: NodeDecision): number => a.node.localeCompare(b.node, 'en', { numeric: true });

export function buildDetail(i: DetailInput): SchedulingDetail {
  const scores = new Map<string, NodePluginScores>((i.record.scores ?? []).map((s) => [s.name, s]));
  const seen = new Map<string, NodeDecision>();
  for (const { node, status } of i.record.evaluated) {
    const sc = scores.get(node.name);
    const d: NodeDecision = { node: node.name, filters: filtersFor(i.filterPlugins, i.skippedFilters, status), feasible: !status };
    if (sc) {
      d.scores = sc.scores.map((s) => ({ plugin: s.plugin, raw: s.raw, normalized: s.normalized, weighted: s.weighted }));
      d.total = sc.total;
    }
    seen.set(node.name, d);
  }
  const all = [...seen.values()];
  let nodes = all;
  let omitted: SchedulingDetail['omitted'];
  if (all.length > MAX_DETAIL_NODES) {
    const feasible = all.filter((n) => n.feasible).sort((a, b) => (b.total ?? 0) - (a.total ?? 0) || byName(a, b));
    const keep = feasible.slice(0, MAX_DETAIL_NODES);
    if (i.selected && !keep.some((n) => n.node === i.selected)) {
      const sel = feasible.find((n) => n.node === i.selected);
      if (sel) keep[keep.length - 1] = sel;
    }
    const byReason = new Map<string, NodeDecision>();
    for (const n of all) {
      if (n.feasible) continue;
      const key = n.filters.map((f) => `${f.plugin}:${f.reason ?? ''}`).join('|');
      if (!byReason.has(key) && byReason.size < MAX_INFEASIBLE_SHOWN) byReason.set(key, n);
    }
    const infeasible = [...byReason.values()];
    nodes = [...keep, ...infeasible.sort(byName)];
    const feasibleCount = feasible.length;
    omitted = { feasible: feasibleCount - keep.length, infeasible: all.length - feasibleCount - infeasible.length };
  } else {
    nodes = [...all].sort(byName);
  }
  const feasibleCount = all.filter((n) => n.feasible).length;
  const detail: SchedulingDetail = {
    pod: i.pod,
    nodes,
    outcome: i.outcome,
    attempt: i.attempt,
    totalNodes: i.record.totalNodes,
    evaluatedNodes: all.length,
    feasibleNodes: feasibleCount,
    filterPlugins: i.filterPlugins,
    scorePlugins: i.scorePlugins,
  };
  if (i.selected) detail.selected = i.selected;
  if (omitted) detail.omitted = omitted;
  if (i.record.preFilterStatus) {
    const s = i.record.preFilterStatus;
    detail.preFilter = [{ plugin: s.plugin, status: s.code, reason: s.message() || undefined }];
  }
  if (i.message) detail.message = i.message;
  if (i.reasons && i.reasons.size > 0) detail.reasons = [...i.reasons].map(([reason, count]) => ({ reason, count }));
  if (i.nominatedNode) detail.nominatedNode = i.nominatedNode;
  if (i.victims && i.victims.length > 0) detail.victims = i.victims;
  return detail;
}
