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
  /**
   * Removes everything of this person the capability holds, inside the erasure transaction: rows
   * about them, rows that name them (set to NULL where the row belongs to someone else), files.
   */
  erase(tx: TenantTx, personId: string): Promise<void | readonly string[]>;
  /** What the capability holds about the person, for a data-subject access request. */
  export?(tx: TenantTx, personId: string): Promise<unknown>;
  /** Replaces personal data by non-identifying values and keeps statistics (anonymise action). */
  anonymise?(tx: TenantTx, personId: string): Promise<void>;
  /** Hides the person from every audience but themself and staff, keeping the data (inactivate action). */
  inactivate?(tx: TenantTx, personId: string): Promise<void>;
  /**
   * Set-based forms of the above for the retention sweep, which acts on hundreds of people per
   * transaction; without them the sweep calls the single-person form once per person.
   * `eraseMany` (and `erase`) may return the ids of further people erased with them (the alert
   * subscriber under an account's address), so their audit pseudonyms go too.
   */
  eraseMany?(tx: TenantTx, personIds: readonly string[]): Promise<void | readonly string[]>;
  anonymiseMany?(tx: TenantTx, personIds: readonly string[]): Promise<void>;
  inactivateMany?(tx: TenantTx, personIds: readonly string[]): Promise<void>;
  /** Where to reach people this capability holds contact data for (people without an account). */
  contacts?(tx: TenantTx, personIds: readonly string[]): Promise<ReadonlyMap<string, PersonContact>>;
}

export interface PersonContact {
  readonly address: string;
  readonly name: string;
  readonly locale: string | null;
}

/**
 * Something that must keep a person's data for now (a legal hold): returns, per blocked person, the
 * reason erasure and anonymisation are refused.
 */
export type ErasureGuard = (tx: TenantTx, personIds: readonly string[]) => Promise<ReadonlyMap<string, string>>;

@Injectable()
export class PersonDataRegistry {
  private readonly handlers: PersonDataHandler[] = [];
  private readonly guards: ErasureGuard[] = [];

  register(handler: PersonDataHandler): void {
    if (this.handlers.some((h) => h.name === handler.name))
      throw new Error(`A person-data handler named "${handler.name}" is already registered`);
    this.handlers.push(handler);
  }

  guard(guard: ErasureGuard): void {
    this.guards.push(guard);
  }

  /** Per blocked person, why their data must be kept. */
  async blocked(tx: TenantTx, personIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const g of this.guards) for (const [id, reason] of await g(tx, personIds)) if (!out.has(id)) out.set(id, reason);
    return out;
  }

  /** The first contact any capability knows for each person (accounts first). */
  async contacts(tx: TenantTx, personIds: readonly string[]): Promise<Map<string, PersonContact>> {
    const out = new Map<string, PersonContact>();
    const account = this.handlers.filter((h) => h.name === 'account');
    for (const h of [...account, ...this.handlers.filter((x) => x.name !== 'account')]) {
      const missing = personIds.filter((id) => !out.has(id));
      if (!missing.length || !h.contacts) continue;
      for (const [id, c] of await h.contacts(tx, missing)) out.set(id, c);
    }
    return out;
  }

  all(): readonly PersonDataHandler[] {
    return this.handlers;
  }

  /** Dependants first, the account last: rows that refer to the account go before it. */
  ordered(): readonly PersonDataHandler[] {
    return [...this.handlers.filter((h) => h.name !== 'account').reverse(), ...this.handlers.filter((h) => h.name === 'account')];
  }
}
