import { randomBytes } from 'node:crypto';
import { TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { HOSTS, mailsTo, on } from './winwinwerkt.fixture.js';

/**
 * Statement 003, 2.5: "Dan kan je vacature-alerts aanmaken. We vragen je naam en emailadres. ... Je
 * kan vacature-alerts zelf aanpassen en verwijderen. Als er geen vacature-alerts meer zijn, dan
 * verdwijnen je gegevens uit ons CRM-systeem."
 */
describe('statement 003: vacancy alerts', () => {
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('winwinwerkt');
  });
  afterAll(() => t?.close());

  it("asks only name and address, confirms in the label's look, and the subscriber is gone with the last alert", async () => {
    const email = `alert-${randomBytes(4).toString('hex')}@mail.example`;
    const site = on(t, tenant, HOSTS.plus65);
    expect((await site.post('/alerts', { name: 'Truus', email, keywords: 'gastvrouw', frequency: 'daily' })).status).toBe(202);
    await t.settled();
    const [confirmation] = await mailsTo(t, tenant, email, 'alert-confirm');
    expect(confirmation.brand).toBe('plus65werkt');
    const token = new URL(String(confirmation.variables!.confirmUrl)).searchParams.get('token');
    const confirmed = await site.post('/alerts/confirm', { token });
    expect(confirmed.status).toBe(200);
    const subscriberId = confirmation.person_id!;

    const last = await t.http('delete', `/alert-subscription/alerts/${confirmed.body.alertId}?token=${confirmed.body.manageToken}`, { tenant: tenant.key, headers: { host: HOSTS.plus65 } });
    expect(last.body).toEqual({ subscriberDeleted: true });
    const left = await t.get(TenantDb).forTenant(tenant, async (tx) => ({
      subscribers: await tx.query(`SELECT id FROM alert_subscribers WHERE tenant_id = $1 AND (id = $2 OR email = $3)`, [tx.tenantId, subscriberId, email]),
      mails: await tx.query(`SELECT id FROM mail_messages WHERE tenant_id = $1 AND recipient_address = $2`, [tx.tenantId, email]),
    }));
    expect(left).toEqual({ subscribers: [], mails: [] });
  });
});
