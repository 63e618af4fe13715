import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { Clock } from '../../config/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';
import {
  DEFAULT_RIGHTS,
  type RightsDeclaration,
  type RightsRequestKind,
} from '../../plugin-api/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { OrgUnitsService } from '../../auth/src/index.js';
import { daysBetween, dueDate, extendedDueDate, localDate } from './deadlines.js';
import { RightsMailer } from './rights-mailer.js';
import {
  DECISIONS,
  FINAL_STATUSES,
  NEXT,
  type ObjectionPurpose,
  type RightsRequestRow,
  type RightsSource,
  type RightsStatus,
} from './rights-request.js';
import { RightsRequestsStore } from './rights-requests.store.js';
import { RightsExecution, type Completion } from './rights-execution.js';
import { ProcessingRestrictions, profileInUnitsSql } from '../../profiles/src/index.js';
import { SuppressionService, addressHash } from '../../mail/src/index.js';
import { RestrictionLifts, requestHolder } from './restriction-lifts.js';

/** Kinds that restrict processing based on legitimate interest from receipt on (art. 18 / 21). */
const RESTRICTING_KINDS: readonly RightsRequestKind[] = ['objection', 'restriction'];

/** What an objection to direct marketing stops: the mail categories that market to the person. */
const MARKETING_MAIL_CATEGORIES = ['newsletter'] as const;

export interface SubmitCommand {
  readonly actor: Actor;
  readonly kind: RightsRequestKind;
  readonly details?: string;
  /** An objection limited to one purpose (`direct-marketing`); left out, all of it. */
  readonly purpose?: ObjectionPurpose;
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
  /** Every holder of the restriction in force (requests, a tenant's holds), each with its announced lift. */
  readonly holders: readonly { holder: string; reference: string | null; placedAt: Date; liftsOn: string | null }[];
  /** The day the person is no longer restricted, once every holder's lift is announced; else null. */
  readonly liftsOn: string | null;
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
    private readonly suppressions: SuppressionService,
    private readonly lifts: RestrictionLifts,
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
        purpose: cmd.purpose ?? null,
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
    const r = await this.create(tx, { ...pending, source: 'email', enteredBy: null, purpose: null });
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
        purpose: cmd.purpose ?? null,
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
      purpose: ObjectionPurpose | null;
    },
  ): Promise<RightsRequestRow> {
    if (r.purpose && r.kind !== 'objection')
      throw new ValidationProblem([{ field: 'purpose', reason: 'only an objection can be limited to one purpose' }]);
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
        details: { request: row.id, kind: r.kind, source: r.source, ...(r.purpose ? { purpose: r.purpose } : {}) },
      },
      tx,
    );
    await this.mailer.toPerson(tx, row, 'received', { dueOn: row.dueOn });
    // An objection or restriction takes effect on receipt, before anyone decides: the person is
    // listed to no outsider and gets no marketing while staff look into it.
    if (r.purpose === 'direct-marketing') await this.stopMarketing(tx, r.personId);
    else if (RESTRICTING_KINDS.includes(r.kind))
      await this.restrictions.place(tx, r.personId, requestHolder(row.id), row.reference);
    return row;
  }

  /**
   * An objection to direct marketing is not weighed (art. 21(3)): marketing mail to the person's
   * address stops on receipt, as their own opt-out (the one they can undo in their mail
   * preferences), also for newsletters already queued. Nothing else is restricted: they stay listed.
   */
  private async stopMarketing(tx: TenantTx, personId: string): Promise<void> {
    const [account] = await tx.query<{ email: string }>(`SELECT email FROM accounts WHERE tenant_id = $1 AND id = $2`, [
      tx.tenantId,
      personId,
    ]);
    if (!account) return;
    for (const category of MARKETING_MAIL_CATEGORIES)
      await this.suppressions.suppress(tx, addressHash(tx.tenantId, account.email), category, 'unsubscribed', personId);
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
    return this.units.subtree(actor.orgUnitIds, { rootKinds: this.rights().handlerUnitKinds });
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
    // The refusal mail tells the person, with the reason, that their request no longer restricts;
    // another request's or a tenant's hold keeps holding.
    if (RESTRICTING_KINDS.includes(r.kind) && r.personId)
      await this.restrictions.liftNow(tx, r.personId, requestHolder(r.id));
    return row;
  }

  /** Whether the person's processing is restricted now, by which requests and holders, and until when. */
  async processing(actor: Actor, personId: string): Promise<ProcessingView> {
    const units = await this.reach(actor);
    return this.db.transaction(async (tx) => {
      await this.assertPerson(tx, personId, units);
      return this.processingOf(tx, personId);
    });
  }

  private async processingOf(tx: TenantTx, personId: string): Promise<ProcessingView> {
    const restricting = await this.store.restricting(tx, personId);
    const holders = await this.restrictions.holders(tx, personId);
    const announced = holders.map((h) => h.liftsOn);
    return {
      personId,
      restricted: await this.restrictions.isRestricted(tx, personId),
      requests: restricting.map((r) => r.id),
      holders: holders.map((h) => ({ holder: h.holder, reference: h.reference, placedAt: h.placedAt, liftsOn: h.liftsOn })),
      // Once every holder's lift is announced, the day the last one takes effect: the person is free then.
      liftsOn: announced.length && announced.every((d) => d !== null) ? announced.sort().at(-1)! : null,
    };
  }

  private assertDecider(actor: Actor, what: string): void {
    if (!this.rights().deciders.some((d) => actor.roles.includes(d)))
      throw new ForbiddenException(`only ${this.rights().deciders.join(' or ')} ${what}`);
  }

  /**
   * Staff lift what upheld objections and restrictions put on the person's processing: a decision,
   * taken by the declared deciders only, with a reason, audited. Art. 18(3): the person is told
   * before: the lift is announced by mail and takes effect after the tenant's notice
   * (`rights.liftNoticeWorkingDays`), applied by the sweep; until then the person stays restricted
   * and staff can withdraw it. An open objection or restriction still restricts until it is decided
   * itself, and a tenant's own hold (a RefugeeWork objection) is the tenant's to lift.
   */
  async liftRestriction(cmd: LiftCommand): Promise<ProcessingView> {
    if (!cmd.reason?.trim())
      throw new ValidationProblem([
        { field: 'reason', reason: 'lifting a restriction needs the reason told to the person' },
      ]);
    this.assertDecider(cmd.actor, 'lift a restriction');
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
      const announced = await this.lifts.announce(
        tx,
        cmd.personId,
        await this.coreHolders(tx, cmd.personId),
        cmd.reason.trim(),
        cmd.actor.accountId,
      );
      if (!announced.length)
        throw new ValidationProblem(
          [{ field: 'restricted', reason: "no upheld objection or restriction restricts the person's processing without an announced lift" }],
          409,
        );
      return this.processingOf(tx, cmd.personId);
    });
  }

  /** Withdraws the announced lifts of the core's holders: the person stays restricted, and is told. */
  async cancelLift(cmd: { actor: Actor; personId: string }): Promise<ProcessingView> {
    this.assertDecider(cmd.actor, 'withdraw the lift of a restriction');
    const units = await this.reach(cmd.actor);
    return this.db.transaction(async (tx) => {
      await this.assertPerson(tx, cmd.personId, units);
      if (!(await this.lifts.cancel(tx, cmd.personId, await this.coreHolders(tx, cmd.personId))).length)
        throw new ValidationProblem([{ field: 'restricted', reason: 'no lift of a restriction is announced' }], 409);
      return this.processingOf(tx, cmd.personId);
    });
  }

  /** The holders the core's staff lift: requests, and restrictions from before holders existed. */
  private async coreHolders(tx: TenantTx, personId: string): Promise<string[]> {
    return (await this.restrictions.holders(tx, personId))
      .map((h) => h.holder)
      .filter((h) => h === 'legacy' || h.startsWith('rights-request:'));
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
          AND ${profileInUnitsSql('$1', 'a.id', '$3')}`,
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
