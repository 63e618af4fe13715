import type { Browser, Page } from 'playwright-core';
import type { TenantRef } from '../../../../context/src/index.js';
import { TEST_PASSWORD, type TestAccount, type TestApp } from '../../../../../test/support/test-app.js';
import { Accessibility, focusedAttribute, launchBrowser, navigates, newDesktop, Screenshots, servePortal, tabTo } from '../support/browser.js';
import { deliverMail, employerWithVacancy } from '../support/portal-fixtures.js';

/** The smallest document file-type recognises as a PDF. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/**
 * The candidate bank (statement 001) in Debian's chromium, through the real server and database:
 * one journey per kind of user, axe-core on every page they open.
 */
describe('kandidatenbank in a real browser', () => {
  let t: TestApp;
  let outbox: string;
  let origin: string;
  let browser: Browser;
  let tenant: TenantRef;
  let vacancyId: string;
  let recruiter: TestAccount;
  let shots: Screenshots;
  const a11y = new Accessibility();
  const jobseeker = { email: `sam-${Date.now()}@example.test`, password: 'mijn fiets staat in de gang' };
  const url = (path: string) => `${origin}/t/${tenant.key}${path}`;

  async function press(page: Page, selector: string, state = '') {
    await tabTo(page, selector);
    await navigates(page, () => page.keyboard.press('Enter'));
    await a11y.check(page, state);
  }

  async function signIn(page: Page, email: string, password: string, audit = true) {
    await page.goto(url('/sign-in'));
    // axe runs as script in the page: not in a browser with JavaScript switched off.
    if (audit) await a11y.check(page);
    await page.fill('#f-email', email);
    await page.fill('#f-password', password);
    await navigates(page, () => page.click('main button[type=submit]'));
    expect(page.url()).not.toContain('/sign-in');
  }

  beforeAll(async () => {
    ({ t, outbox, origin } = await servePortal());
    void outbox;
    browser = await launchBrowser();
    shots = new Screenshots(browser);
    tenant = await t.createTenant('kandidatenbank');
    ({ vacancyId, recruiter } = await employerWithVacancy(t, tenant));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a jobseeker registers with the keyboard alone and confirms the address through the development mailbox', async () => {
    const context = await newDesktop(browser);
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await a11y.check(page);
    await shots.take(page, 'site-picker');
    await page.goto(url('/'));
    await a11y.check(page);
    await shots.take(page, 'home');
    // The skip link is the first stop of the keyboard.
    await page.keyboard.press('Tab');
    expect(await focusedAttribute(page, 'href')).toBe('#main');
    await press(page, 'header a[href$="/register"]');

    // No password here: it is chosen with the link, by whoever holds the mailbox.
    expect(await page.$('#f-password')).toBeNull();
    await tabTo(page, '#f-email');
    await page.keyboard.type(jobseeker.email);
    await tabTo(page, '#f-fields-firstName');
    await page.keyboard.type('Sam');
    await tabTo(page, '#f-fields-lastName');
    await page.keyboard.type('de Vries');
    await press(page, 'main form button[type=submit]');
    expect(page.url()).toContain('/register/sent');

    await t.settled();
    await deliverMail(t, tenant);
    await press(page, 'main a[href$="/dev/mailbox"]');
    await shots.take(page, 'dev-mailbox');
    await press(page, 'main a[href*="/dev/mailbox/"]');
    await press(page, 'main a[href*="verify-email"]');
    expect(page.url()).toContain('/verify?token=');
    // A first attempt with a password too short comes back with the summary and the message at the field.
    await tabTo(page, '#f-password');
    await page.keyboard.type('kort');
    await press(page, 'main form button[type=submit]', 'with errors');
    expect(await page.textContent('#error-summary')).toContain('Wachtwoord');
    expect(await page.getAttribute('#f-password', 'aria-describedby')).toContain('f-password-error');
    await shots.take(page, 'verify-with-errors');
    await tabTo(page, '#f-password');
    await page.keyboard.type(jobseeker.password);
    await press(page, 'main form button[type=submit]');
    expect(page.url()).toContain('/sign-in');
    expect(await page.textContent('main')).toContain('Uw e-mailadres is bevestigd');

    await tabTo(page, '#f-email');
    await page.keyboard.type(jobseeker.email);
    await tabTo(page, '#f-password');
    await page.keyboard.type(jobseeker.password);
    await press(page, 'main form button[type=submit]');
    expect(await page.textContent('header')).toContain('Ingelogd als Sam de Vries');
    await context.close();
  }, 120_000);

  it('the jobseeker fills in the profile, uploads a CV, lists the profile, and applies with the keyboard alone', async () => {
    const context = await newDesktop(browser);
    const page = await context.newPage();
    await signIn(page, jobseeker.email, jobseeker.password);
    await page.goto(url('/profile'));
    await a11y.check(page);
    await page.fill('#f-fields-city', 'Utrecht');
    await page.fill('#f-fields-headline', 'Monteur');
    await page.fill('#f-fields-hoursPerWeek', '32');
    await page.selectOption('#f-fields-educationLevel', 'mbo');
    await page.fill('[id="f-fields-workExperience-0-role"]', 'Monteur installatietechniek');
    await Promise.all([page.waitForURL(/notice=saved/), page.click('section[aria-labelledby="fields-title"] button[type=submit]:not([name])')]);
    await a11y.check(page, 'saved');
    await page.setInputFiles('#upload-cv', { name: 'cv-sam.pdf', mimeType: 'application/pdf', buffer: PDF });
    await Promise.all([page.waitForURL(/notice=uploaded/), page.click('form[action*="/profile/documents/cv"] button[type=submit]')]);
    expect(await page.textContent('main')).toContain('cv-sam.pdf');
    await Promise.all([page.waitForURL(/notice=listing-saved/), page.click('button[value="activate"]')]);
    await a11y.check(page, 'listed');
    await shots.take(page, 'profile');

    await page.goto(url('/vacancies'));
    await a11y.check(page);
    await press(page, `main a[href$="/vacancies/${vacancyId}"]`);
    await shots.take(page, 'vacancy');
    await press(page, 'main a[href$="/apply"]');
    await tabTo(page, '#f-motivation');
    await page.keyboard.type('Ik heb tien jaar ervaring als monteur en woon in Utrecht.');
    await tabTo(page, 'input[type=checkbox][name^="document#"]');
    await page.keyboard.press('Space');
    await shots.take(page, 'apply');
    await press(page, 'main form button[type=submit]');
    expect(page.url()).toContain('/applications');
    expect(await page.textContent('main')).toContain('Monteur elektrotechniek');
    await context.close();
  }, 120_000);

  it('a form posts and answers with JavaScript switched off in the browser', async () => {
    const context = await newDesktop(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, jobseeker.email, jobseeker.password, false);
    await page.goto(url('/alerts'));
    await page.fill('#f-keywords', 'monteur');
    await page.fill('#f-city', 'Utrecht');
    await navigates(page, () => page.click('main form button[type=submit]'));
    expect(await page.textContent('main')).toContain('Kijk in uw mailbox');
    await page.goto(url('/profile'));
    await page.fill('#f-fields-headline', 'Monteur elektrotechniek');
    await Promise.all([page.waitForURL(/notice=saved/), page.click('section[aria-labelledby="fields-title"] button[type=submit]:not([name])')]);
    expect(await page.inputValue('#f-fields-headline')).toBe('Monteur elektrotechniek');
    await context.close();
  }, 60_000);

  it('the employer signs in and finds the candidate with filters and counts, named as the tenant allows, and sees the application', async () => {
    const context = await newDesktop(browser);
    const page = await context.newPage();
    await signIn(page, recruiter.email, TEST_PASSWORD);
    await page.goto(url('/candidates'));
    await a11y.check(page);
    await page.fill('#f-q', 'monteur');
    await Promise.all([page.waitForURL(/q=monteur/), page.click('main form[role=search] button[type=submit]')]);
    await a11y.check(page, 'results');
    expect(await page.textContent('main')).toMatch(/1 kandidaten gevonden/);
    expect(await page.textContent('#f-filter-city')).toContain('utrecht (1)');
    await shots.take(page, 'candidates');
    await navigates(page, () => page.click('main .portal-card a'));
    await a11y.check(page);
    // Statement 001: recruiters with access see the name unless the person chose to be anonymous.
    expect(await page.textContent('h1')).toBe('Sam de Vries');
    await page.goto(url(`/manage/vacancies/${vacancyId}/applications`));
    await a11y.check(page);
    expect(await page.textContent('main')).toContain('tien jaar ervaring');
    await context.close();
  }, 60_000);

  it("staff open the person's dossier, and the administrator finds that opening in the audit log", async () => {
    const staff = await t.createAccount(tenant, ['staff'], { displayName: 'Coach Carla' });
    const admin = await t.createAccount(tenant, ['tenant-admin'], { displayName: 'Beheer' });
    const context = await newDesktop(browser);
    const page = await context.newPage();
    await signIn(page, staff.email, TEST_PASSWORD);
    await page.goto(url('/people'));
    await a11y.check(page);
    await navigates(page, () => page.click('main .portal-card a'));
    await a11y.check(page);
    expect(await page.textContent('h1')).toContain('Sam de Vries');
    const personId = page.url().split('/').pop()!;
    await shots.take(page, 'dossier');
    await context.clearCookies();
    await signIn(page, admin.email, TEST_PASSWORD);
    await page.goto(url(`/admin/audit?subjectId=${personId}`));
    await a11y.check(page);
    expect(await page.textContent('main')).toContain('profile.read');
    await page.goto(url('/admin/templates'));
    await a11y.check(page);
    await page.goto(url('/admin/templates/verify-email?locale=nl'));
    await a11y.check(page);
    for (const path of ['/requests', '/admin/policies', '/accessibility', '/privacy', '/cookies']) {
      await page.goto(url(path));
      await a11y.check(page);
    }
    await context.close();
  }, 60_000);

  it('the jobseeker asks for a copy of their data and follows its build until the link is mailed', async () => {
    const context = await newDesktop(browser);
    const page = await context.newPage();
    await signIn(page, jobseeker.email, jobseeker.password, false);
    await page.goto(url('/my-data/requests'));
    await a11y.check(page);
    await page.selectOption('#f-kind', 'access');
    await navigates(page, () => page.click('main button[type=submit]'));
    const staff = await t.signedIn(tenant, ['staff']);
    const [request] = (await t.http('get', '/rights/requests', { tenant: tenant.key, token: staff.token })).body as { id: string }[];
    for (const status of ['in-progress', 'completed'])
      expect((await t.http('post', `/rights/requests/${request.id}/status`, { tenant: tenant.key, token: staff.token, body: { status } })).status).toBe(200);
    await t.settled();
    await page.goto(url('/my-data'));
    await a11y.check(page);
    await navigates(page, () => page.click(`a[href$="/my-data/requests/${request.id}/export"]`));
    await a11y.check(page);
    expect(await page.textContent('main [role=status]')).toMatch(/klaar|ready/);
    await context.close();
  }, 60_000);

  it('no page of these journeys has a serious or critical WCAG 2.1 AA violation (axe-core)', () => {
    expect(a11y.pages.length).toBeGreaterThan(20);
    expect(a11y.findings.map((f) => `${f.page}: ${f.rule} (${f.impact}) at ${f.nodes.join(', ')}`)).toEqual([]);
  });
});
