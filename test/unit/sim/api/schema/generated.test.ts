import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  schemaDefinition,
  schemaDefinitionNames,
  schemaKinds,
  schemaSource,
  type SchemaType,
} from '../../../../../src/sim/api/schema';

const root = path.resolve(__dirname, '../../../../..');
const clientNode133 = path.join(root, 'node_modules', 'kubernetes-client-node-1.33');

function refs(type: SchemaType): string[] {
  if (typeof type === 'string') return [];
  if ('array' in type) return refs(type.array);
  if ('map' in type) return refs(type.map);
  return [type.ref];
}

describe('schema.generated.json', () => {
  test('comes from the Kubernetes v1.33.0 OpenAPI spec', () => {
    assert.equal(schemaSource().openapi, 'v1.33.0');
    assert.equal(schemaSource().package, '@kubernetes/client-node');
  });

  test('is closed: every kind and every reference resolves', () => {
    for (const k of schemaKinds()) {
      assert.ok(schemaDefinition(k.definition), k.definition);
      if (k.listDefinition) assert.ok(schemaDefinition(k.listDefinition), k.listDefinition);
    }
    for (const name of schemaDefinitionNames()) {
      const def = schemaDefinition(name);
      assert.ok(def);
      assert.equal(name.endsWith(`.${def.goType}`), true, name);
      for (const [field, f] of Object.entries(def.fields)) {
        for (const r of refs(f.type)) assert.ok(schemaDefinition(r), `${name}.${field} -> ${r}`);
      }
    }
  });

  test(
    'is what scripts/gen-schema.mjs writes today (regenerated in memory)',
    { skip: existsSync(clientNode133) ? false : 'kubernetes-client-node-1.33 is not installed' },
    () => {
      const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'gen-schema.mjs'), '--check'], {
        cwd: root,
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    },
  );
});
