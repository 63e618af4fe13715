export { HealthModule } from './health.module.js';
export { Metrics, type CheckResult } from './metrics.js';
export { Lifecycle } from './lifecycle.js';
export { serveMetrics } from './metrics-server.js';
export {
  httpRequestDuration,
  importDuration,
  importRows,
  recordImport,
  mailDeliveries,
  processRegistry,
  retentionSweepBatches,
  retentionSweepLastCompleted,
  retentionSweepPeople,
  retentionSweepsRunning,
} from './process-metrics.js';
