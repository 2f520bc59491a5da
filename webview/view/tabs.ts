/** Accessible tabs (tablist / tab / tabpanel) for the side panes; arrows move between tabs. */
import { attr, h } from './dom';

export interface TabSpec {
  id: string;
  label: string;
  content: HTMLElement;
}

export class Tabs {
  readonly element: HTMLElement;
  private readonly tabs: HTMLButtonElement[] = [];
  private readonly panels: HTMLElement[] = [];

  constructor(label: string, specs: TabSpec[]) {
    const list = h('div', { class: 'kw-tablist', role: 'tablist', 'aria-label': label });
    specs.forEach((spec, k) => {
      const tab = h('button', { type: 'button', class: 'kw-tab', role: 'tab', id: `kw-tab-${spec.id}`, 'aria-controls': `kw-panel-${spec.id}` }, spec.label);
      tab.addEventListener('click', () => this.select(k));
      tab.addEventListener('keydown', (e) => {
        const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (step === 0) return;
        e.preventDefault();
        e.stopPropagation();
        const next = (k + step + specs.length) % specs.length;
        this.select(next);
        this.tabs[next]?.focus();
      });
      const panel = h('div', { class: 'kw-tabpanel', role: 'tabpanel', id: `kw-panel-${spec.id}`, 'aria-labelledby': `kw-tab-${spec.id}`, tabindex: 0 }, spec.content);
      this.tabs.push(tab);
      this.panels.push(panel);
      list.append(tab);
    });
    this.element = h('div', { class: 'kw-tabs' }, list, ...this.panels);
    this.select(0);
  }

  select(index: number): void {
    this.tabs.forEach((tab, k) => {
      attr(tab, 'aria-selected', k === index ? 'true' : 'false');
      tab.tabIndex = k === index ? 0 : -1;
    });
    this.panels.forEach((panel, k) => {
      panel.hidden = k !== index;
    });
  }
}
