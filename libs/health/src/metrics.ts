import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { processRegistry } from './process-metrics.js';

/** What a readiness check found; `degraded` is reported but keeps the process in rotation. */
export interface CheckResult {
  readonly status: 'ok' | 'degraded' | 'down';
  readonly [detail: string]: unknown;
}

/** The pg pool TypeORM's postgres driver keeps (the counts pg.Pool exposes). */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/**
 * This app's metrics and readiness checks. Gauges that read this app's pool or database sit in a
 * registry of the app (tests boot several apps in one process, each with its own pool); the
 * process's counters (process-metrics.ts) are added to every scrape. Capabilities register their
 * gauges on `registry` and their checks with `addReadinessCheck`, so health knows none of them.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly checks = new Map<string, () => Promise<CheckResult>>();

  constructor(dataSource: DataSource) {
    const pool = () => (dataSource.driver as unknown as { master?: PoolCounts }).master;
    new Gauge({
      name: 'recruit_db_pool_connections',
      help: 'Connections of the runtime pool: open (total), idle, and requests waiting for one; max is the limit.',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'total' }, p.totalCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'in_use' }, p.totalCount - p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
        this.set({ state: 'max' }, p.options?.max ?? 0);
      },
    });
  }

  addReadinessCheck(name: string, check: () => Promise<CheckResult>): void {
    this.checks.set(name, check);
  }

  readinessChecks(): ReadonlyMap<string, () => Promise<CheckResult>> {
    return this.checks;
  }

  /** The Prometheus text exposition of the process's and this app's metrics. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    const parts = await Promise.all([processRegistry.metrics(), this.registry.metrics()]);
    return { contentType: this.registry.contentType, body: parts.join('\n') };
  }
}
