/**
 * Where kubectl cuts a file into documents. kubectl (k8s.io/apimachinery util/yaml) first
 * sniffs the stream: if its first non-space character is `{` it reads a stream of JSON values,
 * otherwise YAML documents. Its YAML reader works line by line, not by YAML grammar:
 * - a line that starts with `---` ends the document being read, if that document has any
 *   line yet (a blank line counts); otherwise the `---` line becomes part of the next one;
 * - after `---` only spaces and a `#` comment may follow, anything else is the error
 *   "invalid Yaml document separator: <rest>", which stops reading the whole file there
 *   (the document being read is lost as well).
 * Each document's text then goes to go-yaml on its own, so its line numbers restart at 1.
 */
import type { Range } from './types';

export interface Chunk {
  start: number;
  end: number;
  /** A fatal "invalid Yaml document separator" raised while this document was being read. */
  separatorError?: { message: string; range: Range };
}

/** True when kubectl would read the text as JSON: the first non-space character is `{`. */
export function sniffJson(text: string, from: number): boolean {
  const limit = Math.min(text.length, from + 4096);
  for (let i = from; i < limit; i++) {
    const c = text.charAt(i);
    if (!/\s/.test(c)) return c === '{';
  }
  return false;
}

export function splitYamlStream(text: string, from: number): Chunk[] {
  const chunks: Chunk[] = [];
  let chunkStart = from;
  let hasLines = false;
  let lineStart = from;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const next = newline < 0 ? text.length : newline + 1;
    let lineEnd = newline < 0 ? text.length : newline;
    if (lineEnd > lineStart && text.charAt(lineEnd - 1) === '\r') lineEnd--;
    const line = text.slice(lineStart, lineEnd);
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest.length > 0 && !rest.startsWith('#')) {
        const separatorError = {
          message: `invalid Yaml document separator: ${rest}`,
          range: { start: lineStart, end: lineEnd },
        };
        if (hasLines) chunks.push({ start: chunkStart, end: lineStart, separatorError });
        else chunks.push({ start: next, end: next, separatorError });
        chunkStart = next;
        hasLines = false;
        lineStart = next;
        continue;
      }
      if (hasLines) {
        chunks.push({ start: chunkStart, end: lineStart });
        chunkStart = next;
        hasLines = false;
        lineStart = next;
        continue;
      }
    }
    hasLines = true;
    lineStart = next;
  }
  if (hasLines) chunks.push({ start: chunkStart, end: text.length });
  return mergeErrorOnlyChunks(chunks);
}

/**
 * A bad separator met with nothing read yet leaves an empty placeholder chunk carrying the
 * error; fold it into the next document (which starts at the same offset) if there is one.
 */
function mergeErrorOnlyChunks(chunks: Chunk[]): Chunk[] {
  const out: Chunk[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i];
    if (!c) continue;
    const next = chunks[i + 1];
    if (c.start === c.end && c.separatorError && next && next.start === c.start && !next.separatorError) {
      out.push({ ...next, separatorError: c.separatorError });
      i++;
    } else out.push(c);
  }
  return out;
}
