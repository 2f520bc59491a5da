import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidKeyError, keyFor, prefixFor } from '../../../../src/sim/store';

describe('keyFor / prefixFor', () => {
  test('builds kube-apiserver keys for namespaced and cluster-scoped objects', () => {
    assert.equal(keyFor('minions', undefined, 'worker-1'), '/registry/minions/worker-1');
    assert.equal(keyFor('services/specs', 'default', 'nginx-service'), '/registry/services/specs/default/nginx-service');
    assert.equal(keyFor('deployments', 'default', 'nginx-deployment'), '/registry/deployments/default/nginx-deployment');
    assert.equal(keyFor('namespaces', '', 'kube-system'), '/registry/namespaces/kube-system');
  });

  test('range prefixes end with a slash', () => {
    assert.equal(prefixFor('pods'), '/registry/pods/');
    assert.equal(prefixFor('pods', 'default'), '/registry/pods/default/');
    assert.equal(prefixFor('/services/specs/', 'kube-system'), '/registry/services/specs/kube-system/');
  });

  test('a namespace prefix does not cover a namespace whose name extends it', () => {
    assert.ok(!keyFor('pods', 'default-2', 'a').startsWith(prefixFor('pods', 'default')));
  });

  test('rejects names that are not path segments with the registry messages', () => {
    assert.throws(() => keyFor('pods', 'default', ''), { name: 'InvalidKeyError', message: 'Name parameter required.' });
    assert.throws(() => keyFor('pods', 'default', '..'), {
      message: `Name parameter invalid: "..": may not be '..'`,
    });
    assert.throws(() => keyFor('pods', 'default', 'a/b%c'), {
      message: `Name parameter invalid: "a/b%c": may not contain '/';may not contain '%'`,
    });
    assert.throws(() => keyFor('pods', undefined, '.'), InvalidKeyError);
  });
});
