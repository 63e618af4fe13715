import { Injectable } from '@nestjs/common';
import { createHmac, hkdfSync } from 'node:crypto';
import { AppConfig, Clock } from '../../config/src/index.js';
import type { TenantTx } from '../../database/src/index.js';

/** Told once per episode, when the first delay for an address starts (the holder gets a mail). */
export type DelayStartedListener = (
  tx: TenantTx,
  event: { address: string; delaySeconds: number },
) => Promise<void>;

interface ThrottleRow {
  failures: number;
  delays: number;
  delay_until: Date | null;
  forget_after: Date;
}

/** Normalised the way accounts store addresses. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * The growing delay per address (ASVS 6.3): after SIGN_IN_FREE_FAILURES failures close together,
 * sign-in for that address waits SIGN_IN_DELAY_SECONDS, and each next delay of the same episode
 * doubles up to SIGN_IN_MAX_DELAY_SECONDS. Attempts during a delay are refused without being
 * counted, so they cannot extend it; the failure count starts over once a delay has run out, and
 * the whole episode is forgotten after a quiet stretch (SIGN_IN_QUIET_SECONDS), a sign-in or a
 * password reset. One guess now and then therefore never holds the owner up, unlike a lock that
 * anyone could renew.
 *
 * It is kept per address, existing or not, so a delay tells no one whether an account exists. The
 * key is an HMAC of the address (secret derived from JWT_SECRET): the table holds no address.
 */
@Injectable()
export class SignInThrottle {
  private readonly key: Buffer;
  private readonly listeners: DelayStartedListener[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = Buffer.from(
      hkdfSync('sha256', config.JWT_SECRET, 'sign-in-throttle', 'address-key-v1', 32),
    );
  }

  onDelayStarted(listener: DelayStartedListener): void {
    this.listeners.push(listener);
  }

  addressKey(tenantId: string, address: string): string {
    return createHmac('sha256', this.key)
      .update(`${tenantId}\n${normaliseEmail(address)}`)
      .digest('hex');
  }

  /** Seconds this address must still wait before it may try again; 0 when it may try now. */
  async waitSeconds(tx: TenantTx, address: string): Promise<number> {
    const [row] = await tx.query<{ delay_until: Date | null }>(
      `SELECT delay_until FROM sign_in_throttles WHERE tenant_id = $1 AND address_key = $2`,
      [tx.tenantId, this.addressKey(tx.tenantId, address)],
    );
    return this.secondsUntil(row?.delay_until ?? null);
  }

  /**
   * Counts a failure (a wrong password, or any sign-in that is refused: unknown, unverified or
   * disabled accounts count alike) and starts a delay when the free failures are used up.
   */
  async failed(tx: TenantTx, address: string): Promise<{ delaySeconds: number }> {
    const key = this.addressKey(tx.tenantId, address);
    const now = this.clock.now();
    await tx.query(
      `INSERT INTO sign_in_throttles (tenant_id, address_key, forget_after) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [tx.tenantId, key, now],
    );
    const [row] = await tx.query<ThrottleRow>(
      `SELECT failures, delays, delay_until, forget_after FROM sign_in_throttles WHERE tenant_id = $1 AND address_key = $2 FOR UPDATE`,
      [tx.tenantId, key],
    );
    // A request that passed the check while another started the delay: not counted either.
    if (row.delay_until && row.delay_until > now)
      return { delaySeconds: this.secondsUntil(row.delay_until) };
    const next = this.afterFailure(row, now);
    await tx.query(
      `UPDATE sign_in_throttles SET failures = $3, delays = $4, delay_until = $5, forget_after = $6
        WHERE tenant_id = $1 AND address_key = $2`,
      [tx.tenantId, key, next.failures, next.delays, next.delayUntil, next.forgetAfter],
    );
    // Rows of addresses nobody tried for a while (most of them typos and sprays) go.
    await tx.query(`DELETE FROM sign_in_throttles WHERE tenant_id = $1 AND forget_after < $2`, [
      tx.tenantId,
      now,
    ]);
    const delaySeconds = this.secondsUntil(next.delayUntil);
    if (delaySeconds && next.delays === 1)
      for (const l of this.listeners)
        await l(tx, { address: normaliseEmail(address), delaySeconds });
    return { delaySeconds };
  }

  /** A sign-in or a password reset ends the episode. */
  async cleared(tx: TenantTx, address: string): Promise<void> {
    await this.clearedMany(tx, [address]);
  }

  /** The same for many addresses in one statement (an erasure batch of the retention sweep). */
  async clearedMany(tx: TenantTx, addresses: readonly string[]): Promise<void> {
    if (!addresses.length) return;
    await tx.query(`DELETE FROM sign_in_throttles WHERE tenant_id = $1 AND address_key = ANY($2::text[])`, [
      tx.tenantId,
      addresses.map((a) => this.addressKey(tx.tenantId, a)),
    ]);
  }

  private afterFailure(row: ThrottleRow, now: Date) {
    const quietMs = this.config.SIGN_IN_QUIET_SECONDS * 1000;
    const fresh = row.forget_after <= now;
    const delayOver = row.delay_until !== null && row.delay_until <= now;
    let failures = fresh || delayOver ? 1 : row.failures + 1;
    let delays = fresh ? 0 : row.delays;
    let delayUntil: Date | null = fresh || delayOver ? null : row.delay_until;
    if (failures >= this.config.SIGN_IN_FREE_FAILURES) {
      const seconds = Math.min(
        this.config.SIGN_IN_DELAY_SECONDS * 2 ** delays,
        this.config.SIGN_IN_MAX_DELAY_SECONDS,
      );
      delays += 1;
      failures = 0;
      delayUntil = new Date(now.getTime() + seconds * 1000);
    }
    const forgetAfter = new Date(Math.max(now.getTime(), delayUntil?.getTime() ?? 0) + quietMs);
    return { failures, delays, delayUntil, forgetAfter };
  }

  private secondsUntil(at: Date | null): number {
    if (!at) return 0;
    const ms = at.getTime() - this.clock.now().getTime();
    return ms > 0 ? Math.ceil(ms / 1000) : 0;
  }
}
