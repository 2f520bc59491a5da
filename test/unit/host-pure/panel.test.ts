/** The pure parts of the panel's host side: the CSP and HTML, the nonce, message handling. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { buildCsp, escapeAttr, renderPanelHtml } from '../../../src/host/panel/html';
import { createNonce } from '../../../src/host/panel/nonce';
import { PanelSession, stagePosition } from '../../../src/host/panel/session';
import type { Walkthrough } from '../../../src/protocol/workflow';

const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const walkthrough = JSON.parse(readFileSync(new URL('../../fixtures/walkthrough/nginx.json', import.meta.url), 'utf8')) as Walkthrough;

describe('buildCsp', () => {
  test('is the documented policy, with the nonce for scripts and styles', () => {
    assert.equal(
      buildCsp(SOURCE, 'abc123'),
      `default-src 'none'; img-src ${SOURCE} data:; style-src ${SOURCE} 'nonce-abc123'; script-src 'nonce-abc123'; font-src ${SOURCE}`,
    );
  });

  test('can take a separate style nonce, never loosening scripts', () => {
    const csp = buildCsp(SOURCE, 'S', 'T');
    assert.match(csp, /style-src \S+ 'nonce-T';/);
    assert.match(csp, /script-src 'nonce-S';/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  });
});

describe('renderPanelHtml', () => {
  const html = renderPanelHtml({ cspSource: SOURCE, nonce: 'N1', styleNonce: 'N2', scriptUri: `${SOURCE}/dist/webview.js`, styleUris: [`${SOURCE}/media/panel.css`] });

  test('carries the CSP meta tag, the nonce-tagged script and the style nonce meta', () => {
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${escapeAttr(buildCsp(SOURCE, 'N1', 'N2'))}">`));
    assert.ok(html.includes(`<script nonce="N1" src="${SOURCE}/dist/webview.js"></script>`));
    assert.ok(html.includes('<meta property="csp-nonce" content="N2">'));
    assert.ok(html.includes(`<link rel="stylesheet" href="${SOURCE}/media/panel.css">`));
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'one script, no inline code');
    assert.doesNotMatch(html, /style="/);
  });

  test('escapes attribute values', () => {
    const evil = renderPanelHtml({ cspSource: SOURCE, nonce: 'n', styleNonce: 'm', scriptUri: 'x"><script>alert(1)</script>', styleUris: [], title: '<b>' });
    assert.ok(!evil.includes('<script>alert(1)'));
    assert.ok(evil.includes('x&quot;&gt;&lt;script&gt;'));
    assert.ok(evil.includes('<title>&lt;b&gt;</title>'));
  });
});

describe('createNonce', () => {
  test('is fresh each time and valid as a CSP nonce', () => {
    const seen = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(seen.size, 50);
    for (const n of seen) assert.match(n, /^[A-Za-z0-9+/]{22}==$/);
  });
});

describe('PanelSession', () => {
  test('answers webview/ready with the walkthrough and the remembered step', () => {
    const session = new PanelSession(walkthrough);
    assert.deepEqual(session.receive({ type: 'step/didSelect', stageId: '8', seq: 64 }), {});
    const outcome = session.receive({ type: 'webview/ready' });
    assert.deepEqual(outcome.reply, { type: 'walkthrough/didLoad', walkthrough, position: { stageId: '8', seq: 64 } });
    assert.equal(session.ready, true);
  });

  test('answers nothing to webview/ready when there is no walkthrough yet', () => {
    assert.deepEqual(new PanelSession().receive({ type: 'webview/ready' }), {});
  });

  test('load() posts at once only when the webview listens, and forgets the old position', () => {
    const session = new PanelSession();
    assert.equal(session.load(walkthrough), undefined);
    session.receive({ type: 'webview/ready' });
    session.receive({ type: 'step/didSelect', stageId: '3', seq: 21 });
    assert.deepEqual(session.load(walkthrough), { type: 'walkthrough/didLoad', walkthrough });
    assert.equal(session.position, undefined);
    session.reset();
    assert.equal(session.load(walkthrough), undefined);
  });

  test('drops invalid messages and logs panel errors', () => {
    const session = new PanelSession(walkthrough);
    const dropped = session.receive({ type: 'step/didSelect', stageId: '8', seq: 'x' });
    assert.equal(dropped.dropped, true);
    assert.equal(dropped.reply, undefined);
    assert.equal(session.position, undefined);
    assert.deepEqual(session.receive({ type: 'webview/didError', message: 'oops' }), { log: 'walkthrough panel error: oops' });
  });

  test('fromState restores a valid saved state and ignores anything else', () => {
    const restored = PanelSession.fromState({ version: 1, walkthrough, position: { stageId: '9', seq: 82 } });
    assert.equal(restored.walkthrough?.title, walkthrough.title);
    assert.deepEqual(restored.position, { stageId: '9', seq: 82 });
    for (const junk of [undefined, null, {}, { version: 1 }, { version: 1, walkthrough: { title: 'x' } }]) {
      assert.equal(PanelSession.fromState(junk).walkthrough, undefined);
    }
  });
});

describe('showWalkthrough {stage}', () => {
  test('opens at the first step of the stage a hover links to', () => {
    const stage8 = walkthrough.stages.find((s) => s.id === '8');
    assert.ok(stage8);
    assert.deepEqual(stagePosition(walkthrough, '8'), { stageId: '8', seq: stage8.steps[0] });
    const session = new PanelSession();
    session.receive({ type: 'webview/ready' });
    const message = session.load(walkthrough, stagePosition(walkthrough, '8'));
    assert.deepEqual(message && 'position' in message ? message.position : undefined, { stageId: '8', seq: stage8.steps[0] });
  });

  test('an unknown stage or no walkthrough opens at the start', () => {
    assert.equal(stagePosition(walkthrough, 'nope'), undefined);
    assert.equal(stagePosition(undefined, '8'), undefined);
  });
});
