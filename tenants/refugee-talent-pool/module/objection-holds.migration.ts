import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An objection waiting for staff now restricts the person's processing from receipt (a hold of its
 * own among the core's restriction holders). Objections still open when this ships get their hold
 * too, and the person's profile flag with it, so they are not listed to employers while they wait.
 */
export class RefugeeWorkObjectionHolds1732209851000 implements MigrationInterface {
  name = 'RefugeeWorkObjectionHolds1732209851000';

  async up(q: QueryRunner): Promise<void> {
    for (const { id } of (await q.query(`SELECT id FROM tenants`)) as { id: string }[]) {
      await q.query(`SELECT app.set_tenant($1)`, [id]);
      await q.query(
        `INSERT INTO processing_restriction_holders (tenant_id, person_id, holder, reference, placed_at)
         SELECT o.tenant_id, o.person_id, 'tenant:objection:' || o.id, o.reference, o.received_at
           FROM refugeework_objections o
          WHERE o.tenant_id = $1 AND o.status = 'open'
         ON CONFLICT (tenant_id, person_id, holder) WHERE lifted_at IS NULL DO NOTHING`,
        [id],
      );
      // The search function re-reads this flag on every page, so a stale index row lists nobody.
      await q.query(
        `UPDATE profiles p SET processing_restricted_at = h.placed_at
           FROM (SELECT person_id, min(placed_at) AS placed_at FROM processing_restriction_holders
                  WHERE tenant_id = $1 AND lifted_at IS NULL GROUP BY person_id) h
          WHERE p.tenant_id = $1 AND p.id = h.person_id AND p.processing_restricted_at IS NULL`,
        [id],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM processing_restriction_holders WHERE holder LIKE 'tenant:objection:%'`);
  }
}
