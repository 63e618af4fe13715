import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { Lifecycle } from './lifecycle.js';
import { Metrics } from './metrics.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsTokenGuard } from './metrics-token.guard.js';

/** Global: every capability registers its gauges and readiness checks on `Metrics`. */
@Global()
@Module({ controllers: [HealthController, MetricsController], providers: [Metrics, MetricsTokenGuard, Lifecycle], exports: [Metrics, Lifecycle] })
export class HealthModule {}
