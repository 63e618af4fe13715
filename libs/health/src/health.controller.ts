import { Controller, Get, HttpCode, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../../auth/src/index.js';
import { Lifecycle } from './lifecycle.js';
import { Metrics, type CheckResult } from './metrics.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
    private readonly lifecycle: Lifecycle,
  ) {}

  /** The process answers and the database answers (what /health/ready says, without the queues). */
  @Get()
  @Public()
  async check() {
    return { status: 'ok', database: await this.database() };
  }

  /**
   * Liveness: the event loop runs. Touches nothing outside the process, so a database outage makes
   * the orchestrator stop sending traffic (readiness), never restart every process at once.
   */
  @Get('live')
  @Public()
  @HttpCode(200)
  live() {
    return { status: 'ok' };
  }

  /**
   * Readiness: 503 while the process drains for shutdown, and when the database does not answer. The queues the workers drain are reported,
   * and a queue nobody drains makes the answer `degraded`, still 200: taking api processes out of
   * rotation would not bring a worker back, it would only add an outage.
   */
  @Get('ready')
  @Public()
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    if (this.lifecycle.draining) throw new ServiceUnavailableException({ detail: 'draining: this process is shutting down' });
    const database = await this.database();
    const checks: Record<string, CheckResult> = {};
    for (const [name, check] of this.metrics.readinessChecks())
      checks[name] = await check().catch((err: Error) => ({ status: 'down' as const, detail: err.message }));
    const results = Object.values(checks);
    if (results.some((c) => c.status === 'down')) {
      void reply.code(503);
      return { status: 'down', database, ...checks };
    }
    return { status: results.some((c) => c.status === 'degraded') ? 'degraded' : 'ok', database, ...checks };
  }

  private async database(): Promise<{ status: 'ok'; latencyMs: number }> {
    const started = performance.now();
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ detail: 'database unreachable' });
    }
    return { status: 'ok', latencyMs: Math.round(performance.now() - started) };
  }
}
