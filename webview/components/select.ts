/** A single-choice dropdown: <vscode-dropdown> with <vscode-option> children today. */
import { custom } from '../view/dom';

export interface SelectOptions {
  label: string;
  options: { value: string; text: string }[];
  value: string;
  id?: string;
  onChange(value: string): void;
}

export interface SelectHandle {
  element: HTMLElement;
  setValue(value: string): void;
}

export function createSelect(options: SelectOptions): SelectHandle {
  const el = custom(
    'vscode-dropdown',
    { 'aria-label': options.label, title: options.label, id: options.id, class: 'kw-select' },
    ...options.options.map((o) => custom('vscode-option', { value: o.value, selected: o.value === options.value }, o.text)),
  );
  const read = (): string => (el as unknown as { value?: string }).value ?? options.value;
  el.addEventListener('change', () => options.onChange(read()));
  return {
    element: el,
    setValue(value) {
      (el as unknown as { value: string }).value = value;
    },
  };
}
