import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  AuditService,
  Clock,
  MailService,
  PersonDataRegistry,
  RestrictionHolds,
  TenantDb,
  type TenantTx,
  ValidationProblem,
  type Actor,
} from '../../../libs/tenant-host/src/index.js';
import type { LiftObjectionHoldDto, ObjectionsQuery, ResolveObjectionDto } from './objections.dto.js';
import { reference } from './reference.js';

/** The objection's own hold on the person's restriction of processing. */
const holdKey = (objectionId: string) => `objection:${objectionId}`;

/**
 * "You have the right to object to the use of your personal data": the objection is recorded,
 * confirmed to the person by mail, and lands on the staff task list until a staff member records
 * the outcome. Jobseekers and business contacts alike may object. From receipt the objection holds
 * a restriction of the person's processing based on legitimate interest (not listed to employers,
 * no newsletter), as the core's objection does: upheld (`processing-stopped`) it keeps holding;
 * `processing-continues` announces its lift to the person with the reason, in effect after the
 * notice the rights declaration gives; any other hold (a request to the core) is left alone.
 */
@Injectable()
export class ObjectionsService {
  constructor(
    private readonly db: TenantDb,
    private readonly people: PersonDataRegistry,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly holds: RestrictionHolds,
  ) {}

  async object(actor: Actor, reason: string) {
    const personKind = actor.roles.includes('jobseeker') ? 'jobseeker' : 'employer-contact';
    return this.db.transaction(async (tx) => {
      const ref = reference('OB');
      const [row] = await tx.query<{ id: string; receivedAt: Date }>(
        `INSERT INTO refugeework_objections (tenant_id, reference, person_id, person_kind, reason, received_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, received_at AS "receivedAt"`,
        [tx.tenantId, ref, actor.accountId, personKind, reason.trim(), this.clock.now()],
      );
      await this.audit.recordTenantAction({ action: 'objection.receive', subjectType: 'person', subjectId: actor.accountId, details: { objectionId: row.id } }, tx);
      await this.holds.place(tx, actor.accountId!, { key: holdKey(row.id), reference: ref });
      const contact = (await this.people.contacts(tx, [actor.accountId!])).get(actor.accountId!);
      if (contact)
        await this.mail.enqueue(tx, {
          template: 'objection-received',
          to: { address: contact.address, personId: actor.accountId, personKind, locale: contact.locale ?? undefined },
          variables: { name: contact.name, reference: ref },
          idempotencyKey: `objection-received:${row.id}`,
        });
      return { id: row.id, reference: ref, status: 'open', receivedAt: row.receivedAt };
    });
  }

  /** The staff task list; reading it is reading dossiers, so it is audited. */
  list(query: ObjectionsQuery) {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string; personId: string }>(
        `SELECT id, reference, person_id AS "personId", person_kind AS "personKind", reason, status,
                received_at AS "receivedAt", resolved_at AS "resolvedAt", outcome
           FROM refugeework_objections
          WHERE tenant_id = $1 AND status = $2
          ORDER BY received_at, id LIMIT 200`,
        [tx.tenantId, query.status ?? 'open'],
      );
      await this.audit.recordTenantAction({ action: 'objection.list', subjectType: 'objection', details: { count: rows.length, ids: rows.map((r) => r.id) } }, tx);
      return rows;
    });
  }

  async resolve(actor: Actor, id: string, dto: ResolveObjectionDto) {
    // Continuing to process over an objection needs grounds the person is told (art. 21(1), 18(3)).
    if (dto.outcome === 'processing-continues' && !dto.reason?.trim())
      throw new ValidationProblem([{ field: 'reason', reason: 'continuing the processing needs the reason mailed to the person' }]);
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ personId: string; status: string }>(
        `SELECT person_id AS "personId", status FROM refugeework_objections WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
        [tx.tenantId, id],
      );
      if (!row) throw new NotFoundException('No objection with this id');
      if (row.status !== 'open') throw new ConflictException('This objection is already resolved');
      await tx.query(
        `UPDATE refugeework_objections SET status = 'resolved', resolved_at = $3, resolved_by = $4, outcome = $5 WHERE tenant_id = $1 AND id = $2`,
        [tx.tenantId, id, this.clock.now(), actor.accountId, dto.outcome],
      );
      await this.audit.recordTenantAction(
        { action: 'objection.resolve', subjectType: 'person', subjectId: row.personId, details: { objectionId: id, outcome: dto.outcome } },
        tx,
      );
      const restriction =
        dto.outcome === 'processing-continues'
          ? await this.holds.announceLift(tx, row.personId, holdKey(id), dto.reason!.trim())
          : null;
      return { id, status: 'resolved', outcome: dto.outcome, ...(restriction ?? {}) };
    });
  }

  /** Staff announce the lift of what a stopped objection holds; only a resolved, stopped objection holds. */
  lift(id: string, dto: LiftObjectionHoldDto) {
    return this.db.transaction(async (tx) => {
      const personId = await this.stopped(tx, id);
      return { id, ...(await this.holds.announceLift(tx, personId, holdKey(id), dto.reason)) };
    });
  }

  cancelLift(id: string) {
    return this.db.transaction(async (tx) => {
      const personId = await this.stopped(tx, id);
      return { id, ...(await this.holds.cancelLift(tx, personId, holdKey(id))) };
    });
  }

  private async stopped(tx: TenantTx, id: string): Promise<string> {
    const [row] = await tx.query<{ personId: string; status: string; outcome: string | null }>(
      `SELECT person_id AS "personId", status, outcome FROM refugeework_objections WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tx.tenantId, id],
    );
    if (!row) throw new NotFoundException('No objection with this id');
    if (row.status === 'open') throw new ConflictException('This objection is still open: resolve it first');
    if (row.outcome !== 'processing-stopped')
      throw new ConflictException(`This objection was resolved as ${row.outcome}: it holds nothing to lift`);
    return row.personId;
  }
}
