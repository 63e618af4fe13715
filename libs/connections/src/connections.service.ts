import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { Clock } from '../../config/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { ActivityService } from '../../privacy/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';
import { StaffReach } from '../../profiles/src/index.js';
import { ConnectionStore, type EmployerUnit } from './connection.store.js';
import { ConnectionAccess } from './connection-access.js';
import { ConnectionConsent } from './connection-consent.js';
import { ConnectionNotifier } from './connection-notifier.js';
import { TalentPool } from './talent-pool.js';
import type { ConnectionRow } from './connection.types.js';

/** An organisation that was declined may not ask the same person again for this long. */
export const DECLINE_COOLDOWN_DAYS = 90;

export interface ConnectionRequest {
  /** The listing's public handle, as search answers list it. */
  readonly profileHandle: string;
  readonly message?: string;
  readonly employerOrgUnitId?: string;
}

/**
 * Connection requests (statement 000): an employer organisation asks to see a pool profile in
 * full, the person accepts or declines, either side can end it. Each acceptance is the person's
 * explicit consent for that one organisation, recorded in the consent ledger.
 */
@Injectable()
export class ConnectionsService {
  constructor(
    private readonly db: TenantDb,
    private readonly store: ConnectionStore,
    private readonly access: ConnectionAccess,
    private readonly pool: TalentPool,
    private readonly consent: ConnectionConsent,
    private readonly notifier: ConnectionNotifier,
    private readonly activity: ActivityService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly staff: StaffReach,
  ) {}

  async request(actor: Actor, input: ConnectionRequest): Promise<ConnectionRow> {
    this.access.assertEnabled();
    return this.db.transaction(async (tx) => {
      const unit = await this.employerUnit(tx, actor, input.employerOrgUnitId);
      this.pool.assertMaySearch(unit);
      const listing = await this.pool.listed(tx, input.profileHandle);
      if (!listing) throw new NotFoundException('No profile in the talent pool has this handle');
      if (await this.store.open(tx, listing.personId, unit.id, listing.handle))
        throw new ConflictException('Your organisation already has an open request or connection with this person');
      const declined = await this.store.lastDecline(tx, listing.personId, unit.id, listing.handle);
      const now = this.clock.now();
      if (declined && now.getTime() - declined.getTime() < DECLINE_COOLDOWN_DAYS * 86_400_000)
        throw new ConflictException(
          `This person declined your organisation's request; you may ask again ${DECLINE_COOLDOWN_DAYS} days after that`,
        );
      const row = await this.store.insert(tx, {
        personId: listing.personId,
        orgUnitId: unit.id,
        requestedBy: actor.accountId!,
        message: input.message?.trim() || null,
        at: now,
        listing: { handle: listing.handle, alias: listing.alias },
      });
      await this.audit.record(
        { action: 'connection.request', subjectType: 'person', subjectId: row.personId, details: { connectionId: row.id, orgUnitId: unit.id } },
        tx,
      );
      await this.activity.touch(actor.accountId!, 'employer-contact', 'interaction', tx);
      await this.notifier.requested(tx, row, unit.name);
      return row;
    });
  }

  accept(actor: Actor, id: string): Promise<ConnectionRow> {
    return this.answer(actor, id, 'accepted');
  }

  decline(actor: Actor, id: string): Promise<ConnectionRow> {
    return this.answer(actor, id, 'declined');
  }

  /** The employer withdraws a request or ends a connection; the person ends a connection (withdraws consent). */
  async withdraw(actor: Actor, id: string): Promise<ConnectionRow> {
    this.access.assertEnabled();
    return this.db.transaction(async (tx) => {
      const { connection, side } = await this.access.standing(tx, actor, id, { lock: true });
      if (side !== 'employer' && side !== 'jobseeker') throw this.access.notFound();
      const open = side === 'employer' ? ['requested', 'accepted'] : ['accepted'];
      if (!open.includes(connection.status))
        throw new ConflictException(
          side === 'jobseeker' && connection.status === 'requested'
            ? 'Decline a request instead of withdrawing it'
            : `This connection is already ${connection.status}`,
        );
      const now = this.clock.now();
      await this.store.end(tx, id, side, now);
      if (side === 'jobseeker' && connection.status === 'accepted')
        await this.consent.withdrawn(tx, actor, connection);
      await this.audit.record(
        { action: 'connection.withdraw', subjectType: 'person', subjectId: connection.personId, details: { connectionId: id, by: side } },
        tx,
      );
      await this.touch(tx, actor, side);
      return (await this.store.find(tx, id))!;
    });
  }

  /** The caller's own connections: an employer's organisations', or a person's. */
  async list(actor: Actor) {
    this.access.assertEnabled();
    return this.db.transaction(async (tx) => {
      if (actor.roles.includes('jobseeker')) {
        const rows = await this.store.forPerson(tx, actor.accountId!);
        return rows.map((r) => ({
          ...publicShape(r),
          organisation: { id: r.employerOrgUnitId, name: r.organisation },
          message: r.message,
          // The recruiter's own name is shared with the person only once the person accepted.
          requestedBy: r.status === 'accepted' ? r.requesterName : null,
        }));
      }
      const rows = await this.store.forEmployer(tx, actor.accountId!);
      // Never the person's internal id, and the listing only as the employer asked about it: the
      // alias it had then, and its handle only while the person has not stepped into or out of
      // anonymity since (statement 001: the anonymous listing cannot be tied to the named one).
      return rows.map((r) => ({
        ...publicShape(r),
        profileHandle: r.listedHandle,
        alias: r.profileAlias,
        organisation: { id: r.employerOrgUnitId, name: r.organisation },
      }));
    });
  }

  /** Staff view of one person's connections, for handling questions and objections; audited. */
  /**
   * A person's connections, for staff who reach that person by the profile's rule: where a tenant
   * limits staff to their own org units, another unit's person is answered as unknown (404), as the
   * dossier they belong to is.
   */
  async listForPerson(actor: Actor, personId: string) {
    this.access.assertEnabled();
    return this.db.transaction(async (tx) => {
      await this.staff.assert(tx, actor, personId);
      const rows = await this.store.forPerson(tx, personId);
      await this.audit.record(
        { action: 'connection.list', subjectType: 'person', subjectId: personId, details: { count: rows.length } },
        tx,
      );
      return rows.map((r) => ({ ...publicShape(r), organisation: { id: r.employerOrgUnitId, name: r.organisation } }));
    });
  }

  private async answer(actor: Actor, id: string, status: 'accepted' | 'declined'): Promise<ConnectionRow> {
    this.access.assertEnabled();
    return this.db.transaction(async (tx) => {
      const { connection, side } = await this.access.standing(tx, actor, id, { lock: true });
      if (side !== 'jobseeker') throw this.access.notFound();
      if (connection.status !== 'requested') throw new ConflictException(`This request is already ${connection.status}`);
      const now = this.clock.now();
      await this.store.answer(tx, id, status, now);
      if (status === 'accepted') await this.consent.granted(tx, actor, connection);
      await this.audit.record(
        { action: `connection.${status === 'accepted' ? 'accept' : 'decline'}`, subjectType: 'person', subjectId: connection.personId, details: { connectionId: id } },
        tx,
      );
      await this.touch(tx, actor, 'jobseeker');
      const updated = (await this.store.find(tx, id))!;
      if (status === 'accepted') await this.notifier.accepted(tx, updated);
      return updated;
    });
  }

  private async employerUnit(tx: TenantTx, actor: Actor, wanted?: string): Promise<EmployerUnit> {
    const units = await this.store.employerUnitsOf(tx, actor.accountId!);
    if (wanted) {
      const unit = units.find((u) => u.id === wanted);
      if (!unit)
        throw new ValidationProblem([{ field: 'employerOrgUnitId', reason: 'is not an employer organisation you belong to' }]);
      return unit;
    }
    if (units.length === 1) return units[0];
    throw new ValidationProblem([
      {
        field: 'employerOrgUnitId',
        reason: units.length ? 'is required: you belong to more than one employer organisation' : 'you belong to no employer organisation',
      },
    ]);
  }

  private touch(tx: TenantTx, actor: Actor, side: 'employer' | 'jobseeker') {
    return this.activity.touch(actor.accountId!, side === 'employer' ? 'employer-contact' : 'jobseeker', 'interaction', tx);
  }
}

/** What either side may see of a connection itself: ids, state and dates, never identity. */
export function publicShape(r: ConnectionRow) {
  return {
    id: r.id,
    status: r.status,
    requestedAt: r.requestedAt,
    answeredAt: r.answeredAt,
    endedBy: r.endedBy,
    endedAt: r.endedAt,
  };
}
