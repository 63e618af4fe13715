import { ConflictException, Injectable } from '@nestjs/common';
import { TenantDb } from '../../database/src/index.js';
import type { OrgUnitKind } from '../../plugin-api/src/index.js';
import { OrgUnitEntity } from './org-unit.entity.js';
import { ValidationProblem } from '../../http/src/index.js';

@Injectable()
export class OrgUnitsService {
  constructor(private readonly db: TenantDb) {}

  async create(input: {
    key: string;
    name: string;
    kind: OrgUnitKind;
    parentId?: string | null;
    candidateBankAccess?: boolean;
  }): Promise<OrgUnitEntity> {
    return this.db.transaction(async (tx) => {
      const repo = tx.repo(OrgUnitEntity);
      if (await repo.findOne({ key: input.key })) throw new ConflictException(`Org unit "${input.key}" exists`);
      if (input.parentId && !(await repo.findOne({ id: input.parentId })))
        throw new ValidationProblem([{ field: 'parentId', reason: 'is not an organisation unit of this tenant' }]);
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO org_units (tenant_id, parent_id, kind, key, name, candidate_bank_access)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [tx.tenantId, input.parentId ?? null, input.kind, input.key, input.name, input.candidateBankAccess ?? false],
      );
      return (await repo.findOne({ id: row.id }))!;
    });
  }

  list(): Promise<OrgUnitEntity[]> {
    return this.db.transaction((tx) => tx.repo(OrgUnitEntity).find({}, { order: { name: 'ASC' } }));
  }

  /**
   * The units and all their descendants: "staff of my region" reaches every municipality in it.
   * With `rootKinds`, only the roots of those kinds count (a region's member reaches nothing where
   * only municipalities handle something).
   */
  subtree(rootIds: readonly string[], opts: { rootKinds?: readonly OrgUnitKind[] } = {}): Promise<string[]> {
    if (!rootIds.length) return Promise.resolve([]);
    return this.db.transaction(async (tx) =>
      (
        await tx.query<{ id: string }>(
          `WITH RECURSIVE tree AS (
             SELECT id FROM org_units WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND ($3::text[] IS NULL OR kind = ANY($3::text[]))
             UNION
             SELECT o.id FROM org_units o JOIN tree t ON o.parent_id = t.id WHERE o.tenant_id = $1
           ) SELECT id FROM tree`,
          [tx.tenantId, rootIds, opts.rootKinds ?? null],
        )
      ).map((r) => r.id),
    );
  }
}
