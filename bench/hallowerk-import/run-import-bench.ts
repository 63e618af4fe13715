/**
 * HalloWerk import benchmark (run by hand, never part of `npm test`):
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:hallowerk-import
 *
 * Creates a database of its own on that server (dropped afterwards), one HalloWerk tenant with a
 * region, a municipality and its coach, and imports BENCH_ROWS (10,000) residents from one CSV
 * file through the import's use case (every row validated, its own unit of work, account, profile,
 * client number, audit entry and invitation mail written), then the same file again (idempotent:
 * nothing created). Prints the progress every 1,000 rows and the totals, then a baseline in the
 * same run: the same rows as a bare multi-row INSERT (500 a statement, a commit each) into a table
 * of their own, and the import's ratio against it, so a loaded box compares with itself. It also
 * samples its own resident memory every 50 ms: the peak once booted and the file built, and the
 * peak during the first import, so two sizes (BENCH_ROWS) show whether the import grows with them.
 */
import 'reflect-metadata';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createApiApp } from '../../libs/platform/src/index.js';
import { AccountsService, OrgUnitsService } from '../../libs/auth/src/index.js';
import { RequestContext, SYSTEM } from '../../libs/context/src/index.js';
import { TenantsService } from '../../libs/tenancy/src/index.js';
import { tenants } from '../../tenants/index.js';
import { BulkImportService } from '../../tenants/hallowerk/hallowerk.import.service.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);

/** The highest RSS seen since the last `reset()`, sampled every 50 ms. */
const rss = (() => {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 50);
  timer.unref();
  return {
    reset: () => {
      const seen = Math.max(peak, process.memoryUsage().rss);
      peak = 0;
      return Math.round(seen / 2 ** 20);
    },
  };
})();
const HEADER = 'email;clientNumber;firstName;lastName;phone;postcode;gender;birthDate;supportLevel;clientManagerName;tozoGroup;targetGroups;uwvTargetGroupRegister';

function csv(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++)
    lines.push(
      `inwoner${i}@mail.example;KL-${100000 + i};Voornaam${i};Achternaam;+31 10 ${String(1000000 + i).slice(-7)};3011 AB;${i % 2 ? 'vrouw' : 'man'};1980-0${(i % 9) + 1}-1${i % 9};samen;Karin de Klantmanager;${i % 7 ? 'nee' : 'ja'};${i % 3 ? 'baanafspraak' : 'bbl'};${i % 5 ? 'nee' : 'ja'}`,
    );
  return lines.join('\n');
}

/** The floor: the file's rows, unvalidated, as one jsonb row each, 500 a statement. */
async function bareInsert(databaseUrl: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE TABLE bench_baseline (client_number text PRIMARY KEY, email text NOT NULL UNIQUE, cells jsonb NOT NULL)`);
    const [header, ...lines] = file.split('\n');
    const columns = header.split(';');
    const rows = lines.map((l) => Object.fromEntries(l.split(';').map((c, i) => [columns[i], c])));
    const started = performance.now();
    for (let from = 0; from < rows.length; from += 500)
      await client.query(
        `INSERT INTO bench_baseline (client_number, email, cells)
         SELECT x->>'clientNumber', x->>'email', x FROM jsonb_array_elements($1::jsonb) AS x`,
        [JSON.stringify(rows.slice(from, from + 500))],
      );
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

async function main() {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('Set DATABASE_URL to a PostgreSQL server the bench may create a database on');
  const database = `bench_hallowerk_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(server);
  url.pathname = `/${database}`;
  const env = { ...process.env, DATABASE_URL: url.toString(), NODE_ENV: 'test', SEED_DEMO: 'false', API_DOCS_UI: 'false', LOG_LEVEL: 'silent' };
  const { app } = await createApiApp({ tenants, env });
  try {
    const tenant = await app.get(TenantsService).create({ key: 'hallowerk-bench', plugin: 'hallowerk', name: 'HalloWerk bench' });
    const coach = await RequestContext.run({ tenant, actor: SYSTEM }, async () => {
      const units = app.get(OrgUnitsService);
      const region = await units.create({ key: 'regio', name: 'Regio', kind: 'region' });
      const town = await units.create({ key: 'gemeente', name: 'Gemeente', kind: 'municipality', parentId: region.id });
      const account = await app.get(AccountsService).create({
        email: 'coach@bench.example', password: 'bench-password-2026', displayName: 'Coach', roles: ['staff'], orgUnitIds: [town.id], emailVerified: true,
      });
      return { kind: 'account' as const, accountId: account.id, roles: ['staff'], orgUnitIds: [town.id] };
    });
    const file = csv(ROWS);
    console.log(`HalloWerk import: ${ROWS} rows (${(file.length / 1024).toFixed(0)} KiB); ${os.cpus().length} CPUs ${os.cpus()[0]?.model}; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const service = app.get(BulkImportService);
    const bootedMb = rss.reset();
    let importMb = 0;
    let firstSeconds = 0;
    for (const pass of ['first import', 'same file again'] as const) {
      const started = performance.now();
      const report = await RequestContext.run({ tenant, actor: coach }, () =>
        service.run({
          actor: coach,
          csv: file,
          dryRun: false,
          onProgress: (done, total) => {
            if (done % 1000 === 0 || done === total) console.log(`  ${pass}: ${done}/${total} after ${((performance.now() - started) / 1000).toFixed(1)} s`);
          },
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      if (pass === 'first import') {
        firstSeconds = seconds;
        importMb = rss.reset();
      }
      console.log(`${pass}: ${seconds.toFixed(1)} s (${(ROWS / seconds).toFixed(0)} rows/s): created ${report.created}, existing ${report.existing}, refused ${report.refused}`);
    }
    const baseline = await bareInsert(url.toString(), file);
    console.log(`baseline, bare multi-row INSERT of the same rows: ${baseline.toFixed(1)} s (${(ROWS / baseline).toFixed(0)} rows/s); import / baseline = ${(firstSeconds / baseline).toFixed(1)}`);
    console.log(`peak RSS: booted with the file built ${bootedMb} MB, during the first import ${importMb} MB (+${importMb - bootedMb} MB)`);
    console.log(`load at end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    await app.close();
    await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
