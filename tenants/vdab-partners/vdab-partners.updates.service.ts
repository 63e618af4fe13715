import { Injectable } from '@nestjs/common';
import { MailService, OrganisationAccountsService, OrgUnitsService, TenantDb } from '../../libs/tenant-host/src/index.js';

/**
 * The service keeps its partners' staff informed by mail (statement 002). Each active partner
 * account gets the mail in its own language; an address that unsubscribed from the category is
 * suppressed by the mail engine, so it receives none.
 */
@Injectable()
export class ServiceUpdatesService {
  constructor(
    private readonly db: TenantDb,
    private readonly mail: MailService,
    private readonly accounts: OrganisationAccountsService,
    private readonly units: OrgUnitsService,
  ) {}

  send(input: { title: string; message: string }) {
    return this.db.transaction(async (tx) => {
      const organisations = (await this.units.list()).filter((u) => u.kind === 'partner-organisation');
      let queued = 0;
      let suppressed = 0;
      const seen = new Set<string>();
      for (const o of organisations)
        for (const m of await this.accounts.members(tx, o.id, 'partner')) {
          if (m.status !== 'active' || seen.has(m.id)) continue;
          seen.add(m.id);
          const out = await this.mail.enqueue(tx, {
            template: 'service-update',
            to: { address: m.email, personId: m.id, personKind: 'partner-staff', locale: m.locale },
            variables: { name: m.displayName, title: input.title, message: input.message },
          });
          if (out.suppressed) suppressed += 1;
          else queued += 1;
        }
      return { queued, suppressed };
    });
  }
}
