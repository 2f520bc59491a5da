/**
 * The explorer's tree as plain data: what each row shows, what it refers to and which
 * context actions it offers. Built without 'vscode' so it can be tested on its own.
 */
import type { KubeObject } from '../../sim/api/types';
import type { Health } from './health';

/** The object a row stands for. */
export interface ItemRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

/** Context actions, as words in the row's contextValue (menus match them with regexes). */
export type Action =
  | 'yaml'
  | 'describe'
  | 'logs'
  | 'scale'
  | 'delete'
  | 'walk'
  | 'cordon'
  | 'uncordon'
  | 'stopNode'
  | 'startNode'
  | 'events'
  | 'request';

export interface ExplorerItem {
  /** Unique in the tree and stable across refreshes. */
  id: string;
  label: string;
  description?: string;
  /** Codicon id. */
  icon: string;
  health?: Health;
  /** Hover text (markdown); left out of change detection, so it may mention ages. */
  tooltip?: string;
  ref?: ItemRef;
  actions?: Action[];
  /** Present (maybe empty) for rows that can expand. */
  children?: ExplorerItem[];
  expanded?: boolean;
}

export function refOf(o: KubeObject): ItemRef {
  const ref: ItemRef = { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name ?? '' };
  if (o.metadata.namespace) ref.namespace = o.metadata.namespace;
  if (o.metadata.uid) ref.uid = o.metadata.uid;
  return ref;
}

export function keyOf(o: KubeObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name ?? ''}` : (o.metadata.name ?? '');
}

export function contextValue(item: ExplorerItem): string {
  const words = item.ref ? ['object', item.ref.kind.toLowerCase()] : [];
  return [...words, ...(item.actions ?? [])].join(' ');
}

/** What decides whether a row must be redrawn (children are compared by id separately). */
export function signature(item: ExplorerItem): string {
  return JSON.stringify([
    item.label,
    item.description ?? '',
    item.icon,
    item.health ?? '',
    contextValue(item),
    item.children === undefined ? -1 : item.children.length === 0 ? 0 : 1,
  ]);
}

/** Every row by id, with its parent's id. */
export function flatten(roots: readonly ExplorerItem[]): Map<string, { item: ExplorerItem; parent?: string }> {
  const out = new Map<string, { item: ExplorerItem; parent?: string }>();
  const walk = (items: readonly ExplorerItem[], parent?: string): void => {
    for (const item of items) {
      out.set(item.id, parent === undefined ? { item } : { item, parent });
      if (item.children) walk(item.children, item.id);
    }
  };
  walk(roots);
  return out;
}

export interface TreeDiff {
  /** The root list itself changed: redraw everything. */
  all: boolean;
  /** Rows to redraw (their subtrees come along); no row here lies under another. */
  changed: string[];
}

/** Which rows changed between two builds of the tree. */
export function diffTrees(before: readonly ExplorerItem[], after: readonly ExplorerItem[]): TreeDiff {
  const ids = (items: readonly ExplorerItem[] | undefined): string => (items ?? []).map((i) => i.id).join('\n');
  if (ids(before) !== ids(after)) return { all: true, changed: [] };
  const old = flatten(before);
  const now = flatten(after);
  const changed = new Set<string>();
  for (const [id, { item }] of now) {
    const prev = old.get(id)?.item;
    if (!prev) continue; // a new row: its parent's child list changed and is redrawn
    if (signature(prev) !== signature(item) || ids(prev.children) !== ids(item.children)) changed.add(id);
  }
  const underChanged = (id: string): boolean => {
    for (let p = now.get(id)?.parent; p !== undefined; p = now.get(p)?.parent) if (changed.has(p)) return true;
    return false;
  };
  return { all: false, changed: [...changed].filter((id) => !underChanged(id)) };
}
