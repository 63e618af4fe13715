import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import type { PersonContact } from '../../privacy/src/index.js';
import type { RightsRequestRow } from './rights-request.js';
import { RightsErasure } from './rights-erasure.js';
import { RightsExports } from './rights-exports.service.js';

export interface Completion {
  readonly report?: unknown;
  /** The person's contact, read before their erasure: the confirmation goes there and is then forgotten. */
  readonly erased?: PersonContact;
}
export type Finisher = (
  tx: TenantTx,
  r: RightsRequestRow,
  done: Completion,
) => Promise<RightsRequestRow>;

export type Outcome =
  { row: RightsRequestRow; blocked?: undefined } | { row?: undefined; blocked: string };

/**
 * What completing a request does, per kind. Access and portability finish in the background once
 * their export is built; erasure runs the platform's one erasure and reports on every store;
 * rectification, restriction and objection are carried out by the deciding staff member, whose
 * decision completing records (the restriction of processing an objection or restriction put on
 * the person from receipt then stays until staff lift it: `RightsRequestsService.liftRestriction`).
 */
@Injectable()
export class RightsExecution {
  constructor(
    private readonly exports: RightsExports,
    private readonly erasure: RightsErasure,
  ) {}

  async complete(tx: TenantTx, r: RightsRequestRow, finish: Finisher): Promise<Outcome> {
    switch (r.kind) {
      case 'access':
      case 'portability':
        await this.exports.schedule(tx, r, finish);
        return { row: r };
      case 'erasure':
        return this.erasure.execute(tx, r, finish);
      default:
        return { row: await finish(tx, r, {}) };
    }
  }
}
