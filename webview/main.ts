/**
 * The walkthrough panel's script (bundled to dist/webview.js). Imports only webview/**,
 * src/protocol/** and, through webview/components, the webview UI toolkit.
 */
import { App } from './app';
import { createBridge } from './bridge';
import { registerComponents } from './components';

function start(): void {
  const root = document.getElementById('app');
  if (!root) return;
  const bridge = createBridge();
  // Outside VS Code the --vscode-* colours are not set: media/panel.css supplies Dark Modern.
  if (bridge.kind === 'standalone') document.documentElement.classList.add('kw-standalone');
  registerComponents();
  const motion = window.matchMedia('(prefers-reduced-motion: reduce)');
  const app = new App(root, {
    post: (message) => bridge.post(message),
    save: (walkthrough, position) => bridge.save({ version: 1, walkthrough, position }),
    reducedMotion: () => motion.matches,
  });
  const report = (message: string): void => bridge.post({ type: 'webview/didError', message: message.slice(0, 2000) });
  window.addEventListener('error', (event) => report(String(event.message)));
  window.addEventListener('unhandledrejection', (event) => report(String(event.reason)));
  bridge.listen(
    (message) => app.receive(message),
    (text) => app.fail(text),
  );
  bridge.post({ type: 'webview/ready' });
}

start();
