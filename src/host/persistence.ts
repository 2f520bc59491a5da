/**
 * The cluster survives a window reload: a snapshot of etcd's data (compacted to the latest
 * revision, as after an etcd compaction), the virtual time and the nodes, saved as JSON in
 * the workspace storage a few seconds after changes and when the extension stops, and
 * booted from on the next activation. Reset Cluster deletes it.
 * Imports 'vscode' for types only, so the codec can be tested outside VS Code.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import type { SavedCluster } from './clusterService';
import type { ClusterSnapshot } from '../sim/cluster';

export const SNAPSHOT_FILE = 'cluster-snapshot.json';
export const SAVED_FORMAT = 'kube-walkthrough.saved/v1';
const SAVE_DELAY_MS = 5000;

type StoreSnapshot = ClusterSnapshot['store'];

interface Entry {
  mod: number;
  deleted?: boolean;
}

/**
 * Keeps only each live key's latest value and moves the compact revision to the head: the
 * history is what makes snapshots large, and nothing after a reload watches from before it.
 * Data in a shape this does not know is returned as it is.
 */
export function compactStore(snapshot: StoreSnapshot): StoreSnapshot {
  const data = snapshot.data as { format?: unknown; keys?: unknown; changes?: unknown } | null;
  if (!data || !Array.isArray(data.keys) || !Array.isArray(data.changes)) return snapshot;
  const keys: unknown[] = [];
  for (const k of data.keys as { key?: unknown; history?: unknown }[]) {
    const history = Array.isArray(k.history) ? (k.history as Entry[]) : [];
    const last = history[history.length - 1];
    if (!last || last.deleted) continue;
    keys.push({ key: k.key, history: [last] });
  }
  return { revision: snapshot.revision, compactRevision: snapshot.revision, data: { ...data, keys, changes: [] } };
}

export function encodeSaved(saved: SavedCluster): string {
  const cluster = { ...saved.cluster, store: compactStore(saved.cluster.store) };
  return JSON.stringify({ format: SAVED_FORMAT, cluster, stoppedKubelets: saved.stoppedKubelets });
}

export function decodeSaved(text: string): SavedCluster | undefined {
  try {
    const raw = JSON.parse(text) as { format?: unknown; cluster?: Partial<ClusterSnapshot>; stoppedKubelets?: unknown };
    if (raw.format !== SAVED_FORMAT || !raw.cluster || typeof raw.cluster.nowMs !== 'number' || !Array.isArray(raw.cluster.nodes) || !raw.cluster.store) return undefined;
    const stopped = Array.isArray(raw.stoppedKubelets) ? raw.stoppedKubelets.filter((s): s is string => typeof s === 'string') : [];
    return { cluster: raw.cluster as ClusterSnapshot, stoppedKubelets: stopped };
  } catch {
    return undefined;
  }
}

/** The part of ClusterService persistence needs. */
export interface PersistedCluster {
  snapshot(): SavedCluster | undefined;
  restoreLazily(saved: SavedCluster): void;
  readonly onDidChange: vscode.Event<void>;
  readonly onDidReset: vscode.Event<void>;
}

export interface PersistenceOptions {
  /** Read each time: the kubeWalkthrough.persistState setting. */
  enabled(): boolean;
  log(line: string): void;
}

export class ClusterPersistence {
  private timer: ReturnType<typeof setTimeout> | undefined;
  readonly file: string | undefined;

  constructor(
    private readonly cluster: PersistedCluster,
    dir: string | undefined,
    private readonly options: PersistenceOptions,
  ) {
    this.file = dir ? join(dir, SNAPSHOT_FILE) : undefined;
  }

  /** Reads the saved state, if any, and has the cluster boot from it on first use. */
  load(): boolean {
    if (!this.file || !this.options.enabled()) return false;
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return false;
    }
    const saved = decodeSaved(text);
    if (!saved) {
      this.options.log(`Ignoring ${this.file}: not a saved cluster of this version.`);
      return false;
    }
    this.cluster.restoreLazily(saved);
    return true;
  }

  /** A save a little later; changes in between ride along. */
  schedule(): void {
    if (this.timer || !this.file) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, SAVE_DELAY_MS);
  }

  async save(): Promise<boolean> {
    const saved = this.file && this.options.enabled() ? this.cluster.snapshot() : undefined;
    if (!saved || !this.file) return false;
    try {
      await mkdir(join(this.file, '..'), { recursive: true });
      await writeFile(this.file, encodeSaved(saved));
      return true;
    } catch (err) {
      this.options.log(`Could not save the cluster's state: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  }

  /** When the extension stops: no time for promises. */
  saveSync(): void {
    const saved = this.file && this.options.enabled() ? this.cluster.snapshot() : undefined;
    if (!saved || !this.file) return;
    try {
      mkdirSync(join(this.file, '..'), { recursive: true });
      writeFileSync(this.file, encodeSaved(saved));
    } catch (err) {
      this.options.log(`Could not save the cluster's state: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.file) rmSync(this.file, { force: true });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.saveSync();
  }
}

/** Loads the saved state now and saves after changes; push the result into context.subscriptions. */
export function registerPersistence(
  context: Pick<vscode.ExtensionContext, 'storageUri' | 'globalStorageUri'>,
  cluster: PersistedCluster,
  options: PersistenceOptions,
): { persistence: ClusterPersistence; disposables: vscode.Disposable[] } {
  const dir = (context.storageUri ?? context.globalStorageUri)?.fsPath;
  const persistence = new ClusterPersistence(cluster, dir, options);
  persistence.load();
  return {
    persistence,
    disposables: [cluster.onDidChange(() => persistence.schedule()), cluster.onDidReset(() => persistence.clear()), persistence],
  };
}
