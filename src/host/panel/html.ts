/**
 * The panel's HTML and its Content-Security-Policy, as pure functions of the webview's
 * cspSource, a nonce and resource URIs (no 'vscode' import, so they are unit-tested).
 */

/**
 * The policy: nothing by default; our files for styles, fonts and images; scripts by nonce
 * only. Styles also accept a nonce because the toolkit (fast-web-utilities) probes for
 * :focus-visible with a <style> element carrying the nonce it reads from
 * <meta property="csp-nonce">. That style nonce may differ from the script nonce, so that
 * the one published in a meta tag never unlocks scripts.
 */
export function buildCsp(cspSource: string, nonce: string, styleNonce: string = nonce): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${styleNonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface PanelHtmlOptions {
  cspSource: string;
  /** Script nonce: fresh for every render. */
  nonce: string;
  /** Style nonce (published in the csp-nonce meta tag): fresh for every render, not the script nonce. */
  styleNonce: string;
  scriptUri: string;
  styleUris: string[];
  title?: string;
}

export function renderPanelHtml(options: PanelHtmlOptions): string {
  const csp = buildCsp(options.cspSource, options.nonce, options.styleNonce);
  const styles = options.styleUris.map((uri) => `    <link rel="stylesheet" href="${escapeAttr(uri)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <meta property="csp-nonce" content="${escapeAttr(options.styleNonce)}">
${styles}
    <title>${escapeAttr(options.title ?? 'Kube Walkthrough')}</title>
  </head>
  <body>
    <div id="app" class="kw-app"></div>
    <script nonce="${escapeAttr(options.nonce)}" src="${escapeAttr(options.scriptUri)}"></script>
  </body>
</html>
`;
}
