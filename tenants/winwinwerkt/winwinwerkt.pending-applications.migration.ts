import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../libs/tenant-host/src/index.js';

/**
 * Statement 003, 2.4: someone without an account applies in the request that creates it. The
 * application waits here, seen by no client and counted nowhere, until the mailbox is proven. It
 * belongs to the account, so it goes with it (an unconfirmed registration is erased when its link
 * expires); for an address that already had an account it carries the hash of the link mailed to it.
 */
export class WinWinWerktPendingApplications1732209800100 implements MigrationInterface {
  name = 'WinWinWerktPendingApplications1732209800100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE winwinwerkt_pending_applications (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        vacancy_id uuid NOT NULL,
        host text NOT NULL CHECK (length(host) BETWEEN 1 AND 253),
        statement_version text NOT NULL,
        motivation text NOT NULL CHECK (length(motivation) BETWEEN 1 AND 10000),
        join_etalage boolean NOT NULL,
        coach_org_id uuid,
        confirm_token_hash text,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, confirm_token_hash),
        FOREIGN KEY (tenant_id, person_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, vacancy_id) REFERENCES vacancies (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, coach_org_id) REFERENCES org_units (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX winwinwerkt_pending_applications_person ON winwinwerkt_pending_applications (tenant_id, person_id)`);
    await q.query(`CREATE INDEX winwinwerkt_pending_applications_vacancy ON winwinwerkt_pending_applications (tenant_id, vacancy_id)`);
    for (const sql of tenantTableSecurity('winwinwerkt_pending_applications')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE winwinwerkt_pending_applications`);
  }
}
