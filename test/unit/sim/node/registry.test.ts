import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fullName, parseImageRef, withDefaultTag } from '../../../../src/sim/node/runtime/imageRef';
import { pullDurationMs, resolveImage } from '../../../../src/sim/node/runtime/registry';
import { Rng } from '../../../../src/sim/core';

describe('image references', () => {
  test('short names are qualified as containerd does', () => {
    assert.equal(fullName(parseImageRef('nginx:1.14.2')), 'docker.io/library/nginx:1.14.2');
    assert.equal(fullName(parseImageRef('busybox')), 'docker.io/library/busybox:latest');
    assert.equal(fullName(parseImageRef('bitnami/redis:7.2')), 'docker.io/bitnami/redis:7.2');
    assert.equal(fullName(parseImageRef('registry.k8s.io/pause:3.10')), 'registry.k8s.io/pause:3.10');
    assert.equal(fullName(parseImageRef('localhost:5000/app')), 'localhost:5000/app:latest');
  });

  test('the kubelet adds :latest without qualifying', () => {
    assert.equal(withDefaultTag('busybox'), 'busybox:latest');
    assert.equal(withDefaultTag('nginx:1.14.2'), 'nginx:1.14.2');
  });

  test('upper case and bad tags are invalid references', () => {
    assert.throws(() => parseImageRef('Nginx:1.14'), /repository name \(library\/Nginx\) must be lowercase/);
    assert.throws(() => withDefaultTag('nginx::1'), /couldn't parse image name "nginx::1": invalid reference format/);
  });
});

describe('simulated registry', () => {
  test('a known image resolves with its real digest and size', () => {
    const plan = resolveImage('nginx:1.14.2');
    assert.ok(plan.ok);
    if (!plan.ok) return;
    assert.equal(plan.image.size, 44709229);
    assert.equal(plan.image.repoDigest, 'docker.io/library/nginx@sha256:f7988fb6c02e0ce69257d9bd9cf37ae20a60f1df7563c3a2a6abe24160306b8d');
  });

  test('aliases share the manifest of the tag they name', () => {
    const a = resolveImage('nginx:stable');
    const b = resolveImage('nginx:1.28.0');
    assert.ok(a.ok && b.ok);
    if (a.ok && b.ok) assert.equal(a.image.repoDigest, b.image.repoDigest);
  });

  test('a missing tag is NotFound, a missing repository is access denied', () => {
    const tag = resolveImage('nginx:1.99');
    assert.ok(!tag.ok);
    if (!tag.ok) {
      assert.equal(tag.error.code, 'NotFound');
      assert.equal(tag.error.message, 'failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found');
    }
    const repo = resolveImage('ngnix:1.14.2');
    assert.ok(!repo.ok);
    if (!repo.ok) {
      assert.equal(repo.error.code, 'Unknown');
      assert.match(repo.error.message, /pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed$/);
    }
  });

  test('an unknown registry host fails its DNS lookup', () => {
    const plan = resolveImage('myregistry.example.com/team/app:1.0');
    assert.ok(!plan.ok);
    if (!plan.ok) assert.match(plan.error.message, /dial tcp: lookup myregistry.example.com on 172.18.0.1:53: no such host$/);
  });

  test('pull time grows with size; present content costs only the resolve', () => {
    const rng = new Rng(1);
    const small = pullDurationMs(2_000_000, false, rng);
    const big = pullDurationMs(150_000_000, false, rng);
    const cached = pullDurationMs(150_000_000, true, rng);
    assert.ok(big > 4_000 && big > small * 5);
    assert.ok(cached < 1_000);
  });
});
