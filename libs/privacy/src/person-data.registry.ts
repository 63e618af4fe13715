import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';

/**
 * One capability's part of a person's data. Every capability that stores something about a person
 * registers one, so erasure and export reach every table, file and queued mail without a central
 * list of tables that drifts out of date.
 */
export interface PersonDataHandler {
  /** Capability name, shown in exports and erasure reports, e.g. `profiles`, `mail`. */
  readonly name: string;
  /** Removes everything of this person the capability holds, inside the erasure transaction. */
  erase(tx: TenantTx, personId: string): Promise<void>;
  /** What the capability holds about the person, for a data-subject access request. */
  export?(tx: TenantTx, personId: string): Promise<unknown>;
  /** Replaces personal data by non-identifying values and keeps statistics (anonymise action). */
  anonymise?(tx: TenantTx, personId: string): Promise<void>;
  /** Hides the person from every audience but themself and staff, keeping the data (inactivate action). */
  inactivate?(tx: TenantTx, personId: string): Promise<void>;
}

@Injectable()
export class PersonDataRegistry {
  private readonly handlers: PersonDataHandler[] = [];

  register(handler: PersonDataHandler): void {
    if (this.handlers.some((h) => h.name === handler.name))
      throw new Error(`A person-data handler named "${handler.name}" is already registered`);
    this.handlers.push(handler);
  }

  all(): readonly PersonDataHandler[] {
    return this.handlers;
  }

  /** Dependants first, the account last: rows that refer to the account go before it. */
  ordered(): readonly PersonDataHandler[] {
    return [...this.handlers.filter((h) => h.name !== 'account').reverse(), ...this.handlers.filter((h) => h.name === 'account')];
  }
}
