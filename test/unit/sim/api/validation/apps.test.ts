import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateCreate, validateUpdate } from '../../../../../src/sim/api/validation';
import { expectErrors, nginxDeployment, podSpec, set, stored, type Obj } from './fixtures';

function replicaSet(): Obj {
  const d = nginxDeployment();
  const spec = d.spec as Record<string, unknown>;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'nginx-deployment-7c5ddbdf54', namespace: 'default', labels: { app: 'nginx' } },
    spec: { replicas: 3, selector: spec.selector, template: spec.template },
  };
}

function statefulSet(): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      serviceName: 'nginx',
      replicas: 2,
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: podSpec() },
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    },
  };
}

function daemonSet(): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'fluentd', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { name: 'fluentd' } },
      template: { metadata: { labels: { name: 'fluentd' } }, spec: podSpec() },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
  };
}

describe('validation: ReplicaSet', () => {
  test('a ReplicaSet like the one the Deployment creates is valid', () => {
    expectErrors(validateCreate(replicaSet()), []);
  });

  test('an empty selector uses the Deployment wording, as upstream does', () => {
    const rs = replicaSet();
    set(rs, 'spec.selector', { matchLabels: {} });
    expectErrors(validateCreate(rs), [
      {
        field: 'spec.selector',
        message:
          'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
      },
    ]);
  });

  test('the template restartPolicy must be Always', () => {
    const rs = replicaSet();
    set(rs, 'spec.template.spec.restartPolicy', 'OnFailure');
    expectErrors(validateCreate(rs), [
      { field: 'spec.template.spec.restartPolicy', message: 'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"' },
    ]);
  });

  test('the selector is immutable', () => {
    const old = stored(replicaSet());
    const rs = structuredClone(old);
    set(rs, 'spec.selector', { matchLabels: { app: 'web' } });
    set(rs, 'spec.template.metadata.labels', { app: 'web' });
    expectErrors(validateUpdate(rs, old), [
      {
        field: 'spec.selector',
        message: 'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
      },
    ]);
  });
});

describe('validation: StatefulSet', () => {
  test('a defaulted StatefulSet is valid', () => {
    expectErrors(validateCreate(statefulSet()), []);
  });

  test('names are DNS labels (pods take the name plus an ordinal)', () => {
    const s = statefulSet();
    set(s, 'metadata.name', 'web.v2');
    expectErrors(validateCreate(s), [{ field: 'metadata.name', message: 'metadata.name: Invalid value: "web.v2": must not contain dots' }]);
  });

  test('podManagementPolicy and updateStrategy are checked', () => {
    const s = statefulSet();
    set(s, 'spec.podManagementPolicy', 'AllAtOnce');
    set(s, 'spec.updateStrategy', { type: 'OnDelete', rollingUpdate: { partition: 1 } });
    expectErrors(validateCreate(s), [
      { field: 'spec.podManagementPolicy', message: "spec.podManagementPolicy: Invalid value: \"AllAtOnce\": must be 'OrderedReady' or 'Parallel'" },
      {
        field: 'spec.updateStrategy.rollingUpdate',
        message: "spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:1}: only allowed for updateStrategy 'RollingUpdate'",
      },
    ]);
  });

  test('an empty selector is invalid for a statefulset', () => {
    const s = statefulSet();
    set(s, 'spec.selector', {});
    expectErrors(validateCreate(s), [
      {
        field: 'spec.selector',
        message:
          'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset',
      },
    ]);
  });

  test('PVC retention policy values', () => {
    const s = statefulSet();
    set(s, 'spec.persistentVolumeClaimRetentionPolicy.whenScaled', 'Keep');
    expectErrors(validateCreate(s), [
      {
        field: 'spec.persistentVolumeClaimRetentionPolicy.whenScaled',
        message: 'spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: "Keep": supported values: "Retain", "Delete"',
      },
    ]);
  });

  test('updates may change replicas, template and strategy but nothing else', () => {
    const old = stored(statefulSet());
    const ok = structuredClone(old);
    set(ok, 'spec.replicas', 5);
    set(ok, 'spec.template.spec.containers[0].image', 'nginx:1.16.1');
    expectErrors(validateUpdate(ok, old), []);
    const bad = structuredClone(old);
    set(bad, 'spec.serviceName', 'other');
    expectErrors(validateUpdate(bad, old), [
      {
        field: 'spec',
        message:
          "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      },
    ]);
  });
});

describe('validation: DaemonSet', () => {
  test('a defaulted DaemonSet is valid', () => {
    expectErrors(validateCreate(daemonSet()), []);
  });

  test('the selector must match the template', () => {
    const ds = daemonSet();
    set(ds, 'spec.template.metadata.labels', { name: 'other' });
    expectErrors(validateCreate(ds), [
      {
        field: 'spec.template.metadata.labels',
        message: 'spec.template.metadata.labels: Invalid value: map[string]string{"name":"other"}: `selector` does not match template `labels`',
      },
    ]);
  });

  test('exactly one of maxSurge and maxUnavailable is non-zero', () => {
    const ds = daemonSet();
    set(ds, 'spec.updateStrategy.rollingUpdate', { maxUnavailable: 0, maxSurge: 0 });
    expectErrors(validateCreate(ds), [
      { field: 'spec.updateStrategy.rollingUpdate.maxUnavailable', message: 'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0' },
    ]);
    set(ds, 'spec.updateStrategy.rollingUpdate', { maxUnavailable: 1, maxSurge: '10%' });
    expectErrors(validateCreate(ds), [
      {
        field: 'spec.updateStrategy.rollingUpdate.maxSurge',
        message: 'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"10%"}: may not be set when maxUnavailable is non-zero',
      },
    ]);
  });

  test('a changed template is a valid update', () => {
    const old = stored(daemonSet());
    const ds = structuredClone(old);
    set(ds, 'spec.template.spec.containers[0].image', 'fluentd:v2');
    assert.deepEqual(validateUpdate(ds, old), []);
  });
});
