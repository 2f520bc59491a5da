/**
 * Line diff of two texts (longest common subsequence) and its hunks with a few lines of
 * context, for "what changed since the previous snapshot". Pure: no DOM.
 */

export type DiffOp = ' ' | '+' | '-';

export interface DiffLine {
  op: DiffOp;
  text: string;
}

/** Past this many cells the middle is shown as removed-then-added instead of aligned. */
const MAX_CELLS = 4_000_000;

export function lineDiff(before: string[], after: string[]): DiffLine[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start += 1;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB -= 1;
    endA -= 1;
  }
  const head = before.slice(0, start).map((text): DiffLine => ({ op: ' ', text }));
  const tail = before.slice(endB).map((text): DiffLine => ({ op: ' ', text }));
  const b = before.slice(start, endB);
  const a = after.slice(start, endA);
  return [...head, ...middle(b, a), ...tail];
}

function middle(b: string[], a: string[]): DiffLine[] {
  const n = b.length;
  const m = a.length;
  if (n === 0 || m === 0 || n * m > MAX_CELLS) {
    return [...b.map((text): DiffLine => ({ op: '-', text })), ...a.map((text): DiffLine => ({ op: '+', text }))];
  }
  // lcs[i][j]: length of the LCS of b[i..] and a[j..], stored row by row.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lcs[i * width + j] =
        b[i] === a[j] ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (b[i] === a[j]) {
      out.push({ op: ' ', text: b[i] ?? '' });
      i += 1;
      j += 1;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
      out.push({ op: '-', text: b[i] ?? '' });
      i += 1;
    } else {
      out.push({ op: '+', text: a[j] ?? '' });
      j += 1;
    }
  }
  for (; i < n; i += 1) out.push({ op: '-', text: b[i] ?? '' });
  for (; j < m; j += 1) out.push({ op: '+', text: a[j] ?? '' });
  return out;
}

/** Changed lines with `context` unchanged lines around them; `null` marks skipped lines. */
export function hunks(diff: DiffLine[], context = 2): (DiffLine | null)[] {
  const keep = new Array<boolean>(diff.length).fill(false);
  diff.forEach((line, k) => {
    if (line.op === ' ') return;
    for (let c = Math.max(0, k - context); c <= Math.min(diff.length - 1, k + context); c += 1) keep[c] = true;
  });
  const out: (DiffLine | null)[] = [];
  let skipped = false;
  diff.forEach((line, k) => {
    if (keep[k]) {
      if (skipped) out.push(null);
      skipped = false;
      out.push(line);
    } else {
      skipped = true;
    }
  });
  if (skipped && out.length > 0) out.push(null);
  return out;
}

export function countChanges(diff: DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of diff) {
    if (line.op === '+') added += 1;
    else if (line.op === '-') removed += 1;
  }
  return { added, removed };
}
