import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { CrmService, NEWSLETTER_OPT_IN } from '../winwinwerkt.crm.service.js';
import { HOSTS, on } from './winwinwerkt.fixture.js';

/**
 * Statement 003, 3.3 (contact form per site), 3.4 (newsletter opt-in recorded) and 4 (relations,
 * clients and suppliers: kept while the relation lasts, then on a declared schedule; deleted on
 * request).
 */
describe('statement 003: contact forms, newsletter and relations', () => {
  const clock = new FixedClock('2027-02-01T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let staffToken: string;
  const sql = <T,>(query: string, params: unknown[] = []) =>
    t.get(TenantDb).forTenant(tenant, (tx) => tx.query<T>(query, [tx.tenantId, ...params]));
  const sweep = () => t.get(TenantDb).forTenant(tenant, () => t.get(CrmService).sweep());

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('winwinwerkt');
    staffToken = (await t.signedIn(tenant, ['staff'])).token;
  });
  afterAll(() => t?.close());

  it("each label's contact form keeps the message with the label it came through; payroll data is refused", async () => {
    const res = await on(t, tenant, HOSTS.plus65).post('/winwinwerkt/contact', { name: 'Truus Bos', email: 'Truus@mail.example', message: 'Ik ben 67 en zoek werk als gastvrouw.' });
    expect(res.status).toBe(202);
    expect(res.body.label).toBe('plus65werkt');
    const [row] = await sql<{ label: string; email: string }>(`SELECT label, email FROM winwinwerkt_contact_messages WHERE tenant_id = $1 AND id = $2`, [res.body.id]);
    expect(row).toEqual({ label: 'plus65werkt', email: 'truus@mail.example' });
    const bad = await on(t, tenant, HOSTS.plus65).post('/winwinwerkt/contact', { name: 'X', email: 'x@mail.example', message: 'Mijn rekening is NL91ABNA0417164300' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['message']);
  });

  it('a newsletter subscription records the form, the label, the date and the text shown; no opt-in, no subscription', async () => {
    const res = await on(t, tenant, HOSTS.werkweb).post('/winwinwerkt/newsletter', { firstName: 'Henk', lastName: 'de Bakker', company: 'Korenschoof BV', email: 'henk@korenschoof.example', optIn: true });
    expect(res.status).toBe(201);
    const [row] = await sql(`SELECT form, label, text_shown, text_version, opted_in_at FROM winwinwerkt_newsletter_subscriptions WHERE tenant_id = $1 AND email = $2`, ['henk@korenschoof.example']);
    expect(row).toEqual({ form: 'newsletter-form', label: 'werkweb', text_shown: NEWSLETTER_OPT_IN.text, text_version: NEWSLETTER_OPT_IN.version, opted_in_at: new Date('2027-02-01T09:00:00Z') });
    const without = await on(t, tenant, HOSTS.werkweb).post('/winwinwerkt/newsletter', { firstName: 'A', lastName: 'B', email: 'a@b.example', optIn: false });
    expect(without.status).toBe(400);
    expect(without.body.errors.map((e: { field: string }) => e.field)).toEqual(['optIn']);
    expect(await sql(`SELECT 1 FROM winwinwerkt_newsletter_subscriptions WHERE tenant_id = $1 AND email = $2`, ['a@b.example'])).toEqual([]);
  });

  it('a relation is kept while it lasts; once staff mark it ended it goes after the declared two years, with its contact messages', async () => {
    await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/contact', { name: 'Klaas Klant', email: 'klaas@klant.example', message: 'Wij hebben een vacature.' });
    const rel = await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/relations', { kind: 'client', organisation: 'Klant BV', contactName: 'Klaas Klant', email: 'klaas@klant.example' }, staffToken);
    expect(rel.status).toBe(201);
    clock.set('2031-02-01T09:00:00Z');
    await sweep();
    // Four years on, still a client: nothing goes.
    expect(await sql(`SELECT 1 FROM winwinwerkt_relations WHERE tenant_id = $1 AND id = $2`, [rel.body.id])).toHaveLength(1);
    expect(await sql(`SELECT 1 FROM winwinwerkt_contact_messages WHERE tenant_id = $1 AND email = $2`, ['klaas@klant.example'])).toHaveLength(1);
    staffToken = (await t.signedIn(tenant, ['staff'])).token;
    const ended = await on(t, tenant, HOSTS.mkb).post(`/winwinwerkt/relations/${rel.body.id}/end`, undefined, staffToken);
    expect(ended.body.deleteAfter).toBe('2033-02-01T09:00:00.000Z');
    clock.set('2033-01-31T09:00:00Z');
    await sweep();
    expect(await sql(`SELECT 1 FROM winwinwerkt_relations WHERE tenant_id = $1 AND id = $2`, [rel.body.id])).toHaveLength(1);
    clock.set('2033-02-01T09:00:00Z');
    await sweep();
    expect(await sql(`SELECT 1 FROM winwinwerkt_relations WHERE tenant_id = $1 AND id = $2`, [rel.body.id])).toEqual([]);
    expect(await sql(`SELECT 1 FROM winwinwerkt_contact_messages WHERE tenant_id = $1 AND email = $2`, ['klaas@klant.example'])).toEqual([]);
  });

  it('a relation is deleted on request at once, with its contact messages', async () => {
    clock.set('2033-03-01T09:00:00Z');
    staffToken = (await t.signedIn(tenant, ['staff'])).token;
    await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/contact', { name: 'Lies Leverancier', email: 'lies@lev.example', message: 'Wij leveren software.' });
    const rel = await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/relations', { kind: 'supplier', organisation: 'Lev BV', contactName: 'Lies', email: 'lies@lev.example' }, staffToken);
    const del = await t.http('delete', `/winwinwerkt/relations/${rel.body.id}`, { tenant: tenant.key, token: staffToken });
    expect(del.status).toBe(200);
    expect(await sql(`SELECT 1 FROM winwinwerkt_contact_messages WHERE tenant_id = $1 AND email = $2`, ['lies@lev.example'])).toEqual([]);
  });

  it('a person without an account asks for deletion: everything under the address goes (contact messages, newsletter, relations)', async () => {
    staffToken = (await t.signedIn(tenant, ['staff'])).token;
    const email = 'wim@weg.example';
    await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/contact', { name: 'Wim Weg', email: 'Wim@weg.example', message: 'Bel me maar.' });
    await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/newsletter', { firstName: 'Wim', lastName: 'Weg', email, optIn: true });
    const res = await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/crm-erasures', { email }, staffToken);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ contactMessages: 1, newsletter: 1, relations: 0 });
    expect(await sql(`SELECT 1 FROM winwinwerkt_contact_messages WHERE tenant_id = $1 AND lower(email) = $2`, [email])).toEqual([]);
    expect(await sql(`SELECT 1 FROM winwinwerkt_newsletter_subscriptions WHERE tenant_id = $1 AND email = $2`, [email])).toEqual([]);
  });
});
