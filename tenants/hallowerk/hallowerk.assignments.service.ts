import { Injectable, NotFoundException, ConflictException } from '@nestjs/common';
import {
  type Actor,
  AuditService,
  Clock,
  MailService,
  PortalLinks,
  StaffReach,
  TenantDb,
  ValidationProblem,
  refusedValueProblems,
  type TenantTx,
} from '../../libs/tenant-host/src/index.js';
import { COACHING, refuseEmployerFacing } from './hallowerk.coaching.js';
import type { AssignCareerAssignmentDto, AssignmentKind, CompleteCareerAssignmentDto } from './hallowerk.assignments.dto.js';

export interface Assignment {
  readonly id: string;
  readonly kind: AssignmentKind;
  readonly title: string;
  readonly instructions: string | null;
  readonly dueOn: string | null;
  readonly assignedAt: Date;
  readonly completedAt: Date | null;
  readonly answers: string | null;
  readonly result: string | null;
}

/** The one SELECT list of an assignment: every route answers the same shape. */
export const ASSIGNMENT_COLUMNS = `id, kind, title, instructions, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", assigned_at AS "assignedAt",
  completed_at AS "completedAt", answers, result`;

/** Where the statement's BSN refusal sends the person instead (the text fields are theirs). */
const BSN_NOTE = 'HalloWerk holds no BSN: leave it out';

const assignmentNotFound = () => new NotFoundException('No assignment with this id');

/**
 * Statement 004: "De applicatie biedt ook de mogelijkheid om loopbaanopdrachten en assessments te
 * doen. De uitslag van deze testen kun je gebruiken als input voor jouw profiel. De uitslag zelf
 * wordt niet gedeeld met werkgevers." A coach who reaches the person as staff (the profile's own
 * rule: the own municipality, or an execution organisation while the municipality's authorisation
 * runs) gives an assignment; the person does it and reads their own results. No route for an
 * employer or an account manager reads these rows, and nothing here writes to the profile: the
 * person decides what of a result goes into it.
 */

@Injectable()
export class AssignmentsService {
  constructor(
    private readonly db: TenantDb,
    private readonly reach: StaffReach,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly mail: MailService,
    private readonly links: PortalLinks,
  ) {}

  assign(actor: Actor, personId: string, input: AssignCareerAssignmentDto): Promise<Assignment> {
    this.refuseEmployerFacing(actor);
    return this.db.transaction(async (tx) => {
      await this.reach.assert(tx, actor, personId, COACHING);
      const problems = [...refusedValueProblems(['bsn'], input.title, 'title', BSN_NOTE), ...refusedValueProblems(['bsn'], input.instructions, 'instructions', BSN_NOTE)];
      const today = this.clock.now().toISOString().slice(0, 10);
      if (input.dueOn && input.dueOn < today) problems.push({ field: 'dueOn', reason: 'must not be in the past' });
      if (problems.length) throw new ValidationProblem(problems);
      const [row] = await tx.query<Assignment>(
        `INSERT INTO hallowerk_assignments (tenant_id, person_id, kind, title, instructions, due_on, assigned_by, assigned_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${ASSIGNMENT_COLUMNS}`,
        [tx.tenantId, personId, input.kind, input.title, input.instructions ?? null, input.dueOn ?? null, actor.accountId, this.clock.now()],
      );
      await this.audit.recordTenantAction({ action: 'hallowerk.assignment.assign', subjectType: 'profile', subjectId: personId, details: { assignmentId: row.id, kind: row.kind } }, tx);
      // The person hears of it in the same unit of work: no assignment without its mail, no mail without it.
      const [person] = await tx.query<{ email: string; locale: string | null }>(
        `SELECT email, locale FROM accounts WHERE tenant_id = $1 AND id = $2 AND status = 'active'`,
        [tx.tenantId, personId],
      );
      if (person)
        await this.mail.enqueue(tx, {
          template: 'assignment-given',
          to: { address: person.email, personId, personKind: 'jobseeker', locale: person.locale ?? undefined },
          variables: { title: row.title, dueOn: row.dueOn ?? '', assignmentsUrl: this.links.page('/x/assignments') },
          idempotencyKey: `assignment-given:${row.id}`,
        });
      return row;
    });
  }

  /** The person's assignments and results, for the coach supporting them. */
  ofPerson(actor: Actor, personId: string): Promise<{ items: Assignment[] }> {
    this.refuseEmployerFacing(actor);
    return this.db.transaction(async (tx) => {
      await this.reach.assert(tx, actor, personId, COACHING);
      const items = await list(tx, personId);
      await this.audit.recordTenantAction({ action: 'hallowerk.assignment.read', subjectType: 'profile', subjectId: personId, details: { count: items.length } }, tx);
      return { items };
    });
  }

  mine(personId: string): Promise<{ items: Assignment[] }> {
    return this.db.transaction(async (tx) => ({ items: await list(tx, personId) }));
  }

  /** The person hands in their answers (and the result); once handed in, it stays as handed in. */
  complete(personId: string, assignmentId: string, input: CompleteCareerAssignmentDto): Promise<Assignment> {
    return this.db.transaction(async (tx) => {
      const [current] = await tx.query<{ completedAt: Date | null }>(
        `SELECT completed_at AS "completedAt" FROM hallowerk_assignments WHERE tenant_id = $1 AND id = $2 AND person_id = $3 FOR UPDATE`,
        [tx.tenantId, assignmentId, personId],
      );
      if (!current) throw assignmentNotFound();
      if (current.completedAt) throw new ConflictException('This assignment was already handed in');
      const problems = [...refusedValueProblems(['bsn'], input.answers, 'answers', BSN_NOTE), ...refusedValueProblems(['bsn'], input.result, 'result', BSN_NOTE)];
      if (problems.length) throw new ValidationProblem(problems);
      await tx.query(`UPDATE hallowerk_assignments SET answers = $3, result = $4, completed_at = $5 WHERE tenant_id = $1 AND id = $2`, [
        tx.tenantId,
        assignmentId,
        input.answers,
        input.result ?? null,
        this.clock.now(),
      ]);
      const [row] = await tx.query<Assignment>(`SELECT ${ASSIGNMENT_COLUMNS} FROM hallowerk_assignments WHERE tenant_id = $1 AND id = $2`, [
        tx.tenantId,
        assignmentId,
      ]);
      await this.audit.recordTenantAction({ action: 'hallowerk.assignment.complete', subjectType: 'profile', subjectId: personId, details: { assignmentId } }, tx);
      return row;
    });
  }

  private refuseEmployerFacing(actor: Actor): void {
    refuseEmployerFacing(actor, 'Assignments and results');
  }
}

export function list(tx: TenantTx, personId: string): Promise<Assignment[]> {
  return tx.query<Assignment>(
    `SELECT ${ASSIGNMENT_COLUMNS} FROM hallowerk_assignments WHERE tenant_id = $1 AND person_id = $2 ORDER BY assigned_at, id`,
    [tx.tenantId, personId],
  );
}
