import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TenantDb, multiRowValues, type TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { AuditPseudonyms, isPersonSubject, PERSON_SUBJECT_TYPES } from './audit-pseudonyms.js';
import type { CoreAuditAction } from '../../plugin-api/src/index.js';
import { ProcessingActivities } from './processing-activities.js';

/**
 * Details carry ids of things (never of people), counts and codes only: never names, addresses or
 * free text. A person is named only as the actor or the subject, which the log stores as their
 * pseudonym.
 */
export type AuditDetails = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

export interface AuditEntry<A extends string = CoreAuditAction> {
  /**
   * Dotted verb, e.g. `profile.read`, `search.run`: a core action (its processing activity is in
   * CORE_AUDIT_ACTIVITIES) or, through `recordTenantAction`, one the tenant maps in its declaration.
   */
  readonly action: A;
  /**
   * The processing activity when it is not the action's usual one (an erasure a rights request
   * asked for is `data-subject-rights`, not `retention`). A core activity or one the tenant declares.
   */
  readonly processingActivity?: string;
  /** `person`, `profile`, `account` and `alert-subscriber` subjects are people (see PERSON_SUBJECT_TYPES). */
  readonly subjectType: string;
  readonly subjectId?: string | null;
  readonly details?: AuditDetails;
}

export interface AuditRow {
  id: string;
  at: Date;
  /** The acting account; null for the platform itself, for anonymous callers and for erased people. */
  actorId: string | null;
  actorKind: string;
  actorRoles: string[];
  action: string;
  /** The processing activity (of the register) the entry belongs to. */
  processingActivity: string;
  subjectType: string;
  /** For a person subject: their id while they exist, null once they are erased. */
  subjectId: string | null;
  details: AuditDetails;
}

/**
 * The one mechanism every dossier read and change goes through. It writes in the caller's unit of
 * work, so an audited change and its audit entry commit or roll back together. People (actors and
 * person subjects) are stored as their pseudonym (AuditPseudonyms): readers translate back while
 * the person exists; after erasure the entries stay, tied to no one.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
    private readonly pseudonyms: AuditPseudonyms,
    private readonly activities: ProcessingActivities,
  ) {}

  record(entry: AuditEntry, tx?: TenantTx): Promise<void> {
    return this.recordMany([entry], tx);
  }

  /**
   * An entry of a tenant's own action: the tenant's declaration (`processing.auditActions`) names its
   * activity, and an action it does not map is refused, rolling the caller's unit of work back.
   */
  recordTenantAction(entry: AuditEntry<string>, tx?: TenantTx): Promise<void> {
    return tx ? this.write([entry], tx) : this.db.transaction((t) => this.write([entry], t));
  }

  /** Several entries by the same actor in one statement (the retention sweep's per-person entries). */
  recordMany(entries: readonly AuditEntry[], tx?: TenantTx): Promise<void> {
    if (!entries.length) return Promise.resolve();
    return tx ? this.write(entries, tx) : this.db.transaction((t) => this.write(entries, t));
  }

  /**
   * Erasure's last step: its own entries, then the people's key goes. Their entries stay, and
   * nothing ties them to the people any more. Someone erased without any entry yet gets a pseudonym
   * that is never stored (no key written only to be deleted).
   */
  async recordAndForget(entries: readonly AuditEntry[], personIds: readonly string[], tx: TenantTx): Promise<void> {
    await this.write(entries, tx, new Set(personIds));
    await this.pseudonyms.forget(tx, personIds);
  }

  private async write(entries: readonly AuditEntry<string>[], t: TenantTx, forgotten: ReadonlySet<string> = new Set()): Promise<void> {
    if (!entries.length) return;
    // Before anything is written: an entry without its activity must not reach the log.
    const activityOf = entries.map((e) => this.activities.of(e.action, e.processingActivity));
    const actor = RequestContext.actor();
    const people = entries.filter((e) => e.subjectId && isPersonSubject(e.subjectType)).map((e) => e.subjectId!);
    if (actor.accountId) people.push(actor.accountId);
    const alias = await this.pseudonyms.find(t, [...new Set(people)]);
    const missing = [...new Set(people.filter((id) => !alias.has(id)))];
    for (const id of missing.filter((m) => forgotten.has(m))) alias.set(id, randomUUID());
    for (const [id, p] of await this.pseudonyms.ensure(t, missing.filter((m) => !forgotten.has(m)))) alias.set(id, p);
    const rows = entries.map((e, i) => [
      e.action,
      activityOf[i],
      e.subjectType,
      e.subjectId && isPersonSubject(e.subjectType) ? alias.get(e.subjectId) : (e.subjectId ?? null),
      JSON.stringify(e.details ?? {}),
    ]);
    // One multi-row VALUES, not INSERT ... SELECT: Citus routes it to the tenant's shard (an insert
    // from a set-returning function is copied in, which row-level security refuses). Rows are
    // inserted in the caller's order, so the ids keep it.
    const { values, params } = multiRowValues(
      [t.tenantId, this.clock.now(), actor.accountId ? alias.get(actor.accountId) : null, actor.kind, actor.roles, RequestContext.requestId() ?? null],
      rows,
      ([tenant, at, actorId, kind, roles, request], [action, activity, subjectType, subjectId, details]) =>
        `${tenant}::uuid, ${at}::timestamptz, ${actorId}::uuid, ${kind}, ${roles}::text[], ${action}, ${activity}, ${subjectType}, ${subjectId}::uuid, ${request}, ${details}::jsonb`,
    );
    await t.query(
      `INSERT INTO audit_log (tenant_id, at, actor_id, actor_kind, actor_roles, action, processing_activity, subject_type, subject_id, request_id, details)
       VALUES ${values}`,
      params,
    );
  }

  /** Entries about one subject (a person's id or a thing's), newest first, with keyset pagination on the id. */
  async forSubject(subjectId: string, opts: { before?: string; limit?: number } = {}): Promise<AuditRow[]> {
    return this.list({ subjectId, ...opts });
  }

  async list(opts: { subjectId?: string; actorId?: string; processingActivity?: string; before?: string; limit?: number }): Promise<AuditRow[]> {
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
    return this.db.transaction((tx) =>
      // A person is looked up by their pseudonym; a person without one (erased, or never audited)
      // matches nothing, and a thing's id matches itself.
      tx.query<AuditRow>(
        `SELECT a.id::text, a.at, ap.person_id AS "actorId", a.actor_kind AS "actorKind", a.actor_roles AS "actorRoles",
                a.action, a.processing_activity AS "processingActivity", a.subject_type AS "subjectType",
                CASE WHEN a.subject_type = ANY($6::text[]) THEN sp.person_id ELSE a.subject_id END AS "subjectId",
                a.details
           FROM audit_log a
           LEFT JOIN audit_pseudonyms ap ON ap.tenant_id = a.tenant_id AND ap.pseudonym = a.actor_id
           LEFT JOIN audit_pseudonyms sp ON sp.tenant_id = a.tenant_id AND sp.pseudonym = a.subject_id
          WHERE a.tenant_id = $1
            AND ($2::uuid IS NULL OR a.subject_id = COALESCE(
                  (SELECT k.pseudonym FROM audit_pseudonyms k WHERE k.tenant_id = $1 AND k.person_id = $2), $2))
            AND ($3::uuid IS NULL OR a.actor_id =
                  (SELECT k.pseudonym FROM audit_pseudonyms k WHERE k.tenant_id = $1 AND k.person_id = $3))
            AND ($4::bigint IS NULL OR a.id < $4)
            AND ($7::text IS NULL OR a.processing_activity = $7)
          ORDER BY a.id DESC LIMIT $5`,
        [tx.tenantId, opts.subjectId ?? null, opts.actorId ?? null, opts.before ?? null, limit, PERSON_SUBJECT_TYPES, opts.processingActivity ?? null],
      ),
    );
  }
}
