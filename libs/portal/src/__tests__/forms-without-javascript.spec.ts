import { TenantRegistry } from '../../../tenancy/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { decodeHtml, PortalClient } from './support/portal-client.js';
import { bootPortal, deliverMail, employerWithVacancy } from './support/portal-fixtures.js';

/**
 * Every form of a jobseeker's journey works as a plain HTML form: posted as
 * application/x-www-form-urlencoded by a client that runs no script at all, answered with a page
 * or a redirect, never with JSON.
 */
describe('a jobseeker completes the journey with forms alone (no JavaScript)', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let vacancyId: string;

  beforeAll(async () => {
    ({ t } = await bootPortal());
    tenant = await t.createTenant('kandidatenbank');
    ({ vacancyId } = await employerWithVacancy(t, tenant));
  });
  afterAll(() => t?.close());

  it('registers, confirms the address from the development mailbox, fills the profile, lists it and applies', async () => {
    const web = new PortalClient(t, tenant.key);
    const email = `sam-${Date.now()}@example.test`;
    const password = 'a long sentence I remember';

    const registered = await web.post('/register', { email, 'fields.firstName': 'Sam', 'fields.lastName': 'de Vries' });
    expect(registered.status).toBe(303);
    expect(registered.headers.location).toBe(`/t/${tenant.key}/register/sent`);

    await t.settled();
    await deliverMail(t, tenant);
    const mailbox = await web.get('/dev/mailbox');
    expect(mailbox.status).toBe(200);
    const link = /href="(\/t\/[^"]+\/dev\/mailbox\/[0-9a-f-]{36})"/.exec(mailbox.text)?.[1];
    expect(link).toBeDefined();
    const mail = await web.get(link!);
    const verifyUrl = new URL(decodeHtml(/href="(https?:\/\/[^"]*verify-email[^"]*)"/.exec(mail.text)![1]));
    const opened = await web.get(`~${verifyUrl.pathname}${verifyUrl.search}`);
    expect(opened.status).toBe(303);
    const verifyPage = await web.follow(opened);
    expect(verifyPage.status).toBe(200);
    const token = /name="token" value="([^"]+)"/.exec(verifyPage.text)![1];
    // The password is chosen here, by whoever holds the mailbox, not at registration.
    expect(verifyPage.text).toMatch(/<input[^>]*name="password"/);
    const verified = await web.post('/verify', { token, password }, { from: opened.headers.location });
    expect(verified.headers.location).toContain('/sign-in');

    await web.signIn(email, password);
    const saved = await web.post('/profile', {
      'fields.firstName': 'Sam',
      'fields.lastName': 'de Vries',
      'fields.city': 'Utrecht',
      'fields.headline': 'Monteur',
      'fields.hoursPerWeek': '32',
      'fields.workExperience[0].role': 'Monteur',
      'fields.workExperience[0].employer': 'Installatiebedrijf West',
    });
    expect(saved.status).toBe(303);
    const listed = await web.post('/profile/listing', { action: 'activate' }, { from: '/profile' });
    expect(listed.status).toBe(303);
    const profile = await web.follow(listed);
    expect(profile.text).toContain('Monteur');

    const applied = await web.post(`/vacancies/${vacancyId}/apply`, { motivation: 'Ik heb tien jaar ervaring als monteur.' });
    expect(applied.status).toBe(303);
    const mine = await web.follow(applied);
    expect(mine.text).toContain('Monteur elektrotechniek');
    expect(String(mine.headers['content-type'])).toContain('text/html');
    expect(t.get(TenantRegistry)).toBeDefined();
  });

  it('a form with problems comes back with the values kept, a summary on top and each message next to its field', async () => {
    const web = new PortalClient(t, tenant.key);
    const res = await web.post('/register', { email: 'not-an-address', 'fields.firstName': '', 'fields.lastName': 'de Vries' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="error-summary"');
    expect(res.text).toMatch(/<input[^>]*name="email" value="not-an-address"[^>]*aria-invalid="true"/);
  });
});
