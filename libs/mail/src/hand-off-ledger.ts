import type { ClaimedMail, DeliveryOutcome } from './mail-outbox.store.js';
import type { DeliveryError } from './mail-transport.js';

/** A finished send, waiting to be written: its outcome and, for a hard bounce, what the tenant must hear. */
export interface Settled {
  readonly outcome: DeliveryOutcome;
  readonly bounce?: { readonly mail: ClaimedMail; readonly failure: DeliveryError };
}

interface Request {
  readonly done: readonly Settled[];
  readonly next: string;
  resolve(mayGo: boolean): void;
  reject(err: unknown): void;
}

/**
 * The hand-off marks of a batch, one transaction per round. Each delivery lane (one per SMTP
 * connection) starts its next mail's conversation and asks for the mark, passing the outcome of
 * the mail it sent before; once every lane still at work has asked, one transaction writes those
 * outcomes and marks the round's mails, and the lanes complete their messages. So a round of as
 * many mails as connections costs one transaction, every mail is marked before a server can
 * take it, and each lane holds at most one mail that is marked without a recorded outcome.
 */
export class HandOffLedger {
  private readonly queue: Request[] = [];
  private lanes = 0;
  private flushing = false;
  /** Outcomes whose transaction failed: the batch writes them once more at its end. */
  readonly unwritten: Settled[] = [];
  failure: unknown = null;

  constructor(
    /** Records the outcomes and marks the ids in one transaction; answers the ids it marked. */
    private readonly write: (outcomes: DeliveryOutcome[], ids: string[]) => Promise<Set<string>>,
    /** After the outcomes are committed: the tenant hears of hard bounces. */
    private readonly afterWrite: (written: readonly Settled[]) => Promise<void>,
  ) {}

  /** A lane starts working; rounds wait for it. */
  join(): void {
    this.lanes++;
  }

  /** A lane is done (or stopped): rounds no longer wait for it. */
  leave(): void {
    this.lanes--;
    this.flushWhenComplete();
  }

  /**
   * Writes `done` and marks `next` as handed over; resolves whether `next` may now be completed
   * (false when its lease ran out and it was queued again). Rejects once a write has failed.
   */
  commit(done: readonly Settled[], next: string): Promise<boolean> {
    if (this.failure) {
      this.unwritten.push(...done);
      return Promise.reject(this.failure);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ done, next, resolve, reject });
      this.flushWhenComplete();
    });
  }

  private flushWhenComplete(): void {
    if (this.flushing || !this.queue.length) return;
    if (this.failure) {
      for (const r of this.queue.splice(0)) {
        this.unwritten.push(...r.done);
        r.reject(this.failure);
      }
      return;
    }
    if (this.queue.length < this.lanes) return;
    this.flushing = true;
    void this.flush().finally(() => {
      this.flushing = false;
      this.flushWhenComplete();
    });
  }

  private async flush(): Promise<void> {
    const round = this.queue.splice(0);
    const done = round.flatMap((r) => r.done);
    let marked: Set<string>;
    try {
      marked = await this.write(
        done.map((d) => d.outcome),
        round.map((r) => r.next),
      );
    } catch (err) {
      // Nothing of this round was written, and nothing more will be: the batch writes the outcomes at its end.
      this.failure = err;
      this.unwritten.push(...done);
      for (const r of round) r.reject(err);
      return;
    }
    for (const r of round) r.resolve(marked.has(r.next));
    await this.afterWrite(done);
  }
}
