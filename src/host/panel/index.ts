/**
 * host/panel/: the walkthrough panel's VS Code side. registerWalkthroughPanel() (serializer
 * and the show command), openWalkthrough() for the apply command, and the pure pieces it is
 * built from (html.ts: CSP and HTML; session.ts: message handling). May import 'vscode',
 * node:crypto and src/protocol only.
 */
export { openWalkthrough, registerWalkthroughPanel, SHOW_WALKTHROUGH_COMMAND } from './register';
export { WalkthroughPanel } from './walkthroughPanel';
export { buildCsp, renderPanelHtml } from './html';
export { PanelSession, stagePosition } from './session';
