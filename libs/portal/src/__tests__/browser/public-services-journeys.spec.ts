import type { Browser, Page } from 'playwright-core';
import type { TenantRef } from '../../../../context/src/index.js';
import type { TestApp } from '../../../../../test/support/test-app.js';
import { hallowerkWorld, municipalJobseeker } from '../../../../../tenants/hallowerk/__tests__/hallowerk.fixture.js';
import { vdabWorld } from '../../../../../tenants/vdab-partners/__tests__/vdab.fixture.js';
import { Accessibility, launchBrowser, navigates, newDesktop, Screenshots, servePortal, tabTo } from '../support/browser.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();

/**
 * The public services' tenants in Debian's chromium: a HalloWerk resident (statement 004) hands in
 * an assessment and, having found work, makes the profile invisible; a VDAB partner's coach
 * (statement 002) opens a dossier of a running assignment, registers an action and attaches a
 * document to it; its partner admin manages credentials and staff, and the service decides an
 * account request. Keyboard where the journey is the person's own, axe-core on every page.
 */
describe('HalloWerk and VDAB partners in a real browser', () => {
  let t: TestApp;
  let origin: string;
  let browser: Browser;
  let shots: Screenshots;
  const a11y = new Accessibility();

  async function press(page: Page, selector: string, state = '') {
    await tabTo(page, selector);
    await navigates(page, () => page.keyboard.press('Enter'));
    await a11y.check(page, state);
  }

  async function signIn(page: Page, base: string, email: string, password: string) {
    await page.goto(`${base}/sign-in`);
    await a11y.check(page);
    await page.fill('#f-email', email);
    await page.fill('#f-password', password);
    await navigates(page, () => page.click('main button[type=submit]'));
    expect(page.url()).not.toContain('/sign-in');
  }

  beforeAll(async () => {
    ({ t, origin } = await servePortal());
    browser = await launchBrowser();
    shots = new Screenshots(browser);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a HalloWerk resident hands in an assessment with the keyboard alone, reports work found and becomes invisible', async () => {
    const tenant: TenantRef = await t.createTenant('hallowerk');
    const world = await hallowerkWorld(t, tenant);
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    const given = await t.http('post', `/hallowerk/people/${person.id}/assignments`, {
      tenant: tenant.key,
      token: world.ownCoach.token,
      body: { kind: 'assessment', title: 'Beroepskeuzetest', instructions: 'Welk werk past bij jou?' },
    });
    expect(given.status).toBe(201);
    const base = `${origin}/t/${tenant.key}`;
    const context = await newDesktop(browser);
    const page = await context.newPage();
    await signIn(page, base, String(person.shared.contactEmail), 'een lange zin die ik onthoud');
    await page.goto(`${base}/x/assignments`);
    await a11y.check(page);
    await shots.take(page, 'hallowerk-assignments');
    await tabTo(page, `[id="f-answers-${given.body.id}"]`);
    await page.keyboard.type('Ik werk graag buiten en met mijn handen.');
    await tabTo(page, `[id="f-result-${given.body.id}"]`);
    await page.keyboard.type('Techniek en groen');
    await press(page, 'main form button[type=submit]');
    expect(await page.textContent('body')).toContain('Je opdracht is ingeleverd.');

    await context.clearCookies();
    // Their coach checks a file of new residents first: the report shows every line.
    await signIn(page, base, world.ownCoach.email, world.ownCoach.password);
    await page.goto(`${base}/x/import`);
    await a11y.check(page);
    await page.setInputFiles('#f-file', {
      name: 'inwoners.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`email;clientNumber;firstName;lastName\nnieuw-${Date.now()}@mail.example;KL-${Date.now()};Noor;Bakker\ngeen-adres;KL-2;Jan;Smit`),
    });
    await navigates(page, () => page.click('main form button[type=submit]'));
    await a11y.check(page, 'report');
    expect(await page.textContent('#report-created')).toBe('1');
    expect(await page.textContent('#report-refused')).toBe('1');
    await shots.take(page, 'hallowerk-import-report');
    await context.clearCookies();
    await signIn(page, base, String(person.shared.contactEmail), 'een lange zin die ik onthoud');

    await page.goto(`${base}/x/work-found`);
    await a11y.check(page);
    await press(page, 'main form button[type=submit]');
    expect(await page.textContent('main')).toContain('Zet je profiel dan op onzichtbaar');
    await press(page, 'main form button[type=submit]');
    expect(page.url()).toContain('/profile');
    expect(await page.isChecked('#visible')).toBe(false);
    await context.close();
  }, 120_000);

  it("a VDAB partner's coach opens a dossier of a running assignment, registers an action and attaches a document", async () => {
    const tenant: TenantRef = await t.createTenant('vdab-partners');
    const world = await vdabWorld(t, tenant);
    const dossierId = await world.dossier();
    await world.assign(world.units.werkpunt.id, dossierId, day(-1), day(30));
    const base = `${origin}/t/${tenant.key}`;
    const context = await newDesktop(browser);
    const page = await context.newPage();
    await signIn(page, base, world.werkpuntCoach.email, world.werkpuntCoach.password);
    await page.goto(`${base}/x/dossiers`);
    await a11y.check(page);
    await navigates(page, () => page.click(`main a[href*="dossier=${dossierId}"]`));
    await a11y.check(page, 'dossier');
    await shots.take(page, 'vdab-dossier');
    await page.fill('#f-date', new Date().toISOString().slice(0, 10));
    await page.fill('#f-notes', 'Eerste gesprek: cv besproken.');
    await navigates(page, () => page.click('main form button[type=submit]'));
    await a11y.check(page, 'recorded');
    expect(await page.textContent('body')).toContain('De actie is geregistreerd.');
    expect(await page.textContent('main')).toContain('Eerste gesprek: cv besproken.');
    // A report of the conversation attached to the action, with the action's own upload form.
    await page.setInputFiles('main form[enctype="multipart/form-data"] input[type=file]', {
      name: 'gespreksverslag.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% Gespreksverslag\n%%EOF\n'),
    });
    await navigates(page, () => page.click('main form[enctype="multipart/form-data"] button[type=submit]'));
    await a11y.check(page, 'document attached');
    expect(await page.textContent('body')).toContain('Het document is toegevoegd.');
    expect(await page.getAttribute('main a[download]', 'href')).toContain('/x/dossiers/download?');
    await context.close();
  }, 90_000);

  it("a VDAB partner admin creates a machine credential and revokes a colleague's access; the service approves a colleague's account request", async () => {
    const tenant: TenantRef = await t.createTenant('vdab-partners');
    const world = await vdabWorld(t, tenant);
    const requested = await t.http('post', '/vdab/account-requests', {
      tenant: tenant.key,
      token: world.werkpuntCoach.token,
      body: { email: `nina-${Date.now()}@werkpunt.example`, displayName: 'Nina Nieuw' },
    });
    expect(requested.status).toBe(201);
    const base = `${origin}/t/${tenant.key}`;
    const context = await newDesktop(browser);
    const page = await context.newPage();
    await signIn(page, base, world.werkpuntAdmin.email, world.werkpuntAdmin.password);
    await navigates(page, () => page.click('nav a[href$="/x/credentials"]'));
    await a11y.check(page);
    await page.fill('#f-label', 'CRM-koppeling');
    await navigates(page, () => page.click('main form button[type=submit]'));
    await a11y.check(page, 'secret shown once');
    expect(await page.inputValue('#created-secret')).toMatch(/^vdabp_/);
    await navigates(page, () => page.click('nav a[href$="/x/organisation-staff"]'));
    await a11y.check(page);
    await shots.take(page, 'vdab-organisation-staff');
    await navigates(page, () => page.click(`main form:has(input[name="accountId"][value="${world.werkpuntCoach.id}"]) button`));
    await a11y.check(page, 'revoked');
    expect(await page.textContent('body')).toContain('De toegang is ingetrokken.');

    await context.clearCookies();
    await signIn(page, base, world.service.email, world.service.password);
    await navigates(page, () => page.click('nav a[href$="/x/account-requests"]'));
    await a11y.check(page);
    await shots.take(page, 'vdab-account-requests');
    await navigates(page, () => page.click('main button[aria-label^="Account voor Nina Nieuw goedkeuren"]'));
    await a11y.check(page, 'approved');
    expect(await page.textContent('body')).toContain('het account is gemaakt en de uitnodiging verstuurd');
    await context.close();
  }, 90_000);

  it('a HalloWerk employer finds a visible resident and reads the profile without any internal field, never a hidden one; the coach opens the dossier with the internal fields and the activity', async () => {
    const tenant: TenantRef = await t.createTenant('hallowerk');
    const world = await hallowerkWorld(t, tenant);
    const visible = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    const hidden = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
    const base = `${origin}/t/${tenant.key}`;
    const context = await newDesktop(browser);
    const page = await context.newPage();
    await signIn(page, base, world.employer.email, world.employer.password);
    await page.goto(`${base}/candidates`);
    await a11y.check(page);
    await page.fill('#f-q', 'logistiek');
    await navigates(page, () => page.click('main form[role=search] button[type=submit]'));
    await a11y.check(page, 'results');
    const results = (await page.textContent('main')) ?? '';
    // Statement 004: visible means visible to every connected employer; invisible means only the own region's staff.
    expect(results).toContain(String(visible.shared.firstName));
    expect(results).not.toContain(String(hidden.shared.firstName));
    await navigates(page, () => page.click('main .portal-card a'));
    await a11y.check(page, 'candidate');
    const profile = (await page.textContent('main')) ?? '';
    expect(profile).toContain(String(visible.shared.firstName));
    // The internal-only fields never reach an employer, even while the profile is visible.
    for (const value of [visible.internal.clientNumber, visible.internal.clientManagerName, visible.internal.supportingMunicipality])
      expect(profile).not.toContain(String(value));

    await context.clearCookies();
    await signIn(page, base, world.ownCoach.email, world.ownCoach.password);
    await page.goto(`${base}/people/${hidden.id}`);
    await a11y.check(page, 'dossier');
    const dossier = (await page.textContent('main')) ?? '';
    expect(dossier).toContain(String(hidden.shared.firstName));
    expect(dossier).toContain(String(hidden.internal.clientNumber));
    // "dat je coach inzicht heeft in je activiteiten (o.a. inloggedrag)"
    expect(dossier).toContain('Ingelogd');
    await shots.take(page, 'hallowerk-dossier');
    await context.close();
  }, 120_000);

  it('no page of these journeys has a serious or critical WCAG 2.1 AA violation (axe-core)', () => {
    expect(a11y.pages.length).toBeGreaterThan(6);
    expect(a11y.findings.map((f) => `${f.page}: ${f.rule} (${f.impact}) at ${f.nodes.join(', ')}`)).toEqual([]);
  });
});
