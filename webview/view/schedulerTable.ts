/**
 * One scheduling decision as a table: filter plugins then score plugins down the side,
 * nodes across, then totals and the result. Uses the plugin order and weights the
 * scheduler reports when it does, else what the node results show.
 */
import type { FilterStatus, NodeDecision, SchedulingDetail } from '../../src/protocol/scheduling';
import { h, trimNumber } from './dom';

const FILTER_GLYPH: Record<FilterStatus, string> = {
  Success: '✓',
  Skip: '–',
  Unschedulable: '✕',
  UnschedulableAndUnresolvable: '✕',
  Error: '!',
  Wait: '…',
  Pending: '…',
};

function pluginsOf(nodes: NodeDecision[], pick: (n: NodeDecision) => { plugin: string }[] | undefined, order: string[] = []): string[] {
  const names: string[] = [];
  for (const n of nodes) for (const x of pick(n) ?? []) if (!names.includes(x.plugin)) names.push(x.plugin);
  const known = order.filter((p) => names.includes(p));
  return [...known, ...names.filter((p) => !known.includes(p))];
}

function resultCell(node: NodeDecision, selected: string | undefined): HTMLTableCellElement {
  if (node.node === selected) return h('td', { 'data-result': 'selected' }, '★ Selected');
  if (node.feasible) return h('td', { 'data-result': 'feasible' }, '✓ Feasible');
  return h('td', { 'data-result': 'filtered' }, '✕ Filtered out');
}

export function renderDecisionTable(d: SchedulingDetail): HTMLTableElement {
  const nodes = d.nodes;
  const filters = pluginsOf(nodes, (n) => n.filters, d.filterPlugins);
  const scores = pluginsOf(nodes, (n) => n.scores, d.scorePlugins?.map((s) => s.plugin));
  const head = h('tr', {}, h('th', { scope: 'col' }, 'Plugin'), ...nodes.map((n) => h('th', { scope: 'col', 'data-selected': n.node === d.selected ? 'true' : undefined }, n.node, n.node === d.selected ? h('span', { class: 'kw-star' }, ' ★') : null)));
  const group = (text: string) => h('tr', { class: 'kw-group-row' }, h('th', { scope: 'rowgroup', colspan: nodes.length + 1 }, text));
  const filterRows = filters.map((plugin) =>
    h('tr', {}, h('th', { scope: 'row' }, plugin), ...nodes.map((n) => {
      const r = n.filters.find((f) => f.plugin === plugin);
      if (!r) return h('td', { 'data-status': 'not-run' }, '· not run');
      return h('td', { 'data-status': r.status, title: r.reason ?? r.status }, `${FILTER_GLYPH[r.status]} ${r.status}`, r.reason && r.status !== 'Skip' ? h('span', { class: 'kw-reason' }, r.reason) : null);
    })),
  );
  const scoreRows = scores.map((plugin) => {
    let weight = d.scorePlugins?.find((s) => s.plugin === plugin)?.weight;
    const cells = nodes.map((n) => {
      const r = n.scores?.find((x) => x.plugin === plugin);
      if (!r) return h('td', { 'data-status': 'not-run' }, '—');
      if (weight === undefined && r.normalized !== 0) weight = r.weighted / r.normalized;
      return h('td', { class: 'kw-num' }, trimNumber(r.weighted), h('span', { class: 'kw-reason' }, `raw ${trimNumber(r.raw)} → ${trimNumber(r.normalized)}`));
    });
    return h('tr', {}, h('th', { scope: 'row' }, plugin, weight !== undefined ? h('span', { class: 'kw-weight' }, ` ×${trimNumber(weight)}`) : null), ...cells);
  });
  const body = [group('Filter: can the node run the pod?'), ...filterRows];
  if (scoreRows.length > 0) body.push(group('Score: how good is each feasible node? (weighted)'), ...scoreRows);
  return h(
    'table',
    { class: 'kw-table kw-sched-table', 'data-pod': d.pod },
    h('caption', { class: 'kw-sr-only' }, `Filters and scores per node for pod ${d.pod}`),
    h('thead', {}, head),
    h('tbody', {}, ...body),
    h(
      'tfoot',
      {},
      h('tr', {}, h('th', { scope: 'row' }, 'Total'), ...nodes.map((n) => h('td', { class: 'kw-num' }, n.total !== undefined ? trimNumber(n.total) : '—'))),
      h('tr', {}, h('th', { scope: 'row' }, 'Result'), ...nodes.map((n) => resultCell(n, d.selected))),
    ),
  );
}
