import { HttpStatus, Injectable } from '@nestjs/common';
import { TenantDb } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';
import type { MailCategory } from '../../plugin-api/src/index.js';
import { MailLinksService, type UnsubscribeClaims } from './mail-links.service.js';
import { OPTIONAL_CATEGORIES, SuppressionService } from './suppression.service.js';

export type CategoryChoices = Partial<Record<MailCategory, boolean>>;

/**
 * What a person can do from the link at the bottom of a mail, without signing in: leave the
 * category in one click, or choose per category. The signed token is the only proof needed, and
 * it only ever reaches the address it was sent to.
 */
@Injectable()
export class MailSubscriptionsService {
  constructor(
    private readonly db: TenantDb,
    private readonly links: MailLinksService,
    private readonly suppressions: SuppressionService,
    private readonly audit: AuditService,
  ) {}

  async unsubscribe(token: string): Promise<{ category: MailCategory; subscribed: false }> {
    const claims = this.claims(token);
    await this.db.transaction(async (tx) => {
      await this.suppressions.suppress(tx, claims.addressHash, claims.category, 'unsubscribed', claims.personId);
      await this.audit.record(
        { action: 'mail.unsubscribe', subjectType: 'person', subjectId: claims.personId, details: { category: claims.category } },
        tx,
      );
    });
    return { category: claims.category, subscribed: false };
  }

  async preferences(token: string) {
    const claims = this.claims(token);
    return this.db.transaction(async (tx) => ({
      categories: await this.suppressions.preferences(tx, claims.addressHash),
    }));
  }

  async choose(token: string, choices: CategoryChoices) {
    const claims = this.claims(token);
    return this.db.transaction(async (tx) => {
      for (const category of OPTIONAL_CATEGORIES) {
        const choice = choices[category];
        if (choice === true) await this.suppressions.resubscribe(tx, claims.addressHash, category);
        if (choice === false) await this.suppressions.suppress(tx, claims.addressHash, category, 'unsubscribed', claims.personId);
      }
      const off = OPTIONAL_CATEGORIES.filter((c) => choices[c] === false);
      const on = OPTIONAL_CATEGORIES.filter((c) => choices[c] === true);
      await this.audit.record(
        { action: 'mail.preferences', subjectType: 'person', subjectId: claims.personId, details: { off, on } },
        tx,
      );
      return { categories: await this.suppressions.preferences(tx, claims.addressHash) };
    });
  }

  private claims(token: string): UnsubscribeClaims {
    const claims = this.links.verify(RequestContext.tenant().id, token);
    if (!claims)
      throw new ValidationProblem(
        [{ field: 'token', reason: 'is not a valid unsubscribe link of this tenant' }],
        HttpStatus.BAD_REQUEST,
        'The link is not valid',
      );
    return claims;
  }
}
