import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

const PERSON_SUBJECTS = `ARRAY['person', 'profile', 'account', 'alert-subscriber']`;

/**
 * Audit entries name people by a pseudonym kept in `audit_pseudonyms`, the only place where a person's
 * id and pseudonym meet; erasing a person deletes that row, so the append-only log keeps what
 * happened without anything that leads back to them.
 *
 * Entries written before this migration held account ids. They are rewritten here, once, by the
 * owner with the append-only trigger disabled for this transaction only: people who still exist get
 * their pseudonym; people already erased get one that is stored nowhere. Person ids that details
 * carried (`personId`, `applicantId`) are dropped. The runtime role's grants stay SELECT and INSERT.
 */
export class AuditPseudonyms1732206900000 implements MigrationInterface {
  name = 'AuditPseudonyms1732206900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_pseudonyms (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        person_id uuid NOT NULL,
        pseudonym uuid NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, person_id),
        UNIQUE (tenant_id, pseudonym)
      )`);
    await this.pseudonymiseExistingEntries(q);
    for (const sql of tenantTableSecurity('audit_pseudonyms', ['SELECT', 'INSERT', 'DELETE'])) await q.query(sql);
  }

  private async pseudonymiseExistingEntries(q: QueryRunner): Promise<void> {
    const tenants: { id: string }[] = await q.query(`SELECT id FROM tenants`);
    if (!tenants.length) return;
    await q.query(`CREATE TEMPORARY TABLE audit_people_map (person_id uuid PRIMARY KEY, pseudonym uuid NOT NULL, kept boolean NOT NULL) ON COMMIT DROP`);
    await q.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    for (const { id } of tenants) {
      // Under row-level security like every tenant transaction, whatever the owner role may bypass.
      await q.query(`SELECT app.set_tenant($1)`, [id]);
      await q.query(`TRUNCATE audit_people_map`);
      await q.query(
        `INSERT INTO audit_people_map (person_id, pseudonym, kept)
         SELECT p.person_id, gen_random_uuid(),
                EXISTS (SELECT 1 FROM accounts x WHERE x.tenant_id = $1 AND x.id = p.person_id)
                OR EXISTS (SELECT 1 FROM alert_subscribers s WHERE s.tenant_id = $1 AND s.id = p.person_id)
           FROM (SELECT actor_id AS person_id FROM audit_log WHERE tenant_id = $1 AND actor_id IS NOT NULL
                 UNION
                 SELECT subject_id FROM audit_log
                  WHERE tenant_id = $1 AND subject_id IS NOT NULL AND subject_type = ANY(${PERSON_SUBJECTS})) p`,
        [id],
      );
      await q.query(
        `INSERT INTO audit_pseudonyms (tenant_id, person_id, pseudonym, created_at)
         SELECT $1, person_id, pseudonym, now() FROM audit_people_map WHERE kept`,
        [id],
      );
      await q.query(
        `UPDATE audit_log a
            SET actor_id = (SELECT m.pseudonym FROM audit_people_map m WHERE m.person_id = a.actor_id),
                subject_id = CASE WHEN a.subject_type = ANY(${PERSON_SUBJECTS})
                                  THEN (SELECT m.pseudonym FROM audit_people_map m WHERE m.person_id = a.subject_id)
                                  ELSE a.subject_id END,
                details = a.details - 'personId' - 'applicantId'
          WHERE a.tenant_id = $1`,
        [id],
      );
    }
    await q.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_pseudonyms`);
  }
}
