import { Injectable } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { declaredProcessingActivities, UNCLASSIFIED_PROCESSING_ACTIVITY } from '../../plugin-api/src/index.js';

export interface DossierOpening {
  at: Date;
  /** What was opened: `profile.read`, `profile.document.read`, `application.read`, ... */
  action: string;
  /** For which processing of the register it was opened (its id), as the entry recorded it. */
  processingActivity: string;
  /** That processing's purpose, in the register's words. */
  purpose: string;
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

  async list(tx: TenantTx | null, personId: string, limit = 500): Promise<DossierOpening[]> {
    const def = this.registry.current();
    const named = def.rights?.openedBy === 'name';
    const purposes = new Map(
      [...declaredProcessingActivities(def.processing), UNCLASSIFIED_PROCESSING_ACTIVITY].map((a) => [a.id, a.purpose]),
    );
    // The name is not even read where the tenant does not show it.
    const name = named
      ? `, (SELECT ac.display_name FROM audit_pseudonyms ap JOIN accounts ac ON ac.tenant_id = ap.tenant_id AND ac.id = ap.person_id
              WHERE ap.tenant_id = $1 AND ap.pseudonym = a.actor_id) AS name`
      : '';
    const run = (t: TenantTx) =>
      t.query<Omit<DossierOpening, 'purpose'>>(
        `WITH me AS (SELECT pseudonym FROM audit_pseudonyms WHERE tenant_id = $1 AND person_id = $2)
         SELECT a.at, a.action, a.processing_activity AS "processingActivity", a.actor_roles AS roles${name},
                COALESCE((SELECT array_agg(o.name ORDER BY o.name) FROM audit_pseudonyms ap
                            JOIN account_org_units m ON m.tenant_id = ap.tenant_id AND m.account_id = ap.person_id
                            JOIN org_units o ON o.tenant_id = m.tenant_id AND o.id = m.org_unit_id
                           WHERE ap.tenant_id = $1 AND ap.pseudonym = a.actor_id), '{}') AS organisations
           FROM audit_log a
          WHERE a.tenant_id = $1 AND a.subject_id = (SELECT pseudonym FROM me)
            AND a.action LIKE '%.read'
            AND a.actor_id IS DISTINCT FROM (SELECT pseudonym FROM me)
          ORDER BY a.id DESC LIMIT $3`,
        [t.tenantId, personId, limit],
      );
    const rows = await (tx ? run(tx) : this.db.transaction(run));
    // An activity the tenant has since dropped from its declaration still shows its id.
    return rows.map((r) => ({ ...r, purpose: purposes.get(r.processingActivity) ?? r.processingActivity }));
  }
}
