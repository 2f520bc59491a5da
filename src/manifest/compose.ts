/**
 * Runs the `yaml` package's parser over one slice of the text so that every node range and
 * error position is an offset into the whole text: the parser's tokens are shifted by the
 * slice's start before they are composed into documents.
 *
 * Scalars are composed with the failsafe schema (every scalar stays a string with its source
 * text); decode.ts then resolves them the way kubectl's go-yaml v2 does.
 */
import { Composer, Parser } from 'yaml';
import type { Document } from 'yaml';

const OPTIONS = {
  schema: 'failsafe',
  uniqueKeys: false,
  merge: false,
  prettyErrors: false,
} as const;

function shiftOffsets(token: unknown, base: number): void {
  if (Array.isArray(token)) {
    for (const t of token) shiftOffsets(t, base);
    return;
  }
  if (!token || typeof token !== 'object') return;
  const record = token as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (key === 'offset' && typeof value === 'number') record[key] = value + base;
    else if (value && typeof value === 'object') shiftOffsets(value, base);
  }
}

/** All YAML documents in text[start, end), with ranges in whole-text offsets. */
export function composeSlice(text: string, start: number, end: number): Document.Parsed[] {
  const tokens = Array.from(new Parser().parse(text.slice(start, end)));
  if (start !== 0) shiftOffsets(tokens, start);
  return Array.from(new Composer(OPTIONS).compose(tokens, false, end));
}
