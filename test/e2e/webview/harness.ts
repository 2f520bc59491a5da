/**
 * Test harness for the walkthrough panel bundle: builds it once, serves dist/ and media/
 * over loopback HTTP (the stand-in for the webview's resource origin), writes pages with the
 * host's own HTML and CSP (fresh nonce each time), and drives headless Chromium through
 * playwright-core with a fresh profile. Records CSP violations and console errors.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { renderPanelHtml } from '../../../src/host/panel/html';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const SHOTS = join(ROOT, 'test-results', 'webview');
export const FIXTURE = join(ROOT, 'test/fixtures/walkthrough/nginx.json');
const CHROMIUM = '/usr/bin/chromium';

let built = false;
/**
 * Runs the project build. While other parts of the project are half-written the full build
 * can fail for reasons outside the panel; then only the webview bundle is built (same
 * options as scripts/build.mjs), so this suite still tests dist/webview.js.
 */
export async function buildBundle(): Promise<void> {
  if (built) return;
  try {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
  } catch (err) {
    const output = String((err as { stderr?: unknown }).stderr ?? err);
    if (/webview\/|src\/protocol\//.test(output)) throw err;
    process.stderr.write(`note: full build failed outside the webview; building dist/webview.js alone\n`);
    const esbuild = await import('esbuild');
    await esbuild.build({ entryPoints: [join(ROOT, 'webview/main.ts')], outfile: join(ROOT, 'dist/webview.js'), bundle: true, sourcemap: 'linked', platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'silent' });
  }
  built = true;
}

export function readFixture(): unknown {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as unknown;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.html': 'text/html', '.json': 'application/json', '.map': 'application/json' };

export interface Served {
  origin: string;
  /** Registers a page at /pages/<name>.html and returns its URL. */
  page(name: string, html: string): string;
  close(): Promise<void>;
}

export async function serve(): Promise<Served> {
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const page = pages.get(url.pathname);
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      return;
    }
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^\/+/, '');
    if (!/^(dist|media|test\/fixtures\/walkthrough)\/|^webview\/standalone\.html$/.test(rel)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(join(ROOT, rel));
      res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    page(name, html) {
      pages.set(`/pages/${name}.html`, html);
      return `${origin}/pages/${name}.html`;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/**
 * The host's HTML (same CSP builder, fresh nonce), plus Dark Modern fallbacks and, when
 * given, the walkthrough as a non-executable JSON block (CSP does not apply to data blocks).
 */
export function panelPage(origin: string, walkthrough?: unknown, extraHead = ''): string {
  const html = renderPanelHtml({
    cspSource: origin,
    nonce: randomBytes(16).toString('base64'),
    styleNonce: randomBytes(16).toString('base64'),
    scriptUri: `${origin}/dist/webview.js`,
    styleUris: [`${origin}/media/theme.css`, `${origin}/media/panel.css`, `${origin}/media/diagram.css`],
  });
  const data = walkthrough === undefined ? '' : `<script type="application/json" id="kw-walkthrough">${JSON.stringify(walkthrough).replace(/</g, '\\u003c')}</script>\n    `;
  return html.replace('<script nonce=', `${data}<script nonce=`).replace('</head>', `${extraHead}</head>`);
}

export interface Problems {
  csp: string[];
  console: string[];
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(options: { reducedMotion?: 'reduce' | 'no-preference'; width?: number; height?: number } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'kw-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    reducedMotion: options.reducedMotion ?? 'no-preference',
    colorScheme: 'dark',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens `url`, recording CSP violations, page errors and console errors/warnings. */
export async function open(context: BrowserContext, url: string): Promise<{ page: Page; problems: Problems }> {
  const page = await context.newPage();
  const problems: Problems = { csp: [], console: [] };
  await page.exposeFunction('__kwReportCsp', (text: string) => problems.csp.push(text));
  // Source text, not a function: tsx adds helpers to compiled functions that the page lacks.
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', function (e) {
    window.__kwReportCsp(e.violatedDirective + ' blocked ' + e.blockedURI + ' ' + e.sample);
  });`);
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.console.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.console.push(`pageerror: ${err.message}`));
  await page.goto(url);
  return { page, problems };
}

export function shotPath(name: string): string {
  mkdirSync(SHOTS, { recursive: true });
  return join(SHOTS, `${name}.png`);
}
