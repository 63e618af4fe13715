import type { TenantRef } from '../../../../context/src/index.js';
import type { TestApp } from '../../../../../test/support/test-app.js';
import { sql } from '../../../../profiles/src/__tests__/support/profile-kit.js';
import { ActivityService } from '../../../../privacy/src/activity.service.js';
import type { Role } from '../../../../plugin-api/src/index.js';
import { RetentionSweepService } from '../../retention-sweep.service.js';

export { sql };

export interface QueuedMail {
  template: string;
  recipient_address: string;
  person_id: string;
  status: string;
  variables: Record<string, string> | null;
  idempotency_key: string;
}

/** The mails queued for a person (the outbox is the mail engine's record of what was sent). */
export function mailsTo(t: TestApp, tenant: TenantRef, personId: string, template?: string) {
  return sql<QueuedMail>(
    t,
    tenant,
    `SELECT template, recipient_address, person_id, status, variables, idempotency_key FROM mail_messages
      WHERE tenant_id = $1 AND person_id = $2 AND ($3::text IS NULL OR template = $3) ORDER BY created_at, id`,
    [personId, template ?? null],
  );
}

/** One sweep over this test's tenant only: other test files share the database and have their own clocks. */
export function sweep(t: TestApp, tenant: TenantRef, batchSize = 100) {
  return t.get(RetentionSweepService).sweep({ batchSize, tenantIds: [tenant.id] });
}

export async function profileOf(t: TestApp, tenant: TenantRef, personId: string) {
  const [row] = await sql<{ state: string; listed_until: Date | null; activated_at: Date | null }>(
    t,
    tenant,
    `SELECT state, listed_until, activated_at FROM profiles WHERE tenant_id = $1 AND id = $2`,
    [personId],
  );
  return row ?? null;
}

/** Entries about a person, found through their pseudonym key (or by the pseudonym itself once the key is gone). */
export function auditOf(t: TestApp, tenant: TenantRef, subject: string | { pseudonym: string }, prefix = '') {
  const byKey = typeof subject === 'string';
  return sql<{ action: string; actor_kind: string; details: Record<string, unknown> }>(
    t,
    tenant,
    // People are in the log under their pseudonym.
    `SELECT action, actor_kind, details FROM audit_log
      WHERE tenant_id = $1 AND action LIKE $3 || '%'
        AND subject_id = ${byKey ? '(SELECT k.pseudonym FROM audit_pseudonyms k WHERE k.tenant_id = $1 AND k.person_id = $2)' : '$2'}
      ORDER BY id`,
    [byKey ? subject : subject.pseudonym, prefix],
  );
}

/** The person's audit pseudonym while its key exists, else null. */
export async function pseudonymOf(t: TestApp, tenant: TenantRef, personId: string): Promise<string | null> {
  const [row] = await sql<{ pseudonym: string }>(t, tenant, `SELECT pseudonym FROM audit_pseudonyms WHERE tenant_id = $1 AND person_id = $2`, [personId]);
  return row?.pseudonym ?? null;
}

/** The path and query of a link in a mail, to follow it through the test client. */
export function pathOf(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

/** A person whose last interaction is now (the clock's now): an account that signed in. */
export async function personActiveNow(t: TestApp, tenant: TenantRef, roles: Role[] = ['jobseeker']) {
  const account = await t.createAccount(tenant, roles);
  const kind = roles.includes('jobseeker') ? 'jobseeker' : 'employer-contact';
  await t.inTenant(tenant, () => t.get(ActivityService).touch(account.id, kind, 'sign-in'));
  return account;
}

/** What is left of a person in every table that holds something about them. */
export async function remainsOf(t: TestApp, tenant: TenantRef, personId: string) {
  const count = async (table: string, column = 'person_id') =>
    (await sql<{ n: number }>(t, tenant, `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1 AND ${column} = $2`, [personId]))[0].n;
  return {
    account: await count('accounts', 'id'),
    activity: await count('person_activity'),
    retention: await count('retention_state'),
    consentEvents: await count('consent_events'),
    consentState: await count('consent_state'),
    mail: await count('mail_messages'),
  };
}
