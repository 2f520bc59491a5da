import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { X509Certificate } from 'node:crypto';
import { call, serverHarness, type Harness } from './harness';
import { callerName, isLoopbackHost } from '../../../src/server';

const UNAUTHORIZED = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };

describe('server: who may come in', () => {
  let h: Harness;
  before(async () => {
    h = await serverHarness();
  });
  after(() => h.close());

  test('binds 127.0.0.1 only', () => {
    assert.match(h.server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('a wrong token gets upstream Unauthorized Status, even for /version', async () => {
    for (const path of ['/api/v1/namespaces', '/version', '/apis']) {
      const r = await call(h, { path, token: 'not-the-token' });
      assert.equal(r.status, 401, path);
      assert.deepEqual(r.json(), UNAUTHORIZED);
    }
  });

  test('no token: public info answers, everything else is 401', async () => {
    assert.equal((await call(h, { path: '/healthz', token: false })).text, 'ok');
    assert.equal((await call(h, { path: '/version', token: false })).status, 200);
    const r = await call(h, { path: '/api/v1/pods', token: false });
    assert.equal(r.status, 401);
    assert.deepEqual(r.json(), UNAUTHORIZED);
  });

  test('the right token lists as kubernetes-admin', async () => {
    const r = await call(h, { path: '/api/v1/namespaces' });
    assert.equal(r.status, 200);
    assert.equal(r.json<{ kind: string }>().kind, 'NamespaceList');
  });

  test('a browser Origin is refused, and no CORS header is ever sent', async () => {
    const r = await call(h, { path: '/api/v1/namespaces', headers: { origin: 'https://evil.example' } });
    assert.equal(r.status, 403);
    assert.equal(r.json<{ reason: string }>().reason, 'Forbidden');
    assert.equal(r.headers['access-control-allow-origin'], undefined);
    const ok = await call(h, { path: '/version' });
    assert.equal(ok.headers['access-control-allow-origin'], undefined);
  });

  test('a Host that is not a loopback name is refused (DNS rebinding)', async () => {
    const url = new URL(h.server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: url.port, path: '/version', headers: { host: 'attacker.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 403);
  });

  test('refused requests appear in the trace as authentication failures', async () => {
    await call(h, { path: '/api/v1/pods', token: 'nope', headers: { 'user-agent': 'kubectl/v1.33.1 (linux/amd64) kubernetes/8adc0f0' } });
    const last = h.tracer.events().filter((e) => e.channel === 'authn').pop();
    assert.equal(last?.from, 'kubectl');
    assert.equal(last?.code, 401);
  });

  test('loopback names and caller names', () => {
    for (const ok of ['localhost', 'localhost:6443', '127.0.0.1', '127.0.0.1:1', '[::1]:443', '127.1.2.3']) assert.ok(isLoopbackHost(ok), ok);
    for (const bad of [undefined, '', 'example.com', '127.0.0.1.evil.com', '10.0.0.1', '[::2]', 'localhost:http']) assert.ok(!isLoopbackHost(bad), String(bad));
    assert.equal(callerName('kubectl/v1.33.1 (linux/amd64) kubernetes/8adc0f0'), 'kubectl');
    assert.equal(callerName('kubectl-dispatcher/v1.0'), 'kubectl');
    assert.equal(callerName(undefined), 'kubectl');
    assert.equal(callerName('node-fetch'), 'node-fetch');
  });
});

describe('server: TLS', () => {
  test('serves HTTPS with a fresh self-signed certificate for 127.0.0.1 that clients can pin', async () => {
    const h = await serverHarness({ tls: true });
    try {
      assert.match(h.server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const cert = new X509Certificate(h.server.caCert ?? '');
      assert.equal(cert.checkIP('127.0.0.1'), '127.0.0.1');
      assert.equal(cert.checkHost('localhost'), 'localhost');
      assert.ok(cert.verify(cert.publicKey), 'self-signed');
      const r = await call(h, { path: '/api/v1/namespaces' });
      assert.equal(r.status, 200);
    } finally {
      await h.close();
    }
  });
});
