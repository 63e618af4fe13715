import { FixedClock } from '../../../config/src/clock.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { auditActions, registerJobseeker, setConsent, signInAgain, sql, type Jobseeker } from './support/profile-kit.js';

/**
 * Statement 001: "U kunt zelf op elk gewenst moment een aantal gegevens wijzigen". Every write is
 * checked against the tenant's field declarations as a whole: one 422 naming each problem, and
 * nothing saved when there is any.
 */
describe('writing profile fields', () => {
  const clock = new FixedClock('2026-02-01T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let staff: Awaited<ReturnType<TestApp['signedIn']>>;

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('kandidatenbank');
    staff = await t.signedIn(tenant, ['staff']);
  });
  afterAll(() => t.close());

  const patchOwn = (js: Jobseeker, fields: unknown) => t.http('patch', '/profiles/me', { tenant: tenant.key, token: js.token, body: { fields } });
  const patchAsStaff = (js: Jobseeker, fields: unknown, token = staff.token) =>
    t.http('patch', `/profiles/${js.id}`, { tenant: tenant.key, token, body: { fields } });
  const stored = async (js: Jobseeker) =>
    (await sql<{ fields: Record<string, unknown>; updated_at: Date }>(t, tenant, `SELECT fields, updated_at FROM profiles WHERE tenant_id = $1 AND id = $2`, [js.id]))[0];

  it('saves valid values, normalised, and removes a value set to null', async () => {
    const js = await registerJobseeker(t, tenant);
    const res = await patchOwn(js, {
      headline: '  Lasser ',
      hoursPerWeek: 32,
      postcode: '1234 ab',
      workExperience: [{ role: 'Lasser', employer: 'Acme', from: '2020-01-01' }],
      trainings: ['VCA'],
    });
    expect(res.status).toBe(200);
    expect(res.body.fields).toMatchObject({ headline: 'Lasser', hoursPerWeek: 32, postcode: '1234 AB', trainings: ['VCA'] });
    expect((await patchOwn(js, { trainings: null })).status).toBe(200);
    expect((await stored(js)).fields).not.toHaveProperty('trainings');
  });

  it('refuses a write with several problems in one 422 naming each, and saves none of it', async () => {
    const js = await registerJobseeker(t, tenant);
    await patchOwn(js, { headline: 'Kok' });
    const before = await stored(js);
    clock.advance(60_000);
    const res = await patchOwn(js, {
      headline: 'Lasser',
      salary: 3000,
      hoursPerWeek: 80,
      gender: 'unknown',
      birthDate: '1990-02-30',
      workExperience: [{ employer: 'Acme' }, { role: 'Kok', colour: 'red' }],
      trainings: ['x'.repeat(201)],
      staffNotes: 'self-written note',
      testResults: 'all perfect',
      cv: 'a file',
      firstName: null,
    });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'fields.salary', reason: 'is not a field of this profile' },
        { field: 'fields.hoursPerWeek', reason: 'must be at most 60' },
        { field: 'fields.gender', reason: 'must be one of: female, male, other, undisclosed' },
        { field: 'fields.birthDate', reason: 'must be a date (YYYY-MM-DD)' },
        { field: 'fields.workExperience[0].role', reason: 'is required' },
        { field: 'fields.workExperience[1].colour', reason: 'is not a field of this item' },
        { field: 'fields.trainings[0]', reason: 'must be at most 200 characters' },
        { field: 'fields.staffNotes', reason: 'may only be written by: staff' },
        { field: 'fields.testResults', reason: 'may only be written by: staff' },
        { field: 'fields.cv', reason: 'is a document: upload it instead' },
        { field: 'fields.firstName', reason: 'is required' },
      ]),
    );
    expect(res.body.errors).toHaveLength(11);
    expect(await stored(js)).toEqual(before);
  });

  it('refuses a body whose fields are not an object, naming it', async () => {
    const js = await registerJobseeker(t, tenant);
    for (const fields of ['x', [1], null]) {
      const res = await patchOwn(js, fields);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['fields']);
    }
    const extra = await t.http('patch', '/profiles/me', { tenant: tenant.key, token: js.token, body: { fields: {}, state: 'active' } });
    expect(extra.status).toBe(400);
    expect(extra.body.errors[0].field).toBe('state');
  });

  it('records health data only once the person consented to it (special-category data)', async () => {
    const js = await registerJobseeker(t, tenant);
    const refused = await patchOwn(js, { workAccommodations: 'aangepaste werkplek' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'fields.workAccommodations', reason: 'needs the person\'s consent "healthData" first' }]);
    expect((await patchAsStaff(js, { workAccommodations: 'x' })).status).toBe(422);
    await setConsent(t, tenant, js.id, 'healthData', true);
    expect((await patchOwn(js, { workAccommodations: 'aangepaste werkplek' })).status).toBe(200);
  });

  it('staff write the fields declared for staff, and may not write what only the person writes', async () => {
    const js = await registerJobseeker(t, tenant);
    const ok = await patchAsStaff(js, { staffNotes: 'intake gedaan', testResults: 'Test A: goed', headline: 'Monteur' });
    expect(ok.status).toBe(200);
    expect(ok.body.fields).toMatchObject({ staffNotes: 'intake gedaan', testResults: 'Test A: goed', headline: 'Monteur' });
    const photo = await patchAsStaff(js, { photo: 'x' });
    expect(photo.status).toBe(422);
    const employer = await t.signedIn(tenant, ['employer']);
    expect((await patchAsStaff(js, { headline: 'x' }, employer.token)).status).toBe(403);
    expect((await patchAsStaff(js, { headline: 'x' }, js.token)).status).toBe(403);
  });

  it('every change is audited with the changed field keys only, never the values', async () => {
    const js = await registerJobseeker(t, tenant);
    await patchOwn(js, { headline: 'Lasser', city: 'Utrecht' });
    await patchOwn(js, { headline: 'Lasser', city: 'Zeist' });
    await patchOwn(js, { city: 'Zeist' });
    await patchAsStaff(js, { staffNotes: 'gebeld' });
    const entries = (await auditActions(t, tenant, js.id)).filter((e) => e.action === 'profile.update');
    expect(entries.map((e) => [e.actor_id, e.details])).toEqual([
      [js.id, { fields: ['city', 'headline'] }],
      [js.id, { fields: ['city'] }],
      [staff.id, { fields: ['staffNotes'] }],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/Lasser|Utrecht|Zeist|gebeld/);
  });

  it('a change of name also renames the account, so mails greet the person by the new name', async () => {
    const js = await registerJobseeker(t, tenant);
    await patchOwn(js, { firstName: 'Samira' });
    const [account] = await sql<{ display_name: string }>(t, tenant, `SELECT display_name FROM accounts WHERE tenant_id = $1 AND id = $2`, [js.id]);
    expect(account.display_name).toBe('Samira de Vries');
  });

  it('every write by the person counts as an interaction for retention', async () => {
    const js = await registerJobseeker(t, tenant);
    clock.advanceDays(30);
    await patchOwn(await signInAgain(t, js), { headline: 'Kok' });
    const [row] = await sql<{ at: Date }>(t, tenant, `SELECT last_interaction_at AS at FROM person_activity WHERE tenant_id = $1 AND person_id = $2`, [js.id]);
    expect(row.at).toEqual(clock.now());
  });
});
