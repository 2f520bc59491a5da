/**
 * Global shortcuts: Space play/pause, Left/Right step, Home restart, 1-9 and 0 jump to
 * stages 1-10. They stand aside while a text field, dropdown, tab list or the rail has
 * the keys, and whenever a modifier is held.
 */
export interface ShortcutActions {
  togglePlay(): void;
  step(delta: number): void;
  restart(): void;
  jumpToDigit(digit: number): void;
}

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'VSCODE-TEXT-FIELD', 'VSCODE-DROPDOWN', 'VSCODE-TEXT-AREA']);

function ownsKeys(e: KeyboardEvent): boolean {
  for (const node of e.composedPath()) {
    if (!(node instanceof Element)) continue;
    if (TYPING.has(node.tagName)) return true;
    if (node.getAttribute('contenteditable') === 'true') return true;
  }
  return false;
}

function onButton(e: KeyboardEvent): boolean {
  return e.composedPath().some((n) => n instanceof Element && (n.tagName === 'BUTTON' || n.tagName === 'VSCODE-BUTTON' || n.tagName === 'SUMMARY'));
}

export function installShortcuts(target: Document, actions: ShortcutActions): () => void {
  const listener = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || ownsKeys(e)) return;
    const inTabs = e.composedPath().some((n) => n instanceof Element && n.getAttribute('role') === 'tablist');
    let handled = true;
    if (e.key === ' ' || e.key === 'Spacebar') {
      if (onButton(e)) return; // a focused button is pressed by Space itself
      actions.togglePlay();
    } else if (e.key === 'ArrowRight' && !inTabs) actions.step(1);
    else if (e.key === 'ArrowLeft' && !inTabs) actions.step(-1);
    else if (e.key === 'Home') actions.restart();
    else if (/^[0-9]$/.test(e.key)) actions.jumpToDigit(Number(e.key));
    else handled = false;
    if (handled) e.preventDefault();
  };
  target.addEventListener('keydown', listener);
  return () => target.removeEventListener('keydown', listener);
}
