import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/audit.service.js';
import { Clock } from '../../config/src/clock.js';
import { RequestContext, type Actor } from '../../context/src/index.js';
import { ValidationProblem } from '../../http/src/validation-problem.js';
import {
  DEFAULT_RIGHTS,
  type RightsDeclaration,
  type RightsRequestKind,
} from '../../plugin-api/src/index.js';
import { TenantRegistry } from '../../tenancy/src/tenant-registry.js';
import { OrgUnitsService } from '../../auth/src/org-units.service.js';
import { daysBetween, dueDate, extendedDueDate, localDate } from './deadlines.js';
import { RightsMailer } from './rights-mailer.js';
import {
  DECISIONS,
  FINAL_STATUSES,
  NEXT,
  type RightsRequestRow,
  type RightsSource,
  type RightsStatus,
} from './rights-request.js';
import { RightsRequestsStore } from './rights-requests.store.js';
import { RightsExecution, type Completion } from './rights-execution.js';
import { ProcessingRestrictions } from '../../profiles/src/processing-restriction.js';

/** Kinds that restrict processing based on legitimate interest from receipt on (art. 18 / 21). */
const RESTRICTING_KINDS: readonly RightsRequestKind[] = ['objection', 'restriction'];

export interface SubmitCommand {
  readonly actor: Actor;
  readonly kind: RightsRequestKind;
  readonly details?: string;
}

export interface EnterCommand extends SubmitCommand {
  readonly personId: string;
  readonly source: Exclude<RightsSource, 'self'>;
}

export interface TransitionCommand {
  readonly actor: Actor;
  readonly requestId: string;
  readonly to: RightsStatus;
  /** Required for a refusal: it is mailed to the person. */
  readonly reason?: string;
}

export interface LiftCommand {
  readonly actor: Actor;
  readonly personId: string;
  readonly reason: string;
}

export interface ProcessingView {
  readonly personId: string;
  readonly restricted: boolean;
  /** The requests that keep the person restricted (open, or upheld and not lifted). */
  readonly requests: readonly string[];
}

export interface ExtendCommand {
  readonly actor: Actor;
  readonly requestId: string;
  readonly reason: string;
}

/** What staff see of a request: its deadline as days left (negative once overdue). */
export interface RightsRequestView extends Omit<RightsRequestRow, 'report'> {
  daysLeft: number | null;
  overdue: boolean;
  report?: unknown;
}

/**
 * Data-subject requests (GDPR art. 15 to 21) from receipt to decision. Every change is audited in
 * its own transaction together with the mail it causes; deadlines count from the injectable clock.
 */
@Injectable()
export class RightsRequestsService {
  constructor(
    private readonly db: TenantDb,
    private readonly store: RightsRequestsStore,
    private readonly audit: AuditService,
    private readonly mailer: RightsMailer,
    private readonly registry: TenantRegistry,
    private readonly clock: Clock,
    private readonly execution: RightsExecution,
    private readonly units: OrgUnitsService,
    private readonly restrictions: ProcessingRestrictions,
  ) {}

  rights(): RightsDeclaration {
    return this.registry.current().rights ?? DEFAULT_RIGHTS;
  }

  /**
   * The person's own request, signed in: the session proves who they are, so the request is
   * identity-verified at once (both steps are in the audit log).
   */
  async submit(cmd: SubmitCommand): Promise<RightsRequestView> {
    const personId = cmd.actor.accountId!;
    return this.db.transaction(async (tx) => {
      const r = await this.create(tx, {
        personId,
        kind: cmd.kind,
        source: 'self',
        enteredBy: null,
        details: cmd.details ?? null,
      });
      const verified = await this.move(tx, r, 'identity-verified', { method: 'signed-in' });
      return this.view(verified);
    });
  }

  /**
   * A request confirmed through the link mailed to the person's address (they could not sign in):
   * holding the mailbox verifies the identity, as a session does.
   */
  async submitConfirmedByEmail(
    tx: TenantTx,
    pending: { personId: string; kind: RightsRequestKind; details: string | null },
  ): Promise<RightsRequestView> {
    const r = await this.create(tx, { ...pending, source: 'email', enteredBy: null });
    return this.view(await this.move(tx, r, 'identity-verified', { method: 'e-mail-confirmed' }));
  }

  /** A request received by post, phone, e-mail or in person, entered by staff who name its source. */
  async enter(cmd: EnterCommand): Promise<RightsRequestView> {
    const units = await this.reach(cmd.actor);
    return this.db.transaction(async (tx) => {
      await this.assertPerson(tx, cmd.personId, units);
      const r = await this.create(tx, {
        personId: cmd.personId,
        kind: cmd.kind,
        source: cmd.source,
        enteredBy: cmd.actor.accountId,
        details: cmd.details ?? null,
      });
      return this.view(r);
    });
  }

  private async create(
    tx: TenantTx,
    r: {
      personId: string;
      kind: RightsRequestKind;
      source: RightsSource;
      enteredBy: string | null;
      details: string | null;
    },
  ): Promise<RightsRequestRow> {
    const now = this.clock.now();
    const receivedOn = localDate(now);
    const row = await this.store.insert(tx, {
      ...r,
      reference: `RQ-${randomBytes(5).toString('hex').toUpperCase()}`,
      status: 'received',
      receivedAt: now,
      receivedOn,
      dueOn: dueDate(receivedOn, this.rights()),
    });
    await this.audit.record(
      {
        action: 'rights.request.receive',
        subjectType: 'person',
        subjectId: r.personId,
        details: { request: row.id, kind: r.kind, source: r.source },
      },
      tx,
    );
    await this.mailer.toPerson(tx, row, 'received', { dueOn: row.dueOn });
    // An objection or restriction takes effect on receipt, before anyone decides: the person is
    // listed to no outsider and gets no marketing while staff look into it.
    if (RESTRICTING_KINDS.includes(r.kind)) await this.restrictions.set(tx, r.personId, true);
    return row;
  }

  async mine(personId: string): Promise<RightsRequestView[]> {
    return this.db.transaction(async (tx) =>
      (await this.store.forPerson(tx, personId)).map((r) => this.view(r)),
    );
  }

  async list(
    actor: Actor,
    opts: { overdue?: boolean; personId?: string },
  ): Promise<RightsRequestView[]> {
    const units = await this.reach(actor);
    return this.db.transaction(async (tx) => {
      const rows = opts.personId
        ? await this.store.forPerson(tx, opts.personId, units)
        : await this.store.open(tx, {
            overdueBefore: opts.overdue ? localDate(this.clock.now()) : undefined,
            units,
          });
      return rows.map((r) => this.view(r));
    });
  }

  async get(actor: Actor, id: string): Promise<RightsRequestView> {
    const units = await this.reach(actor);
    return this.db.transaction(async (tx) =>
      this.view(await this.found(tx, id, false, units), true),
    );
  }

  /**
   * Where the tenant limits staff to their own org units (HalloWerk: a municipality's staff handle
   * their own residents), the units whose people's requests this member of staff handles; null for
   * no limit (tenant admins, tenant-wide staff).
   */
  private async reach(actor: Actor): Promise<string[] | null> {
    if (actor.roles.includes('tenant-admin') || !actor.roles.includes('staff')) return null;
    if (this.registry.current().visibility.candidateBank.staffScope !== 'own-org-units')
      return null;
    return this.units.subtree(actor.orgUnitIds);
  }

  async transition(cmd: TransitionCommand): Promise<RightsRequestView> {
    if (cmd.to === 'refused' && !cmd.reason?.trim())
      throw new ValidationProblem([
        { field: 'reason', reason: 'a refusal needs the reason sent to the person' },
      ]);
    if (
      DECISIONS.includes(cmd.to) &&
      !this.rights().deciders.some((d) => cmd.actor.roles.includes(d))
    )
      throw new ForbiddenException(
        `only ${this.rights().deciders.join(' or ')} decide on requests`,
      );
    const units = await this.reach(cmd.actor);
    const outcome = await this.db.transaction(async (tx) => {
      const r = await this.found(tx, cmd.requestId, true, units);
      if (!NEXT[r.status].includes(cmd.to))
        throw new ValidationProblem(
          [
            {
              field: 'status',
              reason: `a ${r.status} request cannot become ${cmd.to} (next: ${NEXT[r.status].join(', ') || 'none'})`,
            },
          ],
          409,
        );
      if (cmd.to === 'refused') return { row: await this.refuse(tx, r, cmd.reason!.trim()) };
      if (cmd.to === 'completed')
        return this.execution.complete(tx, r, (t, row, done) => this.finish(t, row, done));
      return { row: await this.move(tx, r, cmd.to) };
    });
    if ('blocked' in outcome && outcome.blocked) {
      // A legal hold keeps the data: the request is refused with the hold's reason, in a new unit of work.
      return this.transition({
        ...cmd,
        to: 'refused',
        reason: `the data must be kept: ${outcome.blocked}`,
      });
    }
    return this.view(outcome.row!, true);
  }

  /** Art. 12(3): once, by two months at most, with a reason the person is told. */
  async extend(cmd: ExtendCommand): Promise<RightsRequestView> {
    const units = await this.reach(cmd.actor);
    return this.db.transaction(async (tx) => {
      const r = await this.found(tx, cmd.requestId, true, units);
      if (FINAL_STATUSES.includes(r.status))
        throw new ValidationProblem(
          [{ field: 'status', reason: `a ${r.status} request cannot be extended` }],
          409,
        );
      if (r.extensionReason !== null)
        throw new ValidationProblem(
          [{ field: 'reason', reason: 'the deadline was extended already' }],
          409,
        );
      const now = this.clock.now();
      const row = await this.store.update(
        tx,
        r.id,
        { dueOn: extendedDueDate(r.receivedOn), extensionReason: cmd.reason.trim() },
        now,
      );
      await this.store.clearReminder(tx, r.id);
      await this.audit.record(
        {
          action: 'rights.request.extend',
          subjectType: 'person',
          subjectId: r.personId,
          details: { request: r.id, from: r.dueOn, to: row.dueOn },
        },
        tx,
      );
      await this.mailer.toPerson(tx, row, 'extended', {
        dueOn: row.dueOn,
        reason: row.extensionReason!,
      });
      return this.view(row);
    });
  }

  /** Marks a request completed and tells the person; `erased` is their contact when they are gone. */
  private async finish(
    tx: TenantTx,
    r: RightsRequestRow,
    done: Completion,
  ): Promise<RightsRequestRow> {
    const now = this.clock.now();
    const row = await this.store.update(
      tx,
      r.id,
      { status: 'completed', decidedAt: now, report: done.report },
      now,
    );
    // After an erasure no entry may name the person again (it would create a new pseudonym key):
    // the completion is then recorded against the request alone.
    await this.audit.record(
      done.erased
        ? {
            action: 'rights.request.status',
            subjectType: 'rights-request',
            subjectId: r.id,
            details: { from: r.status, to: 'completed' },
          }
        : {
            action: 'rights.request.status',
            subjectType: 'person',
            subjectId: r.personId,
            details: { request: r.id, from: r.status, to: 'completed' },
          },
      tx,
    );
    await this.mailer.toPerson(tx, row, 'completed', {}, done.erased);
    return row;
  }

  private async refuse(
    tx: TenantTx,
    r: RightsRequestRow,
    reason: string,
  ): Promise<RightsRequestRow> {
    const now = this.clock.now();
    const row = await this.store.update(
      tx,
      r.id,
      { status: 'refused', refusalReason: reason, decidedAt: now },
      now,
    );
    await this.audit.record(
      {
        action: 'rights.request.status',
        subjectType: 'person',
        subjectId: r.personId,
        details: { request: r.id, from: r.status, to: 'refused' },
      },
      tx,
    );
    await this.mailer.toPerson(tx, row, 'refused', { reason });
    if (RESTRICTING_KINDS.includes(r.kind) && r.personId)
      await this.syncRestriction(tx, r.personId);
    return row;
  }

  /** Restricted while any objection or restriction is open, or upheld and not lifted. */
  private async syncRestriction(tx: TenantTx, personId: string): Promise<void> {
    await this.restrictions.hold(tx, personId);
    const restricting = await this.store.restricting(tx, personId);
    await this.restrictions.set(tx, personId, restricting.length > 0);
  }

  /** Whether the person's processing is restricted now, and by which requests. */
  async processing(actor: Actor, personId: string): Promise<ProcessingView> {
    const units = await this.reach(actor);
    return this.db.transaction(async (tx) => {
      await this.assertPerson(tx, personId, units);
      const restricting = await this.store.restricting(tx, personId);
      return {
        personId,
        restricted: await this.restrictions.isRestricted(tx, personId),
        requests: restricting.map((r) => r.id),
      };
    });
  }

  /**
   * Staff lift what an upheld objection or restriction put on the person's processing: a decision,
   * taken by the declared deciders only, with a reason, audited, and told to the person (art. 18(3)).
   * An open objection or restriction still restricts until it is decided itself.
   */
  async liftRestriction(cmd: LiftCommand): Promise<ProcessingView> {
    if (!cmd.reason?.trim())
      throw new ValidationProblem([
        { field: 'reason', reason: 'lifting a restriction needs the reason told to the person' },
      ]);
    if (!this.rights().deciders.some((d) => cmd.actor.roles.includes(d)))
      throw new ForbiddenException(
        `only ${this.rights().deciders.join(' or ')} lift a restriction`,
      );
    const units = await this.reach(cmd.actor);
    return this.db.transaction(async (tx) => {
      await this.assertPerson(tx, cmd.personId, units);
      await this.restrictions.hold(tx, cmd.personId);
      const restricting = await this.store.restricting(tx, cmd.personId);
      const open = restricting.filter((r) => !FINAL_STATUSES.includes(r.status));
      if (open.length)
        throw new ValidationProblem(
          [
            {
              field: 'restricted',
              reason: `an open ${open[0].kind} request (${open[0].reference}) restricts processing until it is decided`,
            },
          ],
          409,
        );
      const lifted = await this.store.liftUpheld(tx, cmd.personId, this.clock.now());
      if (!lifted.length)
        throw new ValidationProblem(
          [{ field: 'restricted', reason: "the person's processing is not restricted" }],
          409,
        );
      const reason = cmd.reason.trim();
      await this.audit.record(
        {
          action: 'rights.processing.lift',
          subjectType: 'person',
          subjectId: cmd.personId,
          details: { requests: lifted.map((r) => r.id), reason },
        },
        tx,
      );
      for (const r of lifted) await this.mailer.toPerson(tx, r, 'lifted', { reason });
      await this.syncRestriction(tx, cmd.personId);
      return { personId: cmd.personId, restricted: false, requests: [] };
    });
  }

  private async move(
    tx: TenantTx,
    r: RightsRequestRow,
    to: RightsStatus,
    extra: Record<string, string> = {},
  ): Promise<RightsRequestRow> {
    const row = await this.store.update(tx, r.id, { status: to }, this.clock.now());
    await this.audit.record(
      {
        action: 'rights.request.status',
        subjectType: 'person',
        subjectId: r.personId,
        details: { request: r.id, from: r.status, to, ...extra },
      },
      tx,
    );
    return row;
  }

  /** A request outside the caller's reach is answered as one that does not exist. */
  private async found(
    tx: TenantTx,
    id: string,
    lock = false,
    units: readonly string[] | null = null,
  ): Promise<RightsRequestRow> {
    const r = await this.store.find(tx, id, { lock });
    if (!r || !(await this.store.reaches(tx, r, units)))
      throw new NotFoundException('no such request');
    return r;
  }

  private async assertPerson(
    tx: TenantTx,
    personId: string,
    units: readonly string[] | null,
  ): Promise<void> {
    const [found] = await tx.query<{ id: string }>(
      `SELECT a.id FROM accounts a WHERE a.tenant_id = $1 AND a.id = $2
          AND ($3::uuid[] IS NULL OR EXISTS (SELECT 1 FROM profiles p WHERE p.tenant_id = a.tenant_id AND p.id = a.id AND p.org_unit_id = ANY($3::uuid[])))`,
      [tx.tenantId, personId, units],
    );
    if (!found)
      throw new ValidationProblem([{ field: 'personId', reason: 'no person with this id' }]);
  }

  view(r: RightsRequestRow, withReport = false): RightsRequestView {
    const { report, ...rest } = r;
    const open = !FINAL_STATUSES.includes(r.status);
    const daysLeft = open ? daysBetween(localDate(this.clock.now()), r.dueOn) : null;
    return {
      ...rest,
      daysLeft,
      overdue: daysLeft !== null && daysLeft < 0,
      ...(withReport ? { report } : {}),
    };
  }
}

export function actorOf(): Actor {
  return RequestContext.actor();
}
