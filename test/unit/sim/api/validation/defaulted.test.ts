import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { applyDefaults, defaultServiceIPFamilies } from '../../../../../src/sim/api/defaults';
import type { KubeObject } from '../../../../../src/sim/api/types';
import { validateCreate } from '../../../../../src/sim/api/validation';
import { expectErrors } from './fixtures';

/** Objects as the API server sees them: namespace from the URL, then defaulting. */
function fromManifest(text: string): KubeObject[] {
  return parseAllDocuments(text).map((d) => {
    const o = d.toJSON() as KubeObject;
    o.metadata.namespace ??= 'default';
    applyDefaults(o);
    if (o.kind === 'Service') defaultServiceIPFamilies(o);
    return o;
  });
}

describe('validation after sim/api defaulting', () => {
  test('examples/nginx.yaml: the Deployment and the Service pass', () => {
    const objs = fromManifest(readFileSync(new URL('../../../../../examples/nginx.yaml', import.meta.url), 'utf8'));
    for (const o of objs) expectErrors(validateCreate(o), []);
  });

  test('a bare Pod passes, and a bad one fails with upstream text', () => {
    const [pod] = fromManifest('apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{name: web, image: nginx}]}\n');
    expectErrors(validateCreate(pod!), []);
    const [bad] = fromManifest('apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{name: web}]}\n');
    expectErrors(validateCreate(bad!), [{ field: 'spec.containers[0].image', message: 'spec.containers[0].image: Required value' }]);
  });
});
