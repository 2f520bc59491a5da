/**
 * The cluster explorer's TreeDataProvider. Rows are stable handles (one object per id, kept
 * across refreshes) so that a refresh can name only the rows that changed: VS Code redraws
 * those and leaves the rest, and the tree does not flicker as the cluster runs.
 */
import * as vscode from 'vscode';
import { contextValue, diffTrees, flatten, type ExplorerItem } from './item';

/** What VS Code holds for a row: only the id; the data lives in the provider. */
export interface Row {
  readonly id: string;
}

const COLORS: Record<string, string> = {
  ok: 'testing.iconPassed',
  progressing: 'list.warningForeground',
  failing: 'list.errorForeground',
  done: 'disabledForeground',
  off: 'disabledForeground',
};

export class ExplorerProvider implements vscode.TreeDataProvider<Row>, vscode.Disposable {
  private roots: ExplorerItem[] = [];
  private byId = new Map<string, { item: ExplorerItem; parent?: string }>();
  private rows = new Map<string, Row>();
  private readonly emitter = new vscode.EventEmitter<Row | Row[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  /** Rebuilds from `roots`; returns the ids that were redrawn ('*' for all). */
  update(roots: ExplorerItem[]): string[] {
    const first = this.roots.length === 0;
    const diff = diffTrees(this.roots, roots);
    this.roots = roots;
    this.byId = flatten(roots);
    for (const id of [...this.rows.keys()]) if (!this.byId.has(id)) this.rows.delete(id);
    if (first || diff.all) {
      this.emitter.fire(undefined);
      return ['*'];
    }
    const changed = diff.changed.map((id) => this.row(id));
    if (changed.length > 0) this.emitter.fire(changed);
    return diff.changed;
  }

  private row(id: string): Row {
    let row = this.rows.get(id);
    if (!row) {
      row = Object.freeze({ id });
      this.rows.set(id, row);
    }
    return row;
  }

  item(row: Row | string | undefined): ExplorerItem | undefined {
    if (row === undefined) return undefined;
    return this.byId.get(typeof row === 'string' ? row : row.id)?.item;
  }

  /** The current rows, as plain data (tests and commands read the tree through this). */
  get snapshot(): readonly ExplorerItem[] {
    return this.roots;
  }

  getChildren(row?: Row): Row[] {
    const items = row ? (this.item(row)?.children ?? []) : this.roots;
    return items.map((i) => this.row(i.id));
  }

  getParent(row: Row): Row | undefined {
    const parent = this.byId.get(row.id)?.parent;
    return parent === undefined ? undefined : this.row(parent);
  }

  getTreeItem(row: Row): vscode.TreeItem {
    const item = this.item(row);
    if (!item) return new vscode.TreeItem(row.id);
    const state = item.children === undefined || item.children.length === 0
      ? vscode.TreeItemCollapsibleState.None
      : item.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    const t = new vscode.TreeItem(item.label, state);
    t.id = item.id;
    if (item.description) t.description = item.description;
    const color = item.health ? COLORS[item.health] : undefined;
    t.iconPath = color ? new vscode.ThemeIcon(item.icon, new vscode.ThemeColor(color)) : new vscode.ThemeIcon(item.icon);
    t.contextValue = contextValue(item);
    // Screen readers hear the state in words; the colour is never the only signal.
    t.accessibilityInformation = { label: `${item.label}${item.description ? `, ${item.description}` : ''}` };
    return t;
  }

  resolveTreeItem(treeItem: vscode.TreeItem, row: Row): vscode.TreeItem {
    const tip = this.item(row)?.tooltip;
    if (tip) treeItem.tooltip = new vscode.MarkdownString(tip);
    return treeItem;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
