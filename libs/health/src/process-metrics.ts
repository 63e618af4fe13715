import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Counters and histograms of this process. They live once per process, not per Nest app: with the
 * embedded database the worker runs as a second app inside the api process, and its mail counters
 * must show on the api's /metrics. Gauges that read an app's own pool or database are per app
 * (see Metrics).
 */
export const processRegistry = new Registry();

export const httpRequestDuration = new Histogram({
  name: 'recruit_http_request_duration_seconds',
  help: 'Time from request to answer, by route template (never the path: paths carry person ids), method and status.',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processRegistry],
});

export const mailDeliveries = new Counter({
  name: 'recruit_mail_deliveries_total',
  help: 'Outbox mails this process ended or handed back, by outcome (sent, failed, suppressed, retried, unconfirmed, requeued).',
  labelNames: ['outcome'] as const,
  registers: [processRegistry],
});

export const retentionSweepPeople = new Counter({
  name: 'recruit_retention_sweep_people_total',
  help: 'People the retention sweeps of this process handled, by step (claimed, reminders, inactivated, anonymised, deleted, held, ...).',
  labelNames: ['step'] as const,
  registers: [processRegistry],
});

export const retentionSweepBatches = new Counter({
  name: 'recruit_retention_sweep_batches_total',
  help: 'Retention batches this process ran, by result (ok, failed: retried one person at a time).',
  labelNames: ['result'] as const,
  registers: [processRegistry],
});

export const retentionSweepsRunning = new Gauge({
  name: 'recruit_retention_sweeps_running',
  help: 'Retention sweeps in progress in this process (0 or 1 under the daily schedule).',
  registers: [processRegistry],
});

export const retentionSweepLastCompleted = new Gauge({
  name: 'recruit_retention_sweep_last_completed_timestamp_seconds',
  help: 'When this process last completed a retention sweep (Unix time); 0 before its first.',
  registers: [processRegistry],
});

export const importRows = new Counter({
  name: 'recruit_import_rows_total',
  help: 'Rows of bulk imports (a tenant file of people) this process handled, by importer, outcome (created, existing, refused) and whether it was a dry run.',
  labelNames: ['importer', 'outcome', 'dry_run'] as const,
  registers: [processRegistry],
});

export const importDuration = new Histogram({
  name: 'recruit_import_duration_seconds',
  help: 'Time one bulk import took, from the file received to the report, by importer and whether it was a dry run.',
  labelNames: ['importer', 'dry_run'] as const,
  buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
  registers: [processRegistry],
});

/** One finished import, for a tenant's importer (tenants reach it through the plugin API). */
export function recordImport(
  importer: string,
  counts: { readonly created: number; readonly existing: number; readonly refused: number },
  seconds: number,
  dryRun: boolean,
): void {
  const dry = String(dryRun);
  for (const outcome of ['created', 'existing', 'refused'] as const) importRows.inc({ importer, outcome, dry_run: dry }, counts[outcome]);
  importDuration.observe({ importer, dry_run: dry }, seconds);
}
