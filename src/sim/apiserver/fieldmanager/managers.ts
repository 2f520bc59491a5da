/**
 * metadata.managedFields: who owns which fields, updated the way kube-apiserver's field
 * manager does it. An Update takes over every field it added or changed (from whoever owned
 * it before); an Apply owns exactly the fields of its configuration, removes the ones it
 * applied before and no longer does, and fails on fields another manager owns with a
 * different value unless forced.
 */
import type { ManagedFieldsEntry } from 'kubernetes-types/meta/v1';
import type { StatusCause } from 'kubernetes-types/meta/v1';
import { StatusError } from '../../api/errors';
import { deepClone } from '../../api/objects';
import { rfc3339 } from '../../core';
import { FieldSet, pathString, type FieldPath, type FieldsV1 } from './fieldset';
import { appliedFieldSet, compareObjects, sameJson } from './walk';
import { mergeConfig, removePaths } from './merge';

type Obj = Record<string, unknown>;

export interface Manager {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  /** Virtual ms of the last change this manager made. */
  time?: number;
  subresource?: string;
  fields: FieldSet;
}

/** The parts of an entry that name its manager (BuildManagerIdentifier). */
function identity(m: Pick<Manager, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  return JSON.stringify([m.manager, m.operation, m.operation === 'Apply' ? '' : m.apiVersion, m.subresource ?? '']);
}

/** Stored objects are frozen, so their managedFields arrays can be decoded once. */
const decoded = new WeakMap<object, readonly Manager[]>();

export function decodeManagers(entries: unknown): Manager[] {
  if (!Array.isArray(entries)) return [];
  const cached = decoded.get(entries);
  if (cached) return cached.map((m) => ({ ...m }));
  const out = decodeEntries(entries as ManagedFieldsEntry[]);
  if (Object.isFrozen(entries)) decoded.set(entries, out);
  return out.map((m) => ({ ...m }));
}

function decodeEntries(entries: ManagedFieldsEntry[]): Manager[] {
  return entries.map((e) => ({
    manager: e.manager ?? '',
    operation: e.operation === 'Apply' ? 'Apply' : 'Update',
    apiVersion: e.apiVersion ?? '',
    time: e.time ? Date.parse(e.time) : undefined,
    subresource: e.subresource || undefined,
    fields: FieldSet.fromFieldsV1(e.fieldsV1),
  }));
}

/** Entries sorted as upstream writes them: by operation, time, manager, apiVersion, subresource. */
export function encodeManagers(managers: readonly Manager[]): ManagedFieldsEntry[] {
  const sorted = [...managers].sort((p, q) => {
    if (p.operation !== q.operation) return p.operation < q.operation ? -1 : 1;
    const pt = Math.floor((p.time ?? 0) / 1000);
    const qt = Math.floor((q.time ?? 0) / 1000);
    if (pt !== qt) return pt - qt;
    if (p.manager !== q.manager) return p.manager < q.manager ? -1 : 1;
    if (p.apiVersion !== q.apiVersion) return p.apiVersion < q.apiVersion ? -1 : 1;
    return (p.subresource ?? '') < (q.subresource ?? '') ? -1 : (p.subresource ?? '') > (q.subresource ?? '') ? 1 : 0;
  });
  return sorted.map((m) => {
    const e: ManagedFieldsEntry & { fieldsV1?: FieldsV1 } = { manager: m.manager, operation: m.operation, apiVersion: m.apiVersion };
    if (m.time !== undefined) e.time = rfc3339(m.time);
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = m.fields.toFieldsV1();
    if (m.subresource) e.subresource = m.subresource;
    return e;
  });
}

export interface OperationInfo {
  manager: string;
  apiVersion: string;
  subresource?: string;
  now: number;
  /** Paths the strategy resets (status for the main resource): nobody owns them here. */
  ignored: readonly FieldPath[];
}

/** An Update (create, PUT, or any non-apply patch) by `op.manager` from `before` to `after`. */
export function recordUpdate(managers: Manager[], before: Obj | undefined, after: Obj, op: OperationInfo): Manager[] {
  const cmp = compareObjects(before, after);
  const changed = cmp.modified.union(cmp.added).without(op.ignored);
  const removed = cmp.removed;
  let out = managers.map((m) => ({ ...m, fields: m.fields.difference(changed).difference(removed) }));
  if (!changed.isEmpty()) {
    const self: Manager = { manager: op.manager, operation: 'Update', apiVersion: op.apiVersion, subresource: op.subresource, time: op.now, fields: changed };
    const id = identity(self);
    const prior = out.find((m) => identity(m) === id);
    if (prior) {
      prior.fields = prior.fields.union(changed);
      prior.time = op.now;
    } else out.push(self);
  }
  out = out.filter((m) => !m.fields.isEmpty());
  return out;
}

export interface ApplyResult {
  /** The merged object, or undefined when the apply changes nothing. */
  object: Obj | undefined;
  managers: Manager[];
}

/** An Apply of `config` by `op.manager` onto `live` (undefined: the object is new). */
export function recordApply(managers: Manager[], live: Obj | undefined, config: Obj, op: OperationInfo, force: boolean): ApplyResult {
  const applied = appliedFieldSet(config).without(op.ignored);
  const selfId = identity({ manager: op.manager, operation: 'Apply', apiVersion: op.apiVersion, subresource: op.subresource });
  const last = managers.find((m) => identity(m) === selfId);
  const others = managers.filter((m) => identity(m) !== selfId);
  const merged = mergeConfig(deepClone(live ?? {}), config) as Obj;
  if (last) {
    const ownedByOthers = others.reduce((acc, m) => acc.union(m.fields), applied);
    const drop = last.fields.difference(ownedByOthers).paths().filter((p) => !ownedByOthers.hasBelow(p));
    removePaths(merged, drop);
  }
  const cmp = compareObjects(live, merged);
  const changed = cmp.modified.union(cmp.added);
  const conflicts: { manager: Manager; fields: FieldSet }[] = [];
  for (const m of others) {
    const c = m.fields.intersection(changed).without(op.ignored);
    if (!c.isEmpty()) conflicts.push({ manager: m, fields: c });
  }
  if (conflicts.length > 0 && !force) throw applyConflict(conflicts);
  const noop = live !== undefined && sameJson(withoutManaged(live), withoutManaged(merged));
  const next: Manager[] = others.map((m) => ({ ...m, fields: m.fields.difference(changed).difference(cmp.removed) }));
  next.push({
    manager: op.manager,
    operation: 'Apply',
    apiVersion: op.apiVersion,
    subresource: op.subresource,
    time: noop && last ? last.time : op.now,
    fields: applied,
  });
  return { object: noop ? undefined : merged, managers: next.filter((m) => !m.fields.isEmpty()) };
}

function withoutManaged(obj: Obj): Obj {
  const meta = obj.metadata as Obj | undefined;
  if (!meta) return obj;
  const { managedFields: _m, ...rest } = meta;
  return { ...obj, metadata: rest };
}

/** `conflict with "kubectl-client-side-apply" using apps/v1` (printManager). */
function managerText(m: Manager): string {
  const name = JSON.stringify(m.manager);
  return m.operation === 'Update' ? `${name} using ${m.apiVersion}` : name;
}

/** NewConflictError: 409 with one cause per field and upstream's summary. */
export function applyConflict(conflicts: { manager: Manager; fields: FieldSet }[]): StatusError {
  const flat = conflicts.flatMap((c) => c.fields.paths().map((p) => ({ manager: c.manager, path: pathString(p) })));
  flat.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const causes: StatusCause[] = flat.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${managerText(c.manager)}`, field: c.path }));
  let message: string;
  if (flat.length === 1) {
    const only = flat[0] as (typeof flat)[number];
    message = `Apply failed with 1 conflict: conflict with ${managerText(only.manager)}: ${only.path}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of flat) {
      const text = managerText(c.manager);
      byManager.set(text, [...(byManager.get(text) ?? []), c.path]);
    }
    const lines: string[] = [];
    for (const text of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${text}:`);
      for (const p of byManager.get(text) ?? []) lines.push(`- ${p}`);
    }
    message = `Apply failed with ${flat.length} conflicts: ${lines.join('\n')}`;
  }
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Conflict', details: { causes }, code: 409 });
}
