import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { MailDeliveryService } from '../../../mail/src/mail-delivery.service.js';
import { SmtpCapture, decodedHeader } from '../../../mail/src/__tests__/support/smtp-capture.js';
import { registerJobseeker, sql } from '../../../profiles/src/__tests__/support/profile-kit.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { tenants as registeredTenants } from '../../../../tenants/index.js';
import { RightsDeadlineSweep } from '../rights-deadlines.sweep.js';
import { municipalLab } from './support/rights-kit.js';

/**
 * Routing declared by the tenant (HalloWerk): requests go to the staff of the person's own
 * municipality, who see, decide and are escalated to; another municipality's staff do not.
 */
describe("data-subject requests routed to the person's own municipality", () => {
  const clock = new FixedClock('2026-03-02T08:00:00Z');
  let smtp: SmtpCapture;
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({
      clock,
      env: { SMTP_URL: smtp.url },
      tenants: [...registeredTenants, municipalLab],
    });
    tenant = await t.createTenant('rights-municipal-lab');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const as = (token: string, body?: unknown) => ({ tenant: tenant.key, token, body });
  const emailOf = async (id: string) =>
    (
      await sql<{ email: string }>(
        t,
        tenant,
        `SELECT email FROM accounts WHERE tenant_id = $1 AND id = $2`,
        [id],
      )
    )[0].email;

  it("own staff list, open, decide and are escalated to; the other municipality's staff get 404 and no mail", async () => {
    const zwolle = await t.createOrgUnit(tenant, 'municipality');
    const deventer = await t.createOrgUnit(tenant, 'municipality');
    const resident = await registerJobseeker(
      t,
      tenant,
      { firstName: 'Sem', lastName: 'Visser' },
      { orgUnitId: zwolle.id },
    );
    const own = await t.signedIn(tenant, ['staff'], { orgUnitIds: [zwolle.id] });
    const other = await t.signedIn(tenant, ['staff'], { orgUnitIds: [deventer.id] });

    const r = (
      await t.http(
        'post',
        '/rights/requests/me',
        as(resident.token, { kind: 'restriction', details: 'Pause my listing' }),
      )
    ).body;
    expect(
      (await t.http('get', '/rights/requests', as(own.token))).body.map(
        (x: { id: string }) => x.id,
      ),
    ).toContain(r.id);
    expect(
      (await t.http('get', '/rights/requests', as(other.token))).body.map(
        (x: { id: string }) => x.id,
      ),
    ).not.toContain(r.id);
    expect((await t.http('get', `/rights/requests/${r.id}`, as(other.token))).status).toBe(404);
    expect(
      (
        await t.http(
          'post',
          `/rights/requests/${r.id}/status`,
          as(other.token, { status: 'in-progress' }),
        )
      ).status,
    ).toBe(404);
    const entered = await t.http(
      'post',
      '/rights/requests',
      as(other.token, { kind: 'access', personId: resident.id, source: 'post' }),
    );
    expect(entered.status).toBe(422);
    expect(entered.body.errors).toEqual([{ field: 'personId', reason: expect.any(String) }]);

    clock.set('2026-04-03T08:00:00Z');
    expect((await t.get(RightsDeadlineSweep).sweep({ tenantIds: [tenant.id] })).escalated).toBe(1);
    await t.get(MailDeliveryService).deliverDue(100, tenant);
    const about = (address: string) =>
      smtp.to(address).filter((m) => (decodedHeader(m.raw, 'Subject') ?? '').includes(r.reference));
    expect(about(await emailOf(own.id))).toHaveLength(1);
    expect(about(await emailOf(other.id))).toEqual([]);

    own.token = await t.login(own);
    for (const status of ['in-progress', 'awaiting-decision', 'completed'])
      expect(
        (await t.http('post', `/rights/requests/${r.id}/status`, as(own.token, { status }))).status,
      ).toBe(200);
  });
});
