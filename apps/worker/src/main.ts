import 'dotenv/config';
import type { Server } from 'node:http';
import { createWorkerApp } from '../../../libs/platform/src/index.js';
import { Metrics, serveMetrics } from '../../../libs/health/src/index.js';
import { tenants } from '../../../tenants/index.js';
import { exitOnBootFailure } from '../../shared/boot-output.js';
import { closeOnSignals } from '../../shared/shutdown.js';

try {
  const { app, config } = await createWorkerApp({ tenants });
  let metrics: Server | undefined;
  // Closed before the app, so a stopping worker is not scraped half-closed.
  closeOnSignals([{ close: async () => void metrics?.close() }, app]);
  if (config.METRICS_PORT)
    metrics = await serveMetrics(app.get(Metrics), { port: config.METRICS_PORT, host: config.METRICS_HOST, token: config.metricsToken });
  console.log(
    `worker started: schedulers and queue consumers are running${config.METRICS_PORT ? `; metrics on http://${config.METRICS_HOST}:${config.METRICS_PORT}/metrics` : ''}`,
  );
} catch (err) {
  exitOnBootFailure(err);
}
