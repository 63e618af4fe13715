import { Injectable } from '@nestjs/common';
import { AuditService, Clock, MailService, PortalLinks, TenantDb, profileVisibility } from '../../libs/tenant-host/src/index.js';

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
    private readonly links: PortalLinks,
  ) {}

  report(cmd: { readonly personId: string }) {
    return this.db.transaction(async (tx) => {
      const profile = await profileVisibility(tx, cmd.personId);
      const [account] = await tx.query<{ email: string; locale: string | null }>(
        `SELECT a.email, a.locale FROM accounts a WHERE a.tenant_id = $1 AND a.id = $2`,
        [tx.tenantId, cmd.personId],
      );
      const me = profile && account ? { visible: profile.visibleToEmployers, ...account } : null;
      const now = this.clock.now();
      await this.audit.recordTenantAction({ action: 'hallowerk.work-found', subjectType: 'profile', subjectId: cmd.personId, details: { visibleToEmployers: !!me?.visible } }, tx);
      // Already out of employers' sight (or no profile yet): there is nothing to offer.
      if (!me?.visible) return { visibleToEmployers: false, offer: null };
      await this.mail.enqueue(tx, {
        template: 'work-found',
        to: { address: me.email, personId: cmd.personId, personKind: 'jobseeker', locale: me.locale ?? undefined },
        variables: { hideUrl: this.links.page('/profile') },
        idempotencyKey: `work-found:${cmd.personId}:${now.toISOString().slice(0, 10)}`,
      });
      return { visibleToEmployers: true, offer: { switchVisibilityOff: SWITCH_OFF } };
    });
  }
}
