/** A one-line text input with a visible label: <vscode-text-field> today. */
import { custom } from '../view/dom';

export interface TextFieldOptions {
  label: string;
  placeholder?: string;
  id?: string;
  onInput(value: string): void;
}

export interface TextFieldHandle {
  element: HTMLElement;
  value(): string;
}

export function createTextField(options: TextFieldOptions): TextFieldHandle {
  const el = custom('vscode-text-field', { placeholder: options.placeholder, id: options.id, class: 'kw-text-field' }, options.label);
  const read = (): string => (el as unknown as { value?: string }).value ?? '';
  el.addEventListener('input', () => options.onInput(read()));
  return { element: el, value: read };
}
