import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';
import { ProcessingRestrictions } from '../../profiles/src/index.js';
import { RestrictionLifts } from './restriction-lifts.js';

/** A tenant's name for its own hold: lower case letters, digits and `.:_-`, up to 80 characters. */
const KEY = /^[a-z0-9][a-z0-9.:_-]{0,79}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TenantHold {
  /** The tenant's own name for this hold (e.g. `objection:<id>`); unique per person while it holds. */
  readonly key: string;
  /** What the person knows it by (the tenant's reference), named in the mails about its lift. */
  readonly reference: string;
}

/** Where the person's restriction stands after a tenant's change. */
export interface TenantHoldState {
  /** Whether the person's processing is restricted now (by this hold or any other). */
  readonly restricted: boolean;
  /** The day an announced lift of this hold takes effect; null when none is announced. */
  readonly liftsOn: string | null;
}

/**
 * The plugin API's way for a tenant to hold a person's restriction of processing itself (art. 18 /
 * 21): RefugeeWork's own objection restricts from receipt until staff decide. The tenant's hold is
 * one holder among others (`tenant:<key>`): lifting it never lifts a request's or another hold, and
 * its lift is announced to the person and takes effect after the tenant's notice, like the core's.
 * Each call runs in the caller's unit of work and audits what it changed.
 */
@Injectable()
export class RestrictionHolds {
  constructor(
    private readonly restrictions: ProcessingRestrictions,
    private readonly lifts: RestrictionLifts,
    private readonly audit: AuditService,
  ) {}

  /** Restricts the person's processing under this hold from now on (nothing more when it holds already). */
  async place(tx: TenantTx, personId: string, hold: TenantHold): Promise<TenantHoldState> {
    const holder = holderOf(hold.key);
    const reference = hold.reference?.trim();
    if (!reference || reference.length > 40)
      throw new ValidationProblem([{ field: 'reference', reason: 'must be 1 to 40 characters' }]);
    const [account] = UUID.test(personId ?? '')
      ? await tx.query(`SELECT 1 FROM accounts WHERE tenant_id = $1 AND id = $2::uuid`, [tx.tenantId, personId])
      : [];
    if (!account) throw new ValidationProblem([{ field: 'personId', reason: 'no person with this id' }]);
    if (await this.restrictions.place(tx, personId, holder, reference))
      await this.audit.record(
        { action: 'rights.processing.hold', subjectType: 'person', subjectId: personId, details: { holder } },
        tx,
      );
    return this.state(tx, personId, holder);
  }

  /**
   * Announces that this hold ends (art. 18(3)): the person is mailed the day and the reason, and is
   * restricted until then; other holders are untouched. A 409 naming `key` when it holds nothing
   * or its lift is announced already.
   */
  async announceLift(tx: TenantTx, personId: string, key: string, reason: string): Promise<TenantHoldState> {
    const holder = holderOf(key);
    const why = reason?.trim();
    if (!why || why.length < 3 || why.length > 1000)
      throw new ValidationProblem([{ field: 'reason', reason: 'must be 3 to 1000 characters: it is mailed to the person' }]);
    if (!(await this.lifts.announce(tx, personId, [holder], why, null)).length)
      throw new ValidationProblem([{ field: 'key', reason: 'this hold restricts nothing, or its lift is announced already' }], 409);
    return this.state(tx, personId, holder);
  }

  /** Withdraws an announced lift of this hold: it keeps holding, and the person is told. */
  async cancelLift(tx: TenantTx, personId: string, key: string): Promise<TenantHoldState> {
    const holder = holderOf(key);
    if (!(await this.lifts.cancel(tx, personId, [holder])).length)
      throw new ValidationProblem([{ field: 'key', reason: 'no lift of this hold is announced' }], 409);
    return this.state(tx, personId, holder);
  }

  private async state(tx: TenantTx, personId: string, holder: string): Promise<TenantHoldState> {
    // The holders, not the profile's flag: a person without a profile (an employer's contact) has none.
    const holders = await this.restrictions.holders(tx, personId);
    return { restricted: holders.length > 0, liftsOn: holders.find((h) => h.holder === holder)?.liftsOn ?? null };
  }
}

function holderOf(key: string): string {
  if (typeof key !== 'string' || !KEY.test(key))
    throw new ValidationProblem([{ field: 'key', reason: 'lower case letters, digits and .:_- only, at most 80 characters' }]);
  return `tenant:${key}`;
}
