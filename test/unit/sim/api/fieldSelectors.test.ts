import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultRegistry } from '../../../../src/sim/api/registry';
import { parseFieldRequirements, parseFieldSelector, selectableFields } from '../../../../src/sim/api/fieldSelectors';
import type { ResourceInfo } from '../../../../src/sim/api/types';

const res = (g: string, p: string) => defaultRegistry.byResource(g, p) as ResourceInfo;
const pods = res('', 'pods');
const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'default' },
  spec: { nodeName: 'node-1', restartPolicy: 'Always' },
  status: { phase: 'Running', podIPs: [{ ip: '10.244.0.5' }] },
};

describe('field selectors', () => {
  test('pods: spec.nodeName, status.phase, metadata', () => {
    assert.ok(parseFieldSelector(pods, 'spec.nodeName=node-1').matches(pod));
    assert.ok(!parseFieldSelector(pods, 'spec.nodeName=node-2').matches(pod));
    assert.ok(parseFieldSelector(pods, 'status.phase!=Pending,metadata.namespace=default').matches(pod));
    assert.ok(parseFieldSelector(pods, 'spec.host=node-1').matches(pod), 'spec.host is the legacy name of spec.nodeName');
    assert.ok(parseFieldSelector(pods, 'spec.hostNetwork=false').matches(pod));
    assert.ok(parseFieldSelector(pods, 'status.podIP=10.244.0.5').matches(pod));
    assert.ok(parseFieldSelector(pods, 'spec.nodeName=').matches({ ...pod, spec: {} }), 'unscheduled pods');
    assert.equal(parseFieldSelector(pods, 'spec.nodeName=node-1').requiresExactMatch('spec.nodeName'), 'node-1');
    assert.equal(parseFieldSelector(pods, 'status.phase!=Running,metadata.name=a').toString(), 'metadata.name=a,status.phase!=Running');
    assert.ok(parseFieldSelector(pods, '').empty());
  });

  test('unsupported labels fail with each resource\'s text', () => {
    assert.throws(() => parseFieldSelector(pods, 'spec.foo=bar'), { message: 'field label not supported: spec.foo' });
    assert.throws(() => parseFieldSelector(res('apps', 'deployments'), 'spec.replicas=1'), {
      message: '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    });
    assert.throws(() => parseFieldSelector(res('batch', 'jobs'), 'spec.x=1'), { message: 'field label "spec.x" not supported for Job' });
  });

  test('events by involved object', () => {
    const ev = { metadata: { name: 'e', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web-1' }, reason: 'Scheduled', type: 'Normal', source: { component: 'default-scheduler' } };
    const events = res('', 'events');
    assert.ok(parseFieldSelector(events, 'involvedObject.name=web-1,involvedObject.kind=Pod').matches(ev));
    assert.ok(parseFieldSelector(events, 'source=default-scheduler,type=Normal').matches(ev));
    assert.ok(parseFieldSelector(res('events.k8s.io', 'events'), 'regarding.name=web-1').matches(ev));
  });

  test('other resources', () => {
    assert.ok(parseFieldSelector(res('', 'nodes'), 'spec.unschedulable=false').matches({ metadata: { name: 'n' }, spec: {} }));
    assert.ok(parseFieldSelector(res('', 'secrets'), 'type=Opaque').matches({ metadata: { name: 's' }, type: 'Opaque' }));
    assert.ok(parseFieldSelector(res('batch', 'jobs'), 'status.successful=0').matches({ metadata: { name: 'j' } }));
    assert.deepEqual(selectableFields(res('', 'nodes'), { metadata: { name: 'n' } }), { 'spec.unschedulable': 'false', 'metadata.name': 'n' });
  });

  test('syntax and escaping', () => {
    assert.deepEqual(parseFieldRequirements('a==b,c=d\\,e'), [
      { field: 'a', operator: '==', value: 'b' },
      { field: 'c', operator: '=', value: 'd,e' },
    ]);
    assert.throws(() => parseFieldRequirements('metadata.name'), {
      message: "invalid selector: 'metadata.name'; can't understand 'metadata.name'",
    });
    assert.throws(() => parseFieldRequirements('a=b=c'), { message: 'invalid field selector: unescaped character in value: 61' });
    assert.throws(() => parseFieldRequirements('a=b\\x'), { message: 'invalid field selector: invalid escape sequence: \\x' });
    assert.equal(parseFieldSelector(res('', 'configmaps'), 'metadata.name=a\\,b').toString(), 'metadata.name=a\\,b');
  });
});
