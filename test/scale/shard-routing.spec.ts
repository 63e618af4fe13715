import { DataSource, type Logger } from 'typeorm';
import { TenantDb } from '../../libs/database/src/index.js';
import type { TenantRef } from '../../libs/context/src/index.js';
import { TestApp, type HttpMethod } from '../support/test-app.js';

/**
 * Citus routes a query to the one shard of its tenant only when every tenant-owned table in it,
 * subqueries included, is restricted by a plain `tenant_id = <parameter>`; `(tenant_id = $1) IS
 * TRUE` or a subquery correlated on the outer row's tenant_id sends it to every shard (see
 * docs/scaling.md). Citus is not installed here, so this test checks the same thing on plain
 * PostgreSQL: it records every statement a walk through common requests sends, plans each with
 * EXPLAIN (VERBOSE) and the request's own parameters, and requires every scan of a tenant-owned
 * table to carry `tenant_id = '<the tenant>'` as a plain condition. The word search builds its SQL
 * inside a PL/pgSQL function, out of EXPLAIN's sight: its `(tenant_id = $1) IS TRUE` is documented
 * in docs/scaling.md, not checked here.
 */

/**
 * Scans known to fan out, as `route: table [in a subquery]` (a subquery correlated on the outer
 * row's tenant_id where Citus needs `tenant_id = $1`). Empty: every one found has been fixed. An
 * entry may only be added with its reason and a plan to fix it.
 */
const KNOWN_FAN_OUT: readonly string[] = [];

/** The catalog: reference tables on Citus, read by host name before any tenant is known. */
const REFERENCE_TABLES = new Set(['tenants', 'tenant_domains']);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Alias?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  'Subplan Name'?: string;
  Plans?: PlanNode[];
}

interface Recorded {
  route: string;
  sql: string;
  params: unknown[];
}

describe('request queries keep the shape Citus routes to one shard', () => {
  let t: TestApp;
  let tenant: TenantRef;
  const recorded: Recorded[] = [];
  let current: string | null = null;

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('kandidatenbank');
    const logger = t.get(DataSource).logger as Logger;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (sql, params, runner) => {
      if (current) recorded.push({ route: current, sql, params: (params as unknown[] | undefined) ?? [] });
      return logQuery(sql, params, runner);
    };
  });
  afterAll(() => t?.close());

  it('every scan of a tenant-owned table in the statements of common requests is filtered by tenant_id = the tenant', async () => {
    const unit = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
    const employer = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
    const staff = await t.signedIn(tenant, ['staff']);
    const admin = await t.signedIn(tenant, ['tenant-admin']);
    const jobseeker = await t.signedIn(tenant, ['jobseeker']);
    const vacancyId = await t.get(TenantDb).forTenant(tenant, async (tx) => {
      const now = new Date();
      const [v] = await tx.query<{ id: string }>(
        `INSERT INTO vacancies (tenant_id, org_unit_id, title, description, city, hours_min, hours_max, contract_type,
                                education_level, status, publish_until, published_at, created_at, updated_at)
         VALUES ($1, $2, 'Monteur', 'Een vacature om de vorm van de queries te bekijken.', 'Utrecht', 32, 40, 'permanent',
                 'vocational', 'published', $3, $4, $4, $4) RETURNING id`,
        [tx.tenantId, unit.id, new Date(now.getTime() + 30 * 86_400_000), now],
      );
      await tx.query(`INSERT INTO vacancy_contacts (tenant_id, vacancy_id, account_id) VALUES ($1, $2, $3)`, [tx.tenantId, v.id, employer.id]);
      await tx.query(`INSERT INTO profiles (tenant_id, id, alias) VALUES ($1, $2, 'Vorm') ON CONFLICT DO NOTHING`, [tx.tenantId, jobseeker.id]);
      await tx.query(
        `INSERT INTO applications (tenant_id, vacancy_id, applicant_id, motivation, status, submitted_at, updated_at)
         VALUES ($1, $2, $3, 'Motivatie', 'submitted', $4, $4)`,
        [tx.tenantId, v.id, jobseeker.id, now],
      );
      return v.id;
    });

    type Step = [HttpMethod, string | (() => string), string | undefined, Record<string, unknown>?];
    let requestId = '';
    const walk: Step[] = [
      ['get', '/vacancies', undefined],
      ['get', `/vacancies/${vacancyId}`, undefined],
      ['get', '/me/applications', jobseeker.token],
      ['get', '/profiles/me', jobseeker.token],
      ['get', '/manage/vacancies', staff.token],
      ['get', `/vacancies/${vacancyId}/applications`, employer.token],
      ['get', `/profiles/${jobseeker.id}`, staff.token],
      ['get', '/org-units', admin.token],
      // The data-subject requests: the person's side, the staff queue and a status change.
      ['post', '/rights/requests/me', jobseeker.token, { kind: 'access' }],
      ['get', '/rights/requests/me', jobseeker.token],
      ['get', '/rights/overview/me', jobseeker.token],
      ['get', '/rights/dossier-openings/me', jobseeker.token],
      ['get', '/rights/requests', staff.token],
      ['get', () => `/rights/requests/${requestId}`, staff.token],
      ['post', () => `/rights/requests/${requestId}/status`, staff.token, { status: 'in-progress' }],
      ['get', `/rights/people/${jobseeker.id}/processing`, staff.token],
    ];
    for (const [method, to, token, body] of walk) {
      const path = typeof to === 'function' ? to() : to;
      current = `${method.toUpperCase()} ${path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')}`;
      const res = await t.http(method, path, { tenant: tenant.key, token, body });
      if (path === '/rights/requests/me' && method === 'post') requestId = res.body.id;
      expect([current, res.status < 400]).toEqual([current, true]);
      current = null;
    }

    const owned = new Set(
      (
        await t
          .get(DataSource)
          .query<{ table_name: string }[]>(
            `SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id'`,
          )
      )
        .map((r) => r.table_name)
        .filter((n) => !REFERENCE_TABLES.has(n)),
    );
    const plain = new RegExp(`(^|[\\s(])("\\w+"\\.|\\w+\\.)?tenant_id = '${tenant.id}'::uuid\\)(?! IS TRUE)`);
    /** Run-specific ids out of the findings, so the list of known ones is stable. */
    const stable = (text: string) =>
      text.replaceAll(tenant.id, '<tenant>').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>');
    const found = new Set<string>();
    const details: string[] = [];
    let statements = 0;
    let scans = 0;
    for (const r of recorded) {
      if (!/^\s*(SELECT|WITH|UPDATE|DELETE|INSERT)\b/i.test(r.sql) || /^\s*SELECT app\.set_tenant/.test(r.sql)) continue;
      statements++;
      const plan = await t.get(TenantDb).forTenant(tenant, async (tx) => {
        const [row] = (await tx.manager.query(`EXPLAIN (VERBOSE, FORMAT JSON) ${r.sql}`, r.params)) as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
        return row['QUERY PLAN'][0].Plan;
      });
      const visit = (node: PlanNode, subplan: string | undefined) => {
        const inside = node['Subplan Name'] ?? subplan;
        if (node['Relation Name'] && owned.has(node['Relation Name']) && node['Node Type'] !== 'ModifyTable') {
          scans++;
          const conds = [node['Index Cond'], node['Recheck Cond'], node.Filter, ...(node.Plans ?? []).map((c) => c['Index Cond'])];
          if (!conds.some((c) => c && plain.test(c))) {
            const key = `${r.route}: ${node['Relation Name']}${inside ? ' in a subquery' : ''}`;
            found.add(key);
            details.push(stable(`${key}: ${node['Node Type']} (${conds.filter(Boolean).join(' / ') || 'no condition'})`));
          }
        }
        for (const child of node.Plans ?? []) visit(child, inside);
      };
      visit(plan, undefined);
    }
    console.log(
      `shard routing: ${statements} statements of ${walk.length} requests, ${scans} scans of tenant tables checked, ` +
        `${found.size} fan out:\n${[...new Set(details)].sort().join('\n')}`,
    );
    expect([...found].sort()).toEqual([...KNOWN_FAN_OUT].sort());
    expect(statements).toBeGreaterThan(walk.length);
  });
});
