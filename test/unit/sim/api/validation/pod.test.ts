import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateCreate, validatePodBinding, validateUpdate } from '../../../../../src/sim/api/validation';
import { expectErrors, nginxPod, set, stored } from './fixtures';

const updatable =
  '`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

describe('validation: Pod create', () => {
  test('the nginx pod is valid', () => {
    expectErrors(validateCreate(nginxPod()), []);
  });

  test('ephemeral containers cannot be set on create', () => {
    const p = nginxPod();
    set(p, 'spec.ephemeralContainers', [{ name: 'debug', image: 'busybox' }]);
    const errs = validateCreate(p).filter((e) => e.field === 'spec.ephemeralContainers');
    expectErrors(errs, [{ field: 'spec.ephemeralContainers', message: 'spec.ephemeralContainers: Forbidden: cannot be set on create' }]);
  });

  test('nodeName waits for scheduling gates', () => {
    const p = nginxPod();
    set(p, 'spec.nodeName', 'node-1');
    set(p, 'spec.schedulingGates', [{ name: 'example.com/quota' }]);
    expectErrors(validateCreate(p), [{ field: 'spec.nodeName', message: 'spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared' }]);
  });

  test('the pod-deletion-cost annotation must be an int32', () => {
    const p = nginxPod();
    set(p, 'metadata.annotations', { 'controller.kubernetes.io/pod-deletion-cost': 'high' });
    expectErrors(validateCreate(p), [
      {
        field: 'metadata.annotations[controller.kubernetes.io/pod-deletion-cost]',
        message: 'metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: "high": must be a 32bit integer',
      },
    ]);
  });
});

describe('validation: Pod update', () => {
  test('a new image is allowed', () => {
    const old = stored(nginxPod());
    const p = structuredClone(old);
    set(p, 'spec.containers[0].image', 'nginx:1.16.1');
    expectErrors(validateUpdate(p, old), []);
  });

  test('other spec changes are forbidden, with a diff of what changed', () => {
    const old = stored(nginxPod());
    const p = structuredClone(old);
    set(p, 'spec.restartPolicy', 'Never');
    const errs = validateUpdate(p, old);
    assert.equal(errs.length, 1);
    const e = errs[0]!;
    assert.equal(e.field, 'spec');
    assert.equal(e.type, 'FieldValueForbidden');
    assert.ok(e.message.startsWith(`spec: Forbidden: pod updates may not change fields other than ${updatable}\n  core.PodSpec{\n`), e.message);
    assert.match(e.message, /\n- \tRestartPolicy: "Always",\n\+ \tRestartPolicy: "Never",\n/);
  });

  test('containers may not be added or removed', () => {
    const old = stored(nginxPod());
    const p = structuredClone(old);
    set(p, 'spec.containers[1]', { ...(p.spec as { containers: object[] }).containers[0], name: 'second' });
    const errs = validateUpdate(p, old).filter((e) => e.field === 'spec.containers');
    expectErrors(errs, [{ field: 'spec.containers', message: 'spec.containers: Forbidden: pod updates may not add or remove containers' }]);
  });

  test('tolerations may only be added', () => {
    const old = stored(nginxPod());
    set(old, 'spec.tolerations', [{ key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]);
    const added = structuredClone(old);
    set(added, 'spec.tolerations', [
      { key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
      { key: 'b', operator: 'Exists' },
    ]);
    expectErrors(validateUpdate(added, old), []);
    const changed = structuredClone(old);
    set(changed, 'spec.tolerations', [{ key: 'a', operator: 'Exists', effect: 'NoSchedule' }]);
    expectErrors(validateUpdate(changed, old), [
      { field: 'spec.tolerations', message: 'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds' },
    ]);
  });

  test('activeDeadlineSeconds may only shrink', () => {
    const old = stored(nginxPod());
    set(old, 'spec.activeDeadlineSeconds', 100);
    const p = structuredClone(old);
    set(p, 'spec.activeDeadlineSeconds', 200);
    expectErrors(validateUpdate(p, old), [
      { field: 'spec.activeDeadlineSeconds', message: 'spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value' },
    ]);
    set(p, 'spec.activeDeadlineSeconds', undefined);
    expectErrors(validateUpdate(p, old), [
      { field: 'spec.activeDeadlineSeconds', message: 'spec.activeDeadlineSeconds: Invalid value: "null": must not update from a positive integer to nil value' },
    ]);
  });

  test('scheduling gates may only be removed', () => {
    const old = stored(nginxPod());
    const p = structuredClone(old);
    set(p, 'spec.schedulingGates', [{ name: 'example.com/late' }]);
    expectErrors(validateUpdate(p, old), [
      { field: 'spec.schedulingGates[0].name', message: "spec.schedulingGates[0].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/late'" },
    ]);
  });
});

describe('validation: pods/binding', () => {
  test('the target is a Node with a name', () => {
    expectErrors(validatePodBinding({ target: { kind: 'Node', name: 'node-1' } }), []);
    expectErrors(validatePodBinding({ target: { kind: 'Pod' } }), [
      { field: 'target.kind', message: 'target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"' },
      { field: 'target.name', message: 'target.name: Required value' },
    ]);
  });
});
