import { Injectable, NotFoundException } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DeferredWork, personKindOf, normaliseEmail } from '../../auth/src/index.js';
import { AppConfig, Clock } from '../../config/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { TenantDb } from '../../database/src/index.js';
import { MailService } from '../../mail/src/index.js';
import type { RightsRequestKind, Role } from '../../plugin-api/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { RightsRequestsService, type RightsRequestView } from './rights-requests.service.js';

/** A day: long enough to find the mail, short enough that a forgotten link is dead. */
export const CONFIRMATION_HOURS = 24;
const ACCEPTED = { status: 'check-your-mail' } as const;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface RequestByEmailCommand {
  readonly email: string;
  readonly kind: RightsRequestKind;
  readonly details?: string;
}

/**
 * A request from someone who cannot sign in (forgotten password, no password ever set): they name
 * their address, and the request exists once the holder of that mailbox confirms it through the
 * mailed link, which proves who they are as well as a session would. The answer is the same
 * whatever the address, and the address-dependent work runs after it (DeferredWork), so neither
 * the answer nor its timing tells whether the address has an account.
 */
@Injectable()
export class RightsByEmail {
  constructor(
    private readonly db: TenantDb,
    private readonly requests: RightsRequestsService,
    private readonly mail: MailService,
    private readonly deferred: DeferredWork,
    private readonly registry: TenantRegistry,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  request(cmd: RequestByEmailCommand): typeof ACCEPTED {
    const address = normaliseEmail(cmd.email);
    this.deferred.later('rights request by e-mail', () => this.mailConfirmation(address, cmd));
    return ACCEPTED;
  }

  /** The mailbox holder confirms: the request is created, identity verified by the confirmation. */
  async confirm(token: string): Promise<RightsRequestView> {
    return this.db.transaction(async (tx) => {
      // Deleted as it is used: a link works once.
      const [pending] = await tx.query<{ personId: string; kind: RightsRequestKind; details: string | null }>(
        `WITH used AS (
           DELETE FROM rights_confirmations WHERE tenant_id = $1 AND token_hash = $2 AND expires_at > $3
           RETURNING person_id, kind, details)
         SELECT person_id AS "personId", kind, details FROM used`,
        [tx.tenantId, sha256(token), this.clock.now()],
      );
      if (!pending) throw new NotFoundException('this confirmation link is unknown, was used already or has expired');
      return this.requests.submitConfirmedByEmail(tx, pending);
    });
  }

  private async mailConfirmation(address: string, cmd: RequestByEmailCommand): Promise<void> {
    // The operators' tenant holds no candidates and sends no mail.
    if (!this.registry.has(RequestContext.tenant().plugin)) return;
    await this.db.transaction(async (tx) => {
      const token = randomBytes(32).toString('base64url');
      const now = this.clock.now();
      const [account] = await tx.query<{ id: string; email: string; display_name: string; locale: string; roles: Role[] }>(
        `WITH target AS (
           SELECT id, email, display_name, locale, roles FROM accounts WHERE tenant_id = $1 AND email = $2 AND status <> 'disabled'
         ), pending AS (
           INSERT INTO rights_confirmations (tenant_id, token_hash, person_id, kind, details, expires_at, created_at)
           SELECT $1, $3, id, $4, $5, $6, $7 FROM target RETURNING person_id
         ) SELECT t.* FROM target t JOIN pending p ON p.person_id = t.id`,
        [tx.tenantId, address, sha256(token), cmd.kind, cmd.details ?? null, new Date(now.getTime() + CONFIRMATION_HOURS * 3_600_000), now],
      );
      if (!account) return;
      const url = new URL('/rights/confirm', this.config.PUBLIC_BASE_URL);
      url.searchParams.set('tenant', RequestContext.tenant().key);
      url.searchParams.set('token', token);
      await this.mail.enqueue(tx, {
        template: 'rights-confirm',
        to: { address: account.email, personId: account.id, personKind: personKindOf(account.roles), locale: account.locale },
        variables: { name: account.display_name, kind: cmd.kind, confirmUrl: url.toString(), validHours: String(CONFIRMATION_HOURS) },
        idempotencyKey: `rights-confirm:${sha256(token)}`,
      });
    });
  }
}
