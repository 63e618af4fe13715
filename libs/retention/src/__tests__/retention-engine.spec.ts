import pg from 'pg';
import { FixedClock } from '../../../config/src/clock.js';
import { SYSTEM } from '../../../context/src/index.js';
import { PersonDataRegistry } from '../../../privacy/src/person-data.registry.js';
import { ConsentService } from '../../../consent/src/consent.service.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { tenants } from '../../../../tenants/index.js';
import { RetentionSweepService } from '../retention-sweep.service.js';
import { auditOf, mailsTo, personActiveNow, pseudonymOf, remainsOf, sql, sweep } from './support/retention-kit.js';
import { retentionLab } from './support/retention-lab.tenant.js';

/**
 * The engine on a test tenant with statement 000's schedule: "After one year, you will receive a
 * reminder that your account will be deleted in six months. In the six months that follow, you
 * will receive an email reminder each month. If you do not respond to any of these emails, your
 * account will be deleted automatically."
 */
describe('retention engine', () => {
  const clock = new FixedClock('2026-01-01T09:00:00Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.boot({ clock, tenants: [...tenants, retentionLab] });
  });
  afterAll(() => t.close());

  async function grantPhoto(tenant: Parameters<TestApp['inTenant']>[0], personId: string) {
    await t.inTenant(tenant, () => t.get(ConsentService).grant(SYSTEM, personId, 'photo', { version: '2', channel: 'web' }));
  }

  it('walks a person through a year and a half: six monthly reminders, then deletion of everything', async () => {
    clock.set('2026-01-01T09:00:00Z');
    const tenant = await t.createTenant('retention-lab');
    const p = await personActiveNow(t, tenant);
    await grantPhoto(tenant, p.id);
    for (let month = 1; month <= 17; month++) {
      clock.set(new Date(Date.UTC(2026, month, 1, 9)).toISOString());
      await sweep(t, tenant);
      expect(await mailsTo(t, tenant, p.id)).toHaveLength(Math.max(0, month - 11));
    }
    clock.set('2027-07-01T08:59:00Z');
    await sweep(t, tenant);
    expect((await remainsOf(t, tenant, p.id)).account).toBe(1);

    const pseudonym = (await pseudonymOf(t, tenant, p.id))!;
    clock.set('2027-07-01T09:00:00Z');
    const report = await sweep(t, tenant);
    expect(report.deleted).toBe(1);
    expect(await remainsOf(t, tenant, p.id)).toEqual({
      account: 0,
      activity: 0,
      retention: 0,
      consentEvents: 0,
      consentState: 0,
      mail: 0,
    });
    // The audit log keeps what was done, under a pseudonym whose key went with the person.
    expect(await pseudonymOf(t, tenant, p.id)).toBeNull();
    expect(await auditOf(t, tenant, p.id)).toEqual([]);
    const audit = await auditOf(t, tenant, { pseudonym });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['retention.reminder', 'person.erase']),
    );
    expect(audit.filter((a) => a.action === 'retention.reminder')).toHaveLength(6);
    expect(JSON.stringify(audit)).not.toContain(p.email);
    expect(audit.find((a) => a.action === 'person.erase')!.details).toEqual({ reason: 'retention', schedule: 'jobseeker-idle' });
  });

  it('a last reminder whose delivery is unknown (the worker died handing it to SMTP) goes out once more before anyone is deleted', async () => {
    clock.set('2026-01-01T09:00:00Z');
    const tenant = await t.createTenant('retention-lab');
    const p = await personActiveNow(t, tenant);
    for (let month = 12; month <= 17; month++) {
      clock.set(new Date(Date.UTC(2026, month, 1, 9)).toISOString());
      await sweep(t, tenant);
    }
    const sent = await mailsTo(t, tenant, p.id);
    expect(sent).toHaveLength(6);
    // The worker was killed while it handed the last reminder to the SMTP server; when its lease ran out the
    // mail engine closed that mail as unconfirmed (it may never have arrived).
    const unknown = (key: string) =>
      sql(t, tenant, `UPDATE mail_messages SET status = 'unconfirmed', finished_at = $3, variables = NULL WHERE tenant_id = $1 AND idempotency_key = $2`, [
        key,
        clock.now(),
      ]);
    await unknown(sent[5].idempotency_key);

    clock.set('2027-07-01T09:00:00Z');
    const report = await sweep(t, tenant);
    expect(report).toMatchObject({ deleted: 0, reminders: 1 });
    expect((await remainsOf(t, tenant, p.id)).account).toBe(1);
    const again = (await mailsTo(t, tenant, p.id)).at(-1)!;
    expect(again.idempotency_key).toBe(`${sent[5].idempotency_key}:again`);
    expect(again.template).toBe(sent[5].template);
    // The full notice of the last reminder (June 1 to July 1), counted from the mail sent again.
    expect(again.variables).toMatchObject({ deadline: 'July 31, 2027' });
    const audit = await auditOf(t, tenant, p.id, 'retention.reminder');
    expect(audit.at(-1)!.details).toMatchObject({ step: 5, again: true, deadline: '2027-07-31T09:00:00.000Z' });

    clock.set('2027-07-31T08:59:00Z');
    expect(await sweep(t, tenant)).toMatchObject({ deleted: 0, reminders: 0 });
    // Once only: even if this one's fate is unknown too, the schedule ends at the deadline it stated.
    await unknown(again.idempotency_key);
    clock.set('2027-07-31T09:00:00Z');
    expect(await sweep(t, tenant)).toMatchObject({ deleted: 1, reminders: 0 });
    expect((await remainsOf(t, tenant, p.id)).account).toBe(0);
  });

  it('any interaction answers the reminders and restarts the year and a half', async () => {
    clock.set('2026-01-01T09:00:00Z');
    const tenant = await t.createTenant('retention-lab');
    const p = await personActiveNow(t, tenant);
    clock.set('2027-02-01T09:00:00Z');
    await sweep(t, tenant);
    expect(await mailsTo(t, tenant, p.id)).toHaveLength(1);
    clock.set('2027-02-10T09:00:00Z');
    await t.login(p);
    clock.set('2027-07-02T09:00:00Z');
    await sweep(t, tenant);
    expect((await remainsOf(t, tenant, p.id)).account).toBe(1);
    expect(await mailsTo(t, tenant, p.id)).toHaveLength(1);
    clock.set('2028-02-10T09:00:00Z');
    await sweep(t, tenant);
    expect(await mailsTo(t, tenant, p.id)).toHaveLength(2);
  });

  it('takes on people whose activity predates their schedule, when the schedule is new and then at the next sweep', async () => {
    clock.set('2026-01-01T09:00:00Z');
    const tenant = await t.createTenant('retention-lab');
    const untracked = async (lastInteraction: string) => {
      const account = await t.createAccount(tenant, ['jobseeker']);
      await sql(
        t,
        tenant,
        `INSERT INTO person_activity (tenant_id, person_id, person_kind, last_interaction_at) VALUES ($1, $2, 'jobseeker', $3)`,
        [account.id, lastInteraction],
      );
      return account;
    };
    const old = await untracked('2024-11-01T09:00:00Z');
    expect(await sweep(t, tenant)).toMatchObject({ adopted: 1, reminders: 1 });
    expect(await mailsTo(t, tenant, old.id)).toHaveLength(1);

    const later = await untracked('2025-06-01T09:00:00Z');
    clock.set('2026-01-01T20:00:00Z');
    expect(await sweep(t, tenant)).toMatchObject({ adopted: 1 });
    clock.set('2026-01-02T09:00:00Z');
    expect(await sweep(t, tenant)).toMatchObject({ adopted: 0 });
    clock.set('2026-06-01T09:00:00Z');
    await sweep(t, tenant);
    expect(await mailsTo(t, tenant, later.id)).toHaveLength(1);
  });

  it('catches up after downtime without a burst: each person gets only the one reminder now due', async () => {
    clock.set('2026-01-01T09:00:00Z');
    const tenant = await t.createTenant('retention-lab');
    const people = [await personActiveNow(t, tenant), await personActiveNow(t, tenant), await personActiveNow(t, tenant)];
    // No sweep ran for fifteen months and a week: four reminders fell due in that time.
    clock.set('2027-04-08T09:00:00Z');
    const report = await sweep(t, tenant);
    expect(report.reminders).toBe(3);
    expect(report.remindersSkipped).toBe(9);
    for (const p of people) {
      expect(await mailsTo(t, tenant, p.id)).toHaveLength(1);
      const [entry] = await auditOf(t, tenant, p.id, 'retention.reminder');
      expect(entry.details).toMatchObject({ step: 3, skipped: 3 });
    }
    await sweep(t, tenant);
    clock.set('2027-05-01T09:00:00Z');
    await sweep(t, tenant);
    for (const p of people) expect(await mailsTo(t, tenant, p.id)).toHaveLength(2);
  });

  it('never deletes a person who got no warning: a sweep after long downtime first sends the last reminder', async () => {
    clock.set('2026-01-01T09:00:00Z');
    const tenant = await t.createTenant('retention-lab');
    const p = await personActiveNow(t, tenant);
    clock.set('2027-09-01T09:00:00Z');
    const report = await sweep(t, tenant);
    expect(report).toMatchObject({ reminders: 1, deleted: 0 });
    const [mail] = await mailsTo(t, tenant, p.id);
    expect(mail.variables!.deadline).toBe('October 1, 2027');
    clock.set('2027-10-01T09:00:00Z');
    expect((await sweep(t, tenant)).deleted).toBe(1);
  });

  it('a sign-in while a sweep batch holds the person neither waits for the batch nor is lost', async () => {
    clock.set('2026-01-01T09:00:00Z');
    const tenant = await t.createTenant('retention-lab');
    const p = await personActiveNow(t, tenant);
    const sweepBatch = new pg.Client({ connectionString: t.prepared.appUrl });
    await sweepBatch.connect();
    try {
      await sweepBatch.query('BEGIN');
      await sweepBatch.query('SELECT app.set_tenant($1)', [tenant.id]);
      await sweepBatch.query(`SELECT 1 FROM retention_state WHERE tenant_id = $1 AND person_id = $2 FOR UPDATE`, [tenant.id, p.id]);
      clock.set('2027-03-01T09:00:00Z');
      const started = Date.now();
      await t.login(p);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await sweepBatch.query('ROLLBACK');
      await sweepBatch.end();
    }
    // The clock was not reset by the sign-in itself; the sweep sees the interaction and resets it.
    clock.set('2027-07-01T09:00:00Z');
    expect(await sweep(t, tenant)).toMatchObject({ deleted: 0, reminders: 0 });
    expect((await remainsOf(t, tenant, p.id)).account).toBe(1);
    const [state] = await sql(t, tenant, `SELECT anchor_at FROM retention_state WHERE tenant_id = $1 AND person_id = $2`, [p.id]);
    expect(state).toEqual({ anchor_at: new Date('2027-03-01T09:00:00Z') });
  });

  it('two workers running the same sweep at once send each reminder exactly once', async () => {
    clock.set('2026-01-01T09:00:00Z');
    const tenant = await t.createTenant('retention-lab');
    const people = [];
    for (let i = 0; i < 40; i++) people.push(await personActiveNow(t, tenant));
    clock.set('2027-01-01T09:00:00Z');
    const sweeper = t.get(RetentionSweepService);
    const [a, b] = await Promise.all([
      sweeper.sweep({ batchSize: 5, tenantIds: [tenant.id] }),
      sweeper.sweep({ batchSize: 5, tenantIds: [tenant.id] }),
    ]);
    expect(a.reminders + b.reminders).toBe(40);
    expect(a.reminders).toBeGreaterThan(0);
    expect(b.reminders).toBeGreaterThan(0);
    const [{ n, people: distinct }] = await sql<{ n: number; people: number }>(
      t,
      tenant,
      `SELECT count(*)::int AS n, count(DISTINCT person_id)::int AS people FROM mail_messages WHERE tenant_id = $1`,
    );
    expect({ n, distinct }).toEqual({ n: 40, distinct: 40 });
  });

  it('a sweep killed half-way through a batch leaves no partial person, and the rerun neither repeats a reminder nor half-deletes', async () => {
    clock.set('2026-01-01T09:00:00Z');
    const tenant = await t.createTenant('retention-lab');
    const doomed = [];
    for (let i = 0; i < 4; i++) doomed.push(await personActiveNow(t, tenant));
    for (const p of doomed) await grantPhoto(tenant, p.id);
    clock.set('2026-07-01T09:00:00Z');
    const reminded = [await personActiveNow(t, tenant), await personActiveNow(t, tenant)];
    // By July 2027 the doomed four have had all six reminders; the other two are due their first.
    for (const month of [1, 2, 3, 4, 5, 6]) {
      clock.set(new Date(Date.UTC(2027, month - 1, 1, 9)).toISOString());
      await sweep(t, tenant);
    }
    for (const p of doomed) expect(await mailsTo(t, tenant, p.id)).toHaveLength(6);
    for (const p of reminded) expect(await mailsTo(t, tenant, p.id)).toHaveLength(0);

    // A capability whose erasure dies half-way: after the first people's rows are already gone
    // inside the transaction, the third person's erasure fails as if the process were killed.
    let armed = true;
    let erased = 0;
    t.get(PersonDataRegistry).register({
      name: `crash-${tenant.key}`,
      erase: async (tx, personId) => {
        if (tx.tenantId !== tenant.id) return;
        await tx.query(`DELETE FROM person_activity WHERE tenant_id = $1 AND person_id = $2`, [tx.tenantId, personId]);
        if (armed && ++erased === 3) throw new Error('worker killed');
        if (armed) throw new Error('still failing');
      },
    });
    clock.set('2027-07-01T09:00:00Z');
    const first = await sweep(t, tenant, 50);
    expect(first.failedBatches).toBe(1);
    expect(first.deleted).toBe(0);
    for (const p of doomed)
      expect(await remainsOf(t, tenant, p.id)).toEqual({ account: 1, activity: 1, retention: 1, consentEvents: 1, consentState: 1, mail: 6 });
    // Work that did not depend on the failing part went ahead, one person at a time, once.
    for (const p of reminded) expect(await mailsTo(t, tenant, p.id)).toHaveLength(1);

    armed = false;
    clock.set('2027-07-02T09:00:00Z');
    const rerun = await sweep(t, tenant, 50);
    expect(rerun.deleted).toBe(4);
    for (const p of doomed)
      expect(await remainsOf(t, tenant, p.id)).toEqual({ account: 0, activity: 0, retention: 0, consentEvents: 0, consentState: 0, mail: 0 });
    for (const p of reminded) expect(await mailsTo(t, tenant, p.id)).toHaveLength(1);
  });
});
