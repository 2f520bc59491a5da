import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  labelSelectorAsSelector,
  labelsToString,
  matchesLabelSelector,
  selectorFromSet,
  selectorToString,
} from '../../../../src/sim/api/selectors';
import { parseLabelSelector as parse } from '../../../../src/sim/api/selectorParser';

const keyMsg =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('label selector strings', () => {
  test('parses every operator and prints the canonical form', () => {
    const s = parse('tier in (web, api),app=nginx,!canary,env!=prod,track notin (beta),gen>3,has');
    assert.equal(s.toString(), 'app=nginx,!canary,env!=prod,gen>3,has,tier in (api,web),track notin (beta)');
    assert.equal(parse('a==b').toString(), 'a==b');
    assert.equal(parse('x=').toString(), 'x=');
    assert.equal(parse('').toString(), '');
    assert.ok(parse('').empty());
  });

  test('matches as upstream does', () => {
    const s = parse('app=nginx,tier in (web,api),!canary');
    assert.ok(s.matches({ app: 'nginx', tier: 'web' }));
    assert.ok(!s.matches({ app: 'nginx', tier: 'web', canary: 'true' }));
    assert.ok(!s.matches({ app: 'nginx', tier: 'db' }));
    assert.ok(!s.matches(undefined));
    assert.ok(parse('env!=prod').matches({}));
    assert.ok(parse('env notin (prod)').matches({}));
    assert.ok(!parse('env').matches({}));
    assert.ok(parse('gen>3').matches({ gen: '4' }));
    assert.ok(!parse('gen>3').matches({ gen: 'x' }));
    assert.ok(parse('gen<3').matches({ gen: '-1' }));
    assert.ok(parse('').matches({ any: 'thing' }));
  });

  test('errors carry upstream texts', () => {
    const cases: [string, string][] = [
      ['app:monolith', `unable to parse requirement: <nil>: Invalid value: "app:monolith": ${keyMsg}`],
      ['a=b c', "found 'c', expected: ',' or 'end of string'"],
      ['a in b', "unable to parse requirement: found 'b' expected: '('"],
      ['a in (b c)', "unable to parse requirement: found 'c', expected: ',' or ')'"],
      ['a,', "found '', expected: identifier after ','"],
      [',a', "found ',', expected: !, identifier, or 'end of string'"],
      ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
      ['a>x', "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer"],
      [
        'app=demo-{x}',
        "unable to parse requirement: values[0][app]: Invalid value: \"demo-{x}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      ],
    ];
    for (const [input, message] of cases) assert.throws(() => parse(input), { message }, input);
  });
});

describe('metav1.LabelSelector', () => {
  test('matchLabels and matchExpressions', () => {
    const ls = {
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['b', 'a'] },
        { key: 'old', operator: 'DoesNotExist' },
        { key: 'zone', operator: 'Exists' },
        { key: 'env', operator: 'NotIn', values: ['prod'] },
      ],
    };
    assert.equal(selectorToString(ls), 'app=web,env notin (prod),!old,tier in (a,b),zone');
    assert.ok(matchesLabelSelector(ls, { app: 'web', tier: 'a', zone: 'z' }));
    assert.ok(!matchesLabelSelector(ls, { app: 'web', tier: 'a' }));
    assert.ok(!matchesLabelSelector(undefined, { app: 'web' }), 'a missing selector selects nothing');
    assert.ok(matchesLabelSelector({}, { app: 'web' }), 'an empty selector selects everything');
    assert.equal(selectorToString({}), '<none>');
    assert.equal(selectorToString(null), '<none>');
  });

  test('invalid selectors fail with upstream texts', () => {
    assert.throws(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Foo' }] }), {
      message: '"Foo" is not a valid label selector operator',
    });
    assert.throws(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }), {
      message: "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
    });
    assert.throws(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }), {
      message: 'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
    });
    assert.throws(() => labelSelectorAsSelector({ matchLabels: { 'a b': 'x' } }), {
      message: /^key: Invalid value: "a b": name part must consist/,
    });
  });

  test('sets', () => {
    assert.equal(selectorFromSet({ b: '2', a: '1' }).toString(), 'a=1,b=2');
    assert.ok(selectorFromSet({ a: '1' }).matches({ a: '1', b: '2' }));
    assert.equal(labelsToString({ tier: 'web', app: 'x' }), 'app=x,tier=web');
  });
});
