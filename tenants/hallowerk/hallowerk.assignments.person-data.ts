import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonDataRegistry, type TenantTx } from '../../libs/tenant-host/src/index.js';
import { list } from './hallowerk.assignments.service.js';

const eraseMany = async (tx: TenantTx, personIds: readonly string[]) => {
  await tx.query(`DELETE FROM hallowerk_assignments WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`, [tx.tenantId, personIds]);
  // A coach erased: the assignments they gave stay the person's, without the coach's reference.
  await tx.query(`UPDATE hallowerk_assignments SET assigned_by = NULL WHERE tenant_id = $1 AND assigned_by = ANY($2::uuid[])`, [tx.tenantId, personIds]);
};

/**
 * A jobseeker's assignments and results are part of their dossier: they come with an access
 * request and go with erasure and with the dossier's retention term, here and not through the
 * foreign key alone, so the sweep and the erasure report name them.
 */
@Injectable()
export class AssignmentsPersonData implements OnModuleInit {
  constructor(private readonly registry: PersonDataRegistry) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'hallowerk-assignments',
      erase: (tx, personId) => eraseMany(tx, [personId]),
      eraseMany,
      export: async (tx, personId) => ({
        assignments: await list(tx, personId),
        // For a coach: which assignments they gave (the jobseeker's answers are the jobseeker's).
        given: await tx.query(
          `SELECT id, kind, assigned_at AS "assignedAt" FROM hallowerk_assignments WHERE tenant_id = $1 AND assigned_by = $2 ORDER BY assigned_at`,
          [tx.tenantId, personId],
        ),
      }),
    });
  }
}
