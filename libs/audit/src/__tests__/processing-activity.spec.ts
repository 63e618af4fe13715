import pg from 'pg';
import type { TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { AuditService } from '../audit.service.js';
import { UnclassifiedAuditActionError } from '../processing-activities.js';
import { TestApp } from '../../../../test/support/test-app.js';
import {
  CORE_AUDIT_ACTIVITIES,
  CORE_PROCESSING_ACTIVITIES,
} from '../../../plugin-api/src/index.js';

/**
 * Logboek Dataverwerkingen: every audit entry names the processing activity of the tenant's register
 * it belongs to, and an entry that cannot name one is not written at all.
 */
describe('the processing activity of every audit entry', () => {
  let t: TestApp;
  let refugee: TenantRef;
  let other: TenantRef;
  let owner: pg.Client;
  let admin: Awaited<ReturnType<TestApp['signedIn']>>;

  beforeAll(async () => {
    t = await TestApp.boot();
    refugee = await t.createTenant('refugee-talent-pool');
    other = await t.createTenant('kandidatenbank');
    admin = await t.signedIn(other, ['tenant-admin']);
    owner = new pg.Client({ connectionString: t.prepared.ownerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await t?.close();
  });

  const entriesOf = async (tenant: TenantRef) =>
    (await owner.query(`SELECT action, processing_activity FROM audit_log WHERE tenant_id = $1 ORDER BY id`, [tenant.id]))
      .rows as { action: string; processing_activity: string }[];

  it('a core action carries the activity the core names for it, read back through the audit API', async () => {
    await t.http('post', '/org-units', {
      tenant: other.key,
      token: admin.token,
      body: { key: 'logboek-unit', name: 'Logboek unit', kind: 'team' },
    });
    const written = await entriesOf(other);
    expect(written).toEqual(
      expect.arrayContaining([
        { action: 'account.sign-in', processing_activity: 'account-administration' },
        { action: 'org-unit.create', processing_activity: 'platform-administration' },
      ]),
    );
    const page = await t.http('get', '/audit?processingActivity=platform-administration', { tenant: other.key, token: admin.token });
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeGreaterThan(0);
    expect(page.body.items.every((e: { processingActivity: string }) => e.processingActivity === 'platform-administration')).toBe(true);
  });

  it("no entry written in a tenant's flows is unclassified, and each names an activity its register declares", async () => {
    const declared = new Set<string>(CORE_PROCESSING_ACTIVITIES.map((a) => a.id));
    for (const e of await entriesOf(other)) {
      expect(declared.has(e.processing_activity)).toBe(true);
      const core = (CORE_AUDIT_ACTIVITIES as Record<string, string>)[e.action];
      if (core) expect(e.processing_activity).toBe(core);
    }
  });

  it("a tenant's own action carries the activity its declaration maps it to", async () => {
    await t.inTenant(refugee, () => t.get(AuditService).recordTenantAction({ action: 'contract.renew', subjectType: 'contract' }));
    expect(await entriesOf(refugee)).toContainEqual({ action: 'contract.renew', processing_activity: 'business-contacts' });
  });

  it('an action nobody maps is refused and rolls the change back with it', async () => {
    const audit = t.get(AuditService);
    await expect(
      t.inTenant(refugee, () =>
        t.get(TenantDb).transaction(async (tx) => {
          await audit.recordTenantAction({ action: 'contract.renew', subjectType: 'kept-until-refusal' }, tx);
          await audit.recordTenantAction({ action: 'made-up.thing', subjectType: 'contract' }, tx);
        }),
      ),
    ).rejects.toThrow(UnclassifiedAuditActionError);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND subject_type = 'kept-until-refusal'`, [refugee.id]);
    expect(rows[0].n).toBe(0);
  });

  it("another tenant cannot borrow a tenant's declaration: its unmapped action is refused", async () => {
    await expect(
      t.inTenant(other, () => t.get(AuditService).recordTenantAction({ action: 'contract.renew', subjectType: 'contract' })),
    ).rejects.toThrow(UnclassifiedAuditActionError);
  });

  it('an activity the register does not declare cannot be claimed for an entry', async () => {
    await expect(
      t.inTenant(other, () =>
        t.get(AuditService).record({ action: 'setting.change', processingActivity: 'business-contacts', subjectType: 'test' }),
      ),
    ).rejects.toThrow(/does not declare/);
    // The refugee tenant declares it, so it may name it.
    await t.inTenant(refugee, () =>
      t.get(AuditService).record({ action: 'setting.change', processingActivity: 'business-contacts', subjectType: 'test' }),
    );
    expect(await entriesOf(refugee)).toContainEqual({ action: 'setting.change', processing_activity: 'business-contacts' });
  });

  it('the audit API refuses a malformed activity filter, naming it', async () => {
    const bad = await t.http('get', '/audit?processingActivity=DROP%20TABLE', { tenant: other.key, token: admin.token });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['processingActivity']);
  });
});
