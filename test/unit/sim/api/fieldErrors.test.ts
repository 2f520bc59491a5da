import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateMessage, errorBody, fieldErrors, newPath, stringer } from '../../../../src/sim/api/fieldErrors';

describe('FieldPath', () => {
  test('children, indexes and keys render as field.Path does', () => {
    const p = newPath('spec').child('template', 'spec').child('containers').index(0).child('image');
    assert.equal(p.toString(), 'spec.template.spec.containers[0].image');
    assert.equal(newPath('metadata', 'labels').key('app').toString(), 'metadata.labels[app]');
    assert.equal(newPath('data').key('a.b').child('x').toString(), 'data[a.b].x');
  });
});

describe('field errors', () => {
  test('Required, Forbidden and TooLong omit the value', () => {
    assert.equal(fieldErrors.required(newPath('spec', 'selector')).message, 'spec.selector: Required value');
    assert.equal(
      fieldErrors.required('spec.containers', 'must have at least one').message,
      'spec.containers: Required value: must have at least one',
    );
    assert.equal(fieldErrors.forbidden('spec.x', 'may not be set').message, 'spec.x: Forbidden: may not be set');
    assert.equal(
      fieldErrors.tooLong('metadata.annotations', 'xxxx', 262144).message,
      'metadata.annotations: Too long: may not be more than 262144 bytes',
    );
  });

  test('Invalid renders numbers plainly and strings quoted', () => {
    const e = fieldErrors.invalid(newPath('spec', 'replicas'), -1, 'must be greater than or equal to 0');
    assert.equal(e.message, 'spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    assert.equal(e.type, 'FieldValueInvalid');
    assert.equal(e.field, 'spec.replicas');
    assert.equal(errorBody(e), 'Invalid value: -1: must be greater than or equal to 0');
    assert.equal(fieldErrors.invalid('metadata.name', 'Foo', 'bad').message, 'metadata.name: Invalid value: "Foo": bad');
    assert.equal(fieldErrors.invalid('x', 'a"b\n', 'bad').message, 'x: Invalid value: "a\\"b\\n": bad');
    assert.equal(fieldErrors.invalid('x', true, 'bad').message, 'x: Invalid value: true: bad');
    assert.equal(fieldErrors.invalid('x', null, 'bad').message, 'x: Invalid value: "null": bad');
    assert.equal(fieldErrors.invalid('x', stringer('100m'), 'bad').message, 'x: Invalid value: 100m: bad');
  });

  test('maps and slices use Go %#v syntax', () => {
    const e = fieldErrors.invalid(
      newPath('spec', 'template', 'metadata', 'labels'),
      { app: 'x' },
      '`selector` does not match template `labels`',
    );
    assert.equal(
      e.message,
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    );
    assert.equal(
      fieldErrors.invalid('x', { b: '2', a: '1' }, 'd').message,
      'x: Invalid value: map[string]string{"a":"1", "b":"2"}: d',
    );
    assert.equal(fieldErrors.invalid('x', ['a', 'b'], 'd').message, 'x: Invalid value: []string{"a", "b"}: d');
  });

  test('NotSupported lists quoted values', () => {
    const e = fieldErrors.notSupported(newPath('spec', 'template', 'spec', 'restartPolicy'), 'Never', ['Always']);
    assert.equal(e.message, 'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"');
    assert.equal(
      fieldErrors.notSupported('p', 'X', ['A', 'B']).message,
      'p: Unsupported value: "X": supported values: "A", "B"',
    );
  });

  test('Duplicate, NotFound, TooMany, TypeInvalid, Internal', () => {
    assert.equal(fieldErrors.duplicate('spec.ports[1].name', 'http').message, 'spec.ports[1].name: Duplicate value: "http"');
    assert.equal(fieldErrors.notFound('x', 'y').message, 'x: Not found: "y"');
    assert.equal(fieldErrors.tooMany('x', 5, 3).message, 'x: Too many: 5: must have at most 3 items');
    assert.equal(fieldErrors.tooMany('x', -1, -1).message, 'x: Too many: has too many items');
    assert.equal(fieldErrors.typeInvalid('x', 'a', 'must be int').message, 'x: Invalid value: "a": must be int');
    assert.equal(fieldErrors.internal('x', 'boom').message, 'x: Internal error: boom');
  });

  test('aggregate: one plain, several bracketed, duplicates dropped', () => {
    const a = fieldErrors.required('a');
    const b = fieldErrors.required('b');
    assert.equal(aggregateMessage([]), '');
    assert.equal(aggregateMessage([a]), 'a: Required value');
    assert.equal(aggregateMessage([a, b, a]), '[a: Required value, b: Required value]');
    assert.equal(aggregateMessage([a, a]), 'a: Required value');
  });
});
