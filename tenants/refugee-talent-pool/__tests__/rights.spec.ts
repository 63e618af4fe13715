import { TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { sampleFiles, upload } from './documents.fixture.js';
import { connect, employer, grantConsent, lastMail, registeredJobseeker, publicHandle } from './refugeework.fixture.js';
import { vacancyBody } from './vacancy.fixture.js';

/** Statement 000, "Your data and rights", and the consents of "To match you with a potential employer". */
describe('statement 000: the jobseeker\'s rights and consents', () => {
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('refugee-talent-pool');
  });
  afterAll(() => t?.close());

  const as = (token: string, body?: unknown) => ({ tenant: tenant.key, token, body });
  const count = (sql: string, id: string) =>
    t.get(TenantDb).forTenant(tenant, async (tx) => (await tx.query<{ n: number }>(sql, [tx.tenantId, id]))[0].n);

  it('you can view your personal data through your account: profile, consents, connections with chat', async () => {
    const person = await registeredJobseeker(t, tenant);
    const boss = await employer(t, tenant);
    const id = await connect(t, person, boss, 'accept');
    await t.http('post', `/connections/${id}/messages`, as(person.token, { body: 'My CV explains more.' }));
    const own = await t.http('get', '/profiles/me', as(person.token));
    expect(own.body).toMatchObject({ name: person.secrets.name, email: person.email, fields: expect.objectContaining({ phone: person.secrets.phone }) });
    const all = await t.http('get', '/refugeework/account/data', as(person.token));
    expect(all.status).toBe(200);
    const text = JSON.stringify(all.body);
    for (const s of [person.secrets.name, person.email, 'My CV explains more.', 'talentPool', 'shareWithEmployer']) expect(text).toContain(s);
  });

  it('an account needs name, e-mail address and city/region/province; a 4xx names what is missing', async () => {
    const res = await t.http('post', '/profiles/register', {
      tenant: tenant.key,
      body: { email: 'new-person@mail.example', fields: { about: 'Hello' } },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['fields.email', 'fields.name']);
    const person = await registeredJobseeker(t, tenant, { pool: false, activate: false, fields: { province: undefined } });
    const listing = await t.http('post', '/profiles/me/activate', as(person.token));
    expect(listing.status).toBe(422);
    expect(listing.body.errors.map((e: { field: string }) => e.field)).toEqual(['fields.province']);
  });

  it('e-learning progress is compiled by the platform: staff record it, the person reads it but cannot set it', async () => {
    const person = await registeredJobseeker(t, tenant);
    const own = await t.http('patch', '/profiles/me', as(person.token, { fields: { elearningProgress: 100 } }));
    expect(own.status).toBeGreaterThanOrEqual(400);
    expect(own.status).toBeLessThan(500);
    expect(own.body.errors[0].field).toBe('fields.elearningProgress');
    const staff = await t.signedIn(tenant, ['staff']);
    expect((await t.http('patch', `/profiles/${person.id}`, as(staff.token, { fields: { elearningProgress: 40 } }))).status).toBe(200);
    expect((await t.http('get', '/profiles/me', as(person.token))).body.fields.elearningProgress).toBe(40);
    const boss = await employer(t, tenant);
    expect((await t.http('get', `/profiles/${await publicHandle(t, person)}`, as(boss.token))).body.fields.elearningProgress).toBeUndefined();
  });

  it('after creating an account you can view the jobs posted by various employers', async () => {
    const person = await registeredJobseeker(t, tenant);
    for (const title of ['Carpenter for timber-frame houses', 'Nurse assistant in elderly care'])
      await t.http('post', '/manage/vacancies', as((await employer(t, tenant)).token, vacancyBody({ title })));
    const jobs = await t.http('get', '/vacancies', as(person.token));
    expect(jobs.status).toBe(200);
    expect(JSON.stringify(jobs.body)).toContain('Nurse assistant in elderly care');
    expect(JSON.stringify(jobs.body)).toContain('Carpenter for timber-frame houses');
  });

  it('you can change most of the information in your account, and remove some of it yourself (signed in)', async () => {
    const person = await registeredJobseeker(t, tenant);
    expect((await t.http('patch', '/profiles/me', { tenant: tenant.key, body: { fields: { phone: null } } })).status).toBe(401);
    const changed = await t.http('patch', '/profiles/me', as(person.token, { fields: { phone: '+31687654321', about: 'Now also a welder.' } }));
    expect(changed.status).toBe(200);
    expect(changed.body.fields).toMatchObject({ phone: '+31687654321', about: 'Now also a welder.' });
    const removed = await t.http('patch', '/profiles/me', as(person.token, { fields: { phone: null, about: null } }));
    expect(removed.body.fields.phone).toBeUndefined();
    expect(removed.body.fields.about).toBeUndefined();
    const { files } = sampleFiles('rm');
    const cv = await upload(t, person, 'cv', files.cv);
    expect((await t.http('delete', `/profiles/me/documents/${cv}`, as(person.token))).status).toBe(204);
    expect((await t.http('get', '/profiles/me', as(person.token))).body.documents).toEqual([]);
    const bad = await t.http('patch', '/profiles/me', as(person.token, { fields: { province: 'atlantis', name: '' } }));
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['fields.name', 'fields.province']);
  });

  it('"We only process this data with your explicit consent": a photo or video is refused and not stored before the consent, reaches the connected employer after it, and is deleted when it is withdrawn', async () => {
    const person = await registeredJobseeker(t, tenant);
    const boss = await employer(t, tenant);
    await connect(t, person, boss, 'accept');
    const { files } = sampleFiles('consent');
    const docRows = (field: string) =>
      count(`SELECT count(*)::int AS n FROM profile_documents WHERE tenant_id = $1 AND profile_id = $2 AND field_key = '${field}'`, person.id);
    for (const field of ['photo', 'video'] as const) {
      const refused = await t
        .http('post', `/profiles/me/documents/${field}`, as(person.token))
        .attach('file', files[field].bytes, { filename: files[field].name, contentType: files[field].type });
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([{ field: 'fieldKey', reason: `"${field}" needs the person's consent "${field}" first` }]);
      expect(await docRows(field)).toBe(0);
    }
    await grantConsent(t, person, 'photo');
    await grantConsent(t, person, 'video');
    const photo = await upload(t, person, 'photo', files.photo);
    const video = await upload(t, person, 'video', files.video);
    const docsSeen = async () => JSON.stringify((await t.http('get', `/profiles/${await publicHandle(t, person)}/documents`, as(boss.token))).body);
    expect(await docsSeen()).toContain(photo);
    expect((await t.http('get', `/profiles/${await publicHandle(t, person)}/documents/${photo}`, as(boss.token))).status).toBe(200);
    expect((await t.http('delete', '/consents/me/photo', as(person.token))).status).toBeLessThan(300);
    expect(await docRows('photo')).toBe(0);
    expect(await docRows('video')).toBe(1);
    expect(await docsSeen()).not.toContain(photo);
    expect(await docsSeen()).toContain(video);
    expect((await t.http('get', `/profiles/${await publicHandle(t, person)}/documents/${photo}`, as(boss.token))).status).toBe(404);
    expect((await t.http('get', `/profiles/${person.id}/documents/${photo}`, as(person.token))).status).toBe(404);
  });

  it('the talent-pool consent is given once; withdrawing it takes the profile out of the pool for every employer', async () => {
    const person = await registeredJobseeker(t, tenant);
    const boss = await employer(t, tenant);
    expect((await t.http('get', `/profiles/${await publicHandle(t, person)}`, as(boss.token))).status).toBe(200);
    expect((await t.http('delete', '/consents/me/talentPool', as(person.token))).status).toBeLessThan(300);
    expect((await t.http('get', `/profiles/${await publicHandle(t, person)}`, as(boss.token))).status).toBe(404);
    const search = await t.http('get', '/search/profiles?q=carpentry', as(boss.token));
    expect(JSON.stringify(search.body)).not.toContain(await publicHandle(t, person));
    expect(JSON.stringify(search.body)).not.toContain(person.id);
    expect((await t.http('post', '/connections', as(boss.token, { profileHandle: await publicHandle(t, person) }))).status).toBe(404);
  });

  it('a jobseeker who never joined the pool cannot be found or asked by employers', async () => {
    const person = await registeredJobseeker(t, tenant, { pool: false });
    const boss = await employer(t, tenant);
    expect((await t.http('get', `/profiles/${await publicHandle(t, person)}`, as(boss.token))).status).toBe(404);
    expect((await t.http('post', '/connections', as(boss.token, { profileHandle: await publicHandle(t, person) }))).status).toBe(404);
  });

  it('you can delete your entire account and receive a confirmation; all personal data, chat included, is removed', async () => {
    const person = await registeredJobseeker(t, tenant);
    const boss = await employer(t, tenant);
    const id = await connect(t, person, boss, 'accept');
    await t.http('post', `/connections/${id}/messages`, as(boss.token, { body: 'Welcome aboard' }));
    await t.http('post', `/connections/${id}/messages`, as(person.token, { body: 'Thank you' }));
    const unconfirmed = await t.http('post', '/refugeework/account/deletion', as(person.token, {}));
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.errors[0].field).toBe('confirm');

    const res = await t.http('post', '/refugeework/account/deletion', as(person.token, { confirm: true }));
    expect(res.status).toBe(200);
    // Queued to the address without naming the person; its record forgets the address once sent
    // (erasure-leaves-no-trace.spec.ts follows it through SMTP).
    const [confirmation] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ person_id: string | null; category: string; status: string; variables: Record<string, string> }>(
        `SELECT person_id, category, status, variables FROM mail_messages
          WHERE tenant_id = $1 AND template = 'deletion-confirmation' AND recipient_address = $2`,
        [tx.tenantId, person.email],
      ),
    );
    expect(confirmation).toMatchObject({ person_id: null, category: 'transactional', status: 'queued' });
    expect(confirmation.variables).toMatchObject({ reference: res.body.reference });

    for (const [table, column] of [
      ['accounts', 'id'],
      ['profiles', 'id'],
      ['connections', 'person_id'],
      ['consent_state', 'person_id'],
      ['consent_events', 'person_id'],
      ['person_activity', 'person_id'],
    ])
      expect(await count(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1 AND ${column} = $2`, person.id)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM connection_messages WHERE tenant_id = $1 AND connection_id = $2`, id)).toBe(0);
    const login = await t.http('post', '/auth/login', { tenant: tenant.key, body: { email: person.email, password: person.password } });
    expect(login.status).toBe(401);
  });

  it('you can object to the use of your data: it is recorded, confirmed to you, and routed to staff', async () => {
    const person = await registeredJobseeker(t, tenant);
    const staff = await t.signedIn(tenant, ['staff']);
    const empty = await t.http('post', '/refugeework/objections', as(person.token, { reason: '' }));
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('reason');
    const res = await t.http('post', '/refugeework/objections', as(person.token, { reason: 'Stop using my data for matching.' }));
    expect(res.status).toBe(201);
    expect(await lastMail(t, tenant, person.id, 'objection-received')).toMatchObject({ recipient_address: person.email });
    const tasks = await t.http('get', '/refugeework/objections', as(staff.token));
    expect(tasks.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: res.body.id, personId: person.id, status: 'open' })]));
    expect((await t.http('get', '/refugeework/objections', as(person.token))).status).toBe(403);
    const resolved = await t.http('post', `/refugeework/objections/${res.body.id}/resolve`, as(staff.token, { outcome: 'processing-stopped' }));
    expect(resolved.body).toMatchObject({ status: 'resolved', outcome: 'processing-stopped' });
    const open = await t.http('get', '/refugeework/objections', as(staff.token));
    expect(open.body.items.map((o: { id: string }) => o.id)).not.toContain(res.body.id);
  });

  it('a business contact may object too', async () => {
    const boss = await employer(t, tenant);
    const res = await t.http('post', '/refugeework/objections', as(boss.token, { reason: 'No more newsletters.' }));
    expect(res.status).toBe(201);
    expect(await lastMail(t, tenant, boss.id, 'objection-received')).toMatchObject({ recipient_address: boss.email });
  });
});
