import { TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { PortalClient, decodeHtml } from '../../../test/support/workers.js';
import { randomBytes } from 'node:crypto';
import { hallowerkWorld, municipalJobseeker, type Person } from './hallowerk.fixture.js';

const PASSWORD = 'een lange zin die ik onthoud';

/**
 * Statement 004 on the web, for the person: the career assignments and tests their coach gives
 * them, handed in from a page (no BSN in what they write, each problem next to its field), with
 * results no employer sees; and "werk gevonden", which offers to make the profile invisible and
 * changes nothing until the person clicks that offer.
 */
describe('statement 004: the jobseeker pages of HalloWerk', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof hallowerkWorld>>;
  const sql = <T extends object>(text: string, params: unknown[]) => t.get(TenantDb).forTenant(tenant, (tx) => tx.query<T>(text, [tx.tenantId, ...params]));
  const visible = async (p: Person) => (await sql<{ v: boolean }>(`SELECT visible_to_employers AS v FROM profiles WHERE tenant_id = $1 AND id = $2`, [p.id]))[0].v;
  async function web(p: Person) {
    const client = new PortalClient(t, tenant.key);
    await client.signIn(String(p.shared.contactEmail), PASSWORD);
    return client;
  }

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('hallowerk');
    world = await hallowerkWorld(t, tenant);
  });
  afterAll(() => t?.close());

  it('shows the assignments the coach gave, hands one in from the page, and refuses a BSN next to the field', async () => {
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    const given = await t.http('post', `/hallowerk/people/${person.id}/assignments`, {
      tenant: tenant.key,
      token: world.ownCoach.token,
      body: { kind: 'assessment', title: 'Beroepskeuzetest', instructions: 'Vul de test rustig in.' },
    });
    expect(given.status).toBe(201);
    const page = await web(person);
    const open = decodeHtml((await page.get('/x/assignments')).text);
    expect(open).toContain('Beroepskeuzetest');
    expect(open).toContain('Vul de test rustig in.');

    const withBsn = await page.post('/x/assignments', { _action: 'hand-in', assignmentId: given.body.id, answers: 'Mijn BSN is 111222333, ik werk graag buiten.' });
    expect(withBsn.status).toBe(422);
    const again = decodeHtml(withBsn.text);
    expect(again).toMatch(new RegExp(`id="f-answers-${given.body.id}-error">[^<]*BSN`));
    expect((await sql(`SELECT 1 FROM hallowerk_assignments WHERE tenant_id = $1 AND id = $2 AND completed_at IS NOT NULL`, [given.body.id])).length).toBe(0);

    const done = await page.post('/x/assignments', { _action: 'hand-in', assignmentId: given.body.id, answers: 'Ik werk graag buiten.', result: 'Sterk in techniek' });
    expect(done.status).toBe(303);
    const after = decodeHtml((await page.follow(done)).text);
    expect(after).toContain('Je opdracht is ingeleverd.');
    expect(after).toContain('Sterk in techniek');
    expect((await sql<{ answers: string }>(`SELECT answers FROM hallowerk_assignments WHERE tenant_id = $1 AND id = $2`, [given.body.id]))[0].answers).toBe('Ik werk graag buiten.');
  });

  it("someone else's assignment is not there to hand in", async () => {
    const owner = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
    const other = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
    const given = await t.http('post', `/hallowerk/people/${owner.id}/assignments`, { tenant: tenant.key, token: world.ownCoach.token, body: { kind: 'career-assignment', title: 'Loopbaanopdracht' } });
    expect(given.status).toBe(201);
    const page = await web(other);
    expect(decodeHtml((await page.get('/x/assignments')).text)).not.toContain('Loopbaanopdracht');
    expect((await page.post('/x/assignments', { _action: 'hand-in', assignmentId: given.body.id, answers: 'Niet van mij.' })).status).toBe(404);
    expect((await sql(`SELECT 1 FROM hallowerk_assignments WHERE tenant_id = $1 AND id = $2 AND completed_at IS NOT NULL`, [given.body.id])).length).toBe(0);
  });

  it('reporting work found offers invisibility and changes nothing until the person chooses it', async () => {
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    const page = await web(person);
    const reported = await page.post('/x/work-found', { _action: 'report' });
    expect(reported.status).toBe(303);
    const offer = decodeHtml((await page.follow(reported)).text);
    expect(offer).toContain('Zet je profiel dan op onzichtbaar');
    expect(await visible(person)).toBe(true);
    const hidden = await page.post('/profile/listing', { action: 'visibility' }, { from: reported.headers.location.replace(`/t/${tenant.key}`, '') });
    expect(hidden.status).toBe(303);
    expect(await visible(person)).toBe(false);
  });

  it('an invisible profile never reads as visible in the candidate bank, to the person or to the coach', async () => {
    const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
    const own = decodeHtml((await (await web(person)).get('/profile')).text);
    expect(own).toContain('onzichtbaar voor werkgevers');
    expect(own).not.toContain('zichtbaar in de kandidatenbank');
    const coach = new PortalClient(t, tenant.key);
    await coach.signIn(world.ownCoach.email, world.ownCoach.password);
    const dossier = await coach.get(`/people/${person.id}`);
    expect(dossier.status).toBe(200);
    expect(decodeHtml(dossier.text)).toContain('onzichtbaar voor werkgevers');
    expect(decodeHtml(dossier.text)).not.toContain('zichtbaar in de kandidatenbank');
  });

  it('the pages are for the person only: a coach or an employer has none', async () => {
    for (const who of [world.ownCoach, world.employer]) {
      const page = new PortalClient(t, tenant.key);
      await page.signIn(who.email, who.password);
      expect((await page.get('/x/assignments')).status).toBe(403);
    }
  });

  describe('enrolling residents from a CSV file', () => {
    const csvOf = (rows: Record<string, string>[]) => [Object.keys(rows[0]).join(';'), ...rows.map((r) => Object.values(r).join(';'))].join('\n');
    const resident = (over: Record<string, string> = {}) => {
      const tag = randomBytes(4).toString('hex');
      return { email: `inwoner-${tag}@mail.example`, clientNumber: `KL-${tag}`, firstName: `Inwoner${tag}`, lastName: 'de Vries', ...over };
    };
    async function send(page: PortalClient, file: Buffer | string, fields: Record<string, string> = {}, name = 'inwoners.csv') {
      const form = decodeHtml((await page.get('/x/import')).text);
      const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data">/.exec(form)![1];
      let req = page.agent.post(action).set('accept', 'text/html').field('_action', 'import');
      for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
      return req.attach('file', Buffer.from(file), name);
    }
    const enrolled = async (email: string) => (await sql(`SELECT 1 FROM accounts WHERE tenant_id = $1 AND email = $2`, [email])).length;
    const coachPage = async () => {
      const page = new PortalClient(t, tenant.key);
      await page.signIn(world.ownCoach.email, world.ownCoach.password);
      return page;
    };

    it('checks the file first and writes nothing, then enrols the good rows and reports each refused line', async () => {
      const page = await coachPage();
      const good = resident();
      const bad = resident({ email: 'geen-adres' });
      const csv = csvOf([good, bad]);
      const checked = await send(page, csv, { dryRun: 'on' });
      expect(checked.status).toBe(200);
      const report = decodeHtml(checked.text);
      expect(report).toContain('Gecontroleerd: inwoners.csv');
      expect(report).toMatch(/id="report-created">1</);
      expect(report).toMatch(/id="report-refused">1</);
      expect(report).toContain(bad.clientNumber);
      expect(await enrolled(good.email)).toBe(0);

      const done = decodeHtml((await send(page, csv)).text);
      expect(done).toContain('Verwerkt: inwoners.csv');
      expect(done).toMatch(/id="report-created">1</);
      expect(await enrolled(good.email)).toBe(1);
      expect(await enrolled('geen-adres')).toBe(0);
      // The same file again changes nothing.
      const again = decodeHtml((await send(page, csv)).text);
      expect(again).toMatch(/id="report-created">0</);
      expect(again).toMatch(/id="report-existing">1</);
    });

    it('refuses a file that is no CSV text, or has no header it knows, next to the file field, and writes nothing', async () => {
      const page = await coachPage();
      const zip = await send(page, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe]), {}, 'inwoners.xlsx');
      expect(zip.status).toBe(422);
      expect(decodeHtml(zip.text)).toMatch(/id="f-file-error">must be a text file/);
      const headerless = await send(page, 'naam;adres\nJan;Straat 1');
      expect(headerless.status).toBe(422);
      expect(decodeHtml(headerless.text)).toMatch(/id="f-file-error">[^<]*the column &quot;email&quot; is missing|id="f-file-error">[^<]*the column "email" is missing/);
      const tooLarge = await send(page, `email;clientNumber;firstName;lastName\n${'x'.repeat(1024 * 1024)}`);
      expect(tooLarge.status).toBe(422);
      expect(decodeHtml(tooLarge.text)).toMatch(/id="f-file-error">must be at most 1048576 bytes/);
    });

    it('is for staff only, with the form token of the page', async () => {
      const person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
      expect((await (await web(person)).get('/x/import')).status).toBe(403);
      const page = await coachPage();
      await page.get('/x/import');
      const forged = await page.agent
        .post(`/t/${tenant.key}/x/import/upload?_csrf=forged`)
        .set('accept', 'text/html')
        .field('_action', 'import')
        .attach('file', Buffer.from(csvOf([resident()])), 'inwoners.csv');
      expect(forged.status).toBe(403);
    });
  });
});
