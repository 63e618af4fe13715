import { mkdtempSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailDeliveryService } from '../../../../mail/src/index.js';
import type { TenantRef } from '../../../../context/src/index.js';
import type { TenantDefinition } from '../../../../plugin-api/src/index.js';
import { TEST_PASSWORD, TestApp } from '../../../../../test/support/test-app.js';
import { PortalClient } from './portal-client.js';

/** The app with mail written to a fresh development outbox, as `npm start` does without SMTP. */
export async function bootPortal(
  opts: { env?: Record<string, string>; tenants?: readonly TenantDefinition[]; port?: number } = {},
): Promise<{ t: TestApp; outbox: string }> {
  const outbox = mkdtempSync(join(tmpdir(), 'portal-outbox-'));
  const t = await TestApp.boot({ env: { MAIL_DEV_OUTBOX_DIR: outbox, ...opts.env }, tenants: opts.tenants, port: opts.port });
  return { t, outbox };
}

/** What the worker does every few seconds: send the tenant's queued mail. */
export function deliverMail(t: TestApp, tenant: TenantRef) {
  return t.get(MailDeliveryService).deliverDue(100, tenant);
}

/** A year from now: a vacancy published until then is open whatever day the tests run. */
export const nextYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

/** An employer organisation (with candidate-bank access), a recruiter in it and a published vacancy. */
export async function employerWithVacancy(t: TestApp, tenant: TenantRef, title = 'Monteur elektrotechniek') {
  const unit = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
  const recruiter = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
  const res = await t.http('post', '/manage/vacancies', {
    tenant: tenant.key,
    token: recruiter.token,
    body: {
      title,
      description: 'Wij zoeken een ervaren monteur voor installaties in nieuwbouwwoningen in de regio.',
      location: { city: 'Utrecht' },
      hours: { min: 32, max: 40 },
      contractType: 'permanent',
      educationLevel: 'vocational',
      publishUntil: nextYear(),
      status: 'published',
    },
  });
  if (res.status !== 201) throw new Error(`vacancy not created: ${res.status} ${JSON.stringify(res.body)}`);
  return { unit, recruiter, vacancyId: res.body.id as string };
}

/** The links of the last mail the file transport wrote to this address. */
export function mailLinks(outbox: string, address: string): string[] {
  const lines = readFileSync(join(outbox, 'outbox.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { to: string; text: string });
  const last = lines.filter((m) => m.to === address).pop();
  if (!last) throw new Error(`no mail to ${address}`);
  return last.text.match(/https?:\/\/[^\s<>"')]+/g) ?? [];
}

/**
 * A jobseeker registered and verified through the pages, signed in on `web`: what every jobseeker
 * test starts from.
 */
export async function registeredJobseeker(
  t: TestApp,
  web: PortalClient,
  tenant: TenantRef,
  outbox: string,
  fields: Record<string, string>,
  email = `person-${randomUUID().slice(0, 8)}@example.test`,
  password = 'a long sentence I remember',
) {
  const res = await web.post('/register', { email, ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [`fields.${k}`, v])) });
  if (res.status !== 303) throw new Error(`registration failed: ${res.status} ${res.text.slice(0, 2000)}`);
  // The confirmation mail is queued after the answer (a second registration must answer alike).
  await t.settled();
  await deliverMail(t, tenant);
  const link = new URL(mailLinks(outbox, email).find((l) => l.includes('verify-email'))!);
  // Whoever holds the mailbox chooses the password, with the link.
  const verified = await web.post('/verify', { token: link.searchParams.get('token')!, password }, { from: `/verify?token=${link.searchParams.get('token')}` });
  if (verified.status !== 303) throw new Error(`verification failed: ${verified.status}`);
  await web.signIn(email, password);
  return { email, password };
}

/** A browser without JavaScript signed in to the tenant's pages as an account made for the test, or as `account`. */
export async function signedInClient(t: TestApp, tenant: TenantRef, account: { email: string; password?: string }): Promise<PortalClient> {
  const web = new PortalClient(t, tenant.key);
  await web.signIn(account.email, account.password ?? TEST_PASSWORD);
  return web;
}
