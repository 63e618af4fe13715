import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * A person's restriction of processing (art. 18 / 21) can be held by several parties at once: an
 * objection or restriction request, a tenant's own objection awaiting a decision, a hold a tenant
 * places. `profiles.processing_restricted_at` stays the one flag every reader checks; it is set
 * while any holder here is in force (`lifted_at` null), so lifting one holder never lifts another's.
 * A lift is announced first (art. 18(3)): `lifts_on` is the day it takes effect, until then the
 * holder still holds. Restricted people of before get one holder per request that restricts them,
 * or a `legacy` one when none does, so nobody is listed again by this change.
 */
export class ProcessingRestrictionHolders1732209850000 implements MigrationInterface {
  name = 'ProcessingRestrictionHolders1732209850000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE processing_restriction_holders (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        holder text NOT NULL,
        reference text,
        placed_at timestamptz NOT NULL,
        lift_announced_at timestamptz,
        lift_announced_by uuid,
        lift_reason text,
        lifts_on date,
        lifted_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES accounts(tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT processing_restriction_holders_announced CHECK ((lifts_on IS NULL) = (lift_announced_at IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX processing_restriction_holders_in_force
      ON processing_restriction_holders (tenant_id, person_id, holder) WHERE lifted_at IS NULL`);
    await q.query(`CREATE INDEX processing_restriction_holders_due
      ON processing_restriction_holders (tenant_id, lifts_on) WHERE lifted_at IS NULL AND lifts_on IS NOT NULL`);
    for (const sql of tenantTableSecurity('processing_restriction_holders')) await q.query(sql);
    // Restrictions in force before: tenant by tenant, under row-level security.
    for (const { id } of (await q.query(`SELECT id FROM tenants`)) as { id: string }[]) {
      await q.query(`SELECT app.set_tenant($1)`, [id]);
      await q.query(
        `INSERT INTO processing_restriction_holders (tenant_id, person_id, holder, reference, placed_at)
         SELECT r.tenant_id, r.person_id, 'rights-request:' || r.id, r.reference, r.received_at
           FROM rights_requests r
           JOIN profiles p ON p.tenant_id = r.tenant_id AND p.id = r.person_id AND p.processing_restricted_at IS NOT NULL
          WHERE r.tenant_id = $1 AND r.kind IN ('objection', 'restriction') AND r.purpose IS NULL
            AND (r.status NOT IN ('completed', 'refused') OR (r.status = 'completed' AND r.lifted_at IS NULL))`,
        [id],
      );
      await q.query(
        `INSERT INTO processing_restriction_holders (tenant_id, person_id, holder, placed_at)
         SELECT p.tenant_id, p.id, 'legacy', p.processing_restricted_at FROM profiles p
          WHERE p.tenant_id = $1 AND p.processing_restricted_at IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM processing_restriction_holders h WHERE h.tenant_id = p.tenant_id AND h.person_id = p.id)`,
        [id],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE processing_restriction_holders`);
  }
}
