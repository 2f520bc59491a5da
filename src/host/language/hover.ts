/**
 * Hover docs on every key of a manifest: upstream's description, type, required or optional,
 * default, the components acting on the field and, when the object exists, its live state.
 * On apiVersion and kind: what the kind is and who owns it.
 */
import * as vscode from 'vscode';
import { pathAt, type FieldLocation, type ManifestDocument, type ManifestObject } from '../../manifest';
import { componentsFor, kindOwner } from '../../manifest/docs';
import { fieldAt } from '../../sim/api/schema';
import type { ClusterService } from '../clusterService';
import { fieldHoverMarkdown, kindHoverMarkdown, unknownFieldMarkdown } from './hoverMarkdown';
import { liveLines, type LiveTarget } from './live';
import type { ManifestCache } from './manifestCache';

function objectOf(doc: ManifestDocument | undefined, itemIndex: number | undefined): ManifestObject | undefined {
  return itemIndex === undefined ? doc : doc?.items?.find((i) => i.itemIndex === itemIndex);
}

function liveTarget(obj: ManifestObject | undefined, loc: FieldLocation): LiveTarget | undefined {
  if (!obj?.name || !loc.apiVersion || !loc.kind) return undefined;
  const target: LiveTarget = { apiVersion: loc.apiVersion, kind: loc.kind, name: obj.name.value };
  if (obj.namespace) target.namespace = obj.namespace.value;
  return target;
}

export class ManifestHover implements vscode.HoverProvider {
  constructor(
    private readonly cache: ManifestCache,
    private readonly cluster: ClusterService,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const entry = this.cache.get(document);
    if (!entry?.isManifest) return undefined;
    const loc = pathAt(entry.parsed, document.offsetAt(position));
    if (!loc || !loc.apiVersion || !loc.kind) return undefined;
    const markdown = this.markdown(loc, objectOf(entry.parsed.documents[loc.documentIndex], loc.itemIndex));
    if (!markdown) return undefined;
    const text = new vscode.MarkdownString(markdown, true);
    text.isTrusted = { enabledCommands: ['kubeWalkthrough.showWalkthrough'] };
    const span = (loc.onKey ? loc.keyRange : loc.valueRange) ?? loc.keyRange ?? loc.valueRange;
    const range = span && new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
    return new vscode.Hover(text, range);
  }

  private markdown(loc: FieldLocation, obj: ManifestObject | undefined): string | undefined {
    const apiVersion = loc.apiVersion ?? '';
    const kind = loc.kind ?? '';
    const top = loc.path.length === 1 ? loc.path[0] : undefined;
    const target = liveTarget(obj, loc);
    const live = (focus: 'object' | 'replicas') => (target ? liveLines(this.cluster.get(), target, focus) : []);
    if (top === 'apiVersion' || top === 'kind') {
      const root = fieldAt(apiVersion, kind, []);
      return kindHoverMarkdown({
        apiVersion, kind,
        ...(root?.description ? { description: root.description } : {}),
        ...(kindOwner(kind) ? { owner: kindOwner(kind) } : {}),
        live: live('object'),
      });
    }
    const info = fieldAt(apiVersion, kind, loc.path);
    if (!info) return fieldAt(apiVersion, kind, []) ? unknownFieldMarkdown(kind, loc.path) : undefined;
    const where = loc.path.join('.');
    const focus = where === 'spec.replicas' ? 'replicas' : where === 'metadata.name' ? 'object' : undefined;
    const actors = componentsFor(kind, loc.path);
    return fieldHoverMarkdown({
      apiVersion, kind, info,
      ...(actors ? { actors } : {}),
      live: focus ? live(focus) : [],
    });
  }
}
