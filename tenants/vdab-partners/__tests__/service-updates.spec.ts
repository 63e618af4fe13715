import { TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { SmtpCapture, deliverMail, header, part } from '../../../test/support/workers.js';
import { expectStatus, vdabWorld } from './vdab.fixture.js';

/**
 * Statement 002: "Daarnaast verwerken we deze gegevens om je, via mail, op de hoogte te houden van
 * de werking van VDAB." Partner staff get the service's updates by mail, in a category they can
 * leave with the link at the bottom of every such mail.
 */
describe('statement 002: service updates by mail, which partner staff can unsubscribe from', () => {
  let smtp: SmtpCapture;
  let t: TestApp;
  let tenant: TenantRef;
  let w: Awaited<ReturnType<typeof vdabWorld>>;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({ env: { SMTP_URL: smtp.url } });
    tenant = await t.createTenant('vdab-partners');
    w = await vdabWorld(t, tenant);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const send = async () =>
    expectStatus(await w.call('post', '/vdab/service-updates', w.service.token, { title: 'Nieuwe actietypes', message: 'Vanaf maart ook werkplekbezoeken.' }), 202, 'send').body;

  it('mails every active partner staff member, with the unsubscribe link; after unsubscribing, none arrive', async () => {
    expect(await send()).toEqual({ queued: 4, suppressed: 0 });
    smtp.received.length = 0;
    await deliverMail(t, tenant);
    const mine = smtp.received.find((m) => m.to.includes(w.werkpuntCoach.email))!;
    expect(header(mine.raw, 'Subject')).toBe('VDAB partnernieuws: Nieuwe actietypes');
    expect(header(mine.raw, 'List-Unsubscribe')).toBeTruthy();
    const url = new URL(/https?:\/\/\S+\/unsubscribe\?token=[A-Za-z0-9_-]+/.exec(part(mine.raw, 'text/plain')!)![0]);
    expect((await t.http('post', `${url.pathname}${url.search}`, {})).status).toBeLessThan(300);
    expect(await send()).toEqual({ queued: 3, suppressed: 1 });
    const [latest] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ status: string }>(
        `SELECT status FROM mail_messages WHERE tenant_id = $1 AND person_id = $2 AND template = 'service-update' ORDER BY created_at DESC, id DESC LIMIT 1`,
        [tx.tenantId, w.werkpuntCoach.id],
      ),
    );
    expect(latest.status).toBe('suppressed');
  });

  it('is sent by the service only', async () => {
    expect((await w.call('post', '/vdab/service-updates', w.werkpuntAdmin.token, { title: 'x', message: 'y' })).status).toBe(403);
  });
});
