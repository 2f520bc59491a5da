/** `kube-walkthrough serve` (src/cli/serve.ts): its flags, and one in-process run. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { parse } from 'yaml';
import { parseServeArgs, serveCommand } from '../../../src/cli/serve';
import { ROOT_EXAMPLE } from './paths';

describe('kube-walkthrough serve', () => {
  test('flags', () => {
    assert.deepEqual(parseServeArgs(['--port', '8001', '-f', 'a.yaml', '--filename=b.yaml', '--nodes=3', '--speed', '2.5', '--kubeconfig', 'kc']), {
      files: ['a.yaml', 'b.yaml'],
      port: 8001,
      nodes: 3,
      speed: 2.5,
      kubeconfig: 'kc',
    });
    assert.throws(() => parseServeArgs(['--speed', '0']), /must be a positive number/);
    assert.throws(() => parseServeArgs(['--port', '70000']), /must be a whole number/);
    assert.throws(() => parseServeArgs(['--bogus']), /unknown flag: --bogus/);
    assert.throws(() => parseServeArgs(['-f']), /flag needs an argument: -f/);
  });

  test('applies files, prints one ready line, serves the kubeconfig it wrote, and stops on request', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const stop = new AbortController();
    let ready: (line: string) => void = () => undefined;
    const readyLine = new Promise<string>((resolve) => (ready = resolve));
    const io = {
      out: (s: string) => {
        out.push(s);
        ready(s);
      },
      err: (s: string) => void err.push(s),
      color: false,
    };
    const done = serveCommand(['-f', ROOT_EXAMPLE, '--nodes', '1'], io, stop.signal);
    const line = await Promise.race([readyLine, done.then((code) => `exited ${code}: ${err.join('')}`)]);
    const m = /^ready (https:\/\/127\.0\.0\.1:\d+) kubeconfig=(\S+)\n$/.exec(line);
    assert.ok(m, line);
    const [, url, path] = m as unknown as [string, string, string];
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(err, ['deployment.apps/nginx-deployment created\n', 'service/nginx-service created\n']);
    const kc = parse(readFileSync(path, 'utf8')) as { clusters: { cluster: Record<string, string> }[]; users: { user: { token: string } }[] };
    const ca = Buffer.from(kc.clusters[0]?.cluster['certificate-authority-data'] ?? '', 'base64').toString();
    const token = kc.users[0]?.user.token ?? '';
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(`${url}/apis/apps/v1/namespaces/default/deployments/nginx-deployment`, { ca, headers: { authorization: `Bearer ${token}` } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal((JSON.parse(body) as { metadata: { name: string } }).metadata.name, 'nginx-deployment');
    stop.abort();
    assert.equal(await done, 0);
    assert.equal(out.length, 1, 'stdout is the ready line alone');
    assert.equal(existsSync(path), false, 'the generated kubeconfig goes away with the server');
  });
});
