/**
 * Peak memory of the VDAB quality report at scale (run by hand, never part of `npm test`):
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:quality-report
 *   BENCH_ROWS=1000000 BENCH_KEEP=1 node --max-old-space-size=128 dist/bench/quality-report/run-report-bench.js
 *
 * Works in a database of its own on that server, `bench_quality_<rows>`: one vdab-partners tenant
 * whose partner organisation has BENCH_ROWS (100,000) assignments over three years, an action on
 * every other one, and a log of BENCH_ROWS / 2 dossier openings of which one in five is flagged
 * (an attempt outside an assignment). The data is written with generate_series by the server, so
 * the bench's own process never holds it. With BENCH_KEEP=1 the database stays for the next run,
 * which then measures a process that did nothing but boot.
 *
 * Then the CSV report of the whole period, through the service the route calls, streamed into a
 * sink that only counts bytes, while resident memory is sampled every 20 ms; the JSON report the
 * same way. BENCH_WHOLE=1 instead builds the CSV the way the report did before it streamed (every
 * row in arrays, then one string), for the comparison.
 */
import 'reflect-metadata';
import os from 'node:os';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createApiApp } from '../../libs/platform/src/index.js';
import { OrgUnitsService } from '../../libs/auth/src/index.js';
import { RequestContext, SYSTEM, type TenantRef } from '../../libs/context/src/index.js';
import { TenantDb } from '../../libs/database/src/index.js';
import { TenantsService } from '../../libs/tenancy/src/index.js';
import { tenants } from '../../tenants/index.js';
import { QualityReportService } from '../../tenants/vdab-partners/vdab-partners.report.service.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const KEEP = process.env.BENCH_KEEP === '1';
const WHOLE = process.env.BENCH_WHOLE === '1';
const PERIOD = { from: '2024-01-01', to: '2026-12-31' };
const MB = 1024 * 1024;

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
sampler.unref();
const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

/** Server-side generation: the rows never pass through this process. */
async function generate(client: pg.Client, tenantId: string, organisationId: string): Promise<void> {
  const dossiers = Math.max(1, Math.floor(ROWS / 10));
  const started = performance.now();
  await client.query(
    `INSERT INTO vdab_dossiers (tenant_id, id, reference, first_name, last_name, created_at)
     SELECT $1, md5('d' || g)::uuid, 'B-' || g, 'An', 'Peeters', timestamptz '2023-12-01' FROM generate_series(0, $2 - 1) g`,
    [tenantId, dossiers],
  );
  // Starts spread over 900 days, many sharing a day, so the keyset meets runs of equal starts.
  const start = `timestamptz '2024-01-01' + (g % 900) * interval '1 day' + (g % 7) * interval '1 hour'`;
  await client.query(
    `INSERT INTO vdab_assignments (tenant_id, id, organisation_id, dossier_id, kind, starts_at, ends_at, created_at)
     SELECT $1, md5('a' || g)::uuid, $2, md5('d' || (g % $4))::uuid, 'job-coaching', ${start}, ${start} + interval '90 days', ${start}
       FROM generate_series(1, $3) g`,
    [tenantId, organisationId, ROWS, dossiers],
  );
  await client.query(
    `INSERT INTO vdab_actions (tenant_id, dossier_id, assignment_id, organisation_id, type, action_date, outcome, created_at)
     SELECT $1, md5('d' || (g % $4))::uuid, md5('a' || g)::uuid, $2, 'coaching-session', (${start} + interval '3 days')::date, 'completed', ${start} + interval '3 days'
       FROM generate_series(2, $3, 2) g`,
    [tenantId, organisationId, ROWS, dossiers],
  );
  await client.query(
    `INSERT INTO vdab_dossier_log (tenant_id, at, organisation_id, dossier_id, what, allowed, flagged)
     SELECT $1, ${start}, $2, md5('d' || (g % $4))::uuid, 'dossier.read', g % 5 <> 0, g % 5 = 0
       FROM generate_series(1, $3 / 2) g`,
    [tenantId, organisationId, ROWS, dossiers],
  );
  await client.query('ANALYZE vdab_dossiers, vdab_assignments, vdab_actions, vdab_dossier_log');
  console.log(`generated ${ROWS} assignments, ${ROWS / 2} actions, ${ROWS / 2} log entries (${ROWS / 10} flagged) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** The report as it was built before it streamed: every row in arrays, then the whole CSV as one string. */
async function wholeCsv(db: TenantDb, organisationId: string): Promise<string> {
  const start = new Date(`${PERIOD.from}T00:00:00Z`);
  const end = new Date(new Date(`${PERIOD.to}T00:00:00Z`).getTime() + 86_400_000);
  return db.transaction(async (tx) => {
    const assignments = await tx.query<{ id: string; dossierId: string; kind: string; startsAt: Date; endsAt: Date; actions: number; firstAt: Date | null }>(
      `SELECT a.id, a.dossier_id AS "dossierId", a.kind, a.starts_at AS "startsAt", a.ends_at AS "endsAt",
              count(x.id)::int AS actions, min(x.created_at) AS "firstAt"
         FROM vdab_assignments a
         LEFT JOIN vdab_actions x ON x.tenant_id = a.tenant_id AND x.assignment_id = a.id
        WHERE a.tenant_id = $1 AND a.organisation_id = $2 AND a.starts_at < $4 AND a.ends_at > $3
        GROUP BY a.tenant_id, a.id ORDER BY a.starts_at, a.id`,
      [tx.tenantId, organisationId, start, end],
    );
    const flagged = await tx.query<{ at: Date; dossierId: string; accountId: string | null; credentialId: string | null; what: string }>(
      `SELECT at, dossier_id AS "dossierId", account_id AS "accountId", credential_id AS "credentialId", what FROM vdab_dossier_log
        WHERE tenant_id = $1 AND organisation_id = $2 AND flagged AND at >= $3 AND at < $4 ORDER BY id`,
      [tx.tenantId, organisationId, start, end],
    );
    const rows = assignments.map((a) => ({
      ...a,
      startsAt: new Date(a.startsAt).toISOString(),
      endsAt: new Date(a.endsAt).toISOString(),
      hoursToFirstAction: a.firstAt ? Math.round((new Date(a.firstAt).getTime() - new Date(a.startsAt).getTime()) / 360_000) / 10 : null,
    }));
    const lines = [['record', 'organisation_id', 'assignment_id', 'dossier_id', 'kind', 'starts_at', 'ends_at', 'actions', 'hours_to_first_action', 'at', 'account_id', 'credential_id', 'what']];
    for (const a of rows) lines.push(['assignment', organisationId, a.id, a.dossierId, a.kind, a.startsAt, a.endsAt, String(a.actions), a.hoursToFirstAction === null ? '' : String(a.hoursToFirstAction), '', '', '', '']);
    for (const f of flagged) lines.push(['flagged-attempt', organisationId, '', f.dossierId, '', '', '', '', '', new Date(f.at).toISOString(), f.accountId ?? '', f.credentialId ?? '', f.what]);
    return lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
  });
}

async function main() {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('Set DATABASE_URL to a PostgreSQL server the bench may create a database on');
  const database = `bench_quality_${ROWS}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount === 1;
  if (!exists) await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(server);
  url.pathname = `/${database}`;
  const env = { ...process.env, DATABASE_URL: url.toString(), NODE_ENV: 'test', SEED_DEMO: 'false', API_DOCS_UI: 'false', LOG_LEVEL: 'silent' };
  console.log(`quality report, ${ROWS} assignments; node ${process.version} ${process.execArgv.join(' ') || '(default heap)'}; ${os.cpus().length} CPUs ${os.cpus()[0]?.model}; load ${load()}`);
  const { app } = await createApiApp({ tenants, env });
  const data = new pg.Client({ connectionString: url.toString() });
  await data.connect();
  try {
    const tenant: TenantRef = await app.get(TenantsService).create({ key: 'vdab-bench', plugin: 'vdab-partners', name: 'VDAB bench' }, { ifMissing: true });
    const inTenant = <T>(fn: () => Promise<T>) => RequestContext.run({ tenant, actor: SYSTEM }, fn);
    let [org] = (await data.query<{ id: string }>(`SELECT id FROM org_units WHERE tenant_id = $1 AND key = 'bench-partner'`, [tenant.id])).rows;
    if (!org) org = await inTenant(() => app.get(OrgUnitsService).create({ key: 'bench-partner', name: 'Bench partner', kind: 'partner-organisation' }));
    const [{ n }] = (await data.query<{ n: string }>(`SELECT count(*) AS n FROM vdab_assignments WHERE tenant_id = $1`, [tenant.id])).rows;
    if (Number(n) !== ROWS) {
      if (Number(n) !== 0) throw new Error(`${database} holds ${n} assignments, not ${ROWS}: drop it`);
      await generate(data, tenant.id, org.id);
    }
    global.gc?.();
    const booted = process.memoryUsage.rss();
    peak = booted;
    console.log(`before the report: rss ${mb(booted)}, heap used ${mb(process.memoryUsage().heapUsed)}; load ${load()}`);
    const reports = app.get(QualityReportService);
    const cmd = { organisationId: org.id, ...PERIOD };
    for (const kind of WHOLE ? (['whole csv'] as const) : (['csv', 'report'] as const)) {
      peak = process.memoryUsage.rss();
      const started = performance.now();
      let bytes = 0;
      let rows = 0;
      if (kind === 'whole csv') {
        bytes = Buffer.byteLength(await inTenant(() => wholeCsv(app.get(TenantDb), org.id)));
      } else {
        const stream = await inTenant(() =>
          reports[kind](cmd, {
            onProgress: (written) => {
              if (Math.floor(written / 100_000) > Math.floor(rows / 100_000))
                console.log(`  ${kind}: ${written} rows after ${((performance.now() - started) / 1000).toFixed(1)} s, rss ${mb(process.memoryUsage.rss())}`);
              rows = written;
            },
          }),
        );
        await pipeline(stream, new Writable({ write: (chunk: Buffer, _enc, done) => ((bytes += chunk.length), done()) }));
      }
      const seconds = (performance.now() - started) / 1000;
      peak = Math.max(peak, process.memoryUsage.rss());
      console.log(`${kind}: ${rows || '-'} rows, ${(bytes / MB).toFixed(1)} MB written in ${seconds.toFixed(1)} s; peak rss ${mb(peak)} (${mb(peak - booted)} above the booted process)`);
    }
    console.log(`maxRSS of the process ${mb(process.resourceUsage().maxRSS * 1024)}; load at end ${load()}`);
  } finally {
    await data.end();
    await app.close();
    if (!KEEP) await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
