import pg from 'pg';
import { FixedClock } from '../../../config/src/clock.js';
import type { TenantRef } from '../../../context/src/index.js';
import { ActivityService } from '../../../privacy/src/activity.service.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { tenants } from '../../../../tenants/index.js';
import { mailsTo, remainsOf, sql, sweep } from './support/retention-kit.js';
import { retentionLab } from './support/retention-lab.tenant.js';

/**
 * Statement 000's promise holds for people the schedule did not start itself: whoever has
 * recorded activity is deleted 18 months after it, also when that activity was written before
 * the schedule existed, by a process without the retention listener, or by a transaction that
 * committed while a sweep was reading. Each sweep reads only activity written since the last.
 */
describe('retention adoption of people with activity but no schedule row', () => {
  const clock = new FixedClock('2026-01-01T09:00:00Z');
  let t: TestApp;
  let owner: pg.Client;

  beforeAll(async () => {
    t = await TestApp.boot({ clock, tenants: [...tenants, retentionLab] });
    owner = new pg.Client({ connectionString: t.prepared.ownerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  /** Activity written straight to the table, as a writer that does not run the retention listener. */
  async function untracked(tenant: TenantRef, lastInteraction: string, via: pg.Client | null = null) {
    const account = await t.createAccount(tenant, ['jobseeker']);
    const insert = `INSERT INTO person_activity (tenant_id, person_id, person_kind, last_interaction_at) VALUES ($1, $2, 'jobseeker', $3)`;
    if (via) await via.query(insert, [tenant.id, account.id, lastInteraction]);
    else await sql(t, tenant, insert, [account.id, lastInteraction]);
    return account;
  }

  const scheduleRows = async (tenant: TenantRef, personId: string) =>
    sql<{ anchor_at: Date }>(t, tenant, `SELECT anchor_at FROM retention_state WHERE tenant_id = $1 AND person_id = $2`, [personId]);

  const watermark = async (tenant: TenantRef) =>
    (
      await sql<{ through: string | null }>(
        t,
        tenant,
        `SELECT adopted_through::text AS through FROM retention_plans WHERE tenant_id = $1 AND schedule_key = 'jobseeker-idle'`,
      )
    )[0]?.through ?? null;

  it('a person whose activity was recorded before the schedule existed is adopted, reminded and deleted 18 months after it', async () => {
    clock.set('2026-01-01T09:00:00Z');
    const tenant = await t.createTenant('retention-lab');
    const p = await untracked(tenant, '2025-01-01T09:00:00Z');
    expect(await watermark(tenant)).toBeNull();

    // The schedule's first sweep is a full pass: it finds the person and sends the year's reminder.
    expect(await sweep(t, tenant)).toMatchObject({ adopted: 1, reminders: 1 });
    expect(await watermark(tenant)).not.toBeNull();
    for (let month = 1; month <= 5; month++) {
      clock.set(new Date(Date.UTC(2026, month, 1, 9)).toISOString());
      expect(await sweep(t, tenant)).toMatchObject({ adopted: 0, reminders: 1 });
    }
    expect(await mailsTo(t, tenant, p.id)).toHaveLength(6);
    clock.set('2026-07-01T09:00:00Z');
    expect(await sweep(t, tenant)).toMatchObject({ deleted: 1 });
    expect(await remainsOf(t, tenant, p.id)).toEqual({ account: 0, activity: 0, retention: 0, consentEvents: 0, consentState: 0, mail: 0 });
  });

  it('a person whose activity arrives after a reconciliation is adopted at the next sweep, and only once', async () => {
    clock.set('2026-01-01T09:00:00Z');
    const tenant = await t.createTenant('retention-lab');
    expect(await sweep(t, tenant)).toMatchObject({ adopted: 0 });

    const late = await untracked(tenant, '2025-06-01T09:00:00Z');
    clock.set('2026-01-01T09:05:00Z');
    expect(await sweep(t, tenant)).toMatchObject({ adopted: 1 });
    expect(await scheduleRows(tenant, late.id)).toEqual([{ anchor_at: new Date('2025-06-01T09:00:00Z') }]);

    // Nothing new since: the next sweeps read past it and adopt nobody again.
    clock.set('2026-01-01T09:10:00Z');
    expect(await sweep(t, tenant)).toMatchObject({ adopted: 0 });
    clock.set('2026-06-01T09:00:00Z');
    expect(await sweep(t, tenant)).toMatchObject({ adopted: 0, reminders: 1 });
    expect(await mailsTo(t, tenant, late.id)).toHaveLength(1);
  });

  it('activity committed by a transaction that was still open while a sweep read is adopted at the next sweep', async () => {
    clock.set('2026-01-01T09:00:00Z');
    const tenant = await t.createTenant('retention-lab');
    await sweep(t, tenant);

    // The write gets its transaction id, then waits to commit until after the sweep has read and
    // moved its watermark: a watermark on the newest row or time seen would pass over it.
    await owner.query('BEGIN');
    let slow;
    try {
      slow = await untracked(tenant, '2025-03-01T09:00:00Z', owner);
      clock.set('2026-01-01T09:05:00Z');
      const during = await sweep(t, tenant);
      expect(during.adopted).toBe(0);
      await owner.query('COMMIT');
    } catch (err) {
      await owner.query('ROLLBACK');
      throw err;
    }
    expect(await scheduleRows(tenant, slow.id)).toEqual([]);

    clock.set('2026-01-01T09:10:00Z');
    expect(await sweep(t, tenant)).toMatchObject({ adopted: 1 });
    expect(await scheduleRows(tenant, slow.id)).toEqual([{ anchor_at: new Date('2025-03-01T09:00:00Z') }]);
  });

  it('a later write to an activity row stamps it with the later transaction, so the sweeps after it read the row again', async () => {
    clock.set('2026-01-01T09:00:00Z');
    const tenant = await t.createTenant('retention-lab');
    const p = await untracked(tenant, '2025-01-01T09:00:00Z');
    await sweep(t, tenant);
    const xid = async () =>
      BigInt(
        (await sql<{ x: string }>(t, tenant, `SELECT recorded_xid::text AS x FROM person_activity WHERE tenant_id = $1 AND person_id = $2`, [p.id]))[0].x,
      );
    const first = await xid();
    clock.set('2026-01-02T09:00:00Z');
    await t.inTenant(tenant, () => t.get(ActivityService).touch(p.id, 'jobseeker', 'sign-in'));
    expect(await xid()).toBeGreaterThan(first);
  });

  it('rows from before the watermark existed, and a watermark from another server, get one full pass', async () => {
    clock.set('2026-01-01T09:00:00Z');
    const tenant = await t.createTenant('retention-lab');
    await sweep(t, tenant);
    // Written before the migration that added recorded_xid: no transaction id.
    const old = await untracked(tenant, '2024-12-01T09:00:00Z');
    await sql(t, tenant, `UPDATE person_activity SET recorded_xid = NULL WHERE tenant_id = $1 AND person_id = $2`, [old.id]);
    expect(await sweep(t, tenant)).toMatchObject({ adopted: 0 });
    // The migration leaves every plan without a watermark: its first sweep is a full pass.
    await sql(t, tenant, `UPDATE retention_plans SET adopted_through = NULL WHERE tenant_id = $1`);
    expect(await sweep(t, tenant)).toMatchObject({ adopted: 1 });
    expect(await scheduleRows(tenant, old.id)).toHaveLength(1);

    // Restored into a cluster whose transaction ids are behind the stored watermark.
    await sql(t, tenant, `UPDATE retention_plans SET adopted_through = '999999999999'::xid8 WHERE tenant_id = $1`);
    const restored = await untracked(tenant, '2025-02-01T09:00:00Z');
    expect(await sweep(t, tenant)).toMatchObject({ adopted: 1 });
    expect(await scheduleRows(tenant, restored.id)).toHaveLength(1);
    expect(BigInt((await watermark(tenant))!)).toBeLessThan(999999999999n);
  });

  it('a changed plan reads all activity again', async () => {
    clock.set('2026-01-01T09:00:00Z');
    const tenant = await t.createTenant('retention-lab');
    await sweep(t, tenant);
    const p = await untracked(tenant, '2025-01-01T09:00:00Z');
    await sql(t, tenant, `UPDATE person_activity SET recorded_xid = NULL WHERE tenant_id = $1 AND person_id = $2`, [p.id]);
    await sql(t, tenant, `UPDATE retention_plans SET fingerprint = 'an older plan' WHERE tenant_id = $1`);
    expect(await sweep(t, tenant)).toMatchObject({ adopted: 1 });
  });
});
