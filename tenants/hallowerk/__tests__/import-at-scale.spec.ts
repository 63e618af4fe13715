import { performance } from 'node:perf_hooks';
import { FixedClock, MailService, RequestContext, TenantDb, type Actor, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { BulkImportService, type ImportReport } from '../hallowerk.import.service.js';
import { hallowerkWorld } from './hallowerk.fixture.js';

const HEADER = 'email;clientNumber;firstName;lastName;phone;postcode;gender;birthDate;supportLevel;clientManagerName;tozoGroup;targetGroups;uwvTargetGroupRegister';
const file = (tag: string, rows: number) =>
  [
    HEADER,
    ...Array.from(
      { length: rows },
      (_, i) => `r${i}-${tag}@mail.example;${tag}-${i};Voornaam${i};Achternaam;+31 10 123 4567;3011 AB;${i % 2 ? 'vrouw' : 'man'};1980-01-1${i % 9};samen;Karin;nee;bbl;ja`,
    ),
  ].join('\n');

/**
 * Statement 004: "10,000 rows import in under a minute". The import validates every row before
 * writing and writes a chunk of rows in a few multi-row statements; a chunk that fails leaves
 * nobody of it behind, running the file again finishes the rest, and two imports of the same file
 * at once enrol each client number once.
 */
describe('statement 004: the import at the size of a municipality', () => {
  const clock = new FixedClock('2026-04-01T08:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let coach: Actor;
  let coachToken: string;
  const tag = () => Math.random().toString(36).slice(2, 8);
  const run = (csv: string): Promise<ImportReport> =>
    RequestContext.run({ tenant, actor: coach }, () => t.get(BulkImportService).run({ actor: coach, csv, dryRun: false }));
  const count = async (sql: string, pattern: string) =>
    Number((await t.get(TenantDb).forTenant(tenant, (tx) => tx.query<{ n: string }>(sql, [tx.tenantId, pattern])))[0].n);
  /** Accounts, profiles, client numbers and invitations of the file with this tag: a whole person has all four. */
  const stored = async (fileTag: string) => ({
    accounts: await count(`SELECT count(*) AS n FROM accounts WHERE tenant_id = $1 AND email LIKE $2`, `%-${fileTag}@mail.example`),
    profiles: await count(`SELECT count(*) AS n FROM profiles WHERE tenant_id = $1 AND fields->>'clientNumber' LIKE $2`, `${fileTag}-%`),
    clientNumbers: await count(`SELECT count(*) AS n FROM hallowerk_client_numbers WHERE tenant_id = $1 AND client_number LIKE $2`, `${fileTag}-%`),
    invitations: await count(
      `SELECT count(*) AS n FROM mail_messages WHERE tenant_id = $1 AND template = 'account-invitation' AND recipient_address LIKE $2`,
      `%-${fileTag}@mail.example`,
    ),
  });

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('hallowerk');
    const world = await hallowerkWorld(t, tenant);
    coachToken = world.ownCoach.token;
    coach = { kind: 'account', accountId: world.ownCoach.id, roles: ['staff'], orgUnitIds: [world.units.rotterdam.id] } as Actor;
  });
  afterAll(() => t?.close());

  it('imports 10,000 rows in under a minute, every one a whole person with an invitation', async () => {
    const prefix = tag();
    const started = performance.now();
    const report = await run(file(prefix, 10_000));
    const seconds = (performance.now() - started) / 1000;
    expect({ created: report.created, refused: report.refused }).toEqual({ created: 10_000, refused: 0 });
    expect(seconds).toBeLessThan(60);
    const people = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ accounts: string; profiles: string; invitations: string }>(
        `SELECT count(*) AS accounts, count(p.id) AS profiles, count(m.id) AS invitations
           FROM hallowerk_client_numbers c
           JOIN accounts a ON a.tenant_id = c.tenant_id AND a.id = c.person_id
           LEFT JOIN profiles p ON p.tenant_id = c.tenant_id AND p.id = c.person_id
           LEFT JOIN mail_messages m ON m.tenant_id = c.tenant_id AND m.person_id = c.person_id AND m.template = 'account-invitation'
          WHERE c.tenant_id = $1 AND c.client_number LIKE $2`,
        [tx.tenantId, `${prefix}-%`],
      ),
    );
    expect(people[0]).toEqual({ accounts: '10000', profiles: '10000', invitations: '10000' });
  }, 180_000);

  it('reports its progress as it goes: one line per chunk committed, then the report; a file it cannot read is a plain 4xx', async () => {
    const prefix = tag();
    const post = (csv: string) =>
      t.http('post', '/hallowerk/imports', { tenant: tenant.key, token: coachToken, body: { csv } }).set('accept', 'application/x-ndjson').buffer(true);
    const res = await post(file(prefix, 1_200));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const lines = res.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.slice(0, -1)).toEqual([0, 500, 1_000, 1_200].map((done) => ({ progress: { done, total: 1_200 } })));
    expect(lines.at(-1).report).toMatchObject({ created: 1_200, existing: 0, refused: 0 });
    expect(await stored(prefix)).toEqual({ accounts: 1_200, profiles: 1_200, clientNumbers: 1_200, invitations: 1_200 });

    const unreadable = await post('just;some;columns\n1;2;3');
    expect(unreadable.status).toBe(422);
    expect(unreadable.headers['content-type']).toContain('json');
    expect(JSON.stringify(unreadable.body)).toContain('csv');
  }, 120_000);

  it('a chunk that fails in the database leaves nobody of it behind, and running the file again finishes the rest', async () => {
    const prefix = tag();
    const csv = file(prefix, 1_200);
    const mail = t.get(MailService);
    const real = mail.enqueueMany.bind(mail);
    let calls = 0;
    // The second chunk's invitations fail after its accounts and profiles were written.
    mail.enqueueMany = (tx, msgs) => (++calls === 2 ? Promise.reject(new Error('connection lost')) : real(tx, msgs));
    let first: ImportReport;
    try {
      first = await run(csv);
    } finally {
      mail.enqueueMany = real;
    }
    expect({ created: first.created, refused: first.refused }).toEqual({ created: 700, refused: 500 });
    expect(await stored(prefix)).toEqual({ accounts: 700, profiles: 700, clientNumbers: 700, invitations: 700 });

    const again = await run(csv);
    expect({ created: again.created, existing: again.existing, refused: again.refused }).toEqual({ created: 500, existing: 700, refused: 0 });
    expect(await stored(prefix)).toEqual({ accounts: 1_200, profiles: 1_200, clientNumbers: 1_200, invitations: 1_200 });
  }, 120_000);

  it('two imports of the same file at once enrol each client number once and invite each person once', async () => {
    const prefix = tag();
    const csv = file(prefix, 1_000);
    const [a, b] = await Promise.all([run(csv), run(csv)]);
    expect(a.created + b.created).toBe(1_000);
    expect(a.existing + b.existing).toBe(1_000);
    expect(a.refused + b.refused).toBe(0);
    expect(await stored(prefix)).toEqual({ accounts: 1_000, profiles: 1_000, clientNumbers: 1_000, invitations: 1_000 });
  }, 120_000);
});
