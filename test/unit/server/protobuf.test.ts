import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeKubeProtobuf, isKubeProtobuf } from '../../../src/server/proto/decode';

/** A tiny protobuf writer for the fixtures: fields as (number, value) pairs. */
type Value = string | number | bigint | boolean | Buffer | Fields;
interface Fields {
  f: [number, Value][];
}
const msg = (...f: [number, Value][]): Fields => ({ f });

function varint(n: bigint): Buffer {
  const out: number[] = [];
  let v = BigInt.asUintN(64, n);
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return Buffer.from(out);
}

function encode(m: Fields): Buffer {
  const parts: Buffer[] = [];
  for (const [num, value] of m.f) {
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
      parts.push(varint(BigInt(num) << 3n), varint(BigInt(value === true ? 1 : value === false ? 0 : value)));
      continue;
    }
    const bytes = Buffer.isBuffer(value) ? value : typeof value === 'string' ? Buffer.from(value) : encode(value);
    parts.push(varint((BigInt(num) << 3n) | 2n), varint(BigInt(bytes.length)), bytes);
  }
  return Buffer.concat(parts);
}

function envelope(apiVersion: string, kind: string, object: Fields): Buffer {
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), encode(msg([1, msg([1, apiVersion], [2, kind])], [2, encode(object)], [3, ''], [4, '']))]);
}

describe('server: Kubernetes protobuf request bodies', () => {
  test('a ConfigMap: metadata, a map with an empty value, value fields left out when zero', () => {
    const body = envelope('v1', 'ConfigMap', msg([1, msg([1, 'cfg'], [2, ''], [3, ''], [4, 0n])], [2, msg([1, 'a'], [2, '1'])], [2, msg([1, 'b'], [2, ''])]));
    assert.ok(isKubeProtobuf(body));
    assert.deepEqual(decodeKubeProtobuf(body), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1', b: '' } });
  });

  test('a Deployment: pointer zeros stay (replicas: 0), value zeros go, IntOrString, Time and labels', () => {
    const created = Date.parse('2026-01-02T03:04:05Z') / 1000;
    const spec = msg(
      [1, 0],
      [2, msg([1, msg([1, 'app'], [2, 'web'])])],
      [3, msg([1, msg([11, msg([1, 'app'], [2, 'web'])])], [2, msg([2, msg([1, 'nginx'], [2, 'nginx:1.25'])])])],
      [4, msg([1, 'RollingUpdate'], [2, msg([1, msg([1, 1], [3, '25%'])], [2, msg([1, 0], [2, 1])])])],
      [5, 0],
      [7, false],
    );
    const obj = decodeKubeProtobuf(envelope('apps/v1', 'Deployment', msg([1, msg([1, 'web'], [8, msg([1, created], [2, 0])])], [2, spec], [3, msg()])));
    assert.deepEqual(obj, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', creationTimestamp: '2026-01-02T03:04:05Z' },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 1 } },
      },
      status: {},
    });
  });

  test('negative int32 and int64 values (ten-byte varints)', () => {
    const obj = decodeKubeProtobuf(envelope('v1', 'Pod', msg([1, msg([1, 'p'])], [2, msg([4, -5n])]))) as { spec: Record<string, unknown> };
    assert.equal(obj.spec.terminationGracePeriodSeconds, -5);
  });

  test('not protobuf, or truncated: an error', () => {
    assert.equal(isKubeProtobuf(Buffer.from('{"kind":"Pod"}')), false);
    assert.throws(() => decodeKubeProtobuf(Buffer.from('{}')));
    const good = envelope('v1', 'ConfigMap', msg([1, msg([1, 'cfg'])]));
    assert.throws(() => decodeKubeProtobuf(good.subarray(0, good.length - 6)));
  });
});
