/**
 * Offsets, lines and bytes. Lines end at "\n", "\r\n" or a lone "\r", as VS Code counts them.
 */
import type { LineCol, Range } from './types';

/** Offsets at which each line starts (the first is always 0). */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 0-based line and character of `offset`, found by binary search over `lineStarts`. */
export function lineColAt(lineStarts: readonly number[], offset: number): LineCol {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - (lineStarts[lo] ?? 0) };
}

/**
 * 0-based line and character of `offset` in `text`. Scans the text once; for many lookups in
 * the same text use `ParsedManifest.lineStarts` with `lineColAt`.
 */
export function lineCol(text: string, offset: number): LineCol {
  const clamped = Math.max(0, Math.min(offset, text.length));
  return lineColAt(lineStartsOf(text), clamped);
}

/** Number of UTF-8 bytes in `text` (Go error offsets count bytes, not UTF-16 units). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** `range` with trailing whitespace removed (block scalars and collections end after a newline). */
export function trimRange(text: string, range: Range): Range {
  let end = range.end;
  while (end > range.start && /\s/.test(text.charAt(end - 1))) end--;
  return { start: range.start, end };
}

export function contains(range: Range, offset: number): boolean {
  return offset >= range.start && offset <= range.end;
}
