import { readFileSync } from 'node:fs';
import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { MailDeliveryService } from '../../../mail/src/mail-delivery.service.js';
import {
  SmtpCapture,
  decodedHeader,
  part,
} from '../../../mail/src/__tests__/support/smtp-capture.js';
import {
  activeJobseeker,
  sql,
  type Jobseeker,
} from '../../../profiles/src/__tests__/support/profile-kit.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { tenants as registeredTenants } from '../../../../tenants/index.js';
import { RightsDeadlineSweep } from '../rights-deadlines.sweep.js';
import { namedReadersLab, promiseLab } from './support/rights-kit.js';
import { zipEntries } from './support/zip-entries.js';
import { publicHandle } from '../../../profiles/src/__tests__/support/profile-kit.js';

const SCHEMA = JSON.parse(
  readFileSync(new URL('../../../../docs/rights/export.schema.json', import.meta.url), 'utf8'),
);

/**
 * Data-subject requests through the HTTP API, from submission to completion, with the mails the
 * person gets at each step delivered over real SMTP.
 */
describe('data-subject requests', () => {
  const clock = new FixedClock('2027-04-21T08:00:00Z');
  let smtp: SmtpCapture;
  let t: TestApp;
  let a: TenantRef;
  let lab: TenantRef;
  let staff: { token: string; id: string };

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({
      clock,
      env: { SMTP_URL: smtp.url },
      tenants: [...registeredTenants, promiseLab, namedReadersLab],
    });
    a = await t.createTenant('kandidatenbank');
    lab = await t.createTenant('rights-promise-lab');
    staff = await t.signedIn(a, ['staff']);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  beforeEach(() => clock.set('2027-04-21T08:00:00Z'));

  const as = (tenant: TenantRef, token: string, body?: unknown) => ({
    tenant: tenant.key,
    token,
    body,
  });
  const person = (tenant: TenantRef = a, more: Record<string, unknown> = {}) =>
    activeJobseeker(
      t,
      tenant,
      { firstName: 'Noor', lastName: `Achterberg-${Math.random().toString(36).slice(2, 8)}` },
      { phone: '+31612345678', ...more },
    );
  const move = (tenant: TenantRef, token: string, id: string, status: string, reason?: string) =>
    t.http(
      'post',
      `/rights/requests/${id}/status`,
      as(tenant, token, { status, ...(reason ? { reason } : {}) }),
    );

  /** Delivers the tenant's outbox over SMTP and returns the subjects and texts that reached the address. */
  async function mailsTo(tenant: TenantRef, address: string) {
    await t.settled();
    await t.get(MailDeliveryService).deliverDue(100, tenant);
    // Only the mails about requests: their subject carries the reference.
    return smtp
      .to(address)
      .map((m) => ({
        subject: decodedHeader(m.raw, 'Subject') ?? '',
        text: part(m.raw, 'text/plain') ?? '',
      }))
      .filter((m) => m.subject.includes('RQ-'));
  }
  /** The subjects that reached the address, as a set: mails go out over parallel connections. */
  const subjects = async (tenant: TenantRef, address: string) =>
    (await mailsTo(tenant, address)).map((m) => m.subject);
  const exactly = (...patterns: RegExp[]) => ({
    asymmetricMatch: (xs: string[]) =>
      xs.length === patterns.length &&
      patterns.every((p) => xs.filter((x) => p.test(x)).length === 1),
    toString: () => `exactly one mail each matching ${patterns.join(', ')}`,
  });
  const find = async (tenant: TenantRef, address: string, subject: RegExp) => {
    const found = (await mailsTo(tenant, address)).filter((m) => subject.test(m.subject));
    expect(found).toHaveLength(1);
    return found[0];
  };

  /**
   * The mail links to the tenant's portal page; the API route behind it takes the same token, so
   * these tests download through the API as a client would.
   */
  const apiPathOf = (mail: { text: string }, tenant: TenantRef) => {
    const link = /https?:\/\/\S+\/t\/([a-z0-9-]+)\/my-data\/exports\/([A-Za-z0-9_-]+)/.exec(mail.text);
    expect(link?.[1]).toBe(tenant.key);
    return `/rights/exports/${link![2]}`;
  };

  async function walkToDecision(tenant: TenantRef, token: string, id: string) {
    expect((await move(tenant, token, id, 'in-progress')).status).toBe(200);
    expect((await move(tenant, token, id, 'awaiting-decision')).status).toBe(200);
  }

  it('access: submitted signed in, identity verified by the session, export built in the background, a link that works once, every step mailed and audited', async () => {
    const js = await person();
    // Someone else opens the dossier first: the export's access log must show it.
    expect((await t.http('get', `/profiles/${js.id}`, as(a, staff.token))).status).toBe(200);

    const submitted = await t.http(
      'post',
      '/rights/requests/me',
      as(a, js.token, { kind: 'access' }),
    );
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      kind: 'access',
      status: 'identity-verified',
      source: 'self',
      dueOn: '2027-05-21',
      daysLeft: 30,
    });
    const id = submitted.body.id as string;
    expect(await subjects(a, js.email)).toEqual(exactly(/ontvangen/));

    await walkToDecision(a, staff.token, id);
    const done = await move(a, staff.token, id, 'completed');
    expect(done.status).toBe(200);
    await t.settled();
    expect((await t.http('get', `/rights/requests/${id}`, as(a, staff.token))).body.status).toBe(
      'completed',
    );

    const mails = await mailsTo(a, js.email);
    expect(mails.map((m) => m.subject)).toEqual(exactly(/ontvangen/, /staan klaar/, /uitgevoerd/));
    const path = apiPathOf(await find(a, js.email, /staan klaar/), a);

    // Opening the link changes nothing for a scanner or anyone but the person.
    expect((await t.http('get', path, { tenant: a.key })).status).toBe(401);
    expect((await t.http('get', path, as(a, staff.token))).status).toBe(404);
    const download = await t
      .http('get', path, as(a, js.token))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    // The JSON document is one part of the archive (its documents and JSON Resume: export-archive.spec.ts).
    const copy = {
      body: JSON.parse(
        zipEntries(download.body as Buffer)
          .find((e) => e.name === 'export.json')!
          .bytes.toString('utf8'),
      ),
    };
    for (const key of SCHEMA.required) expect(copy.body).toHaveProperty(key);
    expect(copy.body.format).toBe(SCHEMA.properties.format.const);
    expect(copy.body.fields).toEqual(
      expect.arrayContaining([
        {
          key: 'phone',
          label: 'Telefoon',
          value: '+31612345678',
          purpose: 'werving en selectie',
          audience: ['self', 'staff', 'tenant-admin', 'employer'],
          retention: expect.stringMatching(/after/),
        },
      ]),
    );
    for (const f of copy.body.fields)
      expect(Object.keys(f).sort()).toEqual([...SCHEMA.properties.fields.items.required].sort());
    expect(copy.body.accessLog).toEqual([
      expect.objectContaining({ action: 'profile.read', roles: ['staff'] }),
    ]);
    expect(JSON.stringify(copy.body.mails)).toContain('rights-received');
    expect(copy.body.consents).not.toBeNull();

    const again = await t.http('get', path, as(a, js.token));
    expect(again.status).toBe(410);
    const audit = await sql<{ action: string }>(
      t,
      a,
      `SELECT action FROM audit_log WHERE tenant_id = $1 AND action LIKE 'rights.%' ORDER BY id`,
    );
    expect(audit.map((x) => x.action)).toEqual(
      expect.arrayContaining([
        'rights.request.receive',
        'rights.request.status',
        'rights.export.build',
        'rights.export.download',
      ]),
    );
  });

  it('an export link expires: after a week it no longer works, even unused', async () => {
    const js = await person();
    const id = (
      await t.http('post', '/rights/requests/me', as(a, js.token, { kind: 'portability' }))
    ).body.id;
    await walkToDecision(a, staff.token, id);
    await move(a, staff.token, id, 'completed');
    const ready = await find(a, js.email, /staan klaar/);
    const path = apiPathOf(ready, a);
    clock.set('2027-04-28T08:00:01Z');
    expect((await t.http('get', path, as(a, await t.login({ ...js, tenant: a })))).status).toBe(
      410,
    );
  });

  it.each(['rectification', 'restriction', 'objection'] as const)(
    '%s: entered by staff for a request received by phone, recording the source and who entered it; decided, and the person is told at each step',
    async (kind) => {
      const js = await person();
      const entered = await t.http(
        'post',
        '/rights/requests',
        as(a, staff.token, { kind, personId: js.id, source: 'phone', details: 'Asked by phone' }),
      );
      expect(entered.status).toBe(201);
      expect(entered.body).toMatchObject({
        kind,
        status: 'received',
        source: 'phone',
        enteredBy: staff.id,
      });
      const id = entered.body.id;
      expect((await move(a, staff.token, id, 'identity-verified')).status).toBe(200);
      await walkToDecision(a, staff.token, id);
      expect((await move(a, staff.token, id, 'completed')).body.status).toBe('completed');
      expect(await subjects(a, js.email)).toEqual(exactly(/ontvangen/, /uitgevoerd/));
      const mine = await t.http('get', '/rights/requests/me', as(a, js.token));
      expect(mine.body).toEqual([
        expect.objectContaining({ id, status: 'completed', daysLeft: null }),
      ]);
    },
  );

  it('a refusal needs a reason, and the reason is mailed to the person; a decided request moves no more', async () => {
    const js = await person();
    const id = (
      await t.http(
        'post',
        '/rights/requests/me',
        as(a, js.token, { kind: 'objection', details: 'Stop the nudges' }),
      )
    ).body.id;
    const bare = await move(a, staff.token, id, 'refused');
    expect(bare.status).toBe(422);
    expect(bare.body.errors).toEqual([{ field: 'reason', reason: expect.any(String) }]);
    expect(
      (await move(a, staff.token, id, 'refused', 'The processing is required by the contract'))
        .body,
    ).toMatchObject({
      status: 'refused',
      refusalReason: 'The processing is required by the contract',
    });
    const refusal = await find(a, js.email, /afgewezen/);
    expect(refusal.subject).toMatch(/afgewezen/);
    expect(refusal.text).toContain('The processing is required by the contract');
    const later = await move(a, staff.token, id, 'completed');
    expect(later.status).toBe(409);
    expect(later.body.errors[0].field).toBe('status');
  });

  it('erasure: runs the platform erasure, the report lists every store checked and holds no personal data, the confirmation still reaches the person', async () => {
    const js = await person();
    const id = (await t.http('post', '/rights/requests/me', as(a, js.token, { kind: 'erasure' })))
      .body.id;
    // The worker sends the acknowledgement long before anyone decides.
    expect(await subjects(a, js.email)).toEqual(exactly(/ontvangen/));
    await walkToDecision(a, staff.token, id);
    const done = await move(a, staff.token, id, 'completed');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', personId: null });
    const report = done.body.report as {
      stores: { store: string; outcome: string; remaining?: number }[];
      capabilities: string[];
    };
    const stores = report.stores.map((s) => s.store);
    for (const s of [
      'accounts',
      'profiles',
      'profile_documents',
      'profile_search',
      'mail_messages',
      'sessions',
      'consent_events',
      'audit_pseudonyms',
      'audit_log',
      'rights_requests',
      'file store',
    ])
      expect(stores).toContain(s);
    expect(report.stores.filter((s) => s.outcome === 'still holds the person')).toEqual([]);
    expect(report.stores.find((s) => s.store === 'audit_log')!.outcome).toBe(
      'kept without identity',
    );
    expect(report.capabilities).toEqual(
      expect.arrayContaining(['account', 'profiles', 'mail', 'consent', 'rights']),
    );
    const text = JSON.stringify(report);
    for (const secret of [js.id, js.email, 'Noor', 'Achterberg', '+31612345678'])
      expect(text).not.toContain(secret);

    expect(await subjects(a, js.email)).toEqual(exactly(/ontvangen/, /uitgevoerd/));
    expect(
      (
        await t.http('post', '/auth/login', {
          tenant: a.key,
          body: { email: js.email, password: js.password },
        })
      ).status,
    ).toBe(401);
    // The confirmation's record forgot the address once sent: nothing in the tenant names them.
    const [left] = await sql<{ n: number }>(
      t,
      a,
      `SELECT count(*)::int AS n FROM mail_messages WHERE tenant_id = $1 AND recipient_address = $2`,
      [js.email],
    );
    expect(left.n).toBe(0);
  });

  it("erasure under a legal hold is refused with the hold's reason, and the data stays", async () => {
    const js: Jobseeker = await person();
    const hold = await t.http(
      'post',
      '/retention/holds',
      as(a, staff.token, {
        personId: js.id,
        reason: 'Subsidy audit of 2027',
        endsAt: '2028-01-01T00:00:00Z',
      }),
    );
    expect(hold.status).toBe(201);
    const id = (await t.http('post', '/rights/requests/me', as(a, js.token, { kind: 'erasure' })))
      .body.id;
    await walkToDecision(a, staff.token, id);
    const done = await move(a, staff.token, id, 'completed');
    expect(done.body).toMatchObject({
      status: 'refused',
      refusalReason: expect.stringContaining('under a legal hold until 2028-01-01'),
    });
    expect((await find(a, js.email, /afgewezen/)).text).toContain(
      'under a legal hold until 2028-01-01',
    );
    expect((await t.http('get', '/profiles/me', as(a, js.token))).status).toBe(200);
  });

  it('the tenant declares who decides: where only tenant admins decide, staff prepare and cannot decide', async () => {
    const js = await person(lab);
    const labStaff = await t.signedIn(lab, ['staff']);
    const admin = await t.signedIn(lab, ['tenant-admin']);
    const id = (
      await t.http(
        'post',
        '/rights/requests/me',
        as(lab, js.token, { kind: 'rectification', details: 'My phone number changed' }),
      )
    ).body.id;
    await walkToDecision(lab, labStaff.token, id);
    expect((await move(lab, labStaff.token, id, 'completed')).status).toBe(403);
    expect((await move(lab, labStaff.token, id, 'refused', 'Not a rectification')).status).toBe(
      403,
    );
    expect((await move(lab, admin.token, id, 'completed')).body.status).toBe('completed');
  });

  it('a 10-working-day promise over Koningsdag, 5 May and Ascension is due on 10 May 2027; an extension needs a reason and tells the person', async () => {
    const js = await person(lab);
    const admin = await t.signedIn(lab, ['tenant-admin']);
    const r = await t.http('post', '/rights/requests/me', as(lab, js.token, { kind: 'access' }));
    expect(r.body).toMatchObject({ receivedOn: '2027-04-21', dueOn: '2027-05-10', daysLeft: 19 });
    const bare = await t.http(
      'post',
      `/rights/requests/${r.body.id}/extension`,
      as(lab, admin.token, {}),
    );
    expect(bare.status).toBe(400);
    expect(bare.body.errors[0].field).toBe('reason');
    const extended = await t.http(
      'post',
      `/rights/requests/${r.body.id}/extension`,
      as(lab, admin.token, { reason: 'Your file is partly in our paper archive' }),
    );
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({
      dueOn: '2027-07-21',
      extensionReason: 'Your file is partly in our paper archive',
    });
    const told = await find(lab, js.email, /meer tijd/);
    expect(told.subject).toMatch(/meer tijd/);
    expect(told.text).toContain('Your file is partly in our paper archive');
    expect(told.text).toContain('2027-07-21');
    expect(
      (
        await t.http(
          'post',
          `/rights/requests/${r.body.id}/extension`,
          as(lab, admin.token, { reason: 'Once more' }),
        )
      ).status,
    ).toBe(409);
  });

  it('the deciders are reminded once, three days before the due date', async () => {
    const js = await person(lab);
    const admin = await t.signedIn(lab, ['tenant-admin']);
    const [{ email }] = await sql<{ email: string }>(
      t,
      lab,
      `SELECT email FROM accounts WHERE tenant_id = $1 AND id = $2`,
      [admin.id],
    );
    const r = (
      await t.http(
        'post',
        '/rights/requests/me',
        as(lab, js.token, { kind: 'objection', details: 'No nudges' }),
      )
    ).body;
    expect(r.dueOn).toBe('2027-05-10');
    const sweep = () => t.get(RightsDeadlineSweep).sweep({ tenantIds: [lab.id] });
    const reminders = async () =>
      (await mailsTo(lab, email)).filter(
        (m) => m.subject.includes(r.reference) && /beantwoord zijn/.test(m.subject),
      );
    clock.set('2027-05-06T08:00:00Z');
    await sweep();
    expect(await reminders()).toEqual([]);
    clock.set('2027-05-07T08:00:00Z');
    await sweep();
    await sweep();
    expect((await reminders()).map((m) => m.subject)).toEqual([
      `Verzoek van betrokkene ${r.reference} moet uiterlijk 2027-05-10 beantwoord zijn`,
    ]);
  });

  it('an overdue request is listed with negative days left and escalated once to the deciders by mail', async () => {
    const js = await person(lab);
    const admin = await t.signedIn(lab, ['tenant-admin']);
    const other = await t.signedIn(lab, ['staff']);
    const adminEmail = (
      await sql<{ email: string }>(
        t,
        lab,
        `SELECT email FROM accounts WHERE tenant_id = $1 AND id = $2`,
        [admin.id],
      )
    )[0].email;
    const staffEmail = (
      await sql<{ email: string }>(
        t,
        lab,
        `SELECT email FROM accounts WHERE tenant_id = $1 AND id = $2`,
        [other.id],
      )
    )[0].email;
    const r = await t.http(
      'post',
      '/rights/requests/me',
      as(lab, js.token, { kind: 'objection', details: 'No marketing' }),
    );
    clock.set('2027-05-10T20:00:00Z');
    // Access tokens expire by the same clock: sign in again after moving it.
    admin.token = await t.login(admin);
    expect(
      (await t.http('get', '/rights/requests?overdue=true', as(lab, admin.token))).body.map(
        (x: { id: string }) => x.id,
      ),
    ).not.toContain(r.body.id);
    clock.set('2027-05-11T08:00:00Z');
    admin.token = await t.login(admin);
    const overdue = await t.http('get', '/rights/requests?overdue=true', as(lab, admin.token));
    expect(overdue.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: r.body.id, daysLeft: -1, overdue: true }),
      ]),
    );

    const sweep = t.get(RightsDeadlineSweep);
    expect((await sweep.sweep({ tenantIds: [lab.id] })).escalated).toBeGreaterThanOrEqual(1);
    expect((await sweep.sweep({ tenantIds: [lab.id] })).escalated).toBe(0);
    const toAdmin = (await mailsTo(lab, adminEmail)).filter((m) =>
      m.text.includes(r.body.reference),
    );
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0].subject).toMatch(/over tijd/);
    // Staff do not decide in this tenant: they are not the ones escalated to.
    expect(
      (await mailsTo(lab, staffEmail)).filter((m) => m.text.includes(r.body.reference)),
    ).toEqual([]);
    expect(
      (await t.http('get', `/rights/requests/${r.body.id}`, as(lab, admin.token))).body.escalatedAt,
    ).not.toBeNull();
  });

  it("who opened my dossier: the organisations and roles that read it, when and for which processing activity, never the person's own reads", async () => {
    // Listing in the candidate bank is checked against the database's own time: stay in its past.
    clock.set('2026-03-02T08:00:00Z');
    const js = await person();
    const unit = await t.createOrgUnit(a, 'employer', { candidateBankAccess: true });
    const employer = await t.signedIn(a, ['employer'], { orgUnitIds: [unit.id] });
    await t.http('get', '/profiles/me', as(a, js.token));
    clock.set('2026-03-03T10:00:00Z');
    employer.token = await t.login(employer);
    js.token = await t.login(js);
    expect((await t.http('get', `/profiles/${await publicHandle(t, a, js.id)}`, as(a, employer.token))).status).toBe(200);
    const seen = await t.http('get', '/rights/dossier-openings/me', as(a, js.token));
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual([
      {
        at: '2026-03-03T10:00:00.000Z',
        action: 'profile.read',
        processingActivity: 'candidate-search',
        purpose: expect.stringContaining('Matching jobseekers with work'),
        roles: ['employer'],
        organisations: ['Unit employer'],
      },
    ]);
  });

  it.each([
    ['organisation and role only, by default', 'kandidatenbank', undefined],
    ["also the reader's name, where the tenant declares it", 'rights-named-readers-lab', 'Test employer'],
  ] as const)('who opened my dossier names %s', async (_, plugin, name) => {
    clock.set('2026-03-02T08:00:00Z');
    const tenant = plugin === 'kandidatenbank' ? a : await t.createTenant(plugin);
    const js = await person(tenant);
    const unit = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
    const employer = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
    expect((await t.http('get', `/profiles/${await publicHandle(t, tenant, js.id)}`, as(tenant, employer.token))).status).toBe(200);
    const seen = await t.http('get', '/rights/dossier-openings/me', as(tenant, js.token));
    const expected = {
      action: 'profile.read',
      processingActivity: 'candidate-search',
      purpose: expect.stringContaining('Matching jobseekers with work'),
      roles: ['employer'],
      organisations: ['Unit employer'],
    };
    expect(seen.body).toEqual([name === undefined ? { at: expect.any(String), ...expected } : { at: expect.any(String), ...expected, name }]);
  });

  it('bad input is refused naming the field: an unknown kind, a source the person cannot claim, a person of another tenant', async () => {
    const js = await person();
    const kind = await t.http(
      'post',
      '/rights/requests/me',
      as(a, js.token, { kind: 'forget-me' }),
    );
    expect(kind.status).toBe(400);
    expect(JSON.stringify(kind.body)).toContain('kind');
    const source = await t.http(
      'post',
      '/rights/requests',
      as(a, staff.token, { kind: 'access', personId: js.id, source: 'self' }),
    );
    expect(source.status).toBe(400);
    expect(JSON.stringify(source.body)).toContain('source');
    const elsewhere = await person(lab);
    const stranger = await t.http(
      'post',
      '/rights/requests',
      as(a, staff.token, { kind: 'access', personId: elsewhere.id, source: 'post' }),
    );
    expect(stranger.status).toBe(422);
    expect(stranger.body.errors).toEqual([{ field: 'personId', reason: expect.any(String) }]);
  });

  it('the processing register is published per tenant as JSON and HTML, with no field lacking purpose, audience or retention', async () => {
    const json = await t.http('get', '/rights/register', { tenant: a.key });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ tenant: 'kandidatenbank', problems: [] });
    expect(json.body.activities[0].categoriesOfData.map((d: { key: string }) => d.key)).toContain(
      'phone',
    );
    const html = await t.http('get', '/rights/register.html', { tenant: a.key });
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain('werving en selectie');
  });
});
