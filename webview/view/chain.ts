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

export class ChainView {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;

  constructor() {
    this.list = h('ul', { class: 'kw-chain-list kw-chain-root', 'aria-label': 'Objects and what owns them' });
    this.element = h('div', { class: 'kw-chain', id: 'kw-chain' }, this.list);
  }

  update(chains: ChainNode[]): void {
    clear(this.list);
    if (chains.length === 0) {
      this.list.append(h('li', { class: 'kw-muted' }, 'No objects stored yet at this step.'));
      return;
    }
    for (const c of chains) this.list.append(item(c, 0));
  }
}
