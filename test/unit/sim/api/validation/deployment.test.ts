import { describe, test } from 'node:test';
import { validateCreate, validateUpdate } from '../../../../../src/sim/api/validation';
import { expectErrors, nginxDeployment, nginxService, set, stored } from './fixtures';

describe('validation: the nginx example', () => {
  test('the defaulted nginx Deployment and Service are valid', () => {
    expectErrors(validateCreate(nginxDeployment()), []);
    expectErrors(validateCreate(nginxService()), []);
  });

  test('an unchanged update of both is valid', () => {
    const d = stored(nginxDeployment());
    const s = stored(nginxService());
    expectErrors(validateUpdate(d, d), []);
    expectErrors(validateUpdate(s, s), []);
  });
});

describe('validation: Deployment', () => {
  test('replicas must not be negative', () => {
    const d = nginxDeployment();
    set(d, 'spec.replicas', -1);
    expectErrors(validateCreate(d), [{ field: 'spec.replicas', message: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0' }]);
  });

  test('a missing selector is required, and then nothing matches the template', () => {
    const d = nginxDeployment();
    set(d, 'spec.selector', undefined);
    expectErrors(validateCreate(d), [
      { field: 'spec.selector', message: 'spec.selector: Required value' },
      {
        field: 'spec.template.metadata.labels',
        message: 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
      },
    ]);
  });

  test('an empty selector is invalid for a deployment', () => {
    const d = nginxDeployment();
    set(d, 'spec.selector', {});
    expectErrors(validateCreate(d), [
      {
        field: 'spec.selector',
        message:
          'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
      },
    ]);
  });

  test('the selector must match the template labels', () => {
    const d = nginxDeployment();
    set(d, 'spec.template.metadata.labels', { app: 'web' });
    expectErrors(validateCreate(d), [
      {
        field: 'spec.template.metadata.labels',
        message: 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      },
    ]);
  });

  test('matchExpressions select too', () => {
    const d = nginxDeployment();
    set(d, 'spec.selector', { matchExpressions: [{ key: 'app', operator: 'In', values: ['nginx', 'web'] }] });
    expectErrors(validateCreate(d), []);
    set(d, 'spec.selector', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['nginx'] }] });
    expectErrors(validateCreate(d), [
      {
        field: 'spec.template.metadata.labels',
        message: 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
      },
    ]);
  });

  test('a broken selector is reported once and the template is not checked against it', () => {
    const d = nginxDeployment();
    set(d, 'spec.selector', { matchExpressions: [{ key: 'app', operator: 'Near', values: ['nginx'] }] });
    expectErrors(validateCreate(d), [
      { field: 'spec.selector.matchExpressions[0].operator', message: 'spec.selector.matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator' },
      {
        field: 'spec.selector',
        message:
          'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Near", Values:[]string{"nginx"}}}}: invalid label selector',
      },
    ]);
  });

  test('the template restartPolicy must be Always', () => {
    const d = nginxDeployment();
    set(d, 'spec.template.spec.restartPolicy', 'Never');
    expectErrors(validateCreate(d), [
      { field: 'spec.template.spec.restartPolicy', message: 'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"' },
    ]);
  });

  test('a template may not set activeDeadlineSeconds', () => {
    const d = nginxDeployment();
    set(d, 'spec.template.spec.activeDeadlineSeconds', 30);
    expectErrors(validateCreate(d), [
      {
        field: 'spec.template.spec.activeDeadlineSeconds',
        message: 'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
      },
    ]);
  });

  test('maxSurge and maxUnavailable may not both be 0', () => {
    const d = nginxDeployment();
    set(d, 'spec.strategy.rollingUpdate', { maxUnavailable: 0, maxSurge: '0%' });
    expectErrors(validateCreate(d), [
      {
        field: 'spec.strategy.rollingUpdate.maxUnavailable',
        message: 'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
      },
    ]);
  });

  test('percentages must be well formed and at most 100%', () => {
    const d = nginxDeployment();
    set(d, 'spec.strategy.rollingUpdate', { maxUnavailable: '120%', maxSurge: 'lots' });
    expectErrors(validateCreate(d), [
      {
        field: 'spec.strategy.rollingUpdate.maxSurge',
        message:
          "spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"lots\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      },
      {
        field: 'spec.strategy.rollingUpdate.maxUnavailable',
        message: 'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
      },
    ]);
  });

  test('a negative maxSurge is invalid', () => {
    const d = nginxDeployment();
    set(d, 'spec.strategy.rollingUpdate.maxSurge', -1);
    expectErrors(validateCreate(d), [
      { field: 'spec.strategy.rollingUpdate.maxSurge', message: 'spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0' },
    ]);
  });

  test('Recreate may not carry rollingUpdate', () => {
    const d = nginxDeployment();
    set(d, 'spec.strategy.type', 'Recreate');
    expectErrors(validateCreate(d), [
      { field: 'spec.strategy.rollingUpdate', message: "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'" },
    ]);
  });

  test('an unknown strategy type lists the supported ones', () => {
    const d = nginxDeployment();
    set(d, 'spec.strategy', { type: 'BlueGreen' });
    expectErrors(validateCreate(d), [
      {
        field: 'spec.strategy',
        message:
          'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
      },
    ]);
  });

  test('revisionHistoryLimit and minReadySeconds may not be negative', () => {
    const d = nginxDeployment();
    set(d, 'spec.revisionHistoryLimit', -2);
    set(d, 'spec.minReadySeconds', -5);
    expectErrors(validateCreate(d), [
      { field: 'spec.minReadySeconds', message: 'spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0' },
      { field: 'spec.revisionHistoryLimit', message: 'spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0' },
    ]);
  });

  test('progressDeadlineSeconds must exceed minReadySeconds', () => {
    const d = nginxDeployment();
    set(d, 'spec.minReadySeconds', 600);
    expectErrors(validateCreate(d), [
      { field: 'spec.progressDeadlineSeconds', message: 'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds' },
    ]);
  });

  test('the selector is immutable on update', () => {
    const old = stored(nginxDeployment());
    const d = structuredClone(old);
    set(d, 'spec.selector.matchLabels', { app: 'nginx', tier: 'web' });
    set(d, 'spec.template.metadata.labels', { app: 'nginx', tier: 'web' });
    expectErrors(validateUpdate(d, old), [
      {
        field: 'spec.selector',
        message:
          'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"nginx", "tier":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
      },
    ]);
  });

  test('scaling and a new image are fine on update', () => {
    const old = stored(nginxDeployment());
    const d = structuredClone(old);
    set(d, 'spec.replicas', 5);
    set(d, 'spec.template.spec.containers[0].image', 'nginx:1.16.1');
    expectErrors(validateUpdate(d, old), []);
  });
});
