/** A button: <vscode-button> today. Icon-only buttons still carry a label for assistive tech. */
import { custom, h } from '../view/dom';

export interface ButtonOptions {
  label: string;
  /** Shown as a tooltip, e.g. with the keyboard shortcut. */
  title?: string;
  icon?: SVGSVGElement;
  appearance?: 'primary' | 'secondary' | 'icon';
  /** Visible text next to the icon (icon-only when absent). */
  text?: string;
  id?: string;
  onClick(): void;
}

export interface ButtonHandle {
  element: HTMLElement;
  setLabel(label: string, title?: string, text?: string): void;
  setDisabled(disabled: boolean): void;
}

export function createButton(options: ButtonOptions): ButtonHandle {
  const textSpan = h('span', { class: 'kw-button-text' }, options.text ?? '');
  const el = custom('vscode-button', {
    appearance: options.appearance ?? 'secondary',
    'aria-label': options.label,
    title: options.title ?? options.label,
    id: options.id,
    class: 'kw-button',
  });
  if (options.icon) {
    if (options.appearance === 'icon' || !options.text) el.append(options.icon);
    else el.append(h('span', { slot: 'start' }, options.icon));
  }
  if (options.text) el.append(textSpan);
  el.addEventListener('click', () => {
    if (el.hasAttribute('disabled')) return;
    options.onClick();
  });
  return {
    element: el,
    setLabel(label, title, text) {
      el.setAttribute('aria-label', label);
      el.setAttribute('title', title ?? label);
      if (text !== undefined) textSpan.textContent = text;
    },
    setDisabled(disabled) {
      if (disabled) el.setAttribute('disabled', '');
      else el.removeAttribute('disabled');
    },
  };
}
