import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { hallowerkWorld } from './hallowerk.fixture.js';

const HEADER = 'email;clientNumber;firstName;lastName;phone;postcode;gender;birthDate;supportLevel;clientManagerName;tozoGroup;targetGroups;uwvTargetGroupRegister';
const good = (n: number, tag: string) =>
  `p${n}-${tag}@mail.example;KL-${tag}-${n};Naam${n};Achternaam;+31 10 123 45${String(n).padStart(2, '0')};3011 AB;vrouw;1990-01-0${(n % 9) + 1};samen;Karin;nee;baanafspraak|bbl;ja`;

/**
 * Statement 004: the municipality creates and pre-fills every account. The import reports every
 * row's problems in a dry run, creates the good rows whatever the bad ones hold, never half a
 * person, creates nothing twice for a client number, and invites each new person to choose a
 * password with a link that works once and expires.
 */
describe('statement 004: a municipality imports its residents', () => {
  const clock = new FixedClock('2026-04-01T08:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof hallowerkWorld>>;
  const tag = Math.random().toString(36).slice(2, 8);
  const importCsv = (csv: string, dryRun: boolean, token = world.ownCoach.token) =>
    t.http('post', '/hallowerk/imports', { tenant: tenant.key, token, body: { csv, dryRun } });
  const count = async (sql: string) =>
    Number((await t.get(TenantDb).forTenant(tenant, (tx) => tx.query<{ n: string }>(sql, [tx.tenantId])))[0].n);
  const people = () => count(`SELECT count(*) AS n FROM accounts WHERE tenant_id = $1 AND 'jobseeker' = ANY(roles)`);
  const profiles = () => count(`SELECT count(*) AS n FROM profiles WHERE tenant_id = $1`);
  const invitations = () => count(`SELECT count(*) AS n FROM mail_messages WHERE tenant_id = $1 AND template = 'account-invitation'`);

  const csv = [
    HEADER,
    good(1, tag),
    // Line 3: no first name, an unknown gender and a birth date that is no date: every problem, at once.
    `bad-${tag}@mail.example;KL-${tag}-bad;;Achternaam;;;robot;1990-13-45;samen;;nee;;`,
    good(2, tag),
    // Line 5: the address of line 2 again under another client number.
    `p1-${tag}@mail.example;KL-${tag}-dup;Ander;Mens;;;;;;;;;`,
    // Line 6: a UWV register cell that tries to hold a reason.
    `p6-${tag}@mail.example;KL-${tag}-6;Zes;Mens;;;;;;;;;ja, wegens ziekte`,
    good(3, tag),
  ].join('\n');

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('hallowerk');
    world = await hallowerkWorld(t, tenant);
  });
  afterAll(() => t?.close());

  it('a dry run reports every problem of every row and writes nothing', async () => {
    const res = await importCsv(csv, true);
    expect(res.status).toBe(200);
    expect({ created: res.body.created, existing: res.body.existing, refused: res.body.refused }).toEqual({ created: 3, existing: 0, refused: 3 });
    const byLine = Object.fromEntries(res.body.problems.map((p: { line: number; errors: { field: string }[] }) => [p.line, p.errors.map((e) => e.field).sort()]));
    expect(byLine).toEqual({
      3: ['fields.birthDate', 'fields.firstName', 'fields.gender'],
      5: ['email'],
      6: ['fields.uwvTargetGroupRegister'],
    });
    expect([await people(), await profiles(), await invitations()]).toEqual([0, 0, 0]);
  });

  it('counts the rows of every import by outcome, and its duration, in the metrics', async () => {
    const token = t.metricsToken();
    const scrape = async () => {
      const res = await t.http('get', '/metrics', { token });
      expect(res.status).toBe(200);
      const value = (series: string) => Number(res.text.split('\n').find((l) => l.startsWith(`${series} `))?.split(' ')[1] ?? 0);
      return {
        created: value('recruit_import_rows_total{importer="hallowerk",outcome="created",dry_run="true"}'),
        refused: value('recruit_import_rows_total{importer="hallowerk",outcome="refused",dry_run="true"}'),
        imports: value('recruit_import_duration_seconds_count{importer="hallowerk",dry_run="true"}'),
      };
    };
    const before = await scrape();
    expect((await importCsv(csv.replaceAll(tag, `${tag}m`), true)).status).toBe(200);
    const after = await scrape();
    expect({ created: after.created - before.created, refused: after.refused - before.refused, imports: after.imports - before.imports }).toEqual({
      created: 3,
      refused: 3,
      imports: 1,
    });
  });

  it('the import creates the good rows, refuses the bad ones whole, and invites each new person once', async () => {
    const res = await importCsv(csv, false);
    expect(res.status).toBe(200);
    expect({ created: res.body.created, refused: res.body.refused }).toEqual({ created: 3, refused: 3 });
    expect([await people(), await profiles(), await invitations()]).toEqual([3, 3, 3]);
    const [row] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ fields: Record<string, unknown>; state: string; org_unit_id: string; verified: boolean; has_password: boolean }>(
        `SELECT p.fields, p.state, p.org_unit_id, a.email_verified_at IS NOT NULL AS verified, a.password_hash IS NOT NULL AS has_password
           FROM profiles p JOIN accounts a ON a.tenant_id = p.tenant_id AND a.id = p.id
          WHERE p.tenant_id = $1 AND a.email = $2`,
        [tx.tenantId, `p1-${tag}@mail.example`],
      ),
    );
    expect(row).toMatchObject({ state: 'draft', org_unit_id: world.units.rotterdam.id, verified: false, has_password: false });
    expect(row.fields).toMatchObject({ clientNumber: `KL-${tag}-1`, tozoGroup: false, targetGroups: ['baanafspraak', 'bbl'], uwvTargetGroupRegister: true, supportLevel: 'samen' });
  });

  it('running the same file again creates nothing and mails no one: the client number is known', async () => {
    const res = await importCsv(csv, false);
    expect({ created: res.body.created, existing: res.body.existing, refused: res.body.refused }).toEqual({ created: 0, existing: 3, refused: 3 });
    expect([await people(), await invitations()]).toEqual([3, 3]);
  });

  it('the invitation sets the password once; the person then reads, but cannot change, the internal fields', async () => {
    const [mail] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ variables: { inviteUrl: string; validDays: string } }>(
        `SELECT variables FROM mail_messages WHERE tenant_id = $1 AND template = 'account-invitation' AND recipient_address = $2`,
        [tx.tenantId, `p2-${tag}@mail.example`],
      ),
    );
    expect(mail.variables.validDays).toBe('14');
    const token = new URL(mail.variables.inviteUrl).searchParams.get('token');
    const password = 'een lange zin die ik onthoud';
    const first = await t.http('post', '/auth/password-reset/confirm', { tenant: tenant.key, body: { token, password } });
    expect(first.status).toBe(200);
    const again = await t.http('post', '/auth/password-reset/confirm', { tenant: tenant.key, body: { token, password: 'nog een andere lange zin' } });
    expect(again.status).toBe(400);
    const session = await t.login({ email: `p2-${tag}@mail.example`, password, tenant });
    const me = await t.http('get', '/profiles/me', { tenant: tenant.key, token: session });
    expect(me.body.fields).toMatchObject({ clientNumber: `KL-${tag}-2`, clientManagerName: 'Karin' });
    const change = await t.http('patch', '/profiles/me', { tenant: tenant.key, token: session, body: { fields: { clientManagerName: 'Iemand anders' } } });
    expect(change.status).toBe(422);
  });

  it("only a municipality's own staff import: an account manager of a region and an employer are refused", async () => {
    expect((await importCsv(csv, true, world.ownAccountManager.token)).status).toBe(403);
    expect((await importCsv(csv, true, world.employer.token)).status).toBe(403);
  });

  it('a file with an unknown column is refused naming it, before any row', async () => {
    const res = await importCsv(`email;clientNumber;firstName;lastName;bsn\nx@mail.example;1;A;B;111222333`, true);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['csv.header[4]']);
  });
  // Last: moving the clock 14 days on also ends every session of the file.
  it('an invitation expires after 14 days', async () => {
    const [mail] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ variables: { inviteUrl: string } }>(
        `SELECT variables FROM mail_messages WHERE tenant_id = $1 AND template = 'account-invitation' AND recipient_address = $2`,
        [tx.tenantId, `p3-${tag}@mail.example`],
      ),
    );
    clock.advanceDays(14);
    clock.advance(1000);
    const token = new URL(mail.variables.inviteUrl).searchParams.get('token');
    const late = await t.http('post', '/auth/password-reset/confirm', { tenant: tenant.key, body: { token, password: 'een lange zin die ik onthoud' } });
    expect(late.status).toBe(400);
  });
});
