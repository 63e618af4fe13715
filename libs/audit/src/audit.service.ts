import { Injectable } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/clock.js';
import { RequestContext } from '../../context/src/index.js';

/** Details carry ids, counts and codes only: never names, addresses or free text about a person. */
export type AuditDetails = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

export interface AuditEntry {
  /** Dotted verb, e.g. `profile.read`, `profile.update`, `search.run`, `retention.delete`. */
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId?: string | null;
  readonly details?: AuditDetails;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorId: string | null;
  actorKind: string;
  actorRoles: string[];
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: AuditDetails;
}

/**
 * The one mechanism every dossier read and change goes through. It writes in the caller's unit of
 * work, so an audited change and its audit entry commit or roll back together.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
  ) {}

  record(entry: AuditEntry, tx?: TenantTx): Promise<void> {
    return this.recordMany([entry], tx);
  }

  /** Several entries by the same actor in one statement (the retention sweep's per-person entries). */
  recordMany(entries: readonly AuditEntry[], tx?: TenantTx): Promise<void> {
    if (!entries.length) return Promise.resolve();
    const write = async (t: TenantTx) => {
      const actor = RequestContext.actor();
      const rows = entries.map((e) => ({
        action: e.action,
        subject_type: e.subjectType,
        subject_id: e.subjectId ?? null,
        details: e.details ?? {},
      }));
      // WITH ORDINALITY keeps the caller's order in the ids, as separate inserts would.
      await t.query(
        `INSERT INTO audit_log (tenant_id, at, actor_id, actor_kind, actor_roles, action, subject_type, subject_id, request_id, details)
         SELECT $1, $2, $3, $4, $5, x.e->>'action', x.e->>'subject_type', (x.e->>'subject_id')::uuid, $6, x.e->'details'
           FROM jsonb_array_elements($7::jsonb) WITH ORDINALITY AS x(e, n)
          ORDER BY x.n`,
        [
          t.tenantId,
          this.clock.now(),
          actor.accountId,
          actor.kind,
          actor.roles,
          RequestContext.requestId() ?? null,
          JSON.stringify(rows),
        ],
      );
    };
    return tx ? write(tx) : this.db.transaction(write);
  }

  /** Entries about one subject, newest first, with keyset pagination on the id. */
  async forSubject(subjectId: string, opts: { before?: string; limit?: number } = {}): Promise<AuditRow[]> {
    return this.list({ subjectId, ...opts });
  }

  async list(opts: { subjectId?: string; actorId?: string; before?: string; limit?: number }): Promise<AuditRow[]> {
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
    return this.db.transaction((tx) =>
      tx.query<AuditRow>(
        `SELECT id::text, at, actor_id AS "actorId", actor_kind AS "actorKind", actor_roles AS "actorRoles", action,
                subject_type AS "subjectType", subject_id AS "subjectId", details
           FROM audit_log
          WHERE tenant_id = $1
            AND ($2::uuid IS NULL OR subject_id = $2)
            AND ($3::uuid IS NULL OR actor_id = $3)
            AND ($4::bigint IS NULL OR id < $4)
          ORDER BY id DESC LIMIT $5`,
        [tx.tenantId, opts.subjectId ?? null, opts.actorId ?? null, opts.before ?? null, limit],
      ),
    );
  }
}
