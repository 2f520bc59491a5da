/**
 * components/: our own thin layer over the few controls we take from
 * @vscode/webview-ui-toolkit (buttons, a dropdown, a text field). The toolkit is archived
 * upstream; moving to a successor should touch this folder only. Imports the toolkit and
 * ../view/dom; nothing else in the webview imports the toolkit.
 */
export { registerComponents } from './register';
export { createButton, type ButtonHandle, type ButtonOptions } from './button';
export { createSelect, type SelectHandle, type SelectOptions } from './select';
export { createTextField, type TextFieldHandle, type TextFieldOptions } from './textField';
