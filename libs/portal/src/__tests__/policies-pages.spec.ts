import type { TenantRef } from '../../../context/src/index.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { sql } from '../../../profiles/src/__tests__/support/profile-kit.js';
import { decodeHtml, type PortalClient } from './support/portal-client.js';
import { bootPortal, signedInClient } from './support/portal-fixtures.js';

/**
 * The tenant administrator adjusts the tenant's policies on the web within the bounds the
 * definition declares (the kandidatenbank's re-confirmation window: 7 to 90 days), through the same
 * use case as `PUT /settings/:key`: a value out of bounds comes back next to the field with nothing
 * changed, and every change is in the audit log.
 */
describe('policies within bounds on the portal', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let admin: PortalClient;

  beforeAll(async () => {
    ({ t } = await bootPortal());
    tenant = await t.createTenant('kandidatenbank');
    admin = await signedInClient(t, tenant, await t.createAccount(tenant, ['tenant-admin']));
  });
  afterAll(() => t?.close());

  const stored = () => sql<{ value: unknown }>(t, tenant, `SELECT value FROM tenant_settings WHERE tenant_id = $1 AND key = 'reconfirmWindowDays'`);

  it('shows each policy with its bounds and current value, and saves a value within them, audited', async () => {
    const page = await admin.get('/admin/policies');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<input[^>]*name="reconfirmWindowDays"[^>]*value="30"/);
    expect(decodeHtml(page.text)).toContain('Van 7 tot 90; standaard 30.');

    const saved = await admin.post('/admin/policies/reconfirmWindowDays', { reconfirmWindowDays: '45' }, { from: '/admin/policies' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toContain('/admin/policies?notice=policy-changed');
    expect(await stored()).toEqual([{ value: 45 }]);
    expect((await admin.follow(saved)).text).toMatch(/name="reconfirmWindowDays"[^>]*value="45"/);
    const audit = await sql<{ details: { key: string; from: string; to: string } }>(
      t,
      tenant,
      `SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'setting.change' ORDER BY id`,
    );
    expect(audit.map((a) => a.details)).toEqual([{ key: 'reconfirmWindowDays', from: '30', to: '45' }]);
  });

  it('a value out of bounds or no number comes back next to the field, and nothing changes', async () => {
    for (const value of ['3', '365', 'dertig', '']) {
      const res = await admin.post('/admin/policies/reconfirmWindowDays', { reconfirmWindowDays: value }, { from: '/admin/policies' });
      expect(res.status).toBe(422);
      expect(res.text).toMatch(/id="f-reconfirmWindowDays-error"/);
    }
    expect(await stored()).toEqual([{ value: 45 }]);
  });

  it('a policy the tenant does not declare is no page; staff, employers and jobseekers may not change policies', async () => {
    expect((await admin.post('/admin/policies/retentionYears', { retentionYears: '1' }, { from: '/admin/policies' })).status).toBe(404);
    for (const role of ['staff', 'employer', 'jobseeker'] as const) {
      const web = await signedInClient(t, tenant, await t.createAccount(tenant, [role]));
      expect((await web.get('/admin/policies')).status).toBe(403);
      expect((await web.post('/admin/policies/reconfirmWindowDays', { reconfirmWindowDays: '7' }, { from: '/profile' })).status).toBe(403);
    }
    expect(await stored()).toEqual([{ value: 45 }]);
  });
});
