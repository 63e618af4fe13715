import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';

export interface ConsentStanding {
  readonly purpose: string;
  readonly granted: boolean;
  readonly policyVersion: string;
  readonly changedAt: Date;
}

/**
 * The person's current consents, read straight from the consent state in the same unit of work
 * as the read it guards, so a withdrawal counts from the very next request.
 */
@Injectable()
export class ConsentReader {
  async standings(tx: TenantTx, personId: string): Promise<ConsentStanding[]> {
    return tx.query<ConsentStanding>(
      `SELECT purpose, granted, policy_version AS "policyVersion", changed_at AS "changedAt"
         FROM consent_state WHERE tenant_id = $1 AND person_id = $2 ORDER BY purpose`,
      [tx.tenantId, personId],
    );
  }

  async granted(tx: TenantTx, personId: string): Promise<Set<string>> {
    return new Set((await this.standings(tx, personId)).filter((s) => s.granted).map((s) => s.purpose));
  }
}
