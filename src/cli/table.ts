/** kubectl's column layout: Go's tabwriter with minwidth 10, padding 3, as printers.GetNewTabWriter. */
export function tabulate(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (i === row.length - 1) return;
      widths[i] = Math.max(widths[i] ?? 0, Math.max(10, cell.length + 3));
    });
  }
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('').trimEnd()).join('\n');
}

/** "210s", "5m", "1h30m", "1.5s" -> milliseconds (Go's time.ParseDuration units). */
export function parseDuration(text: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    total += Number(m[1]) * (units[m[2] ?? 's'] ?? 1000);
    consumed += m[0].length;
  }
  if (consumed !== text.length || consumed === 0) throw new Error(`invalid duration "${text}"`);
  return total;
}
