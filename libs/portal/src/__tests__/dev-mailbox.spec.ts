import { loadConfig } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { mailboxEnabled } from '../dev/dev-mailbox.js';
import { portalRoutes } from '../pages/routes.js';
import { PortalClient } from './support/portal-client.js';
import { bootPortal, deliverMail } from './support/portal-fixtures.js';

describe('the development mailbox', () => {
  let t: TestApp;
  let a: TenantRef;
  let b: TenantRef;

  beforeAll(async () => {
    ({ t } = await bootPortal());
    a = await t.createTenant('kandidatenbank');
    b = await t.createTenant('kandidatenbank');
  });
  afterAll(() => t?.close());

  it("shows every mail the platform sent for this tenant, as sent, and none of another tenant's", async () => {
    const register = (tenant: TenantRef, email: string) =>
      new PortalClient(t, tenant.key).post('/register', { email, 'fields.firstName': 'Sam', 'fields.lastName': 'Jansen' });
    await register(a, 'mine@example.test');
    await register(b, 'theirs@example.test');
    await t.settled();
    await deliverMail(t, a);
    await deliverMail(t, b);
    const page = (await new PortalClient(t, a.key).get('/dev/mailbox')).text;
    expect(page).toContain('mine@example.test');
    expect(page).not.toContain('theirs@example.test');
    const id = /\/dev\/mailbox\/([0-9a-f-]{36})"/.exec(page)![1];
    const mail = await new PortalClient(t, a.key).get(`/dev/mailbox/${id}`);
    expect(mail.text).toContain('verify-email?tenant');
    // Another tenant cannot open it by its id.
    expect((await new PortalClient(t, b.key).get(`/dev/mailbox/${id}`)).status).toBe(404);
  });

  it('does not exist in production: the production configuration turns it off and its routes are never registered', () => {
    const production = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-at-least-thirty-two-characters',
      DATABASE_URL: 'postgres://owner:Kq8vN2xL7pRw4sTz@db.internal:5432/recruit',
      DATABASE_APP_URL: 'postgres://app:Hy3mB9cV6nQ1wXe5@db.internal:5432/recruit',
      BOUNCE_WEBHOOK_SECRET: 'a-production-bounce-secret',
      SMTP_URL: 'smtp://mail.internal:587',
    });
    expect(mailboxEnabled(production)).toBe(false);
    expect(portalRoutes({ mailbox: mailboxEnabled(production) }).some((r) => r.path.startsWith('/dev/'))).toBe(false);
    expect(portalRoutes({ mailbox: true }).some((r) => r.path.startsWith('/dev/'))).toBe(true);
  });

  it('is gone as soon as mail leaves the machine (SMTP configured): the pages 404 and no page links to it', async () => {
    const { t: smtp } = await bootPortal({ env: { SMTP_URL: 'smtp://127.0.0.1:2525' } });
    try {
      const tenant = await smtp.createTenant('kandidatenbank');
      const web = new PortalClient(smtp, tenant.key);
      expect((await web.get('/dev/mailbox')).status).toBe(404);
      expect((await web.get('/')).text).not.toContain('/dev/mailbox');
    } finally {
      await smtp.close();
    }
  });
});
