import type { Browser, Page } from 'playwright-core';
import type { TenantRef } from '../../../../context/src/index.js';
import { TEST_PASSWORD, type TestAccount, type TestApp } from '../../../../../test/support/test-app.js';
import { Accessibility, launchBrowser, navigates, newDesktop, Screenshots, servePortal } from '../support/browser.js';
import { deliverMail, employerWithVacancy } from '../support/portal-fixtures.js';

/**
 * RefugeeWork (statement 000) in Debian's chromium: a jobseeker who reads Arabic registers on
 * right-to-left pages, joins the talent pool and applies; an employer finds an alias, never a name,
 * until the jobseeker accepts their connection request; staff see the dossier with its connections.
 */
describe('RefugeeWork in a real browser', () => {
  let t: TestApp;
  let origin: string;
  let browser: Browser;
  let tenant: TenantRef;
  let vacancyId: string;
  let recruiter: TestAccount;
  let shots: Screenshots;
  let alias = '';
  const a11y = new Accessibility();
  const amal = { email: `amal-${Date.now()}@example.test`, password: 'my garden has three olive trees', name: 'Amal Haddad' };
  const url = (path: string) => `${origin}/t/${tenant.key}${path}`;

  async function go(page: Page, path: string, state = '') {
    await page.goto(url(path));
    await a11y.check(page, state);
  }

  async function submit(page: Page, selector: string, state = '') {
    await navigates(page, () => page.click(selector));
    await a11y.check(page, state);
  }

  async function signIn(page: Page, email: string, password: string, english = false) {
    await go(page, '/sign-in');
    await page.fill('#f-email', email);
    await page.fill('#f-password', password);
    await submit(page, 'main form button[type=submit]');
    expect(page.url()).not.toContain('/sign-in');
    // Accounts made for the test speak Dutch (the platform's default); these readers switch to English.
    if (english) await navigates(page, () => page.click('header button[lang="en"]'));
  }

  beforeAll(async () => {
    ({ t, origin } = await servePortal());
    browser = await launchBrowser();
    shots = new Screenshots(browser);
    tenant = await t.createTenant('refugee-talent-pool');
    ({ vacancyId, recruiter } = await employerWithVacancy(t, tenant, 'Timmerman / Carpenter'));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a jobseeker chooses Arabic, registers on right-to-left pages and keeps the language after signing in', async () => {
    const context = await newDesktop(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await go(page, '/');
    await submit(page, 'header button[lang="ar"]');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    // Right to left for real: the brand sits at the right edge, the page's start.
    const brand = await page.locator('.portal-brand').boundingBox();
    expect(brand!.x).toBeGreaterThan(640);
    await shots.take(page, 'home-rtl');
    await go(page, '/register');
    await page.fill('#f-email', amal.email);
    await page.fill('#f-fields-name', amal.name);
    await page.fill('#f-fields-email', amal.email);
    await page.selectOption('#f-fields-province', 'groningen');
    await shots.take(page, 'register-rtl');
    await submit(page, 'main form button[type=submit]');
    expect(page.url()).toContain('/register/sent');

    await t.settled();
    await deliverMail(t, tenant);
    await submit(page, 'main a[href$="/dev/mailbox"]');
    await submit(page, 'main a[href*="/dev/mailbox/"]');
    await submit(page, 'main a[href*="verify-email"]');
    // The password is chosen with the link, on a right-to-left page too.
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await page.fill('#f-password', amal.password);
    await submit(page, 'main form button[type=submit]');
    await signIn(page, amal.email, amal.password);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await context.close();
  }, 120_000);

  it('the jobseeker joins the talent pool (a consent in the ledger), lists the profile, applies, and sees their data on the tenant’s own page', async () => {
    const context = await newDesktop(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, amal.email, amal.password);
    // Signed in on another device: the account's language (Arabic) comes along; switch to English.
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    await submit(page, 'header button[lang="en"]');
    await go(page, '/consents');
    await submit(page, 'form[action$="/consents/talentPool"] button[value="grant"]', 'granted');
    expect(await page.textContent('form[action$="/consents/talentPool"]')).toContain('Withdraw');
    await go(page, '/profile');
    await page.fill('#f-fields-about', 'Carpenter with eight years of experience in Aleppo.');
    await page.fill('textarea[name="fields.functionalSkills"]', 'Carpentry\nReading construction drawings');
    await submit(page, 'section[aria-labelledby="fields-title"] button[type=submit]:not([name])', 'saved');
    await submit(page, 'button[value="activate"]', 'listed');
    alias = (await page.textContent('main'))!.match(/Talent [0-9A-Z]{6}/)?.[0] ?? '';
    await go(page, `/vacancies/${vacancyId}/apply`);
    await page.fill('#f-motivation', 'I would like to work on your housing projects.');
    await submit(page, 'main form button[type=submit]');
    expect(await page.textContent('main')).toContain('Timmerman / Carpenter');
    await go(page, '/x/my-data');
    expect(await page.textContent('h1')).toBe('My data');
    expect(await page.textContent('main')).toContain('Carpenter with eight years');
    await shots.take(page, 'my-data');
    await context.close();
  }, 120_000);

  it('the employer finds an alias, not a name, asks to connect, and sees who it is only after the jobseeker accepts', async () => {
    const employer = await (await newDesktop(browser, { locale: 'en-GB' })).newPage();
    await signIn(employer, recruiter.email, TEST_PASSWORD, true);
    await go(employer, '/candidates?q=carpenter', 'results');
    const results = (await employer.textContent('main'))!;
    expect(results).toContain('1 candidates found');
    expect(results).not.toContain(amal.name);
    expect(results).not.toContain(amal.email);
    await shots.take(employer, 'candidates-alias');
    await submit(employer, 'main .portal-card a');
    const hidden = (await employer.textContent('main'))!;
    expect(hidden).toContain('Identity hidden until the candidate accepts a connection request.');
    expect(hidden).not.toContain(amal.name);
    const candidateUrl = employer.url();
    await employer.fill('#f-message', 'We would like to meet you about a carpentry job in Groningen.');
    await submit(employer, 'main form button[type=submit]');
    expect(employer.url()).toContain('/connections');
    expect(await employer.textContent('main')).toContain('Requested');

    const jobseeker = await (await newDesktop(browser, { locale: 'en-GB' })).newPage();
    await signIn(jobseeker, amal.email, amal.password);
    await go(jobseeker, '/connections');
    expect(await jobseeker.textContent('main')).toContain('We would like to meet you');
    await submit(jobseeker, 'form[action$="/accept"] button', 'accepted');
    expect(await jobseeker.textContent('main')).toContain('Accepted');

    await employer.goto(candidateUrl);
    await a11y.check(employer, 'connected');
    expect(await employer.textContent('h1')).toBe(amal.name);
    if (alias) expect(alias).toMatch(/^Talent /);

    // Once accepted, both sides talk on the connection's conversation page, with forms alone.
    await go(employer, '/connections', 'accepted');
    await submit(employer, 'main a[href$="/chat"]', 'chat');
    await employer.fill('#f-body', 'Can you start on Monday in Groningen?');
    await submit(employer, 'main form button[type=submit]', 'chat-sent');
    expect(await employer.textContent('main')).toContain('Can you start on Monday in Groningen?');
    await go(jobseeker, '/connections', 'chat-link');
    await submit(jobseeker, 'main a[href$="/chat"]', 'chat-read');
    expect(await jobseeker.textContent('main')).toContain('Can you start on Monday in Groningen?');
    await submit(jobseeker, 'main form button[type=submit]', 'chat-empty');
    expect(await jobseeker.textContent('#f-body-error')).toBeTruthy();
    await jobseeker.fill('#f-body', 'Yes, Monday works for me.');
    await submit(jobseeker, 'main form button[type=submit]', 'chat-reply');
    await employer.reload();
    expect(await employer.textContent('main')).toContain('Yes, Monday works for me.');
    // The page where the employer assesses jobs worked (none has ended yet).
    await go(employer, '/x/reviews', 'reviews');
    expect(await employer.textContent('h1')).toBe('Assess jobs worked');
    await employer.context().close();
    await jobseeker.context().close();
  }, 120_000);

  it('staff open the dossier with the person’s consents and connections', async () => {
    const staff = await t.createAccount(tenant, ['staff'], { displayName: 'Olga Operations' });
    const page = await (await newDesktop(browser, { locale: 'en-GB' })).newPage();
    await signIn(page, staff.email, TEST_PASSWORD, true);
    await go(page, '/people');
    await submit(page, 'main .portal-card a');
    const dossier = (await page.textContent('main'))!;
    expect(dossier).toContain(amal.name);
    expect(dossier).toContain('Connections');
    expect(dossier).toMatch(/Accepted/);
    await page.context().close();
  }, 60_000);

  it('no page of these journeys, left to right or right to left, has a serious or critical WCAG 2.1 AA violation (axe-core)', () => {
    expect(a11y.pages.some((p) => p.endsWith('/register'))).toBe(true);
    expect(a11y.findings.map((f) => `${f.page}: ${f.rule} (${f.impact}) at ${f.nodes.join(', ')}`)).toEqual([]);
  });
});
