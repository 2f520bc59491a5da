/**
 * The hover text of a manifest field or kind, as markdown: upstream's description (paragraphs
 * and enum lists kept), the type as `kubectl explain` prints it, required or optional, the
 * default the description states, the components that act on the field with a link to the
 * walkthrough stage where they do, the live state, and the API reference. Pure: no vscode.
 */
import type { FieldActors } from '../../manifest/docs';
import type { SchemaFieldInfo } from '../../sim/api/schema';
import { referenceLinks, stageName, walkthroughCommandUri } from './reference';

const URL_PATTERN = /https?:\/\/[^\s)>\]]+[^\s)>\].,;:]/g;

/** Markdown-escapes text, leaving URLs whole (so they stay links) and `code` spans as they are. */
export function escapeMarkdown(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    out += escapePlain(text.slice(last, m.index)) + m[0];
    last = (m.index ?? 0) + m[0].length;
  }
  return out + escapePlain(text.slice(last));
}

function escapePlain(text: string): string {
  return text.split(/(`[^`\n]*`)/).map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\*_[\]<>|#~]/g, '\\$&'))).join('');
}

/** Upstream descriptions: paragraphs split by blank lines, enum values as ` - ` lines. */
export function descriptionMarkdown(description: string): string {
  return description
    .split(/\n\s*\n/)
    .map((paragraph) => {
      const lines = paragraph.split('\n');
      const out: string[] = [];
      for (const line of lines) {
        const item = /^\s*[-*] (.*)$/.exec(line);
        if (item) out.push(`${out.length > 0 && !out[out.length - 1]?.startsWith('- ') ? '\n' : ''}- ${escapeMarkdown(item[1] ?? '')}`);
        else if (out.length > 0 && out[out.length - 1]?.startsWith('- ')) out[out.length - 1] += ` ${escapeMarkdown(line.trim())}`;
        else out.push(escapeMarkdown(line.trim()));
      }
      return out.join('\n');
    })
    .join('\n\n');
}

/** "Defaults to 1." -> "1"; "Default is RollingUpdate." -> "RollingUpdate". */
export function defaultFrom(description: string | undefined): string | undefined {
  if (!description) return undefined;
  const m = /\b(?:[Dd]efaults? (?:to|is|value is)|[Dd]efaulted to|[Ii]f not specified,? (?:it )?defaults to) (.+?)(?:\.(?=\s|$)|;|\n|$)/.exec(description);
  const value = m?.[1]?.replace(/\s+\(.*$/, '').trim();
  return value && value.length <= 80 ? value : undefined;
}

export interface FieldHoverInput {
  apiVersion: string;
  kind: string;
  info: SchemaFieldInfo;
  actors?: FieldActors;
  /** Lines about the object in the cluster, already markdown. */
  live?: string[];
}

function actorsLine(actors: FieldActors): string {
  const link = actors.stage ? ` · [Walk through ${stageName(actors.stage)}](${walkthroughCommandUri(actors.stage)} "Open the walkthrough at ${stageName(actors.stage)}")` : '';
  return `$(symbol-event) **Acted on by ${escapeMarkdown(actors.who)}** (${actors.components.map((c) => `\`${c}\``).join(', ')}): ${escapeMarkdown(actors.what)}${link}`;
}

function linksLine(apiVersion: string, kind: string, parentGoType: string | undefined): string {
  return referenceLinks(apiVersion, kind, parentGoType).map((l) => `[${escapeMarkdown(l.title)}](${l.url})`).join(' · ');
}

export function fieldHoverMarkdown(input: FieldHoverInput): string {
  const { info } = input;
  const where = [input.kind, ...info.path].join('.');
  const sections = [`**${escapeMarkdown(info.name)}** \`<${info.explainType}>\` · ${info.required ? 'required' : 'optional'} · \`${where}\``];
  if (info.description) sections.push(descriptionMarkdown(info.description));
  const def = defaultFrom(info.description);
  if (def) sections.push(`**Default:** ${escapeMarkdown(def)}`);
  if (input.actors) sections.push(actorsLine(input.actors));
  if (input.live && input.live.length > 0) sections.push(input.live.join('\n\n'));
  sections.push(linksLine(input.apiVersion, input.kind, info.parentGoType));
  return sections.join('\n\n');
}

export interface KindHoverInput {
  apiVersion: string;
  kind: string;
  description?: string;
  owner?: FieldActors;
  live?: string[];
}

export function kindHoverMarkdown(input: KindHoverInput): string {
  const sections = [`**${escapeMarkdown(input.kind)}** \`${input.apiVersion}\``];
  if (input.description) sections.push(descriptionMarkdown(input.description));
  if (input.owner) sections.push(actorsLine(input.owner));
  if (input.live && input.live.length > 0) sections.push(input.live.join('\n\n'));
  sections.push(linksLine(input.apiVersion, input.kind, undefined));
  return sections.join('\n\n');
}

/** For a field the schema does not know: what the API server will say. */
export function unknownFieldMarkdown(kind: string, path: readonly string[]): string {
  const field = path.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  return `**${escapeMarkdown(path[path.length - 1] ?? '')}**: ${escapeMarkdown(kind)} has no field \`${field}\`. With strict field validation (kubectl's default) the API server rejects the object: \`unknown field "${field}"\`.`;
}
