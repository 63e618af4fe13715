import { TestApp } from '../../../../test/support/test-app.js';
import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { createVacancy, employerWithRecruiter, vacancyBody } from './vacancy-fixtures.js';

describe('vacancies', () => {
  const clock = new FixedClock('2026-01-10T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let acme: Awaited<ReturnType<typeof employerWithRecruiter>>;
  let other: Awaited<ReturnType<typeof employerWithRecruiter>>;

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('kandidatenbank');
    acme = await employerWithRecruiter(t, tenant);
    other = await employerWithRecruiter(t, tenant);
  });
  afterAll(() => t.close());
  afterEach(() => clock.set('2026-01-10T09:00:00Z'));

  const as = (token?: string) => ({ tenant: tenant.key, token });

  it('an employer creates a draft for its own organisation, naming itself as contact; the draft is not public', async () => {
    const res = await t.http('post', '/manage/vacancies', { ...as(acme.recruiter.token), body: vacancyBody() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      employer: { id: acme.unit.id },
      contactRecruiters: [{ id: acme.recruiter.id }],
      hours: { min: 32, max: 40 },
    });
    expect((await t.http('get', `/vacancies/${res.body.id}`, as())).status).toBe(404);
    const listed = await t.http('get', '/vacancies', as());
    expect(listed.body.items.map((v: { id: string }) => v.id)).not.toContain(res.body.id);
  });

  it('a published vacancy within its window is listed and readable by anyone, with JobPosting JSON-LD', async () => {
    const id = await createVacancy(t, tenant, acme.recruiter.token, {
      salary: { min: 3200, max: 4100, currency: 'EUR', unit: 'MONTH' },
    });
    const res = await t.http('get', `/vacancies/${id}`, as());
    expect(res.status).toBe(200);
    expect(res.body.contactRecruiters).toEqual([{ name: expect.any(String) }]);
    expect(res.body.jsonLd).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      title: 'Monteur elektrotechniek',
      datePosted: '2026-01-10T09:00:00.000Z',
      validThrough: '2026-03-01T00:00:00.000Z',
      employmentType: ['FULL_TIME'],
      hiringOrganization: { '@type': 'Organization', name: 'Unit employer' },
      jobLocation: {
        '@type': 'Place',
        address: { addressLocality: 'Utrecht', postalCode: '3511 AB', addressCountry: 'NL' },
        geo: { latitude: 52.0907, longitude: 5.1214 },
      },
      baseSalary: { '@type': 'MonetaryAmount', currency: 'EUR', value: { minValue: 3200, maxValue: 4100, unitText: 'MONTH' } },
    });
    const ld = await t.http('get', `/vacancies/${id}/jobposting.jsonld`, as());
    expect(ld.status).toBe(200);
    expect(ld.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(JSON.parse(ld.text)).toEqual(res.body.jsonLd);
  });

  it('JSON-LD leaves out baseSalary when the vacancy names no salary (or no longer does)', async () => {
    const id = await createVacancy(t, tenant, acme.recruiter.token, {
      hours: { min: 12, max: 20 },
      contractType: 'temporary',
      salary: { min: 15, currency: 'EUR', unit: 'HOUR' },
    });
    expect((await t.http('get', `/vacancies/${id}`, as())).body.jsonLd.baseSalary).toEqual({
      '@type': 'MonetaryAmount',
      currency: 'EUR',
      value: { '@type': 'QuantitativeValue', value: 15, unitText: 'HOUR' },
    });
    const cleared = await t.http('patch', `/manage/vacancies/${id}`, { ...as(acme.recruiter.token), body: { salary: null } });
    expect(cleared.body.salary).toBeNull();
    const res = await t.http('get', `/vacancies/${id}`, as());
    expect(res.body.jsonLd).not.toHaveProperty('baseSalary');
    expect(res.body.jsonLd.employmentType).toEqual(['PART_TIME', 'TEMPORARY']);
  });

  it('a closed vacancy is 404 publicly but still readable by its employer', async () => {
    const id = await createVacancy(t, tenant, acme.recruiter.token);
    const closed = await t.http('patch', `/manage/vacancies/${id}`, { ...as(acme.recruiter.token), body: { status: 'closed' } });
    expect(closed.status).toBe(200);
    expect((await t.http('get', `/vacancies/${id}`, as())).status).toBe(404);
    expect((await t.http('get', `/vacancies/${id}/jobposting.jsonld`, as())).status).toBe(404);
    expect((await t.http('get', `/manage/vacancies/${id}`, as(acme.recruiter.token))).body.status).toBe('closed');
  });

  it('is public only inside its publication window', async () => {
    const id = await createVacancy(t, tenant, acme.recruiter.token, {
      publishFrom: '2026-01-15T00:00:00.000Z',
      publishUntil: '2026-02-01T00:00:00.000Z',
    });
    expect((await t.http('get', `/vacancies/${id}`, as())).status).toBe(404);
    clock.set('2026-01-15T00:00:00Z');
    const open = await t.http('get', `/vacancies/${id}`, as());
    expect(open.status).toBe(200);
    expect(open.body.datePosted).toBe('2026-01-15T00:00:00.000Z');
    clock.set('2026-02-01T00:00:00Z');
    expect((await t.http('get', `/vacancies/${id}`, as())).status).toBe(404);
  });

  it("an employer cannot read or edit another organisation's vacancy: 404 as if it did not exist", async () => {
    const id = await createVacancy(t, tenant, acme.recruiter.token);
    expect((await t.http('get', `/manage/vacancies/${id}`, as(other.recruiter.token))).status).toBe(404);
    const edit = await t.http('patch', `/manage/vacancies/${id}`, { ...as(other.recruiter.token), body: { title: 'Overgenomen' } });
    expect(edit.status).toBe(404);
    expect((await t.http('get', `/vacancies/${id}`, as())).body.title).toBe('Monteur elektrotechniek');
    const list = await t.http('get', '/manage/vacancies', as(other.recruiter.token));
    expect(list.body.items.map((v: { id: string }) => v.id)).not.toContain(id);
  });

  it('an employer cannot move a vacancy to another organisation', async () => {
    const id = await createVacancy(t, tenant, acme.recruiter.token);
    const res = await t.http('patch', `/manage/vacancies/${id}`, { ...as(acme.recruiter.token), body: { orgUnitId: other.unit.id } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({ field: 'orgUnitId', reason: expect.stringMatching(/should not exist/) });
  });

  it('tenant staff create a vacancy for a named employer and must name its contacts', async () => {
    const staff = await t.signedIn(tenant, ['staff']);
    const missing = await t.http('post', '/manage/vacancies', { ...as(staff.token), body: vacancyBody({ orgUnitId: acme.unit.id }) });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toContainEqual({ field: 'contactRecruiterIds', reason: expect.any(String) });
    const ok = await t.http('post', '/manage/vacancies', {
      ...as(staff.token),
      body: vacancyBody({ orgUnitId: acme.unit.id, contactRecruiterIds: [acme.recruiter.id] }),
    });
    expect(ok.status).toBe(201);
    const noUnit = await t.http('post', '/manage/vacancies', { ...as(staff.token), body: vacancyBody() });
    expect(noUnit.status).toBe(422);
    expect(noUnit.body.errors).toEqual([{ field: 'orgUnitId', reason: expect.stringMatching(/required/) }]);
  });

  it('refuses a contact recruiter who is not an employer account of the organisation, naming the entry', async () => {
    const res = await t.http('post', '/manage/vacancies', {
      ...as(acme.recruiter.token),
      body: vacancyBody({ contactRecruiterIds: [acme.recruiter.id, other.recruiter.id] }),
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'contactRecruiterIds[1]', reason: 'is not an employer account of this organisation' }]);
  });

  it('names every invalid field with a 4xx and writes nothing', async () => {
    const before = await t.http('get', '/manage/vacancies', as(acme.recruiter.token));
    const res = await t.http('post', '/manage/vacancies', {
      ...as(acme.recruiter.token),
      body: vacancyBody({ title: 'x', hours: { min: 0, max: 80 }, contractType: 'forever', location: { city: 'Utrecht', latitude: 200 } }),
    });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'hours.min', 'hours.max', 'contractType', 'location.latitude']));
    const crossField = await t.http('post', '/manage/vacancies', {
      ...as(acme.recruiter.token),
      body: vacancyBody({
        hours: { min: 40, max: 20 },
        location: { city: 'Utrecht', latitude: 52.1 },
        publishFrom: '2026-04-01T00:00:00.000Z',
        salary: { min: 3000, max: 2000, currency: 'EUR', unit: 'MONTH' },
      }),
    });
    expect(crossField.status).toBe(422);
    expect(crossField.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['hours.max', 'location.longitude', 'publishUntil', 'salary.max'].sort(),
    );
    const after = await t.http('get', '/manage/vacancies', as(acme.recruiter.token));
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('refuses to publish a vacancy whose window has already ended', async () => {
    const res = await t.http('post', '/manage/vacancies', {
      ...as(acme.recruiter.token),
      body: vacancyBody({ status: 'published', publishUntil: '2026-01-01T00:00:00.000Z' }),
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'publishUntil', reason: 'must be in the future to publish the vacancy' }]);
  });

  it('jobseekers and partners cannot write vacancies; anonymous callers must sign in', async () => {
    const jobseeker = await t.signedIn(tenant, ['jobseeker']);
    const partner = await t.signedIn(tenant, ['partner']);
    expect((await t.http('post', '/manage/vacancies', { ...as(jobseeker.token), body: vacancyBody() })).status).toBe(403);
    expect((await t.http('post', '/manage/vacancies', { ...as(partner.token), body: vacancyBody() })).status).toBe(403);
    expect((await t.http('post', '/manage/vacancies', { ...as(), body: vacancyBody() })).status).toBe(401);
  });

  it("is invisible on another tenant's site", async () => {
    const id = await createVacancy(t, tenant, acme.recruiter.token);
    const elsewhere = await t.createTenant('kandidatenbank');
    expect((await t.http('get', `/vacancies/${id}`, { tenant: elsewhere.key })).status).toBe(404);
  });

  it('answers a malformed id with a 400 naming the parameter', async () => {
    const res = await t.http('get', '/vacancies/not-a-uuid', as());
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
  });
});
