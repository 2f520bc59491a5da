/**
 * The resource chain pane: Deployment -> ReplicaSet -> Pods -> Nodes and Service ->
 * EndpointSlice -> endpoints, each with its status in words and a glyph (colour is never
 * the only signal).
 */
import type { ChainNode } from '../model/chain';
import { breakable, clear, h } from './dom';
import { toneGlyph } from './diagram';

function item(node: ChainNode, depth: number): HTMLLIElement {
  const li = h(
    'li',
    { class: 'kw-chain-item', 'data-kind': node.kind, 'data-depth': depth },
    h(
      'div',
      { class: 'kw-chain-row' },
      h('span', { class: 'kw-chain-kind' }, node.kind),
      h('span', { class: 'kw-chain-name' }, ...breakable(node.name)),
      h('span', { class: 'kw-pill', 'data-tone': node.tone }, `${toneGlyph(node.tone)} ${node.status}`),
    ),
  );
  if (node.children.length > 0) li.append(h('ul', { class: 'kw-chain-list' }, ...node.children.map((c) => item(c, depth + 1))));
  return li;
}

/**
 * The chains of the namespaces the manifest wrote to come first; the rest of the cluster
 * (kube-system's static pods, kube-proxy, CoreDNS ...) waits, folded, below them.
 */
export class ChainView {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly others: HTMLDetailsElement;
  private readonly othersSummary: HTMLElement;
  private readonly othersList: HTMLUListElement;
  private focus: ReadonlySet<string> = new Set(['default']);

  constructor() {
    this.list = h('ul', { class: 'kw-chain-list kw-chain-root', 'aria-label': 'Objects and what owns them' });
    this.othersSummary = h('summary', {});
    this.othersList = h('ul', { class: 'kw-chain-list kw-chain-root', 'aria-label': 'Objects in other namespaces' });
    this.others = h('details', { class: 'kw-chain-others', id: 'kw-chain-others' }, this.othersSummary, this.othersList);
    this.element = h('div', { class: 'kw-chain', id: 'kw-chain' }, this.list, this.others);
  }

  /** Namespaces whose objects are shown first (those of the applied objects). */
  setFocus(namespaces: ReadonlySet<string>): void {
    this.focus = namespaces.size > 0 ? namespaces : new Set(['default']);
  }

  update(chains: ChainNode[]): void {
    clear(this.list);
    clear(this.othersList);
    const mine = chains.filter((c) => c.namespace === undefined || this.focus.has(c.namespace));
    const rest = chains.filter((c) => !mine.includes(c));
    if (mine.length === 0) this.list.append(h('li', { class: 'kw-muted' }, 'No objects stored yet at this step.'));
    for (const c of mine) this.list.append(item(c, 0));
    this.others.hidden = rest.length === 0;
    const spaces = [...new Set(rest.map((c) => c.namespace ?? ''))].sort().join(', ');
    this.othersSummary.textContent = `Also in the cluster: ${rest.length} in ${spaces}`;
    for (const c of rest) this.othersList.append(item(c, 0));
  }
}
