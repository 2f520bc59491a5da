/**
 * Sets of field paths as structured-merge-diff keeps them, and their FieldsV1 encoding:
 * a path is a list of elements written `f:name` (a field or map key), `k:{"name":"nginx"}`
 * (an item of a keyed list), `v:"foo"` (a set member) or `i:3`; in the encoded tree `{}`
 * marks a member leaf and `".": {}` a member that also has members below it.
 */

export type PathElement = string;
export type FieldPath = readonly PathElement[];

export type FieldsV1 = { [element: string]: FieldsV1 };

/** Joins path elements into a map key; no element holds a NUL (JSON escapes it). */
const SEP = '\u0000';

export class FieldSet {
  private readonly members = new Map<string, FieldPath>();

  static of(paths: Iterable<FieldPath>): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  insert(path: FieldPath): void {
    if (path.length > 0) this.members.set(path.join(SEP), path);
  }

  has(path: FieldPath): boolean {
    return this.members.has(path.join(SEP));
  }

  get size(): number {
    return this.members.size;
  }

  isEmpty(): boolean {
    return this.members.size === 0;
  }

  paths(): FieldPath[] {
    return [...this.members.values()];
  }

  union(other: FieldSet): FieldSet {
    return FieldSet.of([...this.members.values(), ...other.members.values()]);
  }

  difference(other: FieldSet): FieldSet {
    return FieldSet.of([...this.members].filter(([k]) => !other.members.has(k)).map(([, p]) => p));
  }

  intersection(other: FieldSet): FieldSet {
    return FieldSet.of([...this.members].filter(([k]) => other.members.has(k)).map(([, p]) => p));
  }

  /** The members neither equal to nor below any of the prefixes. */
  without(prefixes: readonly FieldPath[]): FieldSet {
    return FieldSet.of(this.paths().filter((p) => !prefixes.some((pre) => startsWith(p, pre))));
  }

  /** True when some member lies strictly below `path`. */
  hasBelow(path: FieldPath): boolean {
    for (const p of this.members.values()) if (p.length > path.length && startsWith(p, path)) return true;
    return false;
  }

  /** The FieldsV1 tree, children sorted as the Go encoder writes them. */
  toFieldsV1(): FieldsV1 {
    interface Node {
      member: boolean;
      children: Map<string, Node>;
    }
    const root: Node = { member: false, children: new Map() };
    for (const path of this.members.values()) {
      let node = root;
      for (const el of path) {
        let next = node.children.get(el);
        if (!next) node.children.set(el, (next = { member: false, children: new Map() }));
        node = next;
      }
      node.member = true;
    }
    const encode = (node: Node): FieldsV1 => {
      const out: FieldsV1 = {};
      if (node.member && node.children.size > 0) out['.'] = {};
      for (const key of [...node.children.keys()].sort()) out[key] = encode(node.children.get(key) as Node);
      return out;
    };
    return encode(root);
  }

  static fromFieldsV1(tree: unknown): FieldSet {
    const set = new FieldSet();
    const walk = (node: unknown, path: PathElement[]): void => {
      if (typeof node !== 'object' || node === null) return;
      const entries = Object.entries(node as Record<string, unknown>);
      if (entries.length === 0) {
        set.insert(path);
        return;
      }
      for (const [key, child] of entries) {
        if (key === '.') set.insert(path);
        else walk(child, [...path, key]);
      }
    };
    walk(tree, []);
    return set;
  }
}

function startsWith(path: FieldPath, prefix: FieldPath): boolean {
  if (prefix.length > path.length) return false;
  return prefix.every((el, i) => path[i] === el);
}

export const field = (name: string): PathElement => `f:${name}`;
export const keyElement = (key: Record<string, unknown>): PathElement => `k:${JSON.stringify(key)}`;
export const valueElement = (value: unknown): PathElement => `v:${JSON.stringify(value)}`;

/** fieldpath.Path.String(): `.spec.template.spec.containers[name="nginx"].image` */
export function pathString(path: FieldPath): string {
  return path
    .map((el) => {
      const body = el.slice(2);
      if (el.startsWith('f:')) return `.${body}`;
      if (el.startsWith('k:')) {
        const key = JSON.parse(body) as Record<string, unknown>;
        return `[${Object.entries(key).map(([k, v]) => `${k}=${goValue(v)}`).join(',')}]`;
      }
      if (el.startsWith('v:')) return `[=${goValue(JSON.parse(body))}]`;
      return `[${body}]`;
    })
    .join('');
}

/** value.ToString: strings quoted, numbers and booleans bare. */
function goValue(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}
