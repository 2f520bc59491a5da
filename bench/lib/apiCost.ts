/**
 * Times every API request from the outside by wrapping the ApiServer instance's handle()
 * (components reach it through their Client, which calls api.handle). Grouped by verb and
 * resource, so the report can say what one pod create or status patch costs.
 */
import { performance } from 'node:perf_hooks';
import type { ApiServer } from '../../src/sim/apiserver/apiserver';
import type { ApiRequest, ApiResponse } from '../../src/sim/apiserver/types';

export interface RequestCost {
  request: string;
  count: number;
  totalMs: number;
  meanUs: number;
}

export class ApiCostMeter {
  private readonly groups = new Map<string, { count: number; us: number }>();
  private depth = 0;

  constructor(api: ApiServer) {
    const inner = api.handle.bind(api);
    api.handle = (req: ApiRequest): ApiResponse => {
      // Requests made while handling another (admission reading a namespace...) are
      // counted inside their parent only.
      if (this.depth > 0) return inner(req);
      this.depth++;
      const t0 = performance.now();
      try {
        return inner(req);
      } finally {
        const us = (performance.now() - t0) * 1000;
        this.depth--;
        const key = `${req.verb} ${req.resource}${req.subresource ? `/${req.subresource}` : ''}`;
        const g = this.groups.get(key) ?? { count: 0, us: 0 };
        g.count++;
        g.us += us;
        this.groups.set(key, g);
      }
    };
  }

  reset(): void {
    this.groups.clear();
  }

  report(top = 12): RequestCost[] {
    return [...this.groups.entries()]
      .map(([request, g]) => ({ request, count: g.count, totalMs: g.us / 1000, meanUs: g.us / g.count }))
      .sort((a, b) => b.totalMs - a.totalMs)
      .slice(0, top);
  }
}
