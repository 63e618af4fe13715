import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from '../../../database/src/index.js';

/**
 * Data-subject requests and the exports built for them. A request outlives the person it is about
 * (the proof that an erasure was asked for and done), so erasure clears its person and free text
 * but keeps the request with its dates and its verification report, which never names anyone.
 */
export class Rights1732209400000 implements MigrationInterface {
  name = 'Rights1732209400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rights_requests (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        reference text NOT NULL,
        person_id uuid,
        kind text NOT NULL CHECK (kind IN ('access','portability','rectification','erasure','restriction','objection')),
        status text NOT NULL CHECK (status IN ('received','identity-verified','in-progress','awaiting-decision','completed','refused')),
        source text NOT NULL CHECK (source IN ('self','post','phone','email','in-person')),
        entered_by uuid,
        details text,
        received_at timestamptz NOT NULL,
        received_on date NOT NULL,
        due_on date NOT NULL,
        extension_reason text,
        refusal_reason text,
        report jsonb,
        reminded_at timestamptz,
        escalated_at timestamptz,
        decided_at timestamptz,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, reference)
      )`);
    await q.query(`CREATE INDEX rights_requests_person ON rights_requests (tenant_id, person_id)`);
    await q.query(
      `CREATE INDEX rights_requests_open ON rights_requests (tenant_id, due_on) WHERE status NOT IN ('completed','refused')`,
    );
    await q.query(`
      CREATE TABLE rights_exports (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL,
        person_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('building','ready','downloaded','failed')),
        token_hash text,
        document jsonb,
        created_at timestamptz NOT NULL,
        ready_at timestamptz,
        expires_at timestamptz,
        downloaded_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, request_id) REFERENCES rights_requests (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE UNIQUE INDEX rights_exports_token ON rights_exports (tenant_id, token_hash)`,
    );
    await q.query(`CREATE INDEX rights_exports_person ON rights_exports (tenant_id, person_id)`);
    for (const t of ['rights_requests', 'rights_exports'])
      for (const sql of tenantTableSecurity(t)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rights_exports, rights_requests`);
  }
}
