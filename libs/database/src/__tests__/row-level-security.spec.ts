import pg from 'pg';
import { DataSource } from 'typeorm';
import { TestApp } from '../../../../test/support/test-app.js';
import { TenantDb } from '../tenant-db.service.js';
import { assertRuntimeRoleIsConfined } from '../database-bootstrap.js';
import { TenantFilterMissingError } from '../tenant-tx.js';
import { MissingTenantContextError, RequestContext, SYSTEM } from '../../../context/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';

/**
 * Isolation is proven as the app's own runtime role: a superuser or table owner would silently
 * bypass row-level security and make every one of these tests pass for the wrong reason.
 */
describe('tenant isolation in PostgreSQL', () => {
  let t: TestApp;
  let a: TenantRef;
  let b: TenantRef;
  let runtime: pg.Client;

  beforeAll(async () => {
    t = await TestApp.boot();
    a = await t.createTenant('kandidatenbank');
    b = await t.createTenant('kandidatenbank');
    await t.createAccount(a, ['staff'], { email: 'same@example.test' });
    await t.createAccount(b, ['staff'], { email: 'same@example.test' });
    runtime = new pg.Client({ connectionString: t.prepared.appUrl });
    await runtime.connect();
  });

  afterAll(async () => {
    await runtime.end();
    await t.close();
  });

  const inTx = async <T>(tenantId: string | null, fn: () => Promise<T>): Promise<T> => {
    await runtime.query('BEGIN');
    try {
      if (tenantId) await runtime.query('SELECT app.set_tenant($1)', [tenantId]);
      return await fn();
    } finally {
      await runtime.query('ROLLBACK');
    }
  };

  it('connects as a role that is neither superuser, nor BYPASSRLS, nor owner of any table', async () => {
    const { rows } = await runtime.query(`
      SELECT r.rolsuper, r.rolbypassrls,
        (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND pg_has_role(current_user, tableowner, 'USAGE')) AS owned
      FROM pg_roles r WHERE r.rolname = current_user`);
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
  });

  it('the same e-mail address exists in two tenants independently', async () => {
    const inA = await inTx(a.id, () =>
      runtime.query(`SELECT id FROM accounts WHERE email = 'same@example.test'`),
    );
    const inB = await inTx(b.id, () =>
      runtime.query(`SELECT id FROM accounts WHERE email = 'same@example.test'`),
    );
    expect(inA.rows).toHaveLength(1);
    expect(inB.rows).toHaveLength(1);
    expect(inA.rows[0].id).not.toEqual(inB.rows[0].id);
  });

  it('blocks a cross-tenant read even from a query that forgets the tenant filter', async () => {
    const rows = await inTx(a.id, () => runtime.query(`SELECT tenant_id FROM accounts`));
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(rows.rows.every((r) => r.tenant_id === a.id)).toBe(true);
    const explicit = await inTx(a.id, () =>
      runtime.query(`SELECT id FROM accounts WHERE tenant_id = $1`, [b.id]),
    );
    expect(explicit.rows).toHaveLength(0);
  });

  it('sees no tenant rows at all without a tenant (fail closed)', async () => {
    const rows = await inTx(null, () => runtime.query(`SELECT count(*)::int AS n FROM accounts`));
    expect(rows.rows[0].n).toBe(0);
  });

  it('refuses to write a row into another tenant', async () => {
    await expect(
      inTx(a.id, () =>
        runtime.query(
          `INSERT INTO accounts (tenant_id, email, display_name, roles) VALUES ($1, 'x@example.test', 'x', '{staff}')`,
          [b.id],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('cannot move a row to another tenant by update', async () => {
    await expect(
      inTx(a.id, () => runtime.query(`UPDATE accounts SET tenant_id = $1`, [b.id])),
    ).rejects.toThrow(/row-level security|violates foreign key/);
  });

  it('the app role cannot disable row-level security', async () => {
    await expect(
      inTx(a.id, () => runtime.query(`ALTER TABLE accounts DISABLE ROW LEVEL SECURITY`)),
    ).rejects.toThrow(/must be owner/);
    await expect(
      inTx(a.id, () => runtime.query(`ALTER TABLE accounts NO FORCE ROW LEVEL SECURITY`)),
    ).rejects.toThrow(/must be owner/);
    await expect(
      inTx(a.id, () => runtime.query(`DROP POLICY tenant_isolation ON accounts`)),
    ).rejects.toThrow(/must be owner/);
    await expect(
      inTx(a.id, async () => {
        await runtime.query(`SET LOCAL row_security = off`);
        return runtime.query(`SELECT * FROM accounts`);
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it('the app role cannot become another role, grant itself BYPASSRLS, or create objects to hide behind', async () => {
    await expect(inTx(a.id, () => runtime.query(`SET ROLE postgres`))).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      inTx(a.id, () => runtime.query(`ALTER ROLE CURRENT_USER BYPASSRLS`)),
    ).rejects.toThrow(/permission denied|must be superuser/);
    await expect(
      inTx(a.id, () => runtime.query(`CREATE TABLE public.escape (id int)`)),
    ).rejects.toThrow(/permission denied/);
    await expect(
      inTx(a.id, () =>
        runtime.query(
          `CREATE FUNCTION app.peek() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'`,
        ),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      inTx(a.id, () => runtime.query(`CREATE POLICY open_door ON accounts USING (true)`)),
    ).rejects.toThrow(/must be owner/);
  });

  it('setting a null tenant is refused, and an empty tenant setting sees nothing', async () => {
    await expect(inTx(null, () => runtime.query(`SELECT app.set_tenant(NULL)`))).rejects.toThrow(
      /must not be null/,
    );
    const rows = await inTx(null, async () => {
      await runtime.query(`SELECT set_config('app.tenant_id', '', true)`);
      return runtime.query(`SELECT count(*)::int AS n FROM accounts`);
    });
    expect(rows.rows[0].n).toBe(0);
  });

  it('every SECURITY DEFINER function pins its search_path and is owned by the definer role: no superuser, no login, no members', async () => {
    const { rows } = await runtime.query(`
      SELECT p.oid::regprocedure::text AS fn, r.rolname AS owner, r.rolsuper AS owner_is_superuser,
             r.rolcanlogin AS owner_can_login, r.rolbypassrls AS owner_bypasses_rls,
             coalesce(array_to_string(p.proconfig, ','), '') AS config
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_roles r ON r.oid = p.proowner
       WHERE p.prosecdef AND n.nspname IN ('public', 'app')`);
    expect(rows.map((r) => r.fn)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^app\.search_profiles\(/), expect.stringMatching(/^app\.create_tenant\(/)]),
    );
    const unsafe = rows.filter((r) => !/search_path=/.test(r.config)).map((r) => r.fn);
    expect(unsafe).toEqual([]);
    for (const r of rows)
      expect({ fn: r.fn, owner: r.owner, superuser: r.owner_is_superuser, login: r.owner_can_login, bypassrls: r.owner_bypasses_rls }).toEqual({
        fn: r.fn,
        owner: 'recruit_definer',
        superuser: false,
        login: false,
        bypassrls: false,
      });
    // No role that can log in may act as the definer role: only the migration role, to hand it functions.
    const members = await runtime.query(`
      SELECT m.rolname, m.rolcanlogin, m.rolsuper FROM pg_auth_members am
        JOIN pg_roles d ON d.oid = am.roleid JOIN pg_roles m ON m.oid = am.member
       WHERE d.rolname = 'recruit_definer'`);
    expect(members.rows.filter((m) => m.rolname.startsWith('recruit_app'))).toEqual([]);
    const runtimeIsDefiner = await runtime.query(`SELECT pg_has_role(current_user, 'recruit_definer', 'USAGE') AS yes`);
    expect(runtimeIsDefiner.rows[0].yes).toBe(false);
  });

  it('the runtime role only reads the tenant catalog: it cannot add, change, repoint or remove a tenant or a host name', async () => {
    // It reads the catalog (tenant resolution needs it) ...
    expect((await runtime.query(`SELECT count(*)::int AS n FROM tenants WHERE id = $1`, [a.id])).rows[0].n).toBe(1);
    // ... and writes none of it.
    const refused = [
      [`INSERT INTO tenants (key, plugin, name) VALUES ('sneaky-tenant', 'kandidatenbank', 'x')`, []],
      [`UPDATE tenants SET plugin = 'refugee-talent-pool' WHERE id = $1`, [a.id]],
      [`UPDATE tenants SET status = 'suspended' WHERE id = $1`, [b.id]],
      [`DELETE FROM tenants WHERE id = $1`, [b.id]],
      [`INSERT INTO tenant_domains (host, tenant_id) VALUES ('sneaky.example', $1)`, [a.id]],
      [`UPDATE tenant_domains SET tenant_id = $1`, [a.id]],
      [`DELETE FROM tenant_domains`, []],
      [`TRUNCATE tenant_domains`, []],
    ] as const;
    for (const [sql, params] of refused)
      await expect(inTx(a.id, () => runtime.query(sql, [...params]))).rejects.toThrow(/permission denied/);
  });

  it('the boot refuses a runtime role that may write the catalog or act as the definer role', async () => {
    const owner = new pg.Client({ connectionString: t.prepared.ownerUrl });
    await owner.connect();
    const name = `recruit_probe_${Date.now().toString(36)}`;
    const url = new URL(t.prepared.appUrl);
    url.username = name;
    url.password = 'probe-password-not-used-elsewhere';
    try {
      await owner.query(`CREATE ROLE ${name} LOGIN PASSWORD 'probe-password-not-used-elsewhere' IN ROLE recruit_app`);
      await owner.query(`GRANT CONNECT ON DATABASE ${owner.escapeIdentifier(new URL(t.prepared.ownerUrl).pathname.slice(1))} TO ${name}`);
      await expect(assertRuntimeRoleIsConfined(url.toString())).resolves.toBeUndefined();
      await owner.query(`GRANT UPDATE ON tenant_domains TO ${name}`);
      await expect(assertRuntimeRoleIsConfined(url.toString())).rejects.toThrow(/may write the tenant catalog/);
      await owner.query(`REVOKE UPDATE ON tenant_domains FROM ${name}`);
      await owner.query(`GRANT recruit_definer TO ${name}`);
      await expect(assertRuntimeRoleIsConfined(url.toString())).rejects.toThrow(/member of recruit_definer/);
    } finally {
      await owner.query(`REVOKE ALL ON tenant_domains FROM ${name}`).catch(() => undefined);
      await owner.query(`REVOKE ALL ON DATABASE ${owner.escapeIdentifier(new URL(t.prepared.ownerUrl).pathname.slice(1))} FROM ${name}`).catch(() => undefined);
      await owner.query(`DROP ROLE IF EXISTS ${name}`);
      await owner.end();
    }
  });

  it('app.create_tenant only adds: an existing key is answered unchanged, a host name in use fails the whole call', async () => {
    const key = `definer-${Date.now().toString(36)}`;
    const host = `${key}.recruit.example`;
    const first = await runtime.query(`SELECT * FROM app.create_tenant($1, 'kandidatenbank', 'First', ARRAY[$2])`, [key, host]);
    expect(first.rows[0]).toMatchObject({ key, plugin: 'kandidatenbank', created: true });
    const again = await runtime.query(`SELECT * FROM app.create_tenant($1, 'refugee-talent-pool', 'Second', ARRAY['other-${key}.example'])`, [key]);
    expect(again.rows[0]).toMatchObject({ id: first.rows[0].id, plugin: 'kandidatenbank', created: false });
    const taken = `taken-${key}`;
    await expect(
      runtime.query(`SELECT * FROM app.create_tenant($1, 'kandidatenbank', 'Thief', ARRAY['fresh-${key}.example', $2])`, [taken, host]),
    ).rejects.toMatchObject({ code: 'RC409' });
    const left = await runtime.query(
      `SELECT (SELECT count(*)::int FROM tenants WHERE key = $1) AS tenants,
              (SELECT count(*)::int FROM tenant_domains WHERE host IN ($2, $3)) AS hosts,
              (SELECT tenant_id FROM tenant_domains WHERE host = $4) AS owner`,
      [taken, `fresh-${key}.example`, `other-${key}.example`, host],
    );
    expect(left.rows[0]).toEqual({ tenants: 0, hosts: 0, owner: first.rows[0].id });
    await expect(
      runtime.query(`SELECT * FROM app.create_tenant($1, 'kandidatenbank', 'Bad', ARRAY['UPPER.example'])`, [`bad-${key}`]),
    ).rejects.toMatchObject({ code: '22023' });
  });

  it('every foreign key between tenant tables pairs tenant_id with tenant_id, first on both sides', async () => {
    const { rows } = await runtime.query(`
      SELECT con.conname, cl.relname,
             (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = con.conrelid AND a.attnum = con.conkey[1]) AS local_first,
             (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = con.confrelid AND a.attnum = con.confkey[1]) AS remote_first,
             con.confrelid::regclass::text AS remote
        FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
       WHERE n.nspname = 'public' AND con.contype = 'f' AND con.confrelid::regclass::text <> 'tenants'
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = cl.oid AND a.attname = 'tenant_id')`);
    const offenders = rows
      .filter((r) => r.local_first !== 'tenant_id' || r.remote_first !== 'tenant_id')
      .map((r) => `${r.relname}.${r.conname} -> ${r.remote}`);
    expect(offenders).toEqual([]);
  });

  it('no tenant-owned table grants anything to PUBLIC', async () => {
    const { rows } = await runtime.query(`
      SELECT DISTINCT table_name FROM information_schema.role_table_grants
       WHERE table_schema = 'public' AND grantee = 'PUBLIC'`);
    expect(rows).toEqual([]);
  });

  it('SET LOCAL ends with the transaction: a pooled connection carries no tenant into the next', async () => {
    await runtime.query('BEGIN');
    await runtime.query('SELECT app.set_tenant($1)', [a.id]);
    await runtime.query('COMMIT');
    const after = await runtime.query(`SELECT count(*)::int AS n FROM accounts`);
    expect(after.rows[0].n).toBe(0);
    const setting = await runtime.query(`SELECT app.current_tenant_id() AS t`);
    expect(setting.rows[0].t).toBeNull();
  });

  it('every tenant-owned table has row-level security enabled and forced, and tenant_id leads its primary key', async () => {
    const { rows } = await runtime.query(`
      SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
             (SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
               WHERE i.indrelid = c.oid AND i.indisprimary) AS first_key_column
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r'
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id')
         AND c.relname <> 'tenant_domains'`);
    expect(rows.length).toBeGreaterThan(4);
    for (const r of rows)
      expect({
        table: r.relname,
        rls: r.relrowsecurity,
        forced: r.relforcerowsecurity,
        key: r.first_key_column,
      }).toEqual({ table: r.relname, rls: true, forced: true, key: 'tenant_id' });
  });

  it('every unique constraint and foreign key between tenant tables includes tenant_id', async () => {
    const { rows } = await runtime.query(`
      SELECT con.conname, cl.relname, con.contype,
             (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS cols
        FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
       WHERE n.nspname = 'public' AND con.contype IN ('u', 'f', 'p')
         AND cl.relname NOT IN ('tenants', 'tenant_domains', 'schema_migrations')
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = cl.oid AND a.attname = 'tenant_id')`);
    const offenders = rows
      .filter((r) => r.cols[0] !== 'tenant_id')
      .map((r) => `${r.relname}.${r.conname}`);
    expect(offenders).toEqual([]);
  });

  describe('the data layer', () => {
    it('refuses raw SQL that does not filter by tenant_id', async () => {
      const db = t.get(TenantDb);
      await expect(
        RequestContext.run({ tenant: a, actor: SYSTEM }, () =>
          db.transaction((tx) => tx.query('SELECT id FROM accounts')),
        ),
      ).rejects.toBeInstanceOf(TenantFilterMissingError);
    });

    it('refuses a unit of work outside any tenant context', async () => {
      const db = t.get(TenantDb);
      await expect(db.transaction(async () => 1)).rejects.toBeInstanceOf(MissingTenantContextError);
    });

    it('the app pool outside a tenant unit of work sees no tenant rows', async () => {
      const ds = t.get(DataSource);
      const rows = await ds.query(`SELECT count(*)::int AS n FROM accounts`);
      expect(rows[0].n).toBe(0);
    });

    it('the repository adds the tenant filter itself', async () => {
      const db = t.get(TenantDb);
      const emails = await db.forTenant(a, (tx) =>
        tx.query<{ tenant_id: string }>('SELECT tenant_id FROM accounts WHERE tenant_id = $1', [
          tx.tenantId,
        ]),
      );
      expect(new Set(emails.map((e) => e.tenant_id))).toEqual(new Set([a.id]));
    });
  });
});
