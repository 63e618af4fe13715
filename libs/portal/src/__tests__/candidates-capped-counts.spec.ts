import type { TenantRef } from '../../../context/src/index.js';
import { TEST_PASSWORD, type TestApp } from '../../../../test/support/test-app.js';
import { SEARCH_COUNT_CAP } from '../../../search/src/index.js';
import { seedMany } from '../../../search/src/__tests__/search-fixtures.js';
import { decodeHtml, PortalClient } from './support/portal-client.js';
import { bootPortal } from './support/portal-fixtures.js';

/**
 * The candidates page says how many it found as the search API does: an exact number up to 1,000,
 * "1.000+" / "1,000+" above, and no number beside a filter value when the counts were not made;
 * a word search above 1,000 says its order is the best of the first 1,000 found.
 */
describe('the candidates page above 1,000 matches', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let web: PortalClient;

  beforeAll(async () => {
    ({ t } = await bootPortal());
    tenant = await t.createTenant('kandidatenbank');
    const unit = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
    const recruiter = await t.createAccount(tenant, ['employer'], { orgUnitIds: [unit.id] });
    await seedMany(t, tenant, SEARCH_COUNT_CAP + 1, (i) => ({
      fields: { firstName: 'Sam', lastName: `Jansen ${i}`, headline: i < 3 ? 'Kok' : 'Lasser', city: i % 2 ? 'Delft' : 'Utrecht' },
    }));
    web = new PortalClient(t, tenant.key);
    await web.signIn(recruiter.email, TEST_PASSWORD);
  }, 60_000);
  afterAll(() => t?.close());

  const text = async (path: string) => decodeHtml((await web.get(path)).text);

  it('shows 1.000+ in Dutch and 1,000+ in English, with the filter values but no numbers beside them', async () => {
    await web.post('/language', { lang: 'nl', back: `/t/${tenant.key}/candidates` }, { from: '/candidates' });
    const nl = await text('/candidates');
    expect(nl).toContain('1.000+ kandidaten gevonden');
    expect(nl).toContain('Aantallen per keuze ziet u wanneer uw zoekwoorden hoogstens 1.000 kandidaten vinden.');
    expect(nl).toMatch(/<option value="delft"[^>]*>Delft<\/option>/i);
    expect(nl).not.toMatch(/delft \(\d/i);

    await web.post('/language', { lang: 'en', back: `/t/${tenant.key}/candidates` }, { from: '/candidates' });
    const en = await text('/candidates');
    expect(en).toContain('1,000+ candidates found');
    expect(en).not.toContain('1001');
  });

  it('says a broad word search is ordered among the first 1,000 found, on its next page too; browsing and a narrow search do not', async () => {
    // 998 of the bank are welders: ten more make the word find more than 1,000.
    await seedMany(t, tenant, 10, (i) => ({ fields: { firstName: 'Kim', lastName: `Bakker ${i}`, headline: 'Lasser', city: 'Delft' } }));
    await web.post('/language', { lang: 'nl', back: `/t/${tenant.key}/candidates` }, { from: '/candidates' });
    const nl = await web.get('/candidates?q=lasser');
    expect(decodeHtml(nl.text)).toContain('Beste treffers uit de eerste 1.000 gevonden kandidaten, niet uit alle');
    const next = decodeHtml(nl.text).match(/href="([^"]*cursor=[^"]*)"/)?.[1];
    expect(next).toBeDefined();
    expect(await text(next!)).toContain('Beste treffers uit de eerste 1.000');
    expect(await text('/candidates')).not.toContain('Beste treffers');
    expect(await text('/candidates?q=kok')).not.toContain('Beste treffers');

    await web.post('/language', { lang: 'en', back: `/t/${tenant.key}/candidates` }, { from: '/candidates' });
    expect(await text('/candidates?q=lasser')).toContain('Best matches among the first 1,000 found, not among all of them');
  });

  it('shows the exact number, and a number beside each value, when the words find fewer', async () => {
    await web.post('/language', { lang: 'nl', back: `/t/${tenant.key}/candidates` }, { from: '/candidates' });
    const nl = await text('/candidates?q=kok');
    expect(nl).toContain('3 kandidaten gevonden');
    expect(nl).not.toContain('Aantallen per keuze');
    expect(nl).toMatch(/utrecht \(2\)/i);
    expect(nl).toMatch(/delft \(1\)/i);
  });
});
