import { randomUUID } from 'node:crypto';
import { runMigrations } from '../../../database/src/index.js';
import { CORE_MIGRATIONS } from '../../../platform/src/capabilities.js';
import { AuditPseudonyms1732206900000 } from '../migrations/1732206900000-audit-pseudonyms.js';
import { scratchDatabase } from '../../../../test/support/scratch-database.js';

/**
 * Entries written before audit pseudonyms existed held account ids. The migration rewrites them
 * once, on a database of its own here (it walks every tenant of the database it runs on).
 */
describe('the audit pseudonym migration', () => {
  const scratch = scratchDatabase('audit_migration');

  it('gives people who still exist a pseudonym, erased people one kept nowhere, and drops person ids from details', async () => {
    const before = CORE_MIGRATIONS.slice(0, CORE_MIGRATIONS.indexOf(AuditPseudonyms1732206900000));
    await runMigrations(scratch.url, before);
    const tenant = randomUUID();
    const living = randomUUID();
    const subscriber = randomUUID();
    const erased = randomUUID();
    const application = randomUUID();
    await scratch.db.query(`INSERT INTO tenants (id, key, plugin, name) VALUES ($1, 'old-tenant', 'kandidatenbank', 'Old')`, [tenant]);
    await scratch.db.query(
      `INSERT INTO accounts (tenant_id, id, email, display_name, roles) VALUES ($1, $2, 'still-here@example.test', 'Still Here', '{jobseeker}')`,
      [tenant, living],
    );
    await scratch.db.query(
      `INSERT INTO alert_subscribers (tenant_id, id, name, email, locale, created_at) VALUES ($1, $2, 'Sub', 'sub@example.test', 'nl', now())`,
      [tenant, subscriber],
    );
    const entry = (actor: string | null, action: string, type: string, subject: string | null, details: object) =>
      scratch.db.query(
        `INSERT INTO audit_log (tenant_id, actor_id, actor_kind, action, subject_type, subject_id, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [tenant, actor, actor ? 'account' : 'system', action, type, subject, JSON.stringify(details)],
      );
    await entry(living, 'profile.read', 'profile', living, { audience: 'self' });
    await entry(erased, 'application.read', 'application', application, { applicantId: erased, via: 'staff' });
    await entry(null, 'mail.hard-bounce', 'mail-message', randomUUID(), { personId: erased, status: '5.1.1' });
    await entry(null, 'alert.confirm', 'alert-subscriber', subscriber, {});
    await entry(null, 'person.erase', 'person', erased, { reason: 'retention' });

    await runMigrations(scratch.url, CORE_MIGRATIONS);

    const keys = (await scratch.db.query(`SELECT person_id, pseudonym FROM audit_pseudonyms WHERE tenant_id = $1`, [tenant])).rows;
    expect(keys.map((k) => k.person_id).sort()).toEqual([living, subscriber].sort());
    const alias = new Map(keys.map((k) => [k.person_id as string, k.pseudonym as string]));
    const rows = (
      await scratch.db.query(`SELECT actor_id, action, subject_id, details, a::text AS whole FROM audit_log a WHERE tenant_id = $1 ORDER BY id`, [tenant])
    ).rows;
    expect(rows[0]).toMatchObject({ actor_id: alias.get(living), subject_id: alias.get(living), details: { audience: 'self' } });
    expect(rows[1]).toMatchObject({ subject_id: application, details: { via: 'staff' } });
    expect(rows[1].details).not.toHaveProperty('applicantId');
    expect(rows[2].details).toEqual({ status: '5.1.1' });
    expect(rows[3]).toMatchObject({ subject_id: alias.get(subscriber) });
    // The erased person's two entries share a pseudonym that nothing stores.
    expect(rows[4].subject_id).toBe(rows[1].actor_id);
    expect([...alias.values()]).not.toContain(rows[4].subject_id);
    for (const r of rows) for (const id of [living, subscriber, erased]) expect(r.whole).not.toContain(id);
    // Append-only again once the migration is done.
    await expect(scratch.db.query(`UPDATE audit_log SET action = 'x.y' WHERE tenant_id = $1`, [tenant])).rejects.toThrow(/append-only/);
  });
});
