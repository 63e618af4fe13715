/**
 * Candidate-bank search benchmark (run by hand: `npm run bench:search`, never part of `npm test`).
 *
 * 100,000 generated profiles over three uneven tenants (or, with BENCH_PROFILES=1000000, a million over
 * fifty-two: see benchTenants) are bulk-loaded, indexed through the real
 * SearchIndexService, then the same query mix is timed twice in one run, with row-level security
 * on: through the HTTP endpoint (Fastify inject: routing, token, session check, validation,
 * projection, audit insert and commit) and as the bare SQL the endpoint runs (the runtime role,
 * one transaction with the tenant set).
 */
import 'reflect-metadata';
import { createHmac, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createApiApp } from '../../libs/platform/src/index.js';
import { AccountsService, OrgUnitsService } from '../../libs/auth/src/index.js';
import { TenantsService } from '../../libs/tenancy/src/index.js';
import { RequestContext, SYSTEM, type TenantRef } from '../../libs/context/src/index.js';
import { SearchIndexService } from '../../libs/search/src/index.js';
import { decodeCursor, openCursor, searchFingerprint } from '../../libs/search/src/search-cursor.js';
import { AppConfig } from '../../libs/config/src/app-config.js';
import { filterFields, parseSearchQuery } from '../../libs/search/src/search-query.js';
import { searchParams, searchRules, SEARCH_SQL } from '../../libs/search/src/search-rules.js';
import type { TenantDefinition } from '../../libs/plugin-api/src/index.js';
import { BENCH_DEFINITIONS, benchTenants } from './bench-tenants.js';
import { BENCH_QUERIES, type BenchQuery } from './bench-queries.js';
import { generateProfile, random } from './profile-generator.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const BENCH_TENANTS = benchTenants(Number(process.env.BENCH_PROFILES ?? 100_000));
/** Loading and indexing run this many tenants at a time: one per core. */
const PARALLEL = Math.max(1, os.cpus().length);
const WARMUP_ROUNDS = 2;
const LOAD_BATCH = 5_000;
const PASSWORD = 'benchmark-password-2026';

interface BenchTenant {
  ref: TenantRef;
  measured: boolean;
  def: TenantDefinition;
  profiles: number;
  employerId: string;
  token: string;
  cursors: Map<string, string>;
}

const ms = (from: number) => performance.now() - from;
const timed = async (fn: () => Promise<unknown>) => {
  const from = performance.now();
  await fn();
  return ms(from);
};
const log = (line: string) => console.log(`[bench] ${line}`);

/**
 * Peak resident memory per phase, sampled every 50 ms: the process's own maxRSS only ever grows, so
 * it cannot tell whether indexing a million profiles needs more memory than loading them did.
 */
const rssPeaks = new Map<string, number>();
let rssPhase = 'boot';
const rssSampler = setInterval(() => {
  const rss = process.memoryUsage.rss();
  if (rss > (rssPeaks.get(rssPhase) ?? 0)) rssPeaks.set(rssPhase, rss);
}, 50);
rssSampler.unref();
function enterPhase(phase: string): void {
  rssPhase = phase;
  rssPeaks.set(phase, process.memoryUsage.rss());
}
const peakMb = (phase: string) => `${Math.round((rssPeaks.get(phase) ?? 0) / 1048576)} MB`;

/** Runs `work` over `items`, PARALLEL at a time, in order of start. */
async function inParallel<T>(items: readonly T[], work: (item: T, index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, lane));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

const f1 = (n: number) => n.toFixed(1);

/** Accounts and profiles straight into the tables, in multi-row statements: loading is not what is measured. */
async function load(owner: pg.Client, tenant: BenchTenant, seed: number, now: Date): Promise<void> {
  const rng = random(seed);
  for (let start = 0; start < tenant.profiles; start += LOAD_BATCH) {
    const n = Math.min(LOAD_BATCH, tenant.profiles - start);
    const ids: string[] = [];
    const emails: string[] = [];
    const names: string[] = [];
    const states: string[] = [];
    const aliases: string[] = [];
    const fields: string[] = [];
    const visible: boolean[] = [];
    const activated: Date[] = [];
    const listed: Date[] = [];
    const updated: Date[] = [];
    const consenting: string[] = [];
    for (let i = 0; i < n; i++) {
      const p = generateProfile(rng, now);
      const id = randomUUID();
      ids.push(id);
      emails.push(`seeker-${start + i}@bench.example`);
      names.push(`${p.fields.firstName} ${p.fields.lastName}`);
      states.push(p.state);
      aliases.push(`Kandidaat ${100000 + start + i}`);
      fields.push(JSON.stringify(p.fields));
      visible.push(p.visibleToEmployers);
      activated.push(p.activatedAt);
      listed.push(p.listedUntil);
      updated.push(p.updatedAt);
      if (p.consented) consenting.push(id);
    }
    await owner.query('BEGIN');
    await owner.query(
      `INSERT INTO accounts (tenant_id, id, email, display_name, roles, status, locale)
       SELECT $1, unnest($2::uuid[]), unnest($3::text[]), unnest($4::text[]), '{jobseeker}', 'active', 'nl'`,
      [tenant.ref.id, ids, emails, names],
    );
    await owner.query(
      `INSERT INTO profiles (tenant_id, id, state, alias, fields, visible_to_employers, activated_at, listed_until, created_at, updated_at)
       SELECT $1, x.id, x.state, x.alias, x.fields, x.visible, x.activated, x.listed, x.activated, x.updated
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::jsonb[], $6::boolean[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[])
              AS x(id, state, alias, fields, visible, activated, listed, updated)`,
      [tenant.ref.id, ids, states, aliases, fields, visible, activated, listed, updated],
    );
    if (tenant.def.visibility.candidateBank.requiresConsent)
      await owner.query(
        `INSERT INTO consent_state (tenant_id, person_id, purpose, granted, policy_version, changed_at)
         SELECT $1, unnest($2::uuid[]), $3, true, 'bench-1', now()`,
        [tenant.ref.id, consenting, tenant.def.visibility.candidateBank.requiresConsent],
      );
    await owner.query('COMMIT');
  }
}

function url(params: BenchQuery['params'], cursor?: string): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    for (const one of typeof v === 'string' ? [v] : v) qs.append(k, one);
  if (cursor) qs.append('cursor', cursor);
  const s = qs.toString();
  return s ? `/search/profiles?${s}` : '/search/profiles';
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = os.loadavg()[0];
  const dir = mkdtempSync(join(os.tmpdir(), 'search-bench-'));
  chmodSync(dir, 0o755);
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    API_DOCS_UI: 'false',
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    // At a million profiles the bench signs in one recruiter to each of 52 tenants from one
    // address, which the production sign-in limits would refuse as an attack.
    RATE_LIMIT_SIGN_IN_PER_CLIENT: '1000',
    RATE_LIMIT_SIGN_IN_PER_ADDRESS: '1000',
    EMBEDDED_PG_DIR: join(dir, 'pg'),
    EMBEDDED_PG_PORT: String(await freePort()),
    STORAGE_DIR: join(dir, 'files'),
    MAIL_DEV_OUTBOX_DIR: join(dir, 'mail'),
  };
  log(`booting the API on ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'an embedded PostgreSQL'}`);
  const { app, prepared } = await createApiApp({ tenants: BENCH_DEFINITIONS, env });
  const fastify = app.getHttpAdapter().getInstance();
  const owner = new pg.Client({ connectionString: prepared.ownerUrl });
  const runtime = new pg.Client({ connectionString: prepared.appUrl });
  await Promise.all([owner.connect(), runtime.connect()]);
  try {
    const now = new Date();
    const tenants: BenchTenant[] = [];
    for (const spec of BENCH_TENANTS) {
      const ref = await app
        .get(TenantsService)
        .create({ key: spec.key, plugin: spec.plugin, name: spec.key }, { ifMissing: true });
      const def = BENCH_DEFINITIONS.find((d) => d.key === spec.plugin)!;
      const employer = await RequestContext.run({ tenant: ref, actor: SYSTEM }, async () => {
        const existing = await app.get(AccountsService).findByEmail('recruiter@bench.example');
        if (existing) return existing;
        const unit = await app.get(OrgUnitsService).create({
          key: 'recruiters',
          name: 'Recruiters BV',
          kind: 'employer',
          candidateBankAccess: true,
        });
        return app.get(AccountsService).create({
          email: 'recruiter@bench.example',
          password: PASSWORD,
          displayName: 'Bench recruiter',
          roles: ['employer'],
          orgUnitIds: [unit.id],
          emailVerified: true,
        });
      });
      const login = await fastify.inject({
        method: 'POST',
        url: '/auth/login',
        headers: { 'x-tenant': ref.key, 'content-type': 'application/json' },
        payload: { email: 'recruiter@bench.example', password: PASSWORD },
      });
      if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
      tenants.push({
        ref,
        measured: spec.measured,
        def,
        profiles: spec.profiles,
        employerId: employer.id,
        token: login.json().accessToken,
        cursors: new Map(),
      });
    }

    // Against a kept DATABASE_URL, a second run reuses the data of the first.
    const { rows: existing } = await owner.query(
      `SELECT count(*)::int AS n FROM profiles WHERE tenant_id = $1`,
      [tenants[0].ref.id],
    );
    const reuse = existing[0].n > 0;
    let t0 = performance.now();
    enterPhase('load');
    if (!reuse) {
      // One connection per core, so every core works; each tenant's stream stays deterministic.
      await inParallel(tenants, async (tenant, i) => {
        const loader = new pg.Client({ connectionString: prepared.ownerUrl });
        await loader.connect();
        try {
          await load(loader, tenant, 1000 + i, now);
        } finally {
          await loader.end();
        }
      });
    }
    const loadMs = ms(t0);
    log(
      `${reuse ? 'reused' : 'loaded'} ${tenants.reduce((s, t) => s + t.profiles, 0)} profiles in ${f1(loadMs / 1000)} s`,
    );

    t0 = performance.now();
    enterPhase('index');
    const index = app.get(SearchIndexService);
    if (!reuse || process.env.BENCH_REINDEX)
      await inParallel(tenants, (tenant) =>
        RequestContext.run({ tenant: tenant.ref, actor: SYSTEM }, () => index.reindexTenant()),
      );
    const indexMs = ms(t0);
    await owner.query('VACUUM ANALYZE profile_search');
    await owner.query('ANALYZE profiles, consent_state, accounts');
    const [{ rows: indexed }, { rows: size }] = await Promise.all([
      owner.query(`SELECT count(*)::int AS n FROM profile_search`),
      owner.query(`SELECT pg_size_pretty(pg_total_relation_size('profile_search')) AS total,
                          pg_size_pretty(pg_relation_size('profile_search_document')) AS gin`),
    ]);
    log(
      `indexed ${indexed[0].n} listed profiles in ${f1(indexMs / 1000)} s (table ${size[0].total}, GIN ${size[0].gin})`,
    );
    log(`peak RSS of the bench process: booting ${peakMb('boot')}, loading ${peakMb('load')}, indexing ${peakMb('index')}`);
    enterPhase('search');

    /** One search over HTTP; returns the response for cursors and sanity checks. */
    const viaHttp = (tenant: BenchTenant, q: BenchQuery) =>
      fastify.inject({
        method: 'GET',
        url: url(q.params, q.nextPage ? tenant.cursors.get(q.label) : undefined),
        headers: { 'x-tenant': tenant.ref.key, authorization: `Bearer ${tenant.token}` },
      });

    const cursorKey = createHmac('sha256', app.get(AppConfig).JWT_SECRET).update('search-cursor').digest();
    /** The same search as bare SQL: the statement the service runs, in one transaction with the tenant set. */
    const viaSql = async (tenant: BenchTenant, q: BenchQuery) => {
      const query: Record<string, unknown> = { ...q.params };
      const cursor = q.nextPage ? tenant.cursors.get(q.label) : undefined;
      const req = parseSearchQuery(tenant.def, cursor ? { ...query, cursor } : query);
      // Cursors travel sealed (ProfileSearchService): opened with the same key before decoding.
      const after = cursor ? decodeCursor(openCursor(cursor, cursorKey), searchFingerprint('employer', req)) : null;
      const rules = searchRules(tenant.def, 'employer', tenant.employerId, new Date());
      const countKeys = after ? null : filterFields(tenant.def).map((f) => f.key);
      await runtime.query('BEGIN');
      await runtime.query('SELECT app.set_tenant($1)', [tenant.ref.id]);
      await runtime.query(SEARCH_SQL, searchParams(rules, req, after, req.limit + 1, countKeys));
      await runtime.query('COMMIT');
    };

    const measured = tenants.filter((t) => t.measured);
    const hits: Record<string, string> = {};
    // A total above the cap is a lower bound (totalCapped): shown as "1000+", never as a count.
    const shownTotal = (body: { total?: number; totalCapped?: boolean }) => `${body.total}${body.totalCapped ? '+' : ''}`;
    for (const tenant of measured)
      for (const q of BENCH_QUERIES) {
        if (!q.nextPage) continue;
        const first = await fastify.inject({
          method: 'GET',
          url: url(q.params),
          headers: { 'x-tenant': tenant.ref.key, authorization: `Bearer ${tenant.token}` },
        });
        tenant.cursors.set(q.label, first.json().nextCursor);
        hits[`${tenant.ref.key}: ${q.label}`] = shownTotal(first.json());
      }

    const endpoint: number[] = [];
    const bare: number[] = [];
    const byQuery = new Map<string, { endpoint: number[]; bare: number[] }>();
    const byTenant = new Map<string, { endpoint: number[]; bare: number[] }>();
    for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
      for (const tenant of measured)
        for (const q of BENCH_QUERIES) {
          // Whichever runs second finds the pages the first one read in cache: alternate the order.
          const sqlFirst = round % 2 === 1;
          let b = 0;
          if (sqlFirst) b = await timed(() => viaSql(tenant, q));
          const t = performance.now();
          const res = await viaHttp(tenant, q);
          const e = ms(t);
          if (res.statusCode !== 200)
            throw new Error(`${q.label}: HTTP ${res.statusCode} ${res.body}`);
          if (!sqlFirst) b = await timed(() => viaSql(tenant, q));
          if (round < WARMUP_ROUNDS) {
            if (round === 0 && !q.nextPage)
              hits[`${tenant.ref.key}: ${q.label}`] = shownTotal(res.json());
            continue;
          }
          endpoint.push(e);
          bare.push(b);
          for (const [map, key] of [
            [byQuery, q.label],
            [byTenant, tenant.ref.key],
          ] as const) {
            const entry = map.get(key) ?? { endpoint: [], bare: [] };
            entry.endpoint.push(e);
            entry.bare.push(b);
            map.set(key, entry);
          }
        }
    }

    // The trap, measured: the same text match as the runtime role under row-level security, and
    // as the owner (what the definer function does).
    const large = tenants[0];
    const trapSql = `SELECT count(*) FROM profile_search s
                      WHERE s.tenant_id = $1 AND s.document @@ (app.search_text_query('verpleegkundige') && app.search_tenant_lexeme($1)::tsquery)`;
    const timeTrap = async (client: pg.Client) => {
      const samples: number[] = [];
      let plan = '';
      for (let i = 0; i < 7; i++) {
        await client.query('BEGIN');
        await client.query('SELECT app.set_tenant($1)', [large.ref.id]);
        const t = performance.now();
        await client.query(trapSql, [large.ref.id]);
        samples.push(ms(t));
        if (i === 0)
          plan = (await client.query(`EXPLAIN ${trapSql}`, [large.ref.id])).rows
            .map((r) => r['QUERY PLAN'])
            .join(' / ');
        await client.query('COMMIT');
      }
      return {
        p50: percentile(samples, 0.5),
        plan:
          /Index Scan on (\w+)/.exec(plan)?.[0] ??
          /(Seq Scan)/.exec(plan)?.[0] ??
          plan.slice(0, 60),
      };
    };
    const underRls = await timeTrap(runtime);
    const inFunction = await timeTrap(owner);

    const version = (await owner.query('SHOW server_version')).rows[0].server_version;
    const cpus = os.cpus();
    const summary = {
      machine: `${cpus.length} cores (${cpus[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, PostgreSQL ${version}`,
      samples: endpoint.length,
      endpoint: { p50: percentile(endpoint, 0.5), p95: percentile(endpoint, 0.95) },
      bare: { p50: percentile(bare, 0.5), p95: percentile(bare, 0.95) },
    };
    console.log('\n## Search benchmark results\n');
    console.log(`Machine: ${summary.machine}`);
    console.log(
      `Load average (1 min) at start ${loadBefore.toFixed(1)}, at end ${os.loadavg()[0].toFixed(1)}: other work on the machine inflates every figure`,
    );
    console.log(
      `Data: ${tenants.map((t) => `${t.ref.key} ${t.profiles}`).join(', ')}; ${indexed[0].n} listed and indexed (table ${size[0].total}, GIN ${size[0].gin})`,
    );
    console.log(
      `Peak RSS of the bench process (API and load generator): loading ${peakMb('load')}, indexing ${peakMb('index')}, searching ${peakMb('search')}`,
    );
    console.log(
      reuse && !process.env.BENCH_REINDEX
        ? 'Data and index reused from an earlier run (BENCH_REINDEX=1 rebuilds the index)'
        : `Load ${f1(loadMs / 1000)} s, index ${f1(indexMs / 1000)} s (${Math.round(indexed[0].n / (indexMs / 1000))} profiles/s)`,
    );
    console.log(
      `Samples: ${summary.samples} per side (${ROUNDS} rounds x ${measured.length} tenants x ${BENCH_QUERIES.length} queries, after ${WARMUP_ROUNDS} warm-up rounds)\n`,
    );
    console.log('| | p50 ms | p95 ms |\n|---|---:|---:|');
    console.log(`| HTTP endpoint | ${f1(summary.endpoint.p50)} | ${f1(summary.endpoint.p95)} |`);
    console.log(
      `| bare SQL (runtime role, RLS on) | ${f1(summary.bare.p50)} | ${f1(summary.bare.p95)} |`,
    );
    console.log(
      `| ratio endpoint / bare | ${(summary.endpoint.p50 / summary.bare.p50).toFixed(2)} | ${(summary.endpoint.p95 / summary.bare.p95).toFixed(2)} |`,
    );
    console.log(
      '\n| tenant | endpoint p50 | endpoint p95 | bare p50 | bare p95 |\n|---|---:|---:|---:|---:|',
    );
    for (const [key, v] of byTenant)
      console.log(
        `| ${key} | ${f1(percentile(v.endpoint, 0.5))} | ${f1(percentile(v.endpoint, 0.95))} | ${f1(percentile(v.bare, 0.5))} | ${f1(percentile(v.bare, 0.95))} |`,
      );
    console.log(
      '\n| query | matches (large / medium / small) | endpoint p50 | endpoint p95 | bare p50 | bare p95 |\n|---|---|---:|---:|---:|---:|',
    );
    for (const [label, v] of byQuery) {
      const matches = measured.map((t) => hits[`${t.ref.key}: ${label}`]).join(' / ');
      console.log(
        `| ${label} | ${matches} | ${f1(percentile(v.endpoint, 0.5))} | ${f1(percentile(v.endpoint, 0.95))} | ${f1(percentile(v.bare, 0.5))} | ${f1(percentile(v.bare, 0.95))} |`,
      );
    }
    console.log(
      `\nThe trap ('verpleegkundige' in ${large.ref.key}, count only): runtime role under RLS ${f1(underRls.p50)} ms (${underRls.plan}); owner as in the search function ${f1(inFunction.p50)} ms (${inFunction.plan})`,
    );
    console.log(`\nTotal run ${f1(ms(started) / 1000)} s`);
  } finally {
    await Promise.all([owner.end(), runtime.end()]);
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
