import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../../auth/src/access.decorators.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** Liveness and readiness: the process answers and the database answers. */
  @Get()
  @Public()
  async check() {
    const started = performance.now();
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ detail: 'database unreachable' });
    }
    return { status: 'ok', database: { status: 'ok', latencyMs: Math.round(performance.now() - started) } };
  }
}
