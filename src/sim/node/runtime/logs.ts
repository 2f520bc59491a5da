/** A container's log as the CRI writes it: lines with a timestamp and stream. */
export interface LogLine {
  time: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** Bounded, like the kubelet's log rotation (containerLogMaxSize 10Mi). */
const MAX_LINES = 5_000;

export class ContainerLog {
  readonly lines: LogLine[] = [];
  private partial: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };

  write(stream: 'stdout' | 'stderr', text: string, now: number): void {
    const all = this.partial[stream] + text;
    const parts = all.split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const p of parts) this.lines.push({ time: now, stream, text: p });
    if (this.lines.length > MAX_LINES) this.lines.splice(0, this.lines.length - MAX_LINES);
  }

  /** At exit, an unterminated last line is written as is. */
  flush(now: number): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream]) this.lines.push({ time: now, stream, text: this.partial[stream] });
      this.partial[stream] = '';
    }
  }

  /** What `kubectl logs` prints (tailLines when given). */
  text(tailLines?: number): string {
    const lines = tailLines !== undefined && tailLines >= 0 ? this.lines.slice(Math.max(0, this.lines.length - tailLines)) : this.lines;
    return lines.map((l) => `${l.text}\n`).join('');
  }
}
