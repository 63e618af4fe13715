import pg from 'pg';
import { type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { HOSTS, on, registeredCandidate } from './winwinwerkt.fixture.js';

/** Rows per tenant-owned table for one tenant, read as the owner (row security does not hide any). */
async function rowCounts(ownerUrl: string, tenantId: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const tables = await client.query<{ table_schema: string; table_name: string }>(
      `SELECT c.table_schema, c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
        WHERE c.column_name = 'tenant_id' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    const out: Record<string, number> = {};
    for (const { table_schema, table_name } of tables.rows) {
      const res = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table_schema}"."${table_name}" WHERE tenant_id = $1`, [tenantId]);
      out[`${table_schema}.${table_name}`] = Number(res.rows[0].n);
    }
    return out;
  } finally {
    await client.end();
  }
}

const advertisement = {
  title: 'Monteur installatietechniek',
  employerName: 'Installatiebedrijf Noord BV',
  description: 'Installatiebedrijf Noord zoekt een monteur voor onderhoud aan cv-ketels en warmtepompen in de regio Groningen.',
  city: 'Groningen',
  applyUrl: 'https://werkenbij.installatie-noord.example/monteur',
  label: 'vacatureservicemkb',
  publishUntil: '2099-12-31T00:00:00.000Z',
};

/**
 * Statement 003, 2.6: "Je solliciteert dan rechtstreeks bij de werkgever of bij de intermediair. De
 * 'solliciteren details' staan dan in de vacature. ... Je komt niet in de database van WinWinWerkt."
 */
describe("statement 003: advertisers' vacancies", () => {
  let t: TestApp;
  let tenant: TenantRef;
  let staffToken: string;

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('winwinwerkt');
    staffToken = (await t.signedIn(tenant, ['staff'])).token;
  });
  afterAll(() => t?.close());

  it('shows where to apply at the employer, on the label site it belongs to only', async () => {
    const created = await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/advertisements', advertisement, staffToken);
    expect(created.status).toBe(201);
    const onMkb = await on(t, tenant, HOSTS.mkb).get('/winwinwerkt/advertisements');
    expect(onMkb.body.items.map((a: { id: string }) => a.id)).toContain(created.body.id);
    expect(onMkb.body.items[0].howToApply).toEqual({ directlyAtEmployer: true, url: advertisement.applyUrl, email: null });
    const onOther = await on(t, tenant, HOSTS.onbekendTalent).get('/winwinwerkt/advertisements');
    expect(onOther.body.items).toEqual([]);
  });

  it('needs an address or link to apply at, and refuses payroll data in its text', async () => {
    const { applyUrl: _url, ...withoutWhere } = advertisement;
    const res = await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/advertisements', withoutWhere, staffToken);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['applyUrl']);
    const payroll = await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/advertisements', { ...advertisement, description: `${advertisement.description} Betaling via NL91ABNA0417164300.` }, staffToken);
    expect(payroll.status).toBe(422);
    expect(payroll.body.errors.map((e: { field: string }) => e.field)).toEqual(['description']);
  });

  it('writes no row at all when candidates, signed in or not, read it and try to apply through the platform', async () => {
    const created = await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/advertisements', advertisement, staffToken);
    const candidate = await registeredCandidate(t, tenant, HOSTS.mkb);
    const before = await rowCounts(t.prepared.ownerUrl, tenant.id);

    const site = on(t, tenant, HOSTS.mkb);
    expect((await site.get('/winwinwerkt/advertisements')).status).toBe(200);
    expect((await site.get(`/winwinwerkt/advertisements/${created.body.id}`)).status).toBe(200);
    expect((await site.get(`/winwinwerkt/advertisements/${created.body.id}`, candidate.token)).status).toBe(200);
    // There is nothing to apply to here: the platform's application route does not know it.
    const apply = await site.post(`/vacancies/${created.body.id}/applications`, { motivation: 'Graag!' }, candidate.token);
    expect(apply.status).toBe(404);

    expect(await rowCounts(t.prepared.ownerUrl, tenant.id)).toEqual(before);
  });
});
