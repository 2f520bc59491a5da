/**
 * Walks the world forward as the replay advances, so that stepping forward costs only the
 * new events; stepping back (in seq) rebuilds from the start. Pure: no DOM.
 */
import type { TraceEvent } from '../../src/protocol/trace';
import { WorldBuilder, type World } from './world';

export class WorldCursor {
  private builder = new WorldBuilder();
  private next = 0;
  private applied = 0;
  private readonly trace: TraceEvent[];

  constructor(trace: readonly TraceEvent[]) {
    this.trace = [...trace].sort((a, b) => a.seq - b.seq);
  }

  /** The cluster after every trace event with seq <= `seq`. */
  at(seq: number): World {
    if (seq < this.applied) {
      this.builder = new WorldBuilder();
      this.next = 0;
      this.applied = 0;
    }
    for (let e = this.trace[this.next]; e && e.seq <= seq; e = this.trace[this.next]) {
      this.builder.apply(e);
      this.next += 1;
    }
    this.applied = seq;
    return this.builder.world();
  }
}
