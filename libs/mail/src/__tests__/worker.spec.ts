import type { INestApplicationContext } from '@nestjs/common';
import { TestApp } from '../../../../test/support/test-app.js';
import { createWorkerApp } from '../../../platform/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { mailTestTenant } from './support/mail-test-tenant.js';
import { MailService } from '../mail.service.js';
import { SmtpCapture } from './support/smtp-capture.js';

/** Resolves when the SMTP server has received a mail for the address (no fixed sleeps). */
function received(smtp: SmtpCapture, address: string, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (smtp.to(address).length) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`no mail for ${address} within ${timeoutMs} ms`));
      setTimeout(check, 25);
    };
    check();
  });
}

describe('the worker process delivers mail on its own', () => {
  // A definition of its own: the worker serves only its tenants, never other test files' mail.
  const { definition } = mailTestTenant('mail-worker-test');
  let smtp: SmtpCapture;
  let api: TestApp;
  let worker: INestApplicationContext;
  let tenant: TenantRef;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    const env = { ...process.env, SMTP_URL: smtp.url, MAIL_POLL_INTERVAL_MS: '200' };
    api = await TestApp.boot({ tenants: [definition], env });
    ({ app: worker } = await createWorkerApp({ tenants: [definition], env, prepared: api.prepared }));
    tenant = await api.createTenant('mail-worker-test');
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
  });

  it('a mail committed in the api process is delivered by the worker without anyone calling it', async () => {
    const to = `worker-${Date.now()}@example.test`;
    await api.get(TenantDb).forTenant(tenant, (tx) =>
      api.get(MailService).enqueue(tx, { template: 'verify-email', to: { address: to }, variables: { name: 'Sam', verifyUrl: 'https://kb.example/v' } }),
    );
    await received(smtp, to);
    expect(smtp.to(to)).toHaveLength(1);
  });
});
