import { FixedClock } from '../../../config/src/clock.js';
import { TenantDb } from '../../../database/src/index.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { tenants } from '../../../../tenants/index.js';
import { RetentionService } from '../retention.service.js';
import { personActiveNow, sql, sweep } from './support/retention-kit.js';
import { retentionLab } from './support/retention-lab.tenant.js';

describe('retention forecast, timelines and other anchors', () => {
  const clock = new FixedClock('2026-01-01T09:00:00Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.boot({ clock, tenants: [...tenants, retentionLab] });
  });
  afterAll(() => t.close());

  async function population() {
    clock.set('2026-01-01T09:00:00Z');
    const tenant = await t.createTenant('retention-lab');
    const early = [await personActiveNow(t, tenant), await personActiveNow(t, tenant), await personActiveNow(t, tenant)];
    clock.set('2026-03-01T09:00:00Z');
    const later = [await personActiveNow(t, tenant), await personActiveNow(t, tenant)];
    const contact = await t.createAccount(tenant, ['employer']);
    clock.set('2026-12-20T09:00:00Z');
    // The contract ended on 15 December: the contract capability reports it.
    await t.get(TenantDb).forTenant(tenant, (tx) =>
      t.get(RetentionService).anchor(tx, {
        personId: contact.id,
        personKind: 'employer-contact',
        anchor: 'end-of-contract',
        at: new Date('2026-12-15T00:00:00Z'),
        now: clock.now(),
      }),
    );
    const admin = await t.signedIn(tenant, ['tenant-admin']);
    return { tenant, early, later, contact, admin };
  }

  it('tells the tenant admin, per schedule, what the next N days will bring', async () => {
    const { tenant, admin } = await population();
    const soon = await t.http('get', '/retention/forecast?days=45', { tenant: tenant.key, token: admin.token });
    expect(soon.status).toBe(200);
    const bySchedule = Object.fromEntries(soon.body.schedules.map((s: { schedule: string }) => [s.schedule, s]));
    expect(bySchedule['jobseeker-idle']).toMatchObject({ reminders: 6, deletions: 0, inactivations: 0, anonymisations: 0 });
    expect(bySchedule['employer-contract']).toMatchObject({ reminders: 0, anonymisations: 1 });

    const year = await t.http('get', '/retention/forecast?days=600', { tenant: tenant.key, token: admin.token });
    const idle = year.body.schedules.find((s: { schedule: string }) => s.schedule === 'jobseeker-idle');
    expect(idle).toMatchObject({ reminders: 30, deletions: 5, promise: expect.stringContaining('1.5 years') });
  });

  it('counts a deletion a legal hold keeps back as held back, not as a deletion', async () => {
    const { tenant, early, admin } = await population();
    const staff = await t.signedIn(tenant, ['staff']);
    await t.http('post', '/retention/holds', {
      tenant: tenant.key,
      token: staff.token,
      body: { personId: early[0].id, reason: 'Subsidy scheme', endsAt: '2035-01-01T00:00:00Z' },
    });
    const year = await t.http('get', '/retention/forecast?days=600', { tenant: tenant.key, token: admin.token });
    const idle = year.body.schedules.find((s: { schedule: string }) => s.schedule === 'jobseeker-idle');
    expect(idle).toMatchObject({ deletions: 4, heldBack: 1 });
  });

  it("shows one person's timeline: what lies ahead and what was done", async () => {
    const { tenant, early, admin } = await population();
    clock.set('2027-01-01T09:00:00Z');
    await sweep(t, tenant);
    const token = await t.login(admin);
    const res = await t.http('get', `/retention/people/${early[0].id}/timeline`, { tenant: tenant.key, token });
    expect(res.status).toBe(200);
    const [idle] = res.body.schedules;
    expect(idle).toMatchObject({ schedule: 'jobseeker-idle', anchor: 'last-interaction', remindersSent: 1, status: 'active' });
    expect(idle.upcoming.map((e: { kind: string }) => e.kind)).toEqual(['reminder', 'reminder', 'reminder', 'reminder', 'reminder', 'delete']);
    expect(idle.upcoming[5].at).toBe('2027-07-01T09:00:00.000Z');
    expect(res.body.history.map((h: { action: string }) => h.action)).toEqual(['retention.reminder']);
  });

  it('lets a person see their own timeline, which their sign-in has just restarted', async () => {
    const { tenant, early } = await population();
    clock.set('2027-01-05T09:00:00Z');
    const token = await t.login(early[1]);
    const res = await t.http('get', '/retention/me', { tenant: tenant.key, token });
    expect(res.status).toBe(200);
    expect(res.body.schedules[0]).toMatchObject({ anchorAt: '2027-01-05T09:00:00.000Z' });
    expect(res.body.schedules[0].upcoming[0]).toEqual({ at: '2028-01-05T09:00:00.000Z', kind: 'reminder', step: 0, template: 'account-deletion-reminder' });
    expect(res.body.history).toBeUndefined();
  });

  it('anonymises an employer contact a month after the contract ended: the row stays, nothing identifies them', async () => {
    const { tenant, contact } = await population();
    clock.set('2027-01-14T00:00:00Z');
    expect(await sweep(t, tenant)).toMatchObject({ anonymised: 1 });
    const [account] = await sql<{ email: string; display_name: string; status: string }>(
      t,
      tenant,
      `SELECT email, display_name, status FROM accounts WHERE tenant_id = $1 AND id = $2`,
      [contact.id],
    );
    expect(account).toEqual({ email: `anonymised-${contact.id}@invalid`, display_name: 'Anonymous', status: 'disabled' });
  });

  it('refuses a forecast without a sensible number of days, and keeps it from everyone but tenant admins', async () => {
    const { tenant, admin, early } = await population();
    const bad = await t.http('get', '/retention/forecast?days=0', { tenant: tenant.key, token: admin.token });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['days']);
    const token = await t.login(early[2]);
    expect((await t.http('get', '/retention/forecast?days=30', { tenant: tenant.key, token })).status).toBe(403);
  });
});
