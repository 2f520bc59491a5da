/**
 * parseManifest: the file as kubectl apply -f reads it, one document per kubectl document,
 * with source ranges for everything.
 */
import type { Document } from 'yaml';
import { composeSlice } from './compose';
import { decodeRoot, newDecodeContext } from './decode';
import { scanJsonStream } from './json';
import { nodeRange } from './nodes';
import { describe, goJson, isPlainObject, itemKindError, listItems, objectErrors, type ObjectSource } from './object';
import { sniffJson, splitYamlStream, type Chunk } from './split';
import { lineColAt, lineStartsOf } from './text';
import type { ManifestDocument, ManifestError, ParsedManifest, Range } from './types';

export function parseManifest(text: string): ParsedManifest {
  const lineStarts = lineStartsOf(text);
  // kubectl's file reader drops a UTF-8 byte order mark before decoding.
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const json = sniffJson(text, from);
  const documents = json ? jsonDocuments(text, from, lineStarts) : yamlDocuments(text, from, lineStarts);
  return { text, json, documents, lineStarts };
}

function yamlDocuments(text: string, from: number, lineStarts: number[]): ManifestDocument[] {
  return splitYamlStream(text, from).map((chunk, index) => yamlDocument(text, chunk, index, lineStarts));
}

function yamlDocument(text: string, chunk: Chunk, index: number, lineStarts: number[]): ManifestDocument {
  const errors: ManifestError[] = [];
  const fileLine = (offset: number): number => lineColAt(lineStarts, offset).line + 1;
  const firstLine = fileLine(chunk.start);
  const docLine = (offset: number): number => fileLine(offset) - firstLine + 1;
  if (chunk.separatorError) {
    errors.push({
      code: 'invalid-separator', message: chunk.separatorError.message, range: chunk.separatorError.range,
      severity: 'error', fatal: true,
      detail: 'Only spaces and a # comment may follow --- on a separator line. kubectl stops reading the file here, and the document before this line is lost too.',
    });
  }
  const docs = composeSlice(text, chunk.start, chunk.end);
  const doc = docs[0];
  if (doc) errors.push(...syntaxErrors(doc, text, docLine));
  for (const extra of docs.slice(1)) {
    const range = nodeRange(extra.contents, text) ?? { start: extra.range[0], end: extra.range[1] };
    errors.push({
      code: 'extra-document', range, severity: 'warning', fatal: false,
      message: 'kubectl ignores this YAML document: it reads only the first document between two --- lines',
      detail: 'A document end marker (...) or a directive started a second YAML document without a --- line. go-yaml, which kubectl uses, decodes only the first document of each part.',
    });
    errors.push(...syntaxErrors(extra, text, docLine));
  }
  const ctx = newDecodeContext(text, doc, false, errors, docLine, fileLine);
  const object = doc ? decodeRoot(doc.contents, ctx) : null;
  const document = finish(text, { start: chunk.start, end: chunk.end }, index, doc, object, errors, false, () => goJson(object));
  sortErrors(document.errors);
  return document;
}

function syntaxErrors(doc: Document.Parsed, text: string, docLine: (offset: number) => number): ManifestError[] {
  return doc.errors.map((e): ManifestError => {
    const start = Math.min(e.pos[0], text.length);
    const end = Math.max(start, Math.min(e.pos[1], text.length));
    const range = { start, end: end > start ? end : Math.min(start + 1, text.length) };
    if (e.code === 'TAB_AS_INDENT') {
      return {
        code: 'tab-indent', range, severity: 'error', fatal: true,
        message: `yaml: line ${docLine(start)}: found character that cannot start any token`,
        detail: 'This line is indented with a tab. YAML allows only spaces for indentation, so kubectl cannot read this document and stops reading the file here.',
      };
    }
    return {
      code: 'yaml-syntax', range, severity: 'error', fatal: true, message: e.message.split('\n')[0] ?? e.message,
      detail: `kubectl cannot read this document either ("error converting YAML to JSON: yaml: line ${docLine(start)}: …") and stops reading the file here.`,
    };
  });
}

function jsonDocuments(text: string, from: number, lineStarts: number[]): ManifestDocument[] {
  const stream = scanJsonStream(text, from);
  const fileLine = (offset: number): number => lineColAt(lineStarts, offset).line + 1;
  const documents = stream.values.map((range, index) => {
    const errors: ManifestError[] = [];
    const doc = composeSlice(text, range.start, range.end)[0];
    const ctx = newDecodeContext(text, doc, true, errors, (o) => fileLine(o) - fileLine(range.start) + 1, fileLine);
    const object = doc ? decodeRoot(doc.contents, ctx) : null;
    const document = finish(text, range, index, doc, object, errors, true, () => text.slice(range.start, range.end));
    sortErrors(document.errors);
    return document;
  });
  if (stream.error) {
    const range: Range = stream.error.range;
    const error: ManifestError = {
      code: 'json-syntax', message: stream.error.message, range, severity: 'error', fatal: true,
      detail: 'kubectl reads this file as a stream of JSON values (it starts with {) and stops at the first syntax error.',
    };
    const docRange = { start: Math.min(range.start, documents.at(-1)?.range.end ?? from), end: text.length };
    documents.push({ ...blank(text, documents.length, docRange, true), errors: [error] });
  }
  return documents;
}

function blank(text: string, index: number, range: Range, json: boolean): ManifestDocument {
  return { index, documentIndex: index, range, object: null, empty: true, errors: [], text, json };
}

function finish(
  text: string, range: Range, index: number, doc: Document.Parsed | undefined, object: unknown,
  errors: ManifestError[], json: boolean, rawJson: () => string,
): ManifestDocument {
  const document = blank(text, index, range, json);
  document.object = object;
  document.errors = errors;
  document.empty = object === null || object === undefined;
  if (!doc) return document;
  document.yaml = doc;
  const node = doc.contents ?? undefined;
  if (node) document.node = node;
  if (document.empty) return document;
  const src: ObjectSource = { text, documentIndex: index, json, doc, rawJson };
  describe(document, node, object, src);
  errors.push(...objectErrors(node, object, range, src));
  if (isPlainObject(object) && 'items' in object) {
    const { items, listError } = listItems(node, object, src);
    if (listError) errors.push(listError);
    else {
      document.items = items;
      for (const item of items) {
        const e = itemKindError(item, text);
        if (e) errors.push(e);
      }
    }
  }
  return document;
}

function sortErrors(errors: ManifestError[]): void {
  errors.sort((a, b) => a.range.start - b.range.start);
}
