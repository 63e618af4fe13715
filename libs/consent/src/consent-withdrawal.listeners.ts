import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';

/** Something another capability must undo, inside the withdrawal's own transaction, when a person withdraws a purpose. */
export type ConsentWithdrawalListener = (tx: TenantTx, personId: string, purpose: string) => Promise<void>;

/**
 * Capabilities that keep data only under a consent register here, so the consent ledger can make a
 * withdrawal stop the processing without knowing which capabilities hold what.
 */
@Injectable()
export class ConsentWithdrawalListeners {
  private readonly listeners: ConsentWithdrawalListener[] = [];

  register(listener: ConsentWithdrawalListener): void {
    this.listeners.push(listener);
  }

  async notify(tx: TenantTx, personId: string, purpose: string): Promise<void> {
    for (const listener of this.listeners) await listener(tx, personId, purpose);
  }
}
