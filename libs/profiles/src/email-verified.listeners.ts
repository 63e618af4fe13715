import { Injectable, Logger } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';

/** Work a capability or tenant module waited to do until the person proved the mailbox. */
export type EmailVerifiedListener = (tx: TenantTx, personId: string) => Promise<void>;

/**
 * Listeners run inside the verification's own unit of work, so what waited for the proof (an
 * application sent with the registration, statement 003) happens with it or not at all. Each runs
 * in its own savepoint: a listener that fails takes back only its own writes and is logged, and the
 * person is verified regardless, since the mailbox was proven either way.
 */
@Injectable()
export class EmailVerifiedListeners {
  private readonly logger = new Logger('email-verified');
  private readonly listeners: EmailVerifiedListener[] = [];

  register(listener: EmailVerifiedListener): void {
    this.listeners.push(listener);
  }

  async notify(tx: TenantTx, personId: string): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await tx.savepoint(() => listener(tx, personId));
      } catch (err) {
        this.logger.error({ err }, 'a listener of a verified address failed; its writes were taken back');
      }
    }
  }
}
