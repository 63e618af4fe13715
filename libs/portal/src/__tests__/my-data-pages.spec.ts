import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TenantRef } from '../../../context/src/index.js';
import { activeJobseeker, publicHandle, sql } from '../../../profiles/src/__tests__/support/profile-kit.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { decodeHtml, PortalClient } from './support/portal-client.js';
import { bootPortal, deliverMail } from './support/portal-fixtures.js';

/**
 * Issue 14 and 15: the person's rights on the portal, not only over the API. "My data" shows what
 * is kept (never the values), who may see it and until when, who opened the dossier, and the
 * person's requests with the date each is due; a request is made with a form, signed in or, for a
 * person who cannot sign in, with the account's address and a mailed link.
 */
describe('the person sees their data and makes requests about it on the portal', () => {
  let t: TestApp;
  let outbox: string;
  let a: TenantRef;

  beforeAll(async () => {
    ({ t, outbox } = await bootPortal());
    a = await t.createTenant('kandidatenbank');
  });
  afterAll(() => t?.close());

  const unique = () => Math.random().toString(36).slice(2, 8);
  async function personOnThePortal(headline = `Lasser-${unique()}`) {
    const js = await activeJobseeker(t, a, { firstName: 'Noor', lastName: `Achterberg-${unique()}` }, { headline });
    const web = new PortalClient(t, a.key);
    await web.signIn(js.email, js.password);
    return { js, web, headline };
  }
  /** The link of the confirmation mail (the address's verification mail may be delivered after it). */
  async function confirmationLink(address: string): Promise<string | undefined> {
    await t.settled();
    await deliverMail(t, a);
    const mails = readFileSync(join(outbox, 'outbox.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { to: string; text: string })
      .filter((m) => m.to === address);
    return mails.flatMap((m) => m.text.match(/https?:\/\/[^\s<>"')]+/g) ?? []).find((l) => l.includes('/rights/confirm'));
  }
  const requestsOf = (personId: string) =>
    sql<{ kind: string; status: string; source: string; reference: string }>(
      t,
      a,
      `SELECT kind, status, source, reference FROM rights_requests WHERE tenant_id = $1 AND person_id = $2 ORDER BY received_at`,
      [personId],
    );

  it('"My data" says what is kept, why, who may see it and until when, without showing a single value', async () => {
    const { web, headline } = await personOnThePortal();
    const page = await web.get('/my-data');
    expect(page.status).toBe(200);
    const text = decodeHtml(page.text);
    expect(text).toContain('Wat wij over u bewaren');
    // The declared label of a field the person filled, with the readers the declaration names.
    expect(text).toMatch(/Kopregel|Headline|Functie|headline/i);
    expect(text).toContain('werkgevers');
    // The value itself comes with a copy (a request of its own), never on this page.
    expect(text).not.toContain(headline);
    expect(text).toContain('Uw verzoeken');
    expect(text).toContain('U hebt geen verzoeken gedaan.');
  });

  it('a request made with the form is registered, confirmed, and listed with the date it is due', async () => {
    const { js, web } = await personOnThePortal();
    const form = await web.get('/my-data/requests');
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/<select[^>]*name="kind"/);
    const sent = await web.post('/my-data/requests', { kind: 'rectification', details: 'Mijn woonplaats is Zwolle, niet Utrecht.' });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toContain('/my-data?notice=request-sent');
    const [request] = await requestsOf(js.id);
    expect(request).toMatchObject({ kind: 'rectification', status: 'identity-verified', source: 'self' });
    const page = decodeHtml((await web.follow(sent)).text);
    expect(page).toContain('Uw verzoek is geregistreerd');
    expect(page).toContain(request.reference);
    expect(page).toContain('Mijn gegevens corrigeren');
    expect(page).toContain('Identiteit bevestigd');
  });

  it('a request of an unknown kind comes back with the message next to the field, and nothing is registered', async () => {
    const { js, web } = await personOnThePortal();
    const res = await web.post('/my-data/requests', { kind: 'forget-me' }, { from: '/my-data/requests' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="error-summary"');
    expect(res.text).toMatch(/id="f-kind-error"/);
    expect(await requestsOf(js.id)).toEqual([]);
  });

  it("one person never sees another's requests", async () => {
    const first = await personOnThePortal();
    await first.web.post('/my-data/requests', { kind: 'erasure' }, { from: '/my-data/requests' });
    const [theirs] = await requestsOf(first.js.id);
    const second = await personOnThePortal();
    const page = await second.web.get('/my-data');
    expect(page.text).not.toContain(theirs.reference);
    expect(decodeHtml(page.text)).toContain('U hebt geen verzoeken gedaan.');
  });

  it('"who opened your dossier" names the organisation and role that opened it, and when', async () => {
    // Listing in the candidate bank is checked against the database's own time, as the API is.
    const { js, web } = await personOnThePortal();
    const unit = await t.createOrgUnit(a, 'employer', { candidateBankAccess: true });
    const employer = await t.signedIn(a, ['employer'], { orgUnitIds: [unit.id] });
    expect(
      (await t.http('get', `/profiles/${await publicHandle(t, a, js.id)}`, { tenant: a.key, token: employer.token })).status,
    ).toBe(200);
    const page = decodeHtml((await web.get('/my-data')).text);
    expect(page).toContain('Wie uw dossier opende');
    expect(page).toContain(unit.name);
    expect(page).toContain('uw profiel');
    expect(page).not.toContain('Niemand anders heeft uw gegevens geopend.');
  });

  it('without signing in, a request is made with the address and exists only once the mailed link is used; an unknown address gets the same page', async () => {
    const { js } = await personOnThePortal();
    const anonymous = new PortalClient(t, a.key);
    const known = await anonymous.post('/rights/request', { email: js.email, kind: 'access' }, { from: '/rights/request' });
    const unknown = await anonymous.post('/rights/request', { email: `nobody-${unique()}@example.test`, kind: 'access' }, { from: '/rights/request' });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(known.status);
    const body = (html: string) => decodeHtml(html).replace(/name="_csrf" value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, '');
    expect(body(unknown.text)).toBe(body(known.text));
    expect(await requestsOf(js.id)).toEqual([]);

    const link = await confirmationLink(js.email);
    expect(link).toBeDefined();
    const url = new URL(decodeHtml(link!));
    const token = url.searchParams.get('token')!;
    const opened = await anonymous.get(`~${url.pathname}${url.search}`);
    const confirmPage = opened.status === 303 ? await anonymous.follow(opened) : opened;
    expect(confirmPage.status).toBe(200);
    expect(confirmPage.text).toContain(token);
    // Opening the link (as a mail scanner does) registers nothing; the button does.
    expect(await requestsOf(js.id)).toEqual([]);
    const confirmed = await anonymous.post('/rights/confirm', { token }, { from: `/rights/confirm?token=${token}` });
    expect(confirmed.status).toBe(200);
    expect(await requestsOf(js.id)).toEqual([expect.objectContaining({ kind: 'access', source: 'email', status: 'identity-verified' })]);
  });

  it('the copy of the data shows how far its build is, reloading itself while it runs; the mailed link downloads it once, only for the person, signed in', async () => {
    const { js, web } = await personOnThePortal();
    const other = await personOnThePortal();
    const staff = await t.signedIn(a, ['staff']);
    expect((await web.post('/my-data/requests', { kind: 'access' })).status).toBe(303);
    const [{ id }] = await sql<{ id: string }>(t, a, `SELECT id FROM rights_requests WHERE tenant_id = $1 AND person_id = $2`, [js.id]);
    expect((await web.get(`/my-data/requests/${id}/export`)).status).toBe(404);
    for (const status of ['in-progress', 'completed'])
      expect((await t.http('post', `/rights/requests/${id}/status`, { tenant: a.key, token: staff.token, body: { status } })).status).toBe(200);
    await t.settled();

    const listed = decodeHtml((await web.get('/my-data')).text);
    expect(listed).toContain(`/my-data/requests/${id}/export`);
    const ready = await web.get(`/my-data/requests/${id}/export`);
    expect(ready.status).toBe(200);
    expect(ready.text).not.toContain('http-equiv="refresh"');
    const [{ expires }] = await sql<{ expires: string }>(t, a, `SELECT to_char(expires_at, 'YYYY-MM-DD') AS expires FROM rights_exports WHERE tenant_id = $1 AND request_id = $2`, [id]);
    expect(decodeHtml(ready.text)).toContain(expires);

    // While it is built, the page says how far it is and reloads itself, without a script.
    await sql(t, a, `UPDATE rights_exports SET status = 'building', steps_done = 1, steps_total = 4 WHERE tenant_id = $1 AND request_id = $2`, [id]);
    const building = await web.get(`/my-data/requests/${id}/export`);
    expect(building.text).toMatch(/<meta http-equiv="refresh" content="5">/);
    expect(decodeHtml(building.text)).toContain('25%');
    expect(building.text).not.toMatch(/<script/);
    await sql(t, a, `UPDATE rights_exports SET status = 'ready', steps_done = 4 WHERE tenant_id = $1 AND request_id = $2`, [id]);

    // Another person finds neither the page nor the download behind the link.
    expect((await other.web.get(`/my-data/requests/${id}/export`)).status).toBe(404);
    const [mail] = await sql<{ variables: { downloadUrl: string } }>(
      t,
      a,
      `SELECT variables FROM mail_messages WHERE tenant_id = $1 AND person_id = $2 AND template = 'rights-export-ready'`,
      [js.id],
    );
    const link = new URL(mail.variables.downloadUrl).pathname;
    expect(link).toMatch(new RegExp(`^/t/${a.key}/my-data/exports/[A-Za-z0-9_-]{40,}$`));
    expect((await other.web.get(link)).status).toBe(404);
    const signedOut = await new PortalClient(t, a.key).get(link);
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.location).toContain('/sign-in?next=');

    const archive = await web
      .get(link)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(archive.status).toBe(200);
    expect(archive.headers['content-type']).toBe('application/zip');
    expect(archive.headers['cache-control']).toBe('no-store');
    expect(archive.headers['content-disposition']).toMatch(/^attachment; filename=/);
    expect((archive.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await web.get(link)).status).toBe(410);
    expect(decodeHtml((await web.get(`/my-data/requests/${id}/export`)).text)).toMatch(/gedownload|downloaded/);
  });

  it('a bad address comes back naming the field', async () => {
    const anonymous = new PortalClient(t, a.key);
    const res = await anonymous.post('/rights/request', { email: 'not-an-address', kind: 'access' }, { from: '/rights/request' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-email-error"/);
  });
});
