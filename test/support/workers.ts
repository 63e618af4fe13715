import { RightsDeadlineSweep } from '../../libs/rights/src/rights-deadlines.sweep.js';
import { RestrictionLiftSweep } from '../../libs/rights/src/restriction-lifts.sweep.js';
import type { TenantRef } from '../../libs/context/src/index.js';
import { RetentionSweepService } from '../../libs/retention/src/retention-sweep.service.js';
import { MailDeliveryService } from '../../libs/mail/src/mail-delivery.service.js';
import { DemoSeeder } from '../../libs/platform/src/demo-seeder.service.js';
import { TenantsService } from '../../libs/tenancy/src/index.js';
import { AlertDispatchService } from '../../libs/alerts/src/index.js';
import { jest } from '@jest/globals';
import { NudgeSweep } from '../../libs/activity/src/index.js';
import { ErasureService } from '../../libs/privacy/src/index.js';
import { MailService, addressHash } from '../../libs/mail/src/index.js';
import { MailLinksService } from '../../libs/mail/src/mail-links.service.js';
import type { TestApp } from './test-app.js';

export { SmtpCapture, decodeHtml, header, part } from '../../libs/mail/src/__tests__/support/smtp-capture.js';

/**
 * What the worker process does on its schedule, run on demand for one test tenant, so tests that
 * may import only the plugin API (tenant folders) can walk a clock through retention and delivery.
 */
export function sweepRetention(t: TestApp, tenant: TenantRef) {
  return t.get(RetentionSweepService).sweep({ tenantIds: [tenant.id] });
}

/** Hands the tenant's due mails to the SMTP server the app was booted with (SMTP_URL). */
export function deliverMail(t: TestApp, tenant: TenantRef) {
  return t.get(MailDeliveryService).deliverDue(200, tenant);
}

/** What `npm start` does after migrating: the demo tenants, their accounts and data (idempotent). */
export function seedDemo(t: TestApp) {
  return t.get(DemoSeeder).seed();
}

/** The worker's hourly run over data-subject request deadlines (reminders, escalation), for one tenant. */
export function sweepRightsDeadlines(t: TestApp, tenant: TenantRef) {
  return t.get(RightsDeadlineSweep).sweep({ tenantIds: [tenant.id] });
}

/** The worker's hourly run applying announced lifts of restrictions of processing whose notice ended, for one tenant. */
export function sweepRestrictionLifts(t: TestApp, tenant: TenantRef) {
  return t.get(RestrictionLiftSweep).sweep({ tenantIds: [tenant.id] });
}

/** A browser on the web portal (cookies, CSRF), for tenant tests of their pages. */
export { PortalClient } from '../../libs/portal/src/__tests__/support/portal-client.js';

/** The worker's minutely run of immediate vacancy alerts, for one tenant; returns how many mails were queued. */
export function sendImmediateAlerts(t: TestApp, tenant: TenantRef) {
  return t.inTenant(tenant, () => t.get(AlertDispatchService).sendImmediate());
}

/** The tenant `npm start` seeds under a key (after `seedDemo`), to read what the demo wrote. */
export function demoTenant(t: TestApp, key: string) {
  return t.get(TenantsService).require(key);
}

/** The worker's nudge sweep (libs/activity: nudges and the deletion of old events), for one tenant. */
export function sweepNudges(t: TestApp, tenant: TenantRef) {
  return t.get(NudgeSweep).sweep({ tenantIds: [tenant.id] });
}

/** Erases a person as the core does after a decided request or a retention end. */
export function erasePerson(t: TestApp, tenant: TenantRef, personId: string) {
  return t.inTenant(tenant, () => t.get(ErasureService).erase(personId, 'test'));
}

/** The unsubscribe link at the foot of a reminder to this address, as delivery signs it. */
export function reminderUnsubscribeUrl(t: TestApp, tenant: TenantRef, address: string, personId: string) {
  return t.get(MailLinksService).links(tenant, { addressHash: addressHash(tenant.id, address), category: 'reminder', personId }).unsubscribeUrl;
}

/** Makes the next enqueue of mail fail as a process dying there would: the caller's unit of work rolls back. */
export function failNextMailEnqueue(t: TestApp): () => void {
  const spy = jest.spyOn(t.get(MailService), 'enqueueMany').mockRejectedValueOnce(new Error('the process died here'));
  return () => spy.mockRestore();
}
