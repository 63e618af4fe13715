import { performance } from 'node:perf_hooks';

export interface LatencyStats {
  readonly path: string;
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * Calls a few API routes in a steady loop and records each response time, so what the sweep does
 * to the API shows up as latency (a lock that stalls a read would show as a long tail).
 */
export class LatencyProbe {
  private readonly samples = new Map<string, number[]>();
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly requests: readonly { path: string; headers: Record<string, string> }[],
    private readonly pauseMs = 20,
  ) {}

  start(): void {
    this.samples.clear();
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        for (const r of this.requests) {
          const started = performance.now();
          const res = await fetch(`${this.baseUrl}${r.path}`, { headers: r.headers });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${r.path} answered ${res.status}`);
          const list = this.samples.get(r.path) ?? [];
          list.push(performance.now() - started);
          this.samples.set(r.path, list);
        }
        await new Promise((done) => setTimeout(done, this.pauseMs));
      }
    })();
  }

  async stop(): Promise<LatencyStats[]> {
    this.running = false;
    await this.loop;
    return [...this.samples].map(([path, list]) => {
      const sorted = [...list].sort((a, b) => a - b);
      const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10;
      return { path, count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
    });
  }
}
