import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailDeliveryService } from '../../../../mail/src/index.js';
import type { TenantRef } from '../../../../context/src/index.js';
import { TestApp } from '../../../../../test/support/test-app.js';

/** The app with mail written to a fresh development outbox, as `npm start` does without SMTP. */
export async function bootPortal(env: Record<string, string> = {}): Promise<{ t: TestApp; outbox: string }> {
  const outbox = mkdtempSync(join(tmpdir(), 'portal-outbox-'));
  const t = await TestApp.boot({ env: { MAIL_DEV_OUTBOX_DIR: outbox, ...env } });
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
