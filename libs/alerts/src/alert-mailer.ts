import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { TenantTx } from '../../database/src/index.js';
import { AppConfig } from '../../config/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { MailService, type EnqueuedMail, MailTemplatesService } from '../../mail/src/index.js';
import { AlertLinksService } from './alert-links.service.js';

/** The three mails of a vacancy alert; the core has a default for each. */
export const ALERT_TEMPLATES = ['alert-confirm', 'vacancy-alert', 'vacancy-alert-digest'] as const;

export interface AlertRecipient {
  subscriberId: string;
  name: string;
  email: string;
  locale: string;
  linkVersion: number;
}

export interface AlertedVacancy {
  id: string;
  title: string;
  employer: string;
  city: string;
}

/**
 * Builds the alert mails and hands them to the mail engine in the caller's transaction. Links
 * point at the tenant's site pages, which post the token back to the API: a mail scanner that
 * follows links can then never confirm or remove anything on the person's behalf.
 */
@Injectable()
export class AlertMailer {
  private readonly baseUrl: string;

  constructor(
    private readonly mail: MailService,
    private readonly templates: MailTemplatesService,
    private readonly registry: TenantRegistry,
    private readonly links: AlertLinksService,
    config: AppConfig,
  ) {
    this.baseUrl = config.PUBLIC_BASE_URL;
  }

  /**
   * Whether the tenant in context offers alerts: it says so (or, saying nothing, declares every
   * alert mail itself), and every alert mail resolves, from the tenant or the core defaults.
   */
  offered(): boolean {
    const plugin = RequestContext.tenant().plugin;
    if (!this.registry.has(plugin)) return false;
    const def = this.registry.get(plugin);
    const own = new Set(def.mail.templates.map((t) => t.key));
    if (!(def.vacancyAlerts?.enabled ?? ALERT_TEMPLATES.every((key) => own.has(key)))) return false;
    try {
      for (const key of ALERT_TEMPLATES) this.templates.resolve(def, key, def.defaultLocale);
      return true;
    } catch {
      return false;
    }
  }

  manageToken(tx: TenantTx, to: Pick<AlertRecipient, 'subscriberId' | 'linkVersion'>): string {
    return this.links.sign(tx.tenantId, 'manage', to.subscriberId, to.linkVersion);
  }

  async confirmation(tx: TenantTx, to: AlertRecipient, alert: { id: string; name: string }): Promise<void> {
    const token = this.links.sign(tx.tenantId, 'confirm', alert.id);
    await this.mail.enqueue(tx, {
      template: 'alert-confirm',
      to: this.recipient(to),
      variables: { name: to.name, alertName: alert.name, confirmUrl: this.url('/alerts/confirm', token) },
      idempotencyKey: `alert-confirm:${alert.id}`,
    });
  }

  async vacancies(
    tx: TenantTx,
    kind: 'immediate' | 'digest',
    to: AlertRecipient,
    alert: { id: string; name: string; label: string | null },
    vacancies: readonly AlertedVacancy[],
  ): Promise<EnqueuedMail> {
    const batch = createHash('sha256')
      .update(vacancies.map((v) => v.id).sort().join(','))
      .digest('hex')
      .slice(0, 32);
    return this.mail.enqueue(tx, {
      template: kind === 'immediate' ? 'vacancy-alert' : 'vacancy-alert-digest',
      to: this.recipient(to),
      variables: {
        name: to.name,
        alertName: alert.name,
        vacancies: vacancies.map((v) => ({ title: v.title, employer: v.employer, city: v.city, url: this.url(`/vacancies/${v.id}`) })),
        manageUrl: this.url('/alerts/manage', this.manageToken(tx, to)),
      },
      idempotencyKey: `vacancy-alert:${alert.id}:${batch}`,
      // Sent by the worker, outside any request: the alert's own site decides the look and sender.
      brand: alert.label ?? undefined,
    });
  }

  private recipient(to: AlertRecipient) {
    return { address: to.email, personId: to.subscriberId, personKind: 'alert-subscriber' as const, locale: to.locale };
  }

  private url(path: string, token?: string): string {
    const url = new URL(path, this.baseUrl);
    url.searchParams.set('tenant', RequestContext.tenant().key);
    if (token) url.searchParams.set('token', token);
    return url.toString();
  }
}
