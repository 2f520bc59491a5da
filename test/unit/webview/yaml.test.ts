import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { toYaml, withoutManagedFields } from '../../../webview/model/yaml';

describe('toYaml', () => {
  test('writes objects as kubectl does: sequences flush with their key, nested maps indented', () => {
    const text = toYaml({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'nginx', labels: { app: 'nginx' } },
      spec: { replicas: 3, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] } } },
    });
    assert.equal(
      text,
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: nginx',
        '  labels:',
        '    app: nginx',
        'spec:',
        '  replicas: 3',
        '  template:',
        '    spec:',
        '      containers:',
        '      - name: nginx',
        '        image: nginx:1.14.2',
        '        ports:',
        '        - containerPort: 80',
      ].join('\n'),
    );
  });

  test('quotes strings that would read back as something else', () => {
    assert.equal(toYaml({ rv: '1201' }), 'rv: "1201"');
    assert.equal(toYaml({ t: '2025-06-02T09:00:02Z' }), 't: "2025-06-02T09:00:02Z"');
    assert.equal(toYaml({ a: 'true', b: 'null', c: '', d: ' x', e: 'a: b', f: '#x', g: '-' }), 'a: "true"\nb: "null"\nc: ""\nd: " x"\ne: "a: b"\nf: "#x"\ng: "-"');
    assert.equal(toYaml({ ok: '25%', ip: '10.96.143.20', img: 'nginx:1.14.2', lp: null, on: true }), 'ok: 25%\nip: 10.96.143.20\nimg: nginx:1.14.2\nlp: null\n"on": true');
  });

  test('empty collections inline, multi-line strings as block scalars', () => {
    assert.equal(toYaml({ a: {}, b: [], c: 'line1\nline2\n', d: 'x\ny' }), 'a: {}\nb: []\nc: |\n  line1\n  line2\nd: |-\n  x\n  y');
  });

  test('round-trips through a real YAML parser', () => {
    const value = {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"a":1}\n', 'x/y': 'it\'s "quoted"' } },
      list: [[1, 2], ['a', { b: [true, false, null] }], 'line\nbreak', -0.5, 1e21, 'yes', '0x1F', '1.0', '-1'],
      'key: colon': 'v',
      '': 'empty key',
    };
    assert.deepEqual(parse(toYaml(value)), value);
  });

  test('withoutManagedFields drops metadata.managedFields only', () => {
    const snap = { metadata: { name: 'a', managedFields: [{ manager: 'kubectl' }] }, spec: {} };
    assert.deepEqual(withoutManagedFields(snap), { metadata: { name: 'a' }, spec: {} });
    assert.equal(withoutManagedFields('x'), 'x');
  });
});
