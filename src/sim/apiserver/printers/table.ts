/**
 * meta.k8s.io/v1 Table, as kube-apiserver answers `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`:
 * the resource's printer when it has one (always generated wide; kubectl hides priority-1
 * columns without -o wide), else the default convertor's Name and Created At columns. Each
 * row carries the object as includeObject asks: None, Metadata (PartialObjectMetadata,
 * the default) or Object.
 */
import type { TableColumn } from './types';
import { AGE_DOC, NAME_DOC } from './docs';
import { printerFor } from './registry';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface MetaTableRow {
  cells: (string | number | boolean)[];
  object?: Record<string, unknown>;
}

export interface MetaTable {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: TableListMeta;
  columnDefinitions: TableColumn[];
  rows: MetaTableRow[];
}

/** DefaultTableConvertor's columns, for resources without a printer (roles, clusterroles...). */
const DEFAULT_COLUMNS: TableColumn[] = [
  { name: 'Name', type: 'string', format: 'name', description: NAME_DOC, priority: 0 },
  { name: 'Created At', type: 'date', description: AGE_DOC, priority: 0 },
];

interface ObjectLike {
  metadata?: { name?: string; creationTimestamp?: string | null; [k: string]: unknown };
  [k: string]: unknown;
}

function rowObject(obj: ObjectLike, include: IncludeObject): Record<string, unknown> | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata ?? {} };
}

/** The Table of `objects` (one for a GET, the items for a LIST) at virtual time `now`. */
export function toTable(
  group: string,
  plural: string,
  objects: readonly Readonly<Record<string, unknown>>[],
  listMeta: TableListMeta,
  now: number,
  include: IncludeObject = 'Metadata',
): MetaTable {
  const printer = printerFor(group, plural);
  const rows = objects.map((o) => {
    const obj = o as ObjectLike;
    const cells = printer
      ? printer.row(obj as Record<string, unknown>, now)
      : [obj.metadata?.name ?? '', obj.metadata?.creationTimestamp ?? ''];
    const row: MetaTableRow = { cells };
    const object = rowObject(obj, include);
    if (object) row.object = object;
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: printer ? printer.columns : DEFAULT_COLUMNS,
    rows,
  };
}
