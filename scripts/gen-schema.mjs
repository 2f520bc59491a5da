#!/usr/bin/env node
/**
 * Builds src/sim/api/schema/schema.generated.json, the one schema source for strict decoding,
 * hover docs and (later) /openapi documents, from maintained npm packages. Never run at
 * extension run time; the JSON is committed and deterministic (same inputs, same bytes).
 *
 * Sources, both read with the TypeScript compiler API (nothing from them is executed):
 *  - @kubernetes/client-node 1.3.x, generated from the Kubernetes v1.33.0 OpenAPI spec: the
 *    field set, JSON names, required, formats (int32/int64/date-time/int-or-string/byte) and
 *    descriptions. It sits beside the newer client under an npm alias:
 *      npm install --save-dev kubernetes-client-node-1.33@npm:@kubernetes/client-node@1.3.0
 *  - kubernetes-types (1.30): which string fields are resource.Quantity (the client flattens
 *    them to string) and the paragraph breaks of descriptions (the client flattens newlines).
 *
 * Usage: node scripts/gen-schema.mjs [--client-node DIR] [--types DIR] [--out FILE] [--check]
 *   --check  regenerate in memory; exit 1 if the committed file differs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const TARGET_SPEC_VERSION = 'v1.33.0';
const CORE = 'io.k8s.api.core.v1';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** The kinds the simulator serves; model defaults to V1<kind>. */
const KINDS = [
  ...['Namespace', 'Node', 'Pod', 'Binding', 'Service', 'Endpoints', 'ConfigMap', 'Secret', 'ServiceAccount']
    .map((kind) => ({ group: '', version: 'v1', kind, pkg: CORE })),
  { group: '', version: 'v1', kind: 'Event', pkg: CORE, model: 'CoreV1Event' },
  ...['PersistentVolumeClaim', 'PersistentVolume'].map((kind) => ({ group: '', version: 'v1', kind, pkg: CORE })),
  ...['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ControllerRevision']
    .map((kind) => ({ group: 'apps', version: 'v1', kind, pkg: 'io.k8s.api.apps.v1' })),
  ...['Job', 'CronJob'].map((kind) => ({ group: 'batch', version: 'v1', kind, pkg: 'io.k8s.api.batch.v1' })),
  { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', pkg: 'io.k8s.api.discovery.v1' },
  { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', pkg: 'io.k8s.api.coordination.v1' },
  { group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass', pkg: 'io.k8s.api.scheduling.v1' },
  ...['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']
    .map((kind) => ({ group: 'rbac.authorization.k8s.io', version: 'v1', kind, pkg: 'io.k8s.api.rbac.v1' })),
  { group: 'autoscaling', version: 'v1', kind: 'Scale', pkg: 'io.k8s.api.autoscaling.v1' },
  { group: '', version: 'v1', kind: 'Status', pkg: META },
];
/** Definitions wanted even when no kind reaches them (request bodies, list metadata). */
const EXTRA_ROOTS = ['V1ListMeta', 'V1DeleteOptions'];

/** client-node prefixes clashing names with their group: CoreV1EndpointPort. */
const GROUP_PREFIX = {
  Core: 'core', Discovery: 'discovery', Events: 'events', Storage: 'storage', Rbac: 'rbac',
  Authentication: 'authentication', Flowcontrol: 'flowcontrol', Admissionregistration: 'admissionregistration',
  Apiextensions: 'apiextensions', Apiregistration: 'apiregistration',
};

/**
 * Go named types that OpenAPI flattens to string/map. The Go JSON decoder prints these names
 * in type errors ("of type v1.Protocol"); from k8s.io/api/core/v1/types.go and
 * k8s.io/apimachinery/pkg/types. Only fields people commonly write by hand.
 */
const GO_TYPE_OVERRIDES = {
  'ResourceRequirements.limits': 'v1.ResourceList',
  'ResourceRequirements.requests': 'v1.ResourceList',
  'VolumeResourceRequirements.limits': 'v1.ResourceList',
  'VolumeResourceRequirements.requests': 'v1.ResourceList',
  'PersistentVolumeSpec.capacity': 'v1.ResourceList',
  'NodeStatus.capacity': 'v1.ResourceList',
  'NodeStatus.allocatable': 'v1.ResourceList',
  'Container.imagePullPolicy': 'v1.PullPolicy',
  'ContainerPort.protocol': 'v1.Protocol',
  'ServicePort.protocol': 'v1.Protocol',
  'PodSpec.restartPolicy': 'v1.RestartPolicy',
  'PodSpec.dnsPolicy': 'v1.DNSPolicy',
  'ServiceSpec.type': 'v1.ServiceType',
  'Secret.type': 'v1.SecretType',
  'ObjectMeta.uid': 'types.UID',
  'OwnerReference.uid': 'types.UID',
  'DeploymentStrategy.type': 'v1.DeploymentStrategyType',
  'PersistentVolumeClaimSpec.accessModes': '[]v1.PersistentVolumeAccessMode',
  'PersistentVolumeSpec.accessModes': '[]v1.PersistentVolumeAccessMode',
};

const GENERIC_TYPE_DOC = /^(IntOrString is a type|MicroTime is version of Time|Quantity is a fixed-point|Time is a wrapper)/;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const normalize = (s) => s.replace(/\s+/g, ' ').trim();

/** Text of the /** doc comment right before node, without the comment markers. */
function docComment(sf, node) {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.getFullStart()) ?? [];
  const doc = ranges.filter((r) => sf.text.startsWith('/**', r.pos)).pop();
  if (!doc) return undefined;
  const body = sf.text.slice(doc.pos + 3, doc.end - 2);
  const lines = body.split('\n').map((l) => l.replace(/^\s*\*? ?/, '').replace(/\s+$/, ''));
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.length > 0 ? lines.join('\n') : undefined;
}

const propName = (member) => (ts.isStringLiteral(member.name) ? member.name.text : member.name.getText());
/** client-node writes descriptions as escaped string content: \" \' \\ */
const unescapeClient = (s) => s.replace(/\\(["'\\])/g, '$1');

function parse(file) {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

/** One client-node model: class doc, property docs and optionality, attributeTypeMap. */
function readClientNodeModel(modelsDir, name) {
  const sf = parse(path.join(modelsDir, `${name}.d.ts`));
  const specVersion = /OpenAPI spec version: (\S+)/.exec(sf.text)?.[1];
  const cls = sf.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === name);
  if (!cls) throw new Error(`no class ${name}`);
  const clsDoc = docComment(sf, cls);
  const props = new Map();
  for (const m of cls.members) {
    if (!ts.isPropertyDeclaration(m) || m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) continue;
    const doc = docComment(sf, m);
    props.set(propName(m), { optional: Boolean(m.questionToken), description: doc && unescapeClient(doc) });
  }
  const js = fs.readFileSync(path.join(modelsDir, `${name}.js`), 'utf8');
  const map = /\.attributeTypeMap = (\[[\s\S]*?\n\]);/.exec(js);
  if (!map) throw new Error(`no attributeTypeMap in ${name}.js`);
  return { specVersion, description: clsDoc && unescapeClient(clsDoc), props, attributes: JSON.parse(map[1]) };
}

function typesFileToPackage(rel) {
  const noExt = rel.replace(/\.d\.ts$/, '').split(path.sep).join('/');
  const special = {
    'meta/v1': META, 'api/resource': 'io.k8s.apimachinery.pkg.api.resource',
    runtime: 'io.k8s.apimachinery.pkg.runtime', version: 'io.k8s.apimachinery.pkg.version',
    'apiextensions/v1': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1',
  };
  return special[noExt] ?? `io.k8s.api.${noExt.replace('/', '.')}`;
}

/** Every interface in kubernetes-types: package -> name -> { description, props }. */
function readTypesPackage(typesDir) {
  const byPackage = new Map();
  const byName = new Map();
  const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : []));
  for (const file of walk(typesDir)) {
    const pkg = typesFileToPackage(path.relative(typesDir, file));
    const sf = parse(file);
    const defs = new Map();
    for (const s of sf.statements) {
      if (!ts.isInterfaceDeclaration(s)) continue;
      const props = new Map();
      for (const m of s.members) {
        if (!ts.isPropertySignature(m)) continue;
        props.set(propName(m), { typeText: m.type?.getText(sf) ?? '', description: docComment(sf, m) });
      }
      defs.set(s.name.text, { description: docComment(sf, s), props });
      byName.set(s.name.text, [...(byName.get(s.name.text) ?? []), pkg]);
    }
    byPackage.set(pkg, defs);
  }
  return { byPackage, byName };
}

/** CoreV1EndpointPort -> { prefix: 'Core', version: 'v1', go: 'EndpointPort' } */
function splitModelName(model) {
  const m = /^((?:[A-Z][a-z]+)*?)(V\d+(?:(?:alpha|beta)\d+)?)(?=[A-Z])(.+)$/.exec(model);
  if (!m) throw new Error(`unexpected model name ${model}`);
  return { prefix: m[1], version: m[2].toLowerCase(), go: m[3] };
}

export function generate({ clientNodeDir, typesDir, allowVersionMismatch = false }) {
  const modelsDir = path.join(clientNodeDir, 'dist', 'gen', 'models');
  const pkgJson = JSON.parse(fs.readFileSync(path.join(clientNodeDir, 'package.json'), 'utf8'));
  const typesVersion = JSON.parse(fs.readFileSync(path.join(typesDir, 'package.json'), 'utf8')).version;
  const types = readTypesPackage(typesDir);
  const models = new Map();
  const load = (name) => {
    if (!models.has(name)) models.set(name, readClientNodeModel(modelsDir, name));
    return models.get(name);
  };
  const specVersion = load('V1Pod').specVersion;
  if (specVersion !== TARGET_SPEC_VERSION && !allowVersionMismatch) {
    throw new Error(`client-node models are from ${specVersion}, want ${TARGET_SPEC_VERSION}`);
  }

  const packageOf = (model, parentPkg) => {
    const { prefix, version, go } = splitModelName(model);
    if (prefix) {
      if (!GROUP_PREFIX[prefix]) throw new Error(`no package for prefix ${prefix} (${model})`);
      return typesFileToPackage(`${GROUP_PREFIX[prefix]}/${version}.d.ts`);
    }
    const found = (types.byName.get(go) ?? []).filter((p) => p.endsWith(`.${version}`)).sort();
    if (found.length === 1 || (found.length > 1 && !found.includes(parentPkg))) return found[0];
    return parentPkg; // newer than kubernetes-types, or ambiguous: it lives beside its user
  };

  const defNames = new Map();
  const queue = [];
  const enqueue = (model, parentPkg) => {
    if (!defNames.has(model)) {
      defNames.set(model, `${packageOf(model, parentPkg)}.${splitModelName(model).go}`);
      queue.push(model);
    }
    return defNames.get(model);
  };
  const kinds = KINDS.map((k) => {
    const model = k.model ?? `V1${k.kind}`;
    const entry = { group: k.group, version: k.version, kind: k.kind, definition: enqueue(model, k.pkg) };
    if (k.kind !== 'Status' && fs.existsSync(path.join(modelsDir, `${model}List.d.ts`))) {
      entry.listDefinition = enqueue(`${model}List`, k.pkg);
    }
    return entry;
  });
  for (const model of EXTRA_ROOTS) enqueue(model, META);

  const toType = (tsType, format, ownerPkg) => {
    const t = tsType.replace(/\s+/g, ' ').trim();
    let m;
    if ((m = /^Array<(.+)>$/.exec(t))) return { array: toType(m[1], format, ownerPkg) };
    if ((m = /^\{ \[key: string\]: (.+?); ?\}$/.exec(t))) return { map: toType(m[1], format, ownerPkg) };
    if (t === 'string') return format === 'byte' ? 'byte' : 'string';
    if (t === 'boolean') return 'boolean';
    if (t === 'number') return format === 'int32' || format === 'int64' ? format : 'double';
    if (t === 'Date') return 'Time';
    if (t === 'IntOrString') return 'IntOrString';
    if (t === 'any') return 'any';
    if (format === 'date-time-micro') return 'MicroTime';
    if (/^[A-Z]\w+$/.test(t)) return { ref: enqueue(t, ownerPkg) };
    throw new Error(`unhandled client-node type ${t} (${format})`);
  };
  const withQuantity = (type, ktTypeText) => {
    if (!ktTypeText || !/\bQuantity\b/.test(ktTypeText)) return type;
    if (type === 'string') return 'Quantity';
    if (typeof type === 'object' && type.map === 'string') return { map: 'Quantity' };
    return type;
  };
  // Same words in both sources: take kubernetes-types' copy, which keeps the line breaks.
  const bestText = (cnText, ktText) => (ktText && normalize(ktText) === normalize(cnText) ? ktText : cnText);

  const definitions = {};
  const unmatched = [];
  while (queue.length > 0) {
    const model = queue.shift();
    const name = defNames.get(model);
    const pkg = name.slice(0, name.lastIndexOf('.'));
    const goName = splitModelName(model).go;
    const cn = load(model);
    const kt = types.byPackage.get(pkg)?.get(goName);
    const def = { goType: goName, goPackage: pkg.slice(pkg.lastIndexOf('.') + 1) };
    if (cn.description) def.description = bestText(cn.description, kt?.description);
    def.fields = {};
    for (const attr of cn.attributes) {
      const prop = cn.props.get(attr.name);
      const ktProp = kt?.props.get(attr.baseName);
      if (!ktProp) unmatched.push(`${goName}.${attr.baseName}`);
      const field = { type: withQuantity(toType(attr.type, attr.format, pkg), ktProp?.typeText) };
      // client-node drops the description of fields that reference another definition, and
      // gives fields of type IntOrString/MicroTime/Quantity that type's own description.
      const own = prop?.description && !GENERIC_TYPE_DOC.test(prop.description) ? prop.description : undefined;
      const description = own ? bestText(own, ktProp?.description) : ktProp?.description ?? prop?.description;
      if (description) field.description = description;
      if (prop && !prop.optional) field.required = true;
      const goType = GO_TYPE_OVERRIDES[`${goName}.${attr.baseName}`];
      if (goType) field.goType = goType;
      def.fields[attr.baseName] = field;
    }
    definitions[name] = def;
  }

  const names = Object.keys(definitions).sort();
  const source = { package: pkgJson.name, version: pkgJson.version, openapi: specVersion, supplement: `kubernetes-types@${typesVersion}` };
  // One definition per line keeps diffs of a regeneration readable.
  const lines = [`{"source":${JSON.stringify(source)},`, `"kinds":${JSON.stringify(kinds)},`, '"definitions":{'];
  names.forEach((n, i) => lines.push(`${JSON.stringify(n)}:${JSON.stringify(definitions[n])}${i < names.length - 1 ? ',' : ''}`));
  lines.push('}}');
  return { text: `${lines.join('\n')}\n`, unmatched, count: names.length };
}

function parseArgs(argv) {
  const args = { check: false, allowVersionMismatch: false };
  const valued = { '--client-node': 'clientNodeDir', '--types': 'typesDir', '--out': 'out' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') args.check = true;
    else if (a === '--allow-version-mismatch') args.allowVersionMismatch = true;
    else if (valued[a] && argv[i + 1] !== undefined) args[valued[a]] = path.resolve(argv[++i]);
    else throw new Error(`unknown or incomplete argument ${a}`);
  }
  return args;
}

export const defaultPaths = {
  clientNodeDir: path.join(root, 'node_modules', 'kubernetes-client-node-1.33'),
  typesDir: path.join(root, 'node_modules', 'kubernetes-types'),
  out: path.join(root, 'src', 'sim', 'api', 'schema', 'schema.generated.json'),
};

function main() {
  const args = { ...defaultPaths, ...parseArgs(process.argv.slice(2)) };
  if (!fs.existsSync(args.clientNodeDir)) {
    console.error(`${args.clientNodeDir} not found: install the alias named in this script's header or pass --client-node DIR`);
    process.exit(2);
  }
  const { text, unmatched, count } = generate(args);
  const rel = path.relative(root, args.out);
  if (args.check) {
    const current = fs.existsSync(args.out) ? fs.readFileSync(args.out, 'utf8') : '';
    if (current !== text) {
      console.error(`${rel} is out of date: run node scripts/gen-schema.mjs`);
      process.exit(1);
    }
    console.log(`${rel} is up to date (${count} definitions)`);
    return;
  }
  fs.writeFileSync(args.out, text);
  console.log(`wrote ${rel}: ${count} definitions, ${text.length} bytes`);
  if (unmatched.length > 0) console.log(`not in kubernetes-types (no Quantity or line-break supplement): ${unmatched.join(', ')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
