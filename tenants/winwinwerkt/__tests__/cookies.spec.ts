import { TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { PortalClient } from '../../../test/support/workers.js';
import { HOSTS } from './winwinwerkt.fixture.js';

/** The portal's cookies (libs/portal/src/session/cookies.ts): four it needs to work, one for statistics. */
const FUNCTIONAL = ['portal_session', 'portal_lang', 'portal_cookies', 'portal_csrf'];
const STATISTICS = 'portal_stats';

const setCookies = (res: { headers: Record<string, unknown> }) => ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []);
const names = (res: { headers: Record<string, unknown> }) => setCookies(res).map((c) => c.split('=')[0]);

/**
 * Statement 003, 3.1: "Technische en functionele cookies worden gebruikt om onze websites naar
 * behoren te laten werken", and 3.2: visits are counted (Google Analytics). On every label's site
 * the portal sets only the cookies it needs to work until the visitor agrees to statistics, records
 * that choice in the consent ledger, and loads nothing from Google or any other third party: the
 * counting is the portal's own, so what the statement says goes to Google's servers goes nowhere.
 */
describe("statement 003: cookies on WinWinWerkt's and its labels' sites", () => {
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('winwinwerkt');
  });
  afterAll(() => t?.close());

  it('sets only technical and functional cookies on every site until the visitor agrees to statistics, and loads nothing from Google or any other party', async () => {
    for (const host of Object.values(HOSTS)) {
      const web = new PortalClient(t, tenant.key, host);
      const seen = new Set<string>();
      for (const path of ['/', '/vacancies', '/register', '/sign-in', '/cookies', '/privacy']) {
        const page = await web.get(path);
        expect([host, path, page.status]).toEqual([host, path, 200]);
        for (const n of names(page)) seen.add(n);
        expect(page.text).not.toMatch(/google-analytics|googletagmanager|gtag\(|<script[^>]+src="https?:/i);
      }
      expect([host, [...seen].filter((n) => !FUNCTIONAL.includes(n))]).toEqual([host, []]);
    }
  });

  it("counts visits only after the visitor agrees, records the choice in WinWinWerkt's consent ledger, and the footer takes it back", async () => {
    const web = new PortalClient(t, tenant.key, HOSTS.plus65);
    const allowed = await web.post('/cookies', { choice: 'statistics', back: `/t/${tenant.key}/vacancies` }, { from: '/vacancies' });
    expect(names(allowed)).toContain(STATISTICS);
    const choice = setCookies(allowed).find((c) => c.startsWith('portal_cookies='))!;
    const ledgerId = decodeURIComponent(choice.split(';')[0].split('=')[1]).split(':')[1];
    const ledger = () =>
      t.get(TenantDb).forTenant(tenant, (tx) =>
        tx.query(`SELECT granted, purpose FROM consent_events WHERE tenant_id = $1 AND person_id = $2 ORDER BY at, id`, [tx.tenantId, ledgerId]),
      );
    expect(await ledger()).toEqual([{ granted: true, purpose: 'statisticsCookies' }]);
    const withdrawn = await web.post('/cookies', { choice: 'essential', back: `/t/${tenant.key}/privacy` }, { from: '/privacy' });
    expect(setCookies(withdrawn).some((c) => c.startsWith(`${STATISTICS}=;`))).toBe(true);
    expect((await ledger()).map((e) => e.granted)).toEqual([true, false]);
  });
});
