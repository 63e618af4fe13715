import { randomBytes } from 'node:crypto';
import type { TestApp } from '../../../../test/support/test-app.js';
import type { TenantRef } from '../../../context/src/index.js';
import { rows } from '../../../vacancies/src/__tests__/application-fixtures.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import type { TenantDefinition } from '../../../plugin-api/src/index.js';
import { ALERT_TEMPLATES } from '../alert-mailer.js';

export interface QueuedMail {
  template: string;
  person_id: string | null;
  variables: Record<string, unknown> | null;
}

/** A test-only tenant on the example definition that declares none of the alert mails itself. */
export function tenantWithoutAlertMails(key: string, extra: Partial<TenantDefinition> = {}): TenantDefinition {
  return {
    ...kandidatenbank,
    key,
    domains: [],
    demo: undefined,
    mail: {
      ...kandidatenbank.mail,
      templates: kandidatenbank.mail.templates.filter((tpl) => !(ALERT_TEMPLATES as readonly string[]).includes(tpl.key)),
    },
    ...extra,
  };
}

export const uniqueAddress = () => `alert-${randomBytes(4).toString('hex')}@example.test`;

/** The mails queued for an address, straight from the outbox table. */
export function mailsTo(t: TestApp, tenant: TenantRef, address: string, template?: string): Promise<QueuedMail[]> {
  return rows<QueuedMail>(
    t,
    tenant,
    `SELECT template, person_id, variables FROM mail_messages
      WHERE tenant_id = $1 AND recipient_address = $2 AND ($3::text IS NULL OR template = $3) ORDER BY created_at, id`,
    [address, template ?? null],
  );
}

export function tokenIn(mail: QueuedMail, variable: 'confirmUrl' | 'manageUrl'): string {
  return new URL(String(mail.variables![variable])).searchParams.get('token')!;
}

/** Subscribes through the API and confirms through the link in the confirmation mail. */
export async function confirmedSubscriber(t: TestApp, tenant: TenantRef, body: Record<string, unknown> = {}) {
  const email = uniqueAddress();
  const res = await t.http('post', '/alerts', { tenant: tenant.key, body: { name: 'Sam', email, frequency: 'immediate', ...body } });
  if (res.status !== 202) throw new Error(`subscribe failed: ${res.status} ${JSON.stringify(res.body)}`);
  const [confirmation] = await mailsTo(t, tenant, email, 'alert-confirm');
  const confirmed = await t.http('post', '/alerts/confirm', { tenant: tenant.key, body: { token: tokenIn(confirmation, 'confirmUrl') } });
  if (confirmed.status !== 200) throw new Error(`confirm failed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { email, subscriberId: confirmation.person_id!, alertId: confirmed.body.alertId as string, manageToken: confirmed.body.manageToken as string };
}
