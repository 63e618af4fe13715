import { Injectable } from '@nestjs/common';
import { AuditService, Clock, MailService, RequestContext, TenantDb } from '../../libs/plugin-api/src/server.js';

/** The one action that switches the profile off, as the person's own choice. */
const SWITCH_OFF = { method: 'PATCH', path: '/profiles/me/visibility', body: { visibleToEmployers: false } } as const;

/**
 * Statement 004, step 4: "Wanneer je niet meer wilt worden benaderd door werkgevers omdat je werk
 * hebt gevonden zet je jouw profiel op onzichtbaar." Reporting work found offers that switch, in the
 * answer and by mail; nothing changes without the person's choice ("Het systeem van HalloWerk
 * neemt geen automatische besluiten").
 */
@Injectable()
export class WorkFoundService {
  constructor(
    private readonly db: TenantDb,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  report(cmd: { readonly personId: string }) {
    return this.db.transaction(async (tx) => {
      const [me] = await tx.query<{ visible: boolean; email: string; locale: string | null }>(
        `SELECT p.visible_to_employers AS visible, a.email, a.locale
           FROM profiles p JOIN accounts a ON a.tenant_id = p.tenant_id AND a.id = p.id
          WHERE p.tenant_id = $1 AND p.id = $2`,
        [tx.tenantId, cmd.personId],
      );
      const now = this.clock.now();
      await this.audit.record({ action: 'hallowerk.work-found', subjectType: 'profile', subjectId: cmd.personId, details: { visibleToEmployers: !!me?.visible } }, tx);
      // Already out of employers' sight (or no profile yet): there is nothing to offer.
      if (!me?.visible) return { visibleToEmployers: false, offer: null };
      await this.mail.enqueue(tx, {
        template: 'work-found',
        to: { address: me.email, personId: cmd.personId, personKind: 'jobseeker', locale: me.locale ?? undefined },
        variables: { hideUrl: profilePage() },
        idempotencyKey: `work-found:${cmd.personId}:${now.toISOString().slice(0, 10)}`,
      });
      return { visibleToEmployers: true, offer: { switchVisibilityOff: SWITCH_OFF } };
    });
  }
}

/** The person's profile page on the site they use, where the visibility switch is. */
function profilePage(): string {
  return new URL('/profile', `https://${RequestContext.host() ?? 'hallowerk.localhost'}`).toString();
}
