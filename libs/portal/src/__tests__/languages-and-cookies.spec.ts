import { readFileSync } from 'node:fs';
import type { TenantRef } from '../../../context/src/index.js';
import { RequestContext, SYSTEM } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { AccountsService } from '../../../auth/src/index.js';
import { TEST_PASSWORD, type TestApp } from '../../../../test/support/test-app.js';
import { COOKIES } from '../session/cookies.js';
import { PortalClient } from './support/portal-client.js';
import { bootPortal } from './support/portal-fixtures.js';

const setCookies = (res: { headers: Record<string, unknown> }) => ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []);
const names = (res: { headers: Record<string, unknown> }) => setCookies(res).map((c) => c.split('=')[0]);

describe('languages', () => {
  let t: TestApp;
  let rw: TenantRef;

  beforeAll(async () => {
    ({ t } = await bootPortal());
    rw = await t.createTenant('refugee-talent-pool');
  });
  afterAll(() => t?.close());

  it('a language chosen on a page survives a reload, and the next sign-in on another device', async () => {
    const account = await t.createAccount(rw, ['jobseeker']);
    const web = new PortalClient(t, rw.key);
    await web.signIn(account.email, TEST_PASSWORD);
    const chosen = await web.post('/language', { lang: 'nl', back: `/t/${rw.key}/vacancies` }, { from: '/vacancies' });
    expect(chosen.headers.location).toBe(`/t/${rw.key}/vacancies`);
    const reloaded = await web.get('/vacancies');
    expect(reloaded.text).toContain('<html lang="nl" dir="ltr">');
    // Another device: no cookie, an English browser; the account remembers the choice.
    const other = new PortalClient(t, rw.key);
    expect((await other.get('/', { 'accept-language': 'en' })).text).toContain('<html lang="en"');
    await other.signIn(account.email, TEST_PASSWORD);
    expect((await other.get('/vacancies', { 'accept-language': 'en' })).text).toContain('<html lang="nl"');
    const stored = await t.inTenant(rw, () => t.get(AccountsService).findById(account.id));
    expect(stored!.locale).toBe('nl');
  });

  it('Arabic, Dari/Farsi and Pashto pages are laid out right to left, and words without a translation yet fall back to English', async () => {
    const web = new PortalClient(t, rw.key);
    for (const lang of ['ar', 'fa', 'ps']) {
      await web.post('/language', { lang, back: `/t/${rw.key}/verify?token=x` }, { from: '/verify?token=x' });
      // The page where the password is chosen: its help text has no translation in these yet.
      const page = await web.get('/verify?token=x');
      expect(page.text).toContain(`<html lang="${lang}" dir="rtl">`);
      // Translated layout words, and an English fallback where the language has none yet.
      expect(page.text).toMatch(/href="#main">[\u0600-\u06FF]/);
      expect(page.text).toContain('At least 12 characters');
      // Passwords and addresses stay left to right inside a right-to-left page.
      expect(page.text).toMatch(/type="password"[^>]*dir="ltr"/);
      expect((await web.get('/register')).text).toMatch(/type="email"[^>]*dir="ltr"/);
    }
  });

  it("a language the tenant does not offer is not taken (the kandidatenbank offers no Arabic)", async () => {
    const kb = await t.createTenant('kandidatenbank');
    const web = new PortalClient(t, kb.key);
    await web.post('/language', { lang: 'ar', back: `/t/${kb.key}/` }, { from: '/' });
    expect((await web.get('/')).text).toContain('<html lang="nl" dir="ltr">');
  });

  it('the stylesheet lays out by logical properties only, so right to left needs no second stylesheet', () => {
    const css = readFileSync(new URL('../assets/portal.css', import.meta.url), 'utf8');
    const physical = css.match(/(margin|padding|border)-(left|right)\b|\b(left|right)\s*:|text-align:\s*(left|right)|float:\s*(left|right)/g);
    expect(physical).toBeNull();
  });
});

describe('cookies as the statements say', () => {
  let t: TestApp;
  let tenant: TenantRef;

  const ledger = (personId: string) =>
    RequestContext.run({ tenant, actor: SYSTEM }, () =>
      t.get(TenantDb).transaction((tx) =>
        tx.query<{ granted: boolean; purpose: string; channel: string }>(
          `SELECT granted, purpose, channel FROM consent_events WHERE tenant_id = $1 AND person_id = $2 ORDER BY at, id`,
          [tx.tenantId, personId],
        ),
      ),
    );

  beforeAll(async () => {
    ({ t } = await bootPortal());
    tenant = await t.createTenant('kandidatenbank');
  });
  afterAll(() => t?.close());

  it('by default only essential cookies are set, whatever page a visitor opens', async () => {
    const web = new PortalClient(t, tenant.key);
    const essential = Object.values(COOKIES).filter((c) => c.essential).map((c) => c.name);
    const seen = new Set<string>();
    for (const path of ['/', '/vacancies', '/register', '/sign-in', '/cookies', '/privacy']) for (const n of names(await web.get(path))) seen.add(n);
    expect([...seen].every((n) => essential.includes(n as never))).toBe(true);
    expect(seen.has(COOKIES.stats.name)).toBe(false);
  });

  it("statistics only after consent, recorded in the consent ledger, and withdrawn from any page's footer", async () => {
    const web = new PortalClient(t, tenant.key);
    const allowed = await web.post('/cookies', { choice: 'statistics', back: `/t/${tenant.key}/vacancies` }, { from: '/vacancies' });
    const choice = setCookies(allowed).find((c) => c.startsWith(`${COOKIES.choice.name}=`))!;
    expect(setCookies(allowed).some((c) => c.startsWith(`${COOKIES.stats.name}=`))).toBe(true);
    const ledgerId = decodeURIComponent(choice.split(';')[0].split('=')[1]).split(':')[1];
    expect(await ledger(ledgerId)).toEqual([{ granted: true, purpose: 'statisticsCookies', channel: 'web' }]);
    // Every page's footer offers the way back.
    const page = await web.get('/privacy');
    expect(page.text).toMatch(/<footer[\s\S]*action="\/t\/[^"]+\/cookies"[\s\S]*name="choice" value="essential"/);
    const withdrawn = await web.post('/cookies', { choice: 'essential', back: `/t/${tenant.key}/privacy` }, { from: '/privacy' });
    expect(setCookies(withdrawn).some((c) => new RegExp(`^${COOKIES.stats.name}=;`).test(c))).toBe(true);
    expect((await ledger(ledgerId)).map((e) => e.granted)).toEqual([true, false]);
  });

  it("a signed-in person's choice is recorded under their account, so it is exported and erased with them", async () => {
    const account = await t.createAccount(tenant, ['jobseeker']);
    const web = new PortalClient(t, tenant.key);
    await web.signIn(account.email, TEST_PASSWORD);
    await web.post('/cookies', { choice: 'statistics', back: `/t/${tenant.key}/` }, { from: '/' });
    expect(await ledger(account.id)).toEqual([{ granted: true, purpose: 'statisticsCookies', channel: 'web' }]);
  });
});
