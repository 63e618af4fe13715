import { Injectable } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { TenantRegistry } from '../../tenancy/src/tenant-registry.js';

export interface DossierOpening {
  at: Date;
  /** What was opened: `profile.read`, `profile.document.read`, `application.read`, ... */
  action: string;
  /** The roles of whoever opened it, as the log recorded them at that moment. */
  roles: string[];
  /** The organisations they belonged to (employers, municipalities, teams); empty for the platform. */
  organisations: string[];
  /**
   * The reader's name, only where the tenant declares that people see names (`rights.openedBy:
   * 'name'`); null for the platform itself and for a reader who has since been erased.
   */
  name?: string | null;
}

/**
 * "Who opened my dossier", read from the audit log: every read of the person's data by someone
 * else, with the organisations and roles of the reader and when. Readers are named only where the
 * tenant declares it (`rights.openedBy`); otherwise the person learns which organisation looked,
 * and can ask that organisation why.
 */
@Injectable()
export class DossierOpenings {
  constructor(
    private readonly db: TenantDb,
    private readonly registry: TenantRegistry,
  ) {}

  list(tx: TenantTx | null, personId: string, limit = 500): Promise<DossierOpening[]> {
    const named = this.registry.current().rights?.openedBy === 'name';
    // The name is not even read where the tenant does not show it.
    const name = named
      ? `, (SELECT ac.display_name FROM audit_pseudonyms ap JOIN accounts ac ON ac.tenant_id = ap.tenant_id AND ac.id = ap.person_id
              WHERE ap.tenant_id = a.tenant_id AND ap.pseudonym = a.actor_id) AS name`
      : '';
    const run = (t: TenantTx) =>
      t.query<DossierOpening>(
        `WITH me AS (SELECT pseudonym FROM audit_pseudonyms WHERE tenant_id = $1 AND person_id = $2)
         SELECT a.at, a.action, a.actor_roles AS roles${name},
                COALESCE((SELECT array_agg(o.name ORDER BY o.name) FROM audit_pseudonyms ap
                            JOIN account_org_units m ON m.tenant_id = ap.tenant_id AND m.account_id = ap.person_id
                            JOIN org_units o ON o.tenant_id = m.tenant_id AND o.id = m.org_unit_id
                           WHERE ap.tenant_id = a.tenant_id AND ap.pseudonym = a.actor_id), '{}') AS organisations
           FROM audit_log a
          WHERE a.tenant_id = $1 AND a.subject_id = (SELECT pseudonym FROM me)
            AND a.action LIKE '%.read'
            AND a.actor_id IS DISTINCT FROM (SELECT pseudonym FROM me)
          ORDER BY a.id DESC LIMIT $3`,
        [t.tenantId, personId, limit],
      );
    return tx ? run(tx) : this.db.transaction(run);
  }
}
