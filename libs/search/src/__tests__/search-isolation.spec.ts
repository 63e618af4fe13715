import pg from 'pg';
import { TestApp } from '../../../../test/support/test-app.js';
import type { TenantRef } from '../../../context/src/index.js';
import { searchParams, searchRules, SEARCH_SQL, type RawResult } from '../search-rules.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import { searchPath, seedProfile } from './search-fixtures.js';

/**
 * The search functions read the index with the rights of their owner, to escape the row-level
 * security index trap. These tests prove, as the app's own runtime role, that this opens no door
 * between tenants.
 */
describe('search isolation between tenants', () => {
  let t: TestApp;
  let a: TenantRef;
  let b: TenantRef;
  let adminA: string;
  let adminB: string;
  let runtime: pg.Client;
  let owner: pg.Client;
  const inA: string[] = [];
  const inB: string[] = [];
  const fields = {
    firstName: 'Noor',
    lastName: 'Visser',
    city: 'Delft',
    headline: 'Elektricien',
    educationLevel: 'mbo',
  };

  beforeAll(async () => {
    t = await TestApp.boot();
    a = await t.createTenant('kandidatenbank');
    b = await t.createTenant('kandidatenbank');
    adminA = (await t.createAccount(a, ['tenant-admin'])).id;
    adminB = (await t.createAccount(b, ['tenant-admin'])).id;
    for (let i = 0; i < 3; i++) inA.push(await seedProfile(t, a, { fields }));
    for (let i = 0; i < 4; i++) inB.push(await seedProfile(t, b, { fields }));
    runtime = new pg.Client({ connectionString: t.prepared.appUrl });
    owner = new pg.Client({ connectionString: t.prepared.ownerUrl });
    await Promise.all([runtime.connect(), owner.connect()]);
  });

  afterAll(async () => {
    await Promise.all([runtime.end(), owner.end()]);
    await t.close();
  });

  /** One transaction on a client, with or without a tenant set, always rolled back. */
  async function inTx<T>(
    client: pg.Client,
    tenantId: string | null,
    fn: () => Promise<T>,
  ): Promise<T> {
    await client.query('BEGIN');
    try {
      if (tenantId) await client.query('SELECT app.set_tenant($1)', [tenantId]);
      return await fn();
    } finally {
      await client.query('ROLLBACK');
    }
  }

  /** The endpoint's statement, as the runtime role; `result` is null when nothing may be returned. */
  const search = async (actor: string, q: string | null = 'elektricien') => {
    const rules = searchRules(kandidatenbank, 'tenant-admin', actor, new Date());
    const req = { q, filters: {}, sort: 'recent' as const, limit: 50, cursor: null };
    const res = await runtime.query(SEARCH_SQL, searchParams(rules, req, null, 50, ['city']));
    return res.rows[0].result as RawResult | null;
  };

  it('the search function returns only the rows of the tenant set in the transaction', async () => {
    const result = await inTx(runtime, a.id, () => search(adminA));
    expect(result!.hits.map((h) => h.profile_id).sort()).toEqual([...inA].sort());
    expect(result!.counts).toContainEqual([null, null, 3]);
  });

  it('naming an account of another tenant does not reach that tenant', async () => {
    await expect(inTx(runtime, a.id, () => search(adminB))).rejects.toMatchObject({
      code: 'RS403',
    });
  });

  it('returns nothing at all when no tenant is set (fail closed)', async () => {
    expect(await inTx(runtime, null, () => search(adminA))).toBeNull();
    expect(await inTx(runtime, null, () => search(adminA, null))).toBeNull();
  });

  it('the runtime role cannot read another tenant’s index rows directly', async () => {
    const own = await inTx(runtime, a.id, () =>
      runtime.query(`SELECT tenant_id FROM profile_search`),
    );
    expect(own.rows.length).toBe(3);
    expect(own.rows.every((r) => r.tenant_id === a.id)).toBe(true);
    const other = await inTx(runtime, a.id, () =>
      runtime.query(`SELECT 1 FROM profile_search WHERE tenant_id = $1`, [b.id]),
    );
    expect(other.rows).toEqual([]);
    const none = await inTx(runtime, null, () => runtime.query(`SELECT 1 FROM profile_search`));
    expect(none.rows).toEqual([]);
    await expect(
      inTx(runtime, a.id, () =>
        runtime.query(
          `INSERT INTO profile_search (tenant_id, profile_id, state, visible_to_employers, recency, document, filter_set, indexed_at)
                       VALUES ($1, $2, 'active', true, now(), ''::tsvector, 0, now())`,
          [b.id, inB[0]],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('over HTTP, a tenant admin of one tenant finds none of the other tenant’s profiles', async () => {
    const { token } = await t.signedIn(a, ['tenant-admin']);
    const res = await t.http('get', searchPath({ q: 'elektricien' }), { tenant: a.key, token });
    expect(res.body.items.map((i: { id: string }) => i.id).sort()).toEqual([...inA].sort());
    expect((await t.http('get', searchPath(), { tenant: b.key, token })).status).toBe(401);
  });

  it('the functions are reviewed definer functions with a fixed search path; the helpers are not callable', async () => {
    const { rows } = await owner.query(`
      SELECT p.proname, p.prosecdef, p.proconfig, pg_get_userbyid(p.proowner) AS owner,
             has_function_privilege('recruit_app', p.oid, 'EXECUTE') AS app_may_call
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'app' AND p.proname LIKE 'search%' ORDER BY p.proname`);
    const byName = Object.fromEntries(rows.map((r) => [r.proname, r]));
    for (const fn of ['search_profiles']) {
      expect(byName[fn]).toMatchObject({
        prosecdef: true,
        app_may_call: true,
        // The scan settings keep a bounded ranking's window the same rows on every page.
        proconfig: ['search_path=pg_catalog, public', 'max_parallel_workers_per_gather=0', 'synchronize_seqscans=off'],
      });
      expect(byName[fn].owner).not.toMatch(/recruit_app/);
    }
    for (const fn of ['search_reach', 'search_where', 'search_filter_conditions'])
      expect(byName[fn]).toMatchObject({ prosecdef: false, app_may_call: false });
    await expect(
      inTx(runtime, a.id, () =>
        runtime.query(`SELECT app.search_reach('staff', $1, 'all-employers', 'tenant')`, [adminA]),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('only the definer role (and the table owner) bypass the tenant policy on the index table, and only for reading', async () => {
    const { rows } = await owner.query(
      `SELECT policyname, roles::text[] AS roles, cmd FROM pg_policies WHERE tablename = 'profile_search' ORDER BY policyname`,
    );
    expect(rows).toEqual([
      { policyname: 'search_definer', roles: ['recruit_definer'], cmd: 'SELECT' },
      {
        policyname: 'search_functions_owner',
        roles: [expect.not.stringMatching(/recruit_app|public/)],
        cmd: 'SELECT',
      },
      { policyname: 'tenant_isolation', roles: ['public'], cmd: 'ALL' },
    ]);
    const { rows: grants } = await owner.query(
      `SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = 'recruit_definer' AND table_name = 'profile_search'`,
    );
    expect(grants.map((g) => g.privilege_type)).toEqual(['SELECT']);
  });

  describe('why the functions exist: the index under row-level security', () => {
    /**
     * The statement the function builds for an employer text search, explained once as the
     * definer role (as inside the function) and once as the runtime role. The other indexes of the table are
     * dropped inside the rolled-back transaction, so the test data's size cannot make another
     * plan cheaper: the only question left is whether the full-text index may be used at all.
     */
    async function plans(): Promise<{ owner: string; runtime: string }> {
      const runtimeRole = decodeURIComponent(new URL(t.prepared.appUrl).username);
      return inTx(owner, a.id, async () => {
        await owner.query('SET LOCAL lock_timeout = 5000');
        await owner.query('DROP INDEX profile_search_listing');
        await owner.query('ALTER TABLE profile_search DROP CONSTRAINT profile_search_pkey');
        await owner.query('SET LOCAL enable_seqscan = off');
        const [{ where }] = (
          await owner.query(`SELECT app.search_where('employer', NULL, true, false, true) AS where`)
        ).rows;
        // The parameters the function passes, written in: $1 tenant, $2 now, $5 the match query.
        const tenant = `${owner.escapeLiteral(a.id)}::uuid`;
        const sql = (where as string)
          .replaceAll('$1', tenant)
          .replaceAll('$2', 'now()')
          .replaceAll(
            '$5',
            `(app.search_text_query('elektricien') && app.search_tenant_lexeme(${tenant})::tsquery)`,
          );
        const explain = async () =>
          (await owner.query(`EXPLAIN SELECT s.profile_id FROM profile_search s WHERE ${sql}`)).rows
            .map((r) => r['QUERY PLAN'])
            .join('\n');
        await owner.query('SET LOCAL ROLE recruit_definer');
        const asDefiner = await explain();
        await owner.query('RESET ROLE');
        await owner.query(`SET LOCAL ROLE ${owner.escapeIdentifier(runtimeRole)}`);
        return { owner: asDefiner, runtime: await explain() };
      });
    }

    it('inside the search function the full-text index is used; the runtime role could not use it', async () => {
      const { owner: inside, runtime: outside } = await plans();
      expect(inside).toMatch(/Bitmap Index Scan on profile_search_document/);
      expect(outside).not.toMatch(/profile_search_document/);
      expect(outside).toMatch(/Seq Scan on profile_search/);
    });
  });
});
