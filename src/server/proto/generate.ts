/**
 * Generates descriptors.generated.json: the protobuf field numbers, types and nullability of
 * the Kubernetes API types this server decodes, read from the gzipped FileDescriptorProtos
 * that kubectl carries (the gogo-generated registrations of k8s.io/api and
 * k8s.io/apimachinery's generated.proto, v1.33). Nullability comes from the
 * (gogoproto.nullable) field option: false means a Go value field, whose zero value JSON
 * leaves out. Run when the Kubernetes version changes:
 *
 *   node --import tsx src/server/proto/generate.ts [path/to/kubectl-1.33]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Descriptors } from './generate.types';

/** The generated.proto files whose messages the served resources use. */
const FILES = [
  'k8s.io/api/core/v1/generated.proto',
  'k8s.io/api/apps/v1/generated.proto',
  'k8s.io/api/batch/v1/generated.proto',
  'k8s.io/api/autoscaling/v1/generated.proto',
  'k8s.io/api/policy/v1/generated.proto',
  'k8s.io/api/rbac/v1/generated.proto',
  'k8s.io/api/coordination/v1/generated.proto',
  'k8s.io/api/discovery/v1/generated.proto',
  'k8s.io/api/scheduling/v1/generated.proto',
  'k8s.io/api/events/v1/generated.proto',
  'k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto',
  'k8s.io/apimachinery/pkg/runtime/generated.proto',
  'k8s.io/apimachinery/pkg/util/intstr/generated.proto',
  'k8s.io/apimachinery/pkg/api/resource/generated.proto',
];

type Field = [number, Buffer | number];

function varint(b: Buffer, at: number): [number, number] {
  let v = 0;
  let mul = 1;
  let i = at;
  for (;;) {
    const c = b[i++] as number;
    v += (c & 0x7f) * mul;
    mul *= 128;
    if (c < 0x80) return [v, i];
  }
}

function fields(b: Buffer): Field[] {
  const out: Field[] = [];
  let i = 0;
  while (i < b.length) {
    const [key, next] = varint(b, i);
    i = next;
    const wire = key & 7;
    const num = Math.floor(key / 8);
    if (wire === 0) {
      const [v, n] = varint(b, i);
      out.push([num, v]);
      i = n;
    } else if (wire === 2) {
      const [len, n] = varint(b, i);
      out.push([num, b.subarray(n, n + len)]);
      i = n + len;
    } else if (wire === 5) {
      out.push([num, b.subarray(i, i + 4)]);
      i += 4;
    } else if (wire === 1) {
      out.push([num, b.subarray(i, i + 8)]);
      i += 8;
    } else throw new Error(`wire type ${wire}`);
  }
  return out;
}

const str = (v: Buffer | number | undefined): string => (Buffer.isBuffer(v) ? v.toString('utf8') : '');
const get = (fs: Field[], n: number): Buffer | number | undefined => fs.find((f) => f[0] === n)?.[1];
const all = (fs: Field[], n: number): Buffer[] => fs.filter((f) => f[0] === n && Buffer.isBuffer(f[1])).map((f) => f[1] as Buffer);

/** FieldDescriptorProto.Type numbers to short names. */
const TYPES: Record<number, string> = { 1: 'f64', 2: 'f32', 3: 'i64', 4: 'u64', 5: 'i32', 8: 'bool', 9: 'str', 11: 'msg', 12: 'bytes', 13: 'u32' };

/** (gogoproto.nullable) = false, as the option's wire bytes: field 65001, varint 0. */
const NOT_NULLABLE = Buffer.from([0xc8, 0xde, 0x1f, 0x00]);


function messages(prefix: string, descriptors: Buffer[], out: Descriptors): void {
  for (const d of descriptors) {
    const m = fields(d);
    const name = `${prefix}.${str(get(m, 1))}`;
    const options = get(m, 7);
    const isMap = Buffer.isBuffer(options) && fields(options).some(([n, v]) => n === 7 && v === 1);
    const spec: Descriptors[string] = { fields: {} };
    if (isMap) spec.map = true;
    for (const f of all(m, 2)) {
      const ff = fields(f);
      const number = get(ff, 3) as number;
      const type = TYPES[get(ff, 5) as number] ?? `?${String(get(ff, 5))}`;
      const opts = get(ff, 8);
      let flags = '';
      if (get(ff, 4) === 3) flags += 'r';
      if (Buffer.isBuffer(opts) && opts.includes(NOT_NULLABLE)) flags += 'n';
      spec.fields[String(number)] = [str(get(ff, 1)), type === 'msg' ? str(get(ff, 6)) : type, flags];
    }
    out[name] = spec;
    messages(name, all(m, 3), out);
  }
}

function kubectlBinary(): string {
  const given = process.argv[2];
  if (given) return given;
  const onPath = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
  return join(dirname(realpathSync(onPath)), 'kubectl.1.33');
}

function main(): void {
  const binary = readFileSync(kubectlBinary());
  const magic = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]);
  const found = new Map<string, Buffer>();
  for (let at = binary.indexOf(magic); at >= 0; at = binary.indexOf(magic, at + 1)) {
    let file: Buffer;
    try {
      file = gunzipSync(binary.subarray(at, at + 4_000_000), { finishFlush: 2 });
    } catch {
      continue;
    }
    if (file[0] !== 0x0a) continue;
    const fs = fields(file);
    const name = str(get(fs, 1));
    if (FILES.includes(name)) found.set(name, file);
  }
  const out: Descriptors = {};
  for (const name of FILES) {
    const file = found.get(name);
    if (!file) throw new Error(`${name} not found in the kubectl binary`);
    const fs = fields(file);
    messages(`.${str(get(fs, 2))}`, all(fs, 4), out);
  }
  const target = join(__dirname, 'descriptors.generated.json');
  writeFileSync(target, `${JSON.stringify(out)}\n`);
  process.stdout.write(`${Object.keys(out).length} messages -> ${target}\n`);
}

main();
