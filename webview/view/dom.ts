/**
 * Tiny DOM builders. Text always goes in as text nodes (never HTML), attributes through
 * setAttribute, and inline `style` and `on*` attributes are refused: the CSP forbids them
 * and everything is styled from media/panel.css.
 */
export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | undefined | null>;

const SVG_NS = 'http://www.w3.org/2000/svg';

function setAttrs(el: Element, attrs: Attrs | undefined): void {
  if (!attrs) return;
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'style' || name.startsWith('on')) throw new Error(`refusing attribute ${name}`);
    if (value === undefined || value === null || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(el: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Sets or removes an attribute in one call. */
export function attr(el: Element, name: string, value: string | boolean | undefined): void {
  if (value === undefined || value === false) el.removeAttribute(name);
  else el.setAttribute(name, value === true ? '' : value);
}

export function clear(el: Element): void {
  while (el.firstChild) el.firstChild.remove();
}

/** Number formatting shared by the panes, e.g. 1.5 -> "1.5", 2 -> "2". */
export function trimNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
}

/** Scrolls `container` (and nothing else) so that `el` is visible. */
export function reveal(container: HTMLElement, el: Element): void {
  // The page scrolls under the viewport, not under its own (full-height) box.
  const c = container === document.scrollingElement ? { top: 0, bottom: window.innerHeight, height: window.innerHeight } : container.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  if (c.height === 0) return;
  if (r.top < c.top) container.scrollTop -= c.top - r.top + 4;
  else if (r.bottom > c.bottom) container.scrollTop += Math.min(r.top - c.top - 4, r.bottom - c.bottom + 4);
}

/**
 * The element that scrolls `el` into view: its nearest ancestor that actually scrolls (a
 * pane in the wide layouts), else the page itself (the narrow layout stacks the panes).
 */
export function scrollerOf(el: Element): HTMLElement {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && p.scrollHeight > p.clientHeight) return p;
  }
  return (document.scrollingElement as HTMLElement | null) ?? document.documentElement;
}

/** Like h() for custom elements (toolkit tags), which the DOM typings do not list. */
export function custom(tag: `${string}-${string}`, attrs?: Attrs, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** The text with a <wbr> after each / and -, so long Kubernetes names wrap at sensible places. */
export function breakable(text: string): (string | HTMLElement)[] {
  const out: (string | HTMLElement)[] = [];
  for (const part of text.split(/(?<=[/-])/)) out.push(part, h('wbr', {}));
  out.pop();
  return out;
}
