import { TestApp } from '../../../test/support/test-app.js';
import { TenantDb } from '../../../libs/tenant-host/src/index.js';
import { demoTenant, seedDemo } from '../../../test/support/workers.js';
import { winwinwerkt } from '../winwinwerkt.tenant.js';

const account = (email: string) => winwinwerkt.demo.accounts.find((a) => a.email === email)!;

/** What `npm start` seeds for WinWinWerkt: its labels on their own host names, a coach organisation, a client, candidates in each state. */
describe('the WinWinWerkt demo', () => {
  let t: TestApp;
  const login = async (email: string, host: string) =>
    (await t.http('post', '/auth/login', { headers: { host }, body: { email, password: account(email).password } })).body.accessToken as string;

  beforeAll(async () => {
    t = await TestApp.boot();
    await seedDemo(t);
  });
  afterAll(() => t?.close());

  it('serves the labels on their own host names, without any tenant header', async () => {
    for (const host of ['winwinwerkt.localhost', 'vacatureservicemkb.localhost', '65pluswerkt.localhost', 'werkweb.localhost'])
      expect((await t.http('get', '/winwinwerkt/advertisements', { headers: { host } })).status).toBe(200);
    expect((await t.http('get', '/winwinwerkt/etalage', { headers: { host: 'onbekendtalent.localhost' } })).status).toBe(200);
  });

  it('seeds an available and a passive candidate, and one who chose a three-monthly reminder', async () => {
    const fields = async (email: string) =>
      (await t.http('get', '/profiles/me', { headers: { host: 'vacatureservicemkb.localhost' }, token: await login(email, 'vacatureservicemkb.localhost') })).body.fields;
    expect(await fields('anna@kandidaat.example')).toMatchObject({ availability: 'beschikbaar' });
    expect(await fields('piet@kandidaat.example')).toMatchObject({ availability: 'passief' });
    expect(await fields('gerda@kandidaat.example')).toMatchObject({ availability: 'beschikbaar', reminderEveryMonths: 3 });
  });

  it('seeds a coach organisation with a coach, and a client with a published vacancy', async () => {
    const kinds = winwinwerkt.demo.orgUnits.map((u) => u.kind);
    expect(kinds).toEqual(expect.arrayContaining(['partner-organisation', 'employer']));
    expect(await login('coach@reintegratieopmaat.example', 'onbekendtalent.localhost')).toEqual(expect.any(String));
    const vacancies = await t.http('get', '/vacancies', { headers: { host: 'vacatureservicemkb.localhost' } });
    expect(JSON.stringify(vacancies.body)).toContain('Bakker (dagdienst)');
  });

  it("seeds vacancies on two labels, each listed on its own label's host only", async () => {
    const titles = async (host: string) => ((await t.http('get', '/vacancies', { headers: { host } })).body.items as { title: string }[]).map((v) => v.title);
    expect(await titles('vacatureservicemkb.localhost')).toEqual(['Bakker (dagdienst)']);
    expect(await titles('65pluswerkt.localhost')).toEqual(['Winkelmedewerker (ochtenden)']);
    expect(await titles('winwinwerkt.localhost')).toEqual(['Leerling-banketbakker']);
  });

  it('seeds an Etalage entry, advertisers\' vacancies on two labels, and relations (one ended, on its schedule)', async () => {
    const etalage = await t.http('get', '/winwinwerkt/etalage', { headers: { host: 'onbekendtalent.localhost' } });
    expect(etalage.body.items).toEqual([expect.objectContaining({ desiredJob: 'Gastvrouw', city: 'Zeist' })]);
    expect(JSON.stringify(etalage.body)).not.toContain('Smit');
    const ads = async (host: string) => ((await t.http('get', '/winwinwerkt/advertisements', { headers: { host } })).body.items as { title: string; howToApply: object }[]);
    expect(await ads('werkweb.localhost')).toEqual([expect.objectContaining({ title: 'Magazijnmedewerker (advertentie)', howToApply: expect.objectContaining({ url: expect.any(String) }) })]);
    expect(await ads('65pluswerkt.localhost')).toEqual([expect.objectContaining({ title: 'Gastheer of gastvrouw museum (advertentie)' })]);
    const relations = await t.get(TenantDb).forTenant(await demoTenant(t, 'winwinwerkt'), (tx) =>
      tx.query<{ kind: string; ended: boolean }>(`SELECT kind, delete_after IS NOT NULL AS ended FROM winwinwerkt_relations WHERE tenant_id = $1 ORDER BY kind`, [tx.tenantId]),
    );
    expect(relations).toEqual([{ kind: 'client', ended: false }, { kind: 'prospect', ended: true }, { kind: 'supplier', ended: false }]);
  });
});
