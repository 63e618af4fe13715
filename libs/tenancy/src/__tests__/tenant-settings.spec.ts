import type { TenantRef } from '../../../context/src/index.js';
import { AuditService } from '../../../audit/src/index.js';
import { TenantSettingsService } from '../tenant-settings.service.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { testOnlyTenant } from '../../../../test/support/test-only-tenant/test-only.tenant.js';
import { tenants } from '../../../../tenants/index.js';

/** A tenant admin adjusts the policies the tenant's definition declares, within its bounds, on the record. */
describe('tenant settings', () => {
  let t: TestApp;
  let x: TenantRef;
  let y: TenantRef;
  let admin: Awaited<ReturnType<TestApp['signedIn']>>;

  beforeAll(async () => {
    t = await TestApp.boot({ tenants: [...tenants, testOnlyTenant] });
    x = await t.createTenant('test-only');
    y = await t.createTenant('test-only');
    admin = await t.signedIn(x, ['tenant-admin']);
  });
  afterAll(() => t?.close());

  const put = (key: string, value: unknown, token = admin.token) =>
    t.http('put', `/settings/${key}`, { tenant: x.key, token, body: { value } });
  const value = (tenant: TenantRef, key: string) =>
    t.inTenant(tenant, () => t.get(TenantSettingsService).get(key));

  it('changes a declared setting within its bounds; the rules read the new value, other tenants keep theirs', async () => {
    const res = await put('quietDays', 30);
    expect(res.status).toBe(200);
    expect(res.body.values).toEqual({ quietDays: 30, digest: false, tone: 'plain' });
    expect(await value(x, 'quietDays')).toBe(30);
    expect(await value(y, 'quietDays')).toBe(10);
    expect((await put('digest', true)).body.values.digest).toBe(true);
    expect((await put('tone', 'warm')).body.values.tone).toBe('warm');
  });

  it.each([
    ['quietDays', 31, 'must be between 1 and 30'],
    ['quietDays', 0, 'must be between 1 and 30'],
    ['quietDays', 2.5, 'must be a whole number'],
    ['quietDays', '12', 'must be a whole number'],
    ['digest', 'yes', 'must be true or false'],
    ['tone', 'shouty', 'must be one of plain, warm'],
  ])('refuses %s = %j with a 422 naming the setting and the bound', async (key, bad, reason) => {
    const before = await value(x, key);
    const res = await put(key, bad);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: key, reason }]);
    expect(await value(x, key)).toEqual(before);
  });

  it('refuses a setting the definition does not declare (404 naming it)', async () => {
    const res = await put('retentionMonths', 1);
    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual([
      { field: 'retentionMonths', reason: 'is not a setting of this tenant' },
    ]);
  });

  it('refuses a body without a value, or with anything else in it', async () => {
    const missing = await t.http('put', '/settings/quietDays', {
      tenant: x.key,
      token: admin.token,
      body: {},
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('value');
    const extra = await t.http('put', '/settings/quietDays', {
      tenant: x.key,
      token: admin.token,
      body: { value: 5, min: 0 },
    });
    expect(extra.status).toBe(400);
    expect(extra.body.errors).toEqual([{ field: 'min', reason: 'property min should not exist' }]);
  });

  it('audits every change with who, which setting, from and to', async () => {
    await put('quietDays', 12);
    await put('quietDays', 13);
    const entries = (
      await t.inTenant(x, () => t.get(AuditService).list({ actorId: admin.id }))
    ).filter((e) => e.action === 'setting.change' && e.details.key === 'quietDays');
    expect(entries.slice(0, 2).map((e) => e.details)).toEqual([
      { key: 'quietDays', from: '12', to: '13' },
      { key: 'quietDays', from: expect.any(String), to: '12' },
    ]);
    expect(entries[0]).toMatchObject({
      actorId: admin.id,
      actorRoles: ['tenant-admin'],
      subjectType: 'tenant-setting',
    });
  });

  it('lets only the tenant admin change settings', async () => {
    const staff = await t.signedIn(x, ['staff']);
    expect((await put('quietDays', 5, staff.token)).status).toBe(403);
    const otherAdmin = await t.signedIn(y, ['tenant-admin']);
    expect((await put('quietDays', 5, otherAdmin.token)).status).toBe(401);
    expect(await value(x, 'quietDays')).not.toBe(5);
  });
});
