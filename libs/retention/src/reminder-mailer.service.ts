import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { AppConfig } from '../../config/src/index.js';
import { ValidationProblem } from '../../http/src/index.js';
import { MailService } from '../../mail/src/index.js';
import { PersonDataRegistry } from '../../privacy/src/index.js';
import type { FinalAction, PersonKind } from '../../plugin-api/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { RespondTokenService } from './respond-token.service.js';

export interface Reminder {
  readonly personId: string;
  readonly personKind: PersonKind;
  readonly scheduleKey: string;
  readonly template: string;
  readonly anchorAt: Date;
  readonly step: number;
  readonly deadline: Date;
  readonly finalAction: FinalAction;
  readonly reminderNumber: number;
  /** The step's reminder once more, because its first mail's delivery is unknown (see RetentionBatch). */
  readonly again?: boolean;
}

/** The outbox key of a reminder: one mail per schedule, person, anchor and step (and one more for `again`). */
export function reminderKey(r: Pick<Reminder, 'scheduleKey' | 'personId' | 'anchorAt' | 'step' | 'again'>): string {
  return `retention:${r.scheduleKey}:${r.personId}:${r.anchorAt.getTime()}:${r.step}${r.again ? ':again' : ''}`;
}

/** The services of all five statements are Dutch or Flemish: deadlines are dates in their time zone. */
const TIME_ZONE = 'Europe/Amsterdam';

/**
 * Queues reminder mails through the mail engine, in the sweep's transaction: the outbox row and
 * the step's progress commit together, and the idempotency key (schedule, person, anchor, step)
 * makes a re-run of an interrupted batch find the mail already queued instead of sending twice.
 */
@Injectable()
export class ReminderMailer {
  private readonly baseUrl: URL;
  private readonly hosts = new Map<string, string | null>();

  constructor(
    private readonly mail: MailService,
    private readonly people: PersonDataRegistry,
    private readonly tokens: RespondTokenService,
    private readonly registry: TenantRegistry,
    config: AppConfig,
  ) {
    this.baseUrl = new URL(config.PUBLIC_BASE_URL);
  }

  /**
   * Queues each reminder. Returns the people no address is known for (not mailed) and those who
   * opted out of reminder mail (recorded by the mail engine, not sent): their schedule runs on,
   * as their statement says, and the audit log says they were not reached.
   */
  async send(tx: TenantTx, reminders: readonly Reminder[]): Promise<{ unreachable: Set<string>; suppressed: Set<string> }> {
    const unreachable = new Set<string>();
    const suppressed = new Set<string>();
    if (!reminders.length) return { unreachable, suppressed };
    const def = this.registry.current();
    const contacts = await this.people.contacts(tx, [...new Set(reminders.map((r) => r.personId))]);
    const base = await this.respondBase(tx);
    for (const r of reminders) {
      const contact = contacts.get(r.personId);
      if (!contact) {
        unreachable.add(r.personId);
        continue;
      }
      const locale = contact.locale && def.locales.includes(contact.locale) ? contact.locale : def.defaultLocale;
      const token = this.tokens.sign({ t: tx.tenantId, p: r.personId, s: r.scheduleKey, a: r.anchorAt.getTime() });
      const offered: Record<string, unknown> = {
        name: contact.name,
        confirmUrl: `${base}/retention/respond?token=${token}`,
        deadline: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: TIME_ZONE }).format(r.deadline),
        finalAction: r.finalAction,
        reminderNumber: r.reminderNumber,
      };
      const declared = def.mail.templates.find((t) => t.key === r.template)?.variables ?? [];
      try {
        const queued = await this.mail.enqueue(tx, {
          template: r.template,
          to: { address: contact.address, personId: r.personId, personKind: r.personKind, locale },
          variables: Object.fromEntries(declared.map((k) => [k, offered[k]])),
          idempotencyKey: reminderKey(r),
        });
        if (queued.suppressed) suppressed.add(r.personId);
      } catch (err) {
        // An address the mail engine refuses (malformed) is a person we cannot reach, not a failed batch.
        if (!(err instanceof ValidationProblem)) throw err;
        unreachable.add(r.personId);
      }
    }
    return { unreachable, suppressed };
  }

  /** The tenant's own host name when it has one, so the link resolves the tenant without a header. */
  private async respondBase(tx: TenantTx): Promise<string> {
    if (!this.hosts.has(tx.tenantId)) {
      const [row] = await tx.query<{ host: string }>(
        `SELECT host FROM tenant_domains WHERE tenant_id = $1 ORDER BY host LIMIT 1`,
        [tx.tenantId],
      );
      this.hosts.set(tx.tenantId, row?.host ?? null);
    }
    const host = this.hosts.get(tx.tenantId);
    const url = new URL(this.baseUrl.toString());
    if (host) url.hostname = host;
    return url.toString().replace(/\/+$/, '');
  }
}
