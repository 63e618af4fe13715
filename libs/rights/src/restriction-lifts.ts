import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { Clock } from '../../config/src/index.js';
import { DEFAULT_LIFT_NOTICE_WORKING_DAYS, DEFAULT_RIGHTS } from '../../plugin-api/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import {
  ProcessingRestrictions,
  type AppliedLift,
  type RestrictionHolder,
} from '../../profiles/src/index.js';
import { addWorkingDays, localDate, type CalendarDate } from './deadlines.js';
import { RightsMailer } from './rights-mailer.js';

/** The holder name of an objection or restriction request. */
export const requestHolder = (requestId: string): string => `rights-request:${requestId}`;

/**
 * GDPR art. 18(3): the person is told before a restriction of processing is lifted. A lift is
 * announced by mail with the day it takes effect, `rights.liftNoticeWorkingDays` working days on
 * (Dutch, or the tenant's `holidays` calendar); until then the holder still holds, staff (or the
 * tenant, for its own holder) can withdraw it, and the sweep applies it once the day has come.
 */
@Injectable()
export class RestrictionLifts {
  constructor(
    private readonly restrictions: ProcessingRestrictions,
    private readonly mailer: RightsMailer,
    private readonly audit: AuditService,
    private readonly registry: TenantRegistry,
    private readonly clock: Clock,
  ) {}

  /** The day a lift announced now takes effect, in the current tenant's calendar. */
  liftsOn(): CalendarDate {
    const rights = this.registry.current().rights ?? DEFAULT_RIGHTS;
    return addWorkingDays(
      localDate(this.clock.now()),
      rights.liftNoticeWorkingDays ?? DEFAULT_LIFT_NOTICE_WORKING_DAYS,
      rights.holidays ?? 'NL',
    );
  }

  /**
   * Announces the lift of the given holders' holds, mails the person the day for each, and audits
   * it; holders that hold nothing or whose lift is announced already are left as they are.
   */
  async announce(
    tx: TenantTx,
    personId: string,
    holders: readonly string[],
    reason: string,
    by: string | null,
  ): Promise<RestrictionHolder[]> {
    const liftsOn = this.liftsOn();
    const announced: RestrictionHolder[] = [];
    for (const holder of holders) {
      const h = await this.restrictions.announceLift(tx, personId, holder, { liftsOn, reason, by });
      if (h) announced.push(h);
    }
    if (!announced.length) return announced;
    await this.audit.record(
      {
        action: 'rights.processing.lift-announce',
        subjectType: 'person',
        subjectId: personId,
        // Ids and the day only: the reason is staff's free text, kept with the holder (which goes with the person) and mailed.
        details: { holders: announced.map((h) => h.holder), liftsOn },
      },
      tx,
    );
    const at = this.clock.now().getTime();
    for (const h of announced)
      await this.mailer.aboutRestriction(
        tx,
        personId,
        'lift-announced',
        { reference: h.reference ?? '-', liftsOn, reason },
        `${personId}:${h.holder}:${at}`,
      );
    return announced;
  }

  /** Withdraws announced lifts: the holders keep holding, and the person is told. */
  async cancel(tx: TenantTx, personId: string, holders: readonly string[]): Promise<RestrictionHolder[]> {
    const cancelled: RestrictionHolder[] = [];
    for (const holder of holders) cancelled.push(...(await this.restrictions.cancelLifts(tx, personId, holder)));
    if (!cancelled.length) return cancelled;
    await this.audit.record(
      {
        action: 'rights.processing.lift-cancel',
        subjectType: 'person',
        subjectId: personId,
        details: { holders: cancelled.map((h) => h.holder) },
      },
      tx,
    );
    const at = this.clock.now().getTime();
    for (const h of cancelled)
      await this.mailer.aboutRestriction(
        tx,
        personId,
        'lift-cancelled',
        { reference: h.reference ?? '-' },
        `${personId}:${h.holder}:${at}`,
      );
    return cancelled;
  }

  /**
   * Applies the lifts whose day has come in the unit of work's tenant: each holder stops holding
   * (a request's too, `rights_requests.lifted_at`), the person is listed again once no holder is
   * left, and each lift is audited. The person was mailed at the announcement.
   */
  async applyDue(tx: TenantTx): Promise<AppliedLift[]> {
    const now = this.clock.now();
    const applied = await this.restrictions.applyDueLifts(tx, localDate(now));
    for (const lift of applied) {
      const request = lift.holder.startsWith('rights-request:') ? lift.holder.slice('rights-request:'.length) : null;
      if (request)
        await tx.query(
          `UPDATE rights_requests SET lifted_at = $3, updated_at = $3 WHERE tenant_id = $1 AND id = $2 AND lifted_at IS NULL`,
          [tx.tenantId, request, now],
        );
      await this.audit.record(
        {
          action: 'rights.processing.lift',
          subjectType: 'person',
          subjectId: lift.personId,
          details: {
            holder: lift.holder,
            ...(request ? { requests: [request] } : {}),
            liftsOn: lift.liftsOn,
          },
        },
        tx,
      );
    }
    return applied;
  }
}
