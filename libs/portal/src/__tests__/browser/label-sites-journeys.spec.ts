import type { Browser, Page } from 'playwright-core';
import type { TenantRef } from '../../../../context/src/index.js';
import type { TestApp } from '../../../../../test/support/test-app.js';
import { HOSTS, registeredCandidate } from '../../../../../tenants/winwinwerkt/__tests__/winwinwerkt.fixture.js';
import { Accessibility, launchBrowser, navigates, newDesktop, Screenshots, servePortal, tabTo } from '../support/browser.js';
import { deliverMail, mailLinks, nextYear } from '../support/portal-fixtures.js';

/**
 * WinWinWerkt's label sites (statement 003) in Debian's chromium: each label on its own host name
 * (Chromium sends every *.localhost name to this machine), applying without an account with the
 * keyboard alone, and an employer writing to a talent's coach from the Talenten Etalage. axe-core
 * on every page.
 */
describe('WinWinWerkt label sites in a real browser', () => {
  let t: TestApp;
  let outbox: string;
  let origin: string;
  let browser: Browser;
  let tenant: TenantRef;
  let shots: Screenshots;
  let vacancyId: string;
  const a11y = new Accessibility();
  const on = (host: string, path: string) => `${origin.replace('127.0.0.1', host)}/t/${tenant.key}${path}`;

  async function press(page: Page, selector: string, state = '') {
    await tabTo(page, selector);
    await navigates(page, () => page.keyboard.press('Enter'));
    await a11y.check(page, state);
  }

  beforeAll(async () => {
    ({ t, outbox, origin } = await servePortal());
    browser = await launchBrowser();
    shots = new Screenshots(browser);
    tenant = await t.createTenant('winwinwerkt');
    const unit = await t.createOrgUnit(tenant, 'employer');
    const client = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
    const res = await t.http('post', '/manage/vacancies', {
      tenant: tenant.key,
      token: client.token,
      headers: { host: HOSTS.mkb },
      body: {
        title: 'Bakker (dagdienst)',
        description: 'Een bakkerij in Utrecht zoekt een bakker voor de dagdienst, vier dagen per week.',
        location: { city: 'Utrecht' },
        hours: { min: 24, max: 32 },
        contractType: 'permanent',
        educationLevel: 'vocational',
        publishUntil: nextYear(),
        status: 'published',
      },
    });
    if (res.status !== 201) throw new Error(`vacancy: ${res.status} ${JSON.stringify(res.body)}`);
    vacancyId = res.body.id;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("a visitor applies on a label's site without an account, with the keyboard alone; the link in the mail submits it", async () => {
    const email = `bakker-${Date.now()}@example.test`;
    const context = await newDesktop(browser);
    const page = await context.newPage();
    await page.goto(on(HOSTS.mkb, `/vacancies/${vacancyId}`));
    await a11y.check(page);
    expect(await page.textContent('header')).toContain('Vacature Service MKB');
    await press(page, `main a[href*="/x/apply?vacancy=${vacancyId}"]`);
    await shots.take(page, 'winwinwerkt-apply');

    await tabTo(page, '#f-firstName');
    await page.keyboard.type('Sanne');
    await tabTo(page, '#f-lastName');
    await page.keyboard.type('de Bakker');
    await tabTo(page, '#f-email');
    await page.keyboard.type(email);
    await tabTo(page, '#f-motivation');
    await page.keyboard.type('Ik bak al tien jaar brood en taart.');
    // Both questions skipped: each comes back next to its field, and what was typed stays.
    await press(page, 'main form button[type=submit]', 'with errors');
    expect(await page.textContent('#error-summary')).toContain('Wil je in de Talenten Etalage?: ');
    expect(await page.getAttribute('#f-statement', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#f-email')).toBe(email);
    await tabTo(page, '#f-joinEtalage-yes');
    // Arrow keys move within a radio group, and select as they go.
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('#f-joinEtalage-no')).toBe(true);
    await tabTo(page, '#f-statement');
    await page.keyboard.press('Space');
    await press(page, 'main form button[type=submit]');
    expect(await page.textContent('main')).toContain('Kijk in je mailbox');

    await t.settled();
    await deliverMail(t, tenant);
    const verify = mailLinks(outbox, email).find((l) => l.includes('verify-email'))!;
    await page.goto(verify);
    await a11y.check(page);
    await tabTo(page, '#f-password');
    await page.keyboard.type('een lange zin die ik onthoud');
    await press(page, 'main form button[type=submit]');
    await tabTo(page, '#f-email');
    await page.keyboard.type(email);
    await tabTo(page, '#f-password');
    await page.keyboard.type('een lange zin die ik onthoud');
    await press(page, 'main form button[type=submit]');
    await page.goto(`${origin}/t/${tenant.key}/applications`);
    await a11y.check(page);
    expect(await page.textContent('main')).toContain('Bakker (dagdienst)');
    await context.close();
  }, 120_000);

  it("an employer finds a talent in the Etalage on Onbekend Talent's site and writes to the coach", async () => {
    const coachOrg = await t.createOrgUnit(tenant, 'partner-organisation');
    await t.createAccount(tenant, ['partner'], { orgUnitIds: [coachOrg.id] });
    const talent = await registeredCandidate(t, tenant, HOSTS.onbekendTalent, { fields: { desiredJob: 'Gastvrouw', city: 'Zeist' } });
    const joined = await t.http('put', '/winwinwerkt/me/etalage', { tenant: tenant.key, token: talent.token, headers: { host: HOSTS.onbekendTalent }, body: { coachOrganisationId: coachOrg.id } });
    expect(joined.status).toBe(200);

    const context = await newDesktop(browser);
    const page = await context.newPage();
    await page.goto(on(HOSTS.onbekendTalent, '/x/etalage'));
    await a11y.check(page);
    expect(await page.textContent('main')).toContain('Gastvrouw');
    expect(await page.textContent('main')).not.toContain(talent.secrets.lastName);
    await shots.take(page, 'winwinwerkt-etalage');
    await navigates(page, () => page.click(`main a[href*="talent=${joined.body.id}"]`));
    await a11y.check(page, 'contact form');
    await page.fill('#f-organisation', 'Bakkerij De Korenschoof BV');
    await page.fill('#f-name', 'Henk de Bakker');
    await page.fill('#f-email', 'henk@korenschoof.example');
    await page.fill('#f-message', 'Wij zoeken een gastvrouw voor onze winkel en willen graag kennismaken.');
    await navigates(page, () => page.click('main form button[type=submit]'));
    await a11y.check(page, 'sent');
    expect(await page.textContent('body')).toContain('Uw bericht is naar de begeleider gestuurd.');
    await context.close();
  }, 60_000);

  it("WinWinWerkt's staff open a candidate's dossier on a label's site, with when the data goes, and the data-subject request queue", async () => {
    const candidate = await registeredCandidate(t, tenant, HOSTS.mkb, { fields: { desiredJob: 'Kok', city: 'Utrecht' } });
    const staff = await t.createAccount(tenant, ['staff'], { displayName: 'Recruiter Roos' });
    const context = await newDesktop(browser);
    const page = await context.newPage();
    await page.goto(on(HOSTS.mkb, '/sign-in'));
    await a11y.check(page);
    await page.fill('#f-email', staff.email);
    await page.fill('#f-password', staff.password);
    await navigates(page, () => page.click('main button[type=submit]'));
    expect(page.url()).not.toContain('/sign-in');
    await page.goto(on(HOSTS.mkb, `/people/${candidate.id}`));
    await a11y.check(page, 'dossier');
    const dossier = (await page.textContent('main')) ?? '';
    expect(dossier).toContain(candidate.secrets.lastName);
    // Statement 003's schedule, as the dossier forecasts it: when this person's data goes.
    expect(dossier).toContain('Wanneer deze gegevens verdwijnen');
    expect(await page.textContent('body')).toContain('vastgelegd in het auditlog');
    await page.goto(on(HOSTS.mkb, '/requests'));
    await a11y.check(page, 'request queue');
    await context.close();
  }, 60_000);

  it('no page of these journeys has a serious or critical WCAG 2.1 AA violation (axe-core)', () => {
    expect(a11y.pages.length).toBeGreaterThan(6);
    expect(a11y.findings.map((f) => `${f.page}: ${f.rule} (${f.impact}) at ${f.nodes.join(', ')}`)).toEqual([]);
  });
});
