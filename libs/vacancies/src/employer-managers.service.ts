import { Injectable, NotFoundException } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';

export interface EmployerManager {
  accountId: string;
  name: string;
  designatedAt: Date;
}

/**
 * "De betreffende manager(s)" of statement 001: an explicit designation of an employer account as
 * manager of its own organisation, made by the tenant's staff. Not inferred from a parent unit:
 * a brand or region above several employers would otherwise read every employer's applications.
 */
@Injectable()
export class EmployerManagersService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  list(orgUnitId: string): Promise<EmployerManager[]> {
    return this.db.transaction(async (tx) => {
      await this.assertEmployerUnit(tx, orgUnitId);
      return tx.query<EmployerManager>(
        `SELECT m.account_id AS "accountId", a.display_name AS name, m.designated_at AS "designatedAt"
           FROM employer_managers m JOIN accounts a ON a.tenant_id = m.tenant_id AND a.id = m.account_id
          WHERE m.tenant_id = $1 AND m.org_unit_id = $2 ORDER BY a.display_name`,
        [tx.tenantId, orgUnitId],
      );
    });
  }

  designate(orgUnitId: string, accountId: string): Promise<void> {
    return this.db.transaction(async (tx) => {
      await this.assertEmployerUnit(tx, orgUnitId);
      const [member] = await tx.query(
        `SELECT 1 FROM account_org_units m JOIN accounts a ON a.tenant_id = m.tenant_id AND a.id = m.account_id
          WHERE m.tenant_id = $1 AND m.org_unit_id = $2 AND m.account_id = $3 AND 'employer' = ANY(a.roles)`,
        [tx.tenantId, orgUnitId, accountId],
      );
      if (!member)
        throw new ValidationProblem([{ field: 'accountId', reason: 'is not an employer account of this organisation' }]);
      await tx.query(
        `INSERT INTO employer_managers (tenant_id, org_unit_id, account_id, designated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [tx.tenantId, orgUnitId, accountId, this.clock.now()],
      );
      await this.audit.record(
        { action: 'employer-manager.designate', subjectType: 'account', subjectId: accountId, details: { orgUnitId } },
        tx,
      );
    });
  }

  revoke(orgUnitId: string, accountId: string): Promise<void> {
    return this.db.transaction(async (tx) => {
      const removed = await tx.query(
        `WITH removed AS (
           DELETE FROM employer_managers WHERE tenant_id = $1 AND org_unit_id = $2 AND account_id = $3 RETURNING account_id
         ) SELECT account_id FROM removed`,
        [tx.tenantId, orgUnitId, accountId],
      );
      if (!removed.length) throw new NotFoundException('This account is not a manager of this organisation');
      await this.audit.record(
        { action: 'employer-manager.revoke', subjectType: 'account', subjectId: accountId, details: { orgUnitId } },
        tx,
      );
    });
  }

  private async assertEmployerUnit(tx: TenantTx, orgUnitId: string): Promise<void> {
    const [unit] = await tx.query(`SELECT 1 FROM org_units WHERE tenant_id = $1 AND id = $2 AND kind = 'employer'`, [
      tx.tenantId,
      orgUnitId,
    ]);
    if (!unit) throw new NotFoundException('No such employer organisation');
  }
}
