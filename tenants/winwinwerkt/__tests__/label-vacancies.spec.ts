import { randomBytes } from 'node:crypto';
import { TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { sendImmediateAlerts } from '../../../test/support/workers.js';
import { HOSTS, mailsTo, on } from './winwinwerkt.fixture.js';

const vacancy = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  description: `${title}: een vacature van een klant van WinWinWerkt, alleen op de site van het label.`,
  location: { city: 'Utrecht', country: 'NL' },
  hours: { min: 16, max: 32 },
  contractType: 'permanent',
  educationLevel: 'vocational',
  publishUntil: '2099-12-31T00:00:00.000Z',
  status: 'published',
  ...extra,
});

/**
 * Statement 003 (intro, 2.4, 2.5): each label is its own site "met eigen vacatures"; a vacancy
 * alert made on a label's site is about that label's vacancies and comes in that label's look.
 */
describe("statement 003: each label's own vacancies", () => {
  let t: TestApp;
  let tenant: TenantRef;
  let client: { token: string };

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('winwinwerkt');
    const unit = await t.createOrgUnit(tenant, 'employer');
    client = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
  });
  afterAll(() => t?.close());

  const publish = async (host: string, title: string, extra: Record<string, unknown> = {}) => {
    const res = await on(t, tenant, host).post('/manage/vacancies', vacancy(title, extra), client.token);
    if (res.status !== 201) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; label: string | null };
  };
  const titlesOn = async (host: string) => ((await on(t, tenant, host).get('/vacancies?limit=50')).body.items as { title: string }[]).map((v) => v.title).sort();

  it("lists on each label's host only that label's vacancies, and a vacancy of another label does not exist there", async () => {
    const tag = randomBytes(3).toString('hex');
    const mkb = await publish(HOSTS.mkb, `Bakker MKB ${tag}`);
    const plus = await publish(HOSTS.plus65, `Gastvrouw 65plus ${tag}`);
    // Staff may place it on another label than the site they write on, by name.
    const named = await publish(HOSTS.winwinwerkt, `Monteur MKB ${tag}`, { label: 'vacatureservicemkb' });
    const own = await publish(HOSTS.winwinwerkt, `Recruiter WinWinWerkt ${tag}`);
    expect([mkb.label, plus.label, named.label, own.label]).toEqual(['vacatureservicemkb', 'plus65werkt', 'vacatureservicemkb', null]);

    expect(await titlesOn(HOSTS.mkb)).toEqual([`Bakker MKB ${tag}`, `Monteur MKB ${tag}`]);
    expect(await titlesOn(HOSTS.plus65)).toEqual([`Gastvrouw 65plus ${tag}`]);
    expect(await titlesOn(HOSTS.winwinwerkt)).toEqual([`Recruiter WinWinWerkt ${tag}`]);
    expect(await titlesOn(HOSTS.werkweb)).toEqual([]);

    expect((await on(t, tenant, HOSTS.mkb).get(`/vacancies/${mkb.id}`)).status).toBe(200);
    expect((await on(t, tenant, HOSTS.plus65).get(`/vacancies/${mkb.id}`)).status).toBe(404);
    expect((await on(t, tenant, HOSTS.mkb).get(`/vacancies/${plus.id}/jobposting.jsonld`)).status).toBe(404);
  });

  it('refuses a label the tenant does not declare, naming the field, and writes nothing', async () => {
    const title = `Kok ${randomBytes(3).toString('hex')}`;
    const res = await on(t, tenant, HOSTS.mkb).post('/manage/vacancies', vacancy(title, { label: 'jobsite-elders' }), client.token);
    expect(res.status).toBe(422);
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['label']);
    const rows = await t.get(TenantDb).forTenant(tenant, (tx) => tx.query(`SELECT id FROM vacancies WHERE tenant_id = $1 AND title = $2`, [tx.tenantId, title]));
    expect(rows).toEqual([]);
  });

  it("an alert made on a label's site mails that label's new vacancies only, from that label", async () => {
    const tag = randomBytes(3).toString('hex');
    const keyword = `banketbakker${tag}`;
    const subscribe = async (host: string, email: string) => {
      const site = on(t, tenant, host);
      expect((await site.post('/alerts', { name: 'Truus', email, keywords: keyword, frequency: 'immediate' })).status).toBe(202);
      await t.settled();
      const [confirmation] = await mailsTo(t, tenant, email, 'alert-confirm');
      expect((await site.post('/alerts/confirm', { token: new URL(String(confirmation.variables!.confirmUrl)).searchParams.get('token') })).status).toBe(200);
    };
    const onMkb = `alert-mkb-${tag}@mail.example`;
    const onPlus = `alert-plus-${tag}@mail.example`;
    await subscribe(HOSTS.mkb, onMkb);
    await subscribe(HOSTS.plus65, onPlus);

    await publish(HOSTS.mkb, `Banketbakker ${keyword} bij MKB`);
    await publish(HOSTS.plus65, `Banketbakker ${keyword} voor 65plus`);
    await publish(HOSTS.werkweb, `Banketbakker ${keyword} bij WerkWeb`);
    await sendImmediateAlerts(t, tenant);

    const [mkbMail, ...moreMkb] = await mailsTo(t, tenant, onMkb, 'vacancy-alert');
    const [plusMail, ...morePlus] = await mailsTo(t, tenant, onPlus, 'vacancy-alert');
    expect([moreMkb, morePlus]).toEqual([[], []]);
    const titles = (m: { variables: Record<string, unknown> | null }) => (m.variables!.vacancies as { title: string }[]).map((v) => v.title);
    expect(titles(mkbMail)).toEqual([`Banketbakker ${keyword} bij MKB`]);
    expect(titles(plusMail)).toEqual([`Banketbakker ${keyword} voor 65plus`]);
    expect([mkbMail.brand, plusMail.brand]).toEqual(['vacatureservicemkb', 'plus65werkt']);
  });
});
