/**
 * Go's text/tabwriter, as kubectl uses it, so our tables and describe output line up the way
 * kubectl's do: a tab ends a cell, a column block is a run of consecutive lines that have a
 * cell in that column, and every cell in a block is padded to the block's widest cell plus
 * `padding` (at least `minWidth`). The text after a line's last tab is not part of a column.
 */
export interface TabwriterOptions {
  minWidth: number;
  padding: number;
}

/** kubectl describe: tabwriter.NewWriter(out, 0, 8, 2, ' ', 0). */
export const DESCRIBE_TABS: TabwriterOptions = { minWidth: 0, padding: 2 };
/** kubectl get: printers.GetNewTabWriter (minwidth 6, padding 3). */
export const GET_TABS: TabwriterOptions = { minWidth: 6, padding: 3 };

export function tabulate(text: string, opts: TabwriterOptions): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i] as string[];
      let line = '';
      cells.forEach((cell, j) => {
        const last = j === cells.length - 1;
        line += last ? cell : cell.padEnd(widths[j] ?? 0);
      });
      out.push(line.replace(/\s+$/, ''));
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= (lines[i] as string[]).length - 1) continue;
      writeLines(start, i);
      start = i;
      let width = opts.minWidth;
      let end = i;
      for (; end < line1; end++) {
        const cells = lines[end] as string[];
        if (column >= cells.length - 1) break;
        width = Math.max(width, (cells[column] as string).length + opts.padding);
      }
      widths.push(width);
      format(start, end);
      widths.pop();
      start = end;
      i = end - 1;
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out.join('\n');
}

/**
 * A table printed a row at a time, as `kubectl get --watch` does: widths are remembered and
 * only grow (tabwriter.RememberWidths), so earlier rows are never reprinted.
 */
export class StreamingTable {
  private widths: number[] = [];

  constructor(private readonly opts: TabwriterOptions = GET_TABS) {}

  row(cells: string[]): string {
    return cells
      .map((cell, i) => {
        if (i === cells.length - 1) return cell;
        const w = Math.max(this.widths[i] ?? 0, this.opts.minWidth, cell.length + this.opts.padding);
        this.widths[i] = w;
        return cell.padEnd(w);
      })
      .join('')
      .replace(/\s+$/, '');
  }

  reset(): void {
    this.widths = [];
  }
}
