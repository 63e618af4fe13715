import { readFileSync } from 'node:fs';
import pg from 'pg';
import { DataSource, type Logger } from 'typeorm';
import { CATALOG_TABLES, distributeOnCitus, distributionPlan, readSchema } from '../../libs/database/src/index.js';
import type { TenantRef } from '../../libs/context/src/index.js';
import { TestApp, type HttpMethod } from '../support/test-app.js';

/**
 * What a real Citus 13.2 cluster refused (issue 17), checked on plain PostgreSQL by the shape of
 * the schema and of the statements requests send (docs/scaling.md). Citus is not installed here:
 * the distribution step must be a no-op, and its plan must order every table after those it
 * references. The statement check is textual, on purpose: it sees INSERT ... SELECT and
 * `(tenant_id = $1) IS TRUE`, which an EXPLAIN of the same statement hides;
 * `shard-routing.spec.ts` checks the plans.
 */

/** Triggers on tenant tables, each documented in docs/scaling.md (Citus needs them allowed). */
const DOCUMENTED_TRIGGERS = ['audit_log.audit_log_append_only', 'mail_messages.mail_messages_keep_little'];

/**
 * Every scan of a tenant table in `sql` that Citus could not route to the tenant's shard: a table
 * named in FROM (the statement's or a subquery's) needs its own `alias.tenant_id = $n`; a JOINed
 * one may instead equal the tenant_id of an alias that has it (a co-located join). A subquery
 * correlated on the outer row's tenant_id therefore fails, as it fans out on Citus.
 */
function unroutedScans(sql: string, tenantTables: ReadonlySet<string>): string[] {
  const s = sql.replace(/"/g, '').replace(/\s+/g, ' ');
  const problems: string[] = [];
  if (/tenant_id\s*=\s*\$\d+\s*\)\s*IS\s+TRUE/i.test(s)) problems.push('a tenant condition written as (tenant_id = $n) IS TRUE');
  const insert = /^\s*(?:WITH\b.*?\)\s*)?INSERT INTO (\w+)\s*\([^)]*\)\s*(SELECT|VALUES)\b/i.exec(s);
  if (insert && tenantTables.has(insert[1]) && /^SELECT$/i.test(insert[2])) problems.push(`INSERT INTO ${insert[1]} ... SELECT`);
  const keyword =
    /^(WHERE|ON|JOIN|LEFT|RIGHT|INNER|FULL|CROSS|SET|ORDER|GROUP|LIMIT|USING|FOR|VALUES|RETURNING|WITH|AND|OR|UNION|HAVING|OFFSET|WINDOW|TABLESAMPLE|NATURAL)$/i;
  const scans: { how: string; table: string; alias: string }[] = [];
  for (const m of s.matchAll(/\b(FROM|JOIN|UPDATE|DELETE FROM)\s+(?:ONLY\s+)?(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
    const how = m[1].toUpperCase();
    if (!tenantTables.has(m[2])) continue;
    if (how === 'FROM' && /DELETE\s*$/i.test(s.slice(0, m.index))) continue;
    const alias = m[3] && !keyword.test(m[3]) ? m[3] : m[2];
    scans.push({ how: how === 'JOIN' ? 'JOIN' : 'FROM', table: m[2], alias });
  }
  const esc = (a: string) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const plain = (a: string) => new RegExp(`(^|[\\s(,])(${esc(a)}\\.)?tenant_id\\s*=\\s*\\$\\d+(?!\\d)`, 'i').test(s);
  const routed = new Set(scans.filter((x) => plain(x.alias)).map((x) => x.alias));
  for (let grew = true; grew; ) {
    grew = false;
    for (const x of scans.filter((y) => y.how === 'JOIN' && !routed.has(y.alias)))
      for (const r of [...routed])
        if (
          new RegExp(`\\b${esc(x.alias)}\\.tenant_id\\s*=\\s*${esc(r)}\\.tenant_id\\b|\\b${esc(r)}\\.tenant_id\\s*=\\s*${esc(x.alias)}\\.tenant_id\\b`, 'i').test(s)
        ) {
          routed.add(x.alias);
          grew = true;
        }
  }
  for (const x of scans) if (!routed.has(x.alias)) problems.push(`${x.how} ${x.table}${x.alias !== x.table ? ` ${x.alias}` : ''} without tenant_id = $n`);
  return problems;
}

describe('the schema and the statements keep the shape Citus distributes and routes', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let owner: pg.Client;
  let tenantTables: Set<string>;
  const recorded: { route: string; sql: string }[] = [];
  let current: string | null = null;

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('kandidatenbank');
    owner = new pg.Client({ connectionString: t.prepared.ownerUrl });
    await owner.connect();
    const { tables } = await readSchema(owner);
    tenantTables = new Set(tables.filter((x) => x.hasTenantId && !CATALOG_TABLES.includes(x.name)).map((x) => x.name));
    const logger = t.get(DataSource).logger as Logger;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (sql, params, runner) => {
      if (current) recorded.push({ route: current, sql });
      return logQuery(sql, params, runner);
    };
  });
  afterAll(async () => {
    await owner?.end();
    await t?.close();
  });

  it('has no foreign key that nulls a column list on delete (refused when tenant_id is in the key)', async () => {
    const { rows } = await owner.query<{ key: string }>(
      `SELECT conrelid::regclass || '.' || conname AS key FROM pg_constraint WHERE contype = 'f' AND confdelsetcols IS NOT NULL`,
    );
    expect(rows.map((r) => r.key)).toEqual([]);
  });

  it('leads every primary key, unique constraint and foreign key of a tenant table with tenant_id', async () => {
    const { rows } = await owner.query<{ tbl: string; con: string; first: string; ref_first: string | null }>(
      `SELECT t.relname AS tbl, c.conname AS con, a.attname AS first, ra.attname AS ref_first
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         LEFT JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
        WHERE c.contype IN ('p', 'u', 'f') AND t.relnamespace = 'public'::regnamespace`,
    );
    const checked = rows.filter((r) => tenantTables.has(r.tbl));
    // A key to the catalog (tenants.id) is the only one whose other side does not lead with tenant_id.
    const bad = checked.filter((r) => r.first !== 'tenant_id' || (r.ref_first !== null && r.ref_first !== 'tenant_id' && r.ref_first !== 'id'));
    expect(bad.map((r) => `${r.tbl}.${r.con}`)).toEqual([]);
    expect(checked.length).toBeGreaterThan(tenantTables.size);
  });

  it('serves every foreign key with an index leading with its columns, so deleting a person scans no table per row', async () => {
    // Erasing a person deletes the rows others point at; PostgreSQL then looks for the pointing
    // rows once per deleted row, and without such an index that is a scan of the whole table.
    const { rows } = await owner.query<{ key: string }>(
      `SELECT c.conrelid::regclass || '.' || c.conname AS key
         FROM pg_constraint c
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
          AND NOT EXISTS (
            SELECT 1 FROM pg_index i
             WHERE i.indrelid = c.conrelid AND i.indpred IS NULL
               AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
               AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
        ORDER BY 1`,
    );
    expect(rows.map((r) => r.key)).toEqual([]);
  });

  it('lists the triggers on tenant tables, each documented for the distribution', async () => {
    const { rows } = await owner.query<{ key: string }>(
      `SELECT c.relname || '.' || g.tgname AS key FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        WHERE NOT g.tgisinternal AND c.relnamespace = 'public'::regnamespace ORDER BY 1`,
    );
    expect(rows.map((r) => r.key).filter((k) => tenantTables.has(k.split('.')[0]))).toEqual(DOCUMENTED_TRIGGERS);
    const doc = readFileSync(new URL('../../docs/scaling.md', import.meta.url), 'utf8');
    for (const trigger of DOCUMENTED_TRIGGERS) expect([trigger, doc.includes(trigger.split('.')[1])]).toEqual([trigger, true]);
  });

  it('sends, in common requests, only statements with a plain tenant_id = $n on every tenant table and multi-row VALUES inserts', async () => {
    const unit = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
    const employer = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
    const staff = await t.signedIn(tenant, ['staff']);
    const jobseeker = await t.createAccount(tenant, ['jobseeker']);
    const walk: [HttpMethod, string, string | undefined, unknown?][] = [
      ['post', '/auth/login', undefined, { email: jobseeker.email, password: jobseeker.password }],
      ['get', '/vacancies', undefined],
      ['get', '/search/profiles?q=monteur', staff.token],
      ['get', '/search/profiles?q=monteur', employer.token],
      ['get', '/search/profiles', staff.token],
      ['get', '/manage/vacancies', staff.token],
    ];
    let jobseekerToken: string | undefined;
    for (const [method, path, token, body] of walk) {
      current = `${method.toUpperCase()} ${path}`;
      const res = await t.http(method, path, { tenant: tenant.key, token, body });
      current = null;
      expect([path, res.status]).toEqual([path, 200]);
      if (path === '/auth/login') jobseekerToken = res.body.accessToken as string;
    }
    for (const path of ['/me/applications', '/profiles/me']) {
      current = `GET ${path}`;
      const res = await t.http('get', path, { tenant: tenant.key, token: jobseekerToken });
      current = null;
      expect([path, res.status]).not.toEqual([path, 500]);
    }
    const statements = recorded.filter((r) => /^\s*(SELECT|WITH|UPDATE|DELETE|INSERT)\b/i.test(r.sql) && !/^\s*SELECT app\.set_tenant/.test(r.sql));
    const found = statements.flatMap((r) => unroutedScans(r.sql, tenantTables).map((p) => `${r.route}: ${p} in ${r.sql.replace(/\s+/g, ' ').slice(0, 160)}`));
    console.log(`citus shape: ${statements.length} statements of ${walk.length + 2} requests, ${found.length} not routable`);
    expect(found).toEqual([]);
    // The sign-in wrote its audit entries: the insert was among the statements checked.
    expect(statements.some((r) => /INSERT INTO "?audit_log"?/i.test(r.sql))).toBe(true);
  });

  it('writes the word search with a plain tenant condition when Citus is installed', async () => {
    const { rows } = await owner.query<{ src: string }>(`SELECT prosrc AS src FROM pg_proc WHERE proname = 'search_where'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].src).toMatch(/extname = 'citus'\) THEN 's\.tenant_id = \$1 AND s\.document @@ \$5'/);
  });

  it('recognises the shapes Citus refused', () => {
    const tables = new Set(['audit_log', 'consent_state', 'profile_search', 'alert_deliveries']);
    expect(unroutedScans(`INSERT INTO audit_log (tenant_id, action) SELECT $1, x.e->>'a' FROM jsonb_array_elements($2::jsonb) x(e)`, tables)).toHaveLength(1);
    expect(unroutedScans(`INSERT INTO alert_deliveries (tenant_id, alert_id) SELECT $1, m FROM unnest($2::uuid[]) m`, tables)).toHaveLength(1);
    expect(unroutedScans(`SELECT 1 FROM profile_search s WHERE (s.tenant_id = $1) IS TRUE AND s.document @@ $5`, tables)).toHaveLength(1);
    expect(
      unroutedScans(`SELECT 1 FROM profile_search s WHERE s.tenant_id = $1 AND EXISTS (SELECT 1 FROM consent_state c WHERE c.tenant_id = s.tenant_id)`, tables),
    ).toEqual(['FROM consent_state c without tenant_id = $n']);
    expect(
      unroutedScans(`SELECT 1 FROM profile_search s JOIN consent_state c ON c.tenant_id = s.tenant_id WHERE s.tenant_id = $1`, tables),
    ).toEqual([]);
    expect(unroutedScans(`INSERT INTO audit_log (tenant_id, action) VALUES ($1, $2), ($1, $3)`, tables)).toEqual([]);
  });

  it('distributes nothing on plain PostgreSQL, and plans every table after the tables it references', async () => {
    const before = await owner.query(`SELECT count(*)::int AS n FROM pg_constraint`);
    expect(await distributeOnCitus(owner)).toEqual([]);
    expect((await owner.query(`SELECT count(*)::int AS n FROM pg_constraint`)).rows).toEqual(before.rows);

    const { tables, keys } = await readSchema(owner);
    const plan = distributionPlan(tables, keys);
    expect(plan.reference).toEqual(expect.arrayContaining(['tenants', 'tenant_domains']));
    expect(new Set(plan.distributed)).toEqual(tenantTables);
    expect(plan.colocateWith).toBe('accounts');
    console.log(`plan: ${plan.reference.length} reference (${plan.reference.join(', ')}), ${plan.distributed.length} distributed, ${plan.detached.length} keys detached`);
    const at = new Map(plan.distributed.map((name, i) => [name, i]));
    const late = keys.filter((k) => at.has(k.table) && at.has(k.references) && k.table !== k.references && at.get(k.references)! > at.get(k.table)!);
    expect(late.map((k) => `${k.table} before ${k.references}`)).toEqual([]);
    expect(plan.detached.every((k) => plan.reference.includes(k.references))).toBe(true);
    // Must be able to fail: a parent listed after its child is caught.
    const reversed = [...plan.distributed].reverse();
    const atReversed = new Map(reversed.map((name, i) => [name, i]));
    expect(keys.some((k) => atReversed.has(k.table) && atReversed.has(k.references) && k.table !== k.references && atReversed.get(k.references)! > atReversed.get(k.table)!)).toBe(true);
  });
});
