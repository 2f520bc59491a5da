/** Hover markdown: upstream text kept readable, defaults found, links right. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldAt } from '../../../../src/sim/api/schema';
import { componentsFor, kindOwner } from '../../../../src/manifest/docs';
import {
  defaultFrom,
  descriptionMarkdown,
  escapeMarkdown,
  fieldHoverMarkdown,
  kindHoverMarkdown,
  unknownFieldMarkdown,
} from '../../../../src/host/language/hoverMarkdown';
import { referenceLinks, stageName, walkthroughCommandUri } from '../../../../src/host/language/reference';
import { kubectlYaml } from '../../../../src/host/language/yamlText';

describe('escapeMarkdown and descriptionMarkdown', () => {
  test('escapes markdown but keeps URLs and code spans whole', () => {
    assert.equal(escapeMarkdown('containers[*].name <b> see https://k8s.io/a_b#x.'), 'containers\\[\\*\\].name \\<b\\> see https://k8s.io/a_b#x.');
    assert.equal(escapeMarkdown('use `a_*b` here'), 'use `a_*b` here');
  });

  test('keeps paragraphs and turns "- " lines into a list', () => {
    const d = 'Valid values are:\n\n- "Allow" (default): runs; - "Forbid": skips\nmore\n- "Replace": replaces';
    assert.equal(descriptionMarkdown(d), 'Valid values are:\n\n- "Allow" (default): runs; - "Forbid": skips more\n- "Replace": replaces');
    assert.equal(descriptionMarkdown('One line\nwrapped.\n\nSecond.'), 'One line\nwrapped.\n\nSecond.');
  });

  test('defaultFrom reads the default a description states', () => {
    assert.equal(defaultFrom('Number of desired pods. Defaults to 1.'), '1');
    assert.equal(defaultFrom('Type of deployment. Default is RollingUpdate.'), 'RollingUpdate');
    assert.equal(defaultFrom('Minimum seconds. Defaults to 0 (pod will be considered available as soon as it is ready)'), '0');
    assert.equal(defaultFrom('Percent. Defaults to 25%.'), '25%');
    assert.equal(defaultFrom('No default here.'), undefined);
  });
});

describe('fieldHoverMarkdown', () => {
  test('replicas of a Deployment: description, explain type, optional, default, components with a stage link, reference', () => {
    const info = fieldAt('apps/v1', 'Deployment', ['spec', 'replicas']);
    assert.ok(info);
    const md = fieldHoverMarkdown({ apiVersion: 'apps/v1', kind: 'Deployment', info, actors: componentsFor('Deployment', ['spec', 'replicas']), live: ['LIVE'] });
    assert.match(md, /^\*\*replicas\*\* `<integer>` · optional · `Deployment\.spec\.replicas`/);
    assert.match(md, /Number of desired pods\./);
    assert.match(md, /\*\*Default:\*\* 1/);
    assert.match(md, /Acted on by the ReplicaSet controller, driven by the Deployment controller\*\* \(`replicaset-controller`, `deployment-controller`\)/);
    assert.ok(md.includes(`[Walk through stage 6](${walkthroughCommandUri('6')} "Open the walkthrough at stage 6")`));
    assert.match(md, /LIVE/);
    assert.match(md, /\(https:\/\/kubernetes\.io\/docs\/reference\/kubernetes-api\/workload-resources\/deployment-v1\/#DeploymentSpec\)/);
  });

  test('a required field says so', () => {
    const info = fieldAt('apps/v1', 'Deployment', ['spec', 'selector']);
    assert.ok(info);
    assert.match(fieldHoverMarkdown({ apiVersion: 'apps/v1', kind: 'Deployment', info }), /`<LabelSelector>` · required/);
  });

  test('kind hover and unknown fields', () => {
    const md = kindHoverMarkdown({ apiVersion: 'v1', kind: 'Service', description: 'A Service.', owner: kindOwner('Service') });
    assert.match(md, /^\*\*Service\*\* `v1`\n\nA Service\./);
    assert.match(md, /kube-proxy/);
    assert.equal(
      unknownFieldMarkdown('Deployment', ['spec', 'template', 'spec', 'containers', '0', 'port']),
      '**port**: Deployment has no field `spec.template.spec.containers[0].port`. With strict field validation (kubectl\'s default) the API server rejects the object: `unknown field "spec.template.spec.containers[0].port"`.',
    );
  });
});

describe('reference links and stage links', () => {
  test('kind pages by category, the struct anchor, the Pod page for Pod template structs', () => {
    assert.deepEqual(referenceLinks('v1', 'PersistentVolumeClaim').map((l) => l.url), ['https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/']);
    assert.deepEqual(referenceLinks('apps/v1', 'Deployment', 'Container').map((l) => l.url), [
      'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/deployment-v1/',
      'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container',
    ]);
    assert.equal(referenceLinks('discovery.k8s.io/v1', 'EndpointSlice')[0]?.url, 'https://kubernetes.io/docs/reference/kubernetes-api/service-resources/endpoint-slice-v1/');
    assert.equal(referenceLinks('example.com/v1', 'Foo')[0]?.url, 'https://kubernetes.io/docs/reference/kubernetes-api/');
  });

  test('the command link carries {stage} as its argument', () => {
    const uri = walkthroughCommandUri('service');
    assert.ok(uri.startsWith('command:kubeWalkthrough.showWalkthrough?'));
    assert.deepEqual(JSON.parse(decodeURIComponent(uri.slice(uri.indexOf('?') + 1))), [{ stage: 'service' }]);
    assert.equal(stageName('8'), 'stage 8');
    assert.equal(stageName('service'), 'the Service lane');
  });
});

describe('kubectlYaml', () => {
  test('sorted keys, sequences at the key\'s indent, no managedFields', () => {
    const text = kubectlYaml({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p', managedFields: [{}] }, spec: { containers: [{ name: 'c', image: 'i' }] } });
    assert.equal(text, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - image: i\n    name: c\n');
  });
});
