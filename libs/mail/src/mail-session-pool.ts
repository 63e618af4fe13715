import type { MailSession, MailTransport } from './mail-transport.js';

/**
 * Up to `size` open sessions for one delivery run, one mail per session at a time. A session whose
 * send failed is closed and replaced before the next round, because its state is uncertain.
 */
export class MailSessionPool {
  private readonly live: MailSession[] = [];

  constructor(
    private readonly transport: MailTransport,
    readonly size: number,
  ) {}

  /**
   * Opens sessions until `wanted` (at most the pool size) are ready, and returns them. Connecting
   * happens before any mail is marked as handed over, so a server that cannot be reached leaves
   * nothing unconfirmed. Throws the connection error only when not a single session is ready.
   */
  async ready(wanted: number): Promise<readonly MailSession[]> {
    const missing = Math.min(wanted, this.size) - this.live.length;
    if (missing > 0) {
      const opened = await Promise.allSettled(Array.from({ length: missing }, () => this.transport.open()));
      for (const o of opened) if (o.status === 'fulfilled') this.live.push(o.value);
      const failure = opened.find((o) => o.status === 'rejected');
      if (!this.live.length && failure) throw (failure as PromiseRejectedResult).reason;
    }
    return this.live.slice(0, Math.min(wanted, this.size));
  }

  /** Drops a session after a failed send. */
  async discard(session: MailSession): Promise<void> {
    const at = this.live.indexOf(session);
    if (at >= 0) this.live.splice(at, 1);
    await session.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    const all = this.live.splice(0);
    await Promise.all(all.map((s) => s.close().catch(() => undefined)));
  }
}
