import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp } from '../../../../test/support/test-app.js';
import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { ErasureService } from '../../../privacy/src/erasure.service.js';
import { createVacancy, employerWithRecruiter, vacancyBody } from './vacancy-fixtures.js';
import { profileDocument, rows } from './application-fixtures.js';

describe('applying and following an application', () => {
  const clock = new FixedClock('2026-01-10T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let acme: Awaited<ReturnType<typeof employerWithRecruiter>>;

  beforeAll(async () => {
    t = await TestApp.boot({ clock, env: { STORAGE_DIR: mkdtempSync(join(tmpdir(), 'applications-')) } });
    tenant = await t.createTenant('kandidatenbank');
    acme = await employerWithRecruiter(t, tenant);
  });
  afterAll(() => t.close());
  afterEach(() => clock.set('2026-01-10T09:00:00Z'));

  const as = (token: string, body?: unknown) => ({ tenant: tenant.key, token, body });
  const apply = (token: string, vacancyId: string, body: unknown) =>
    t.http('post', `/vacancies/${vacancyId}/applications`, as(token, body));

  it('attaches documents by reference to the profile document, not as a copy', async () => {
    const jobseeker = await t.signedIn(tenant, ['jobseeker']);
    const cv = await profileDocument(t, tenant, jobseeker.id);
    const vacancyId = await createVacancy(t, tenant, acme.recruiter.token);
    const res = await apply(jobseeker.token, vacancyId, { motivation: 'Graag!', documentIds: [cv.id] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', documents: [{ id: cv.id }], history: [{ status: 'submitted' }] });
    const docs = await rows(t, tenant, `SELECT id FROM profile_documents WHERE tenant_id = $1 AND profile_id = $2`, [jobseeker.id]);
    expect(docs).toEqual([{ id: cv.id }]);
    const refs = await rows(t, tenant, `SELECT document_id FROM application_documents WHERE tenant_id = $1 AND application_id = $2`, [res.body.id]);
    expect(refs).toEqual([{ document_id: cv.id }]);
  });

  it("refuses someone else's document id, naming the entry, and writes nothing", async () => {
    const jobseeker = await t.signedIn(tenant, ['jobseeker']);
    const someoneElse = await t.signedIn(tenant, ['jobseeker']);
    const own = await profileDocument(t, tenant, jobseeker.id);
    const theirs = await profileDocument(t, tenant, someoneElse.id);
    const vacancyId = await createVacancy(t, tenant, acme.recruiter.token);
    const res = await apply(jobseeker.token, vacancyId, { motivation: 'Graag!', documentIds: [own.id, theirs.id] });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'documentIds[1]', reason: 'is not a document of your own profile' }]);
    const written = await rows(t, tenant, `SELECT id FROM applications WHERE tenant_id = $1 AND applicant_id = $2`, [jobseeker.id]);
    expect(written).toEqual([]);
  });

  it('names invalid fields with a 400', async () => {
    const jobseeker = await t.signedIn(tenant, ['jobseeker']);
    const vacancyId = await createVacancy(t, tenant, acme.recruiter.token);
    const res = await apply(jobseeker.token, vacancyId, { motivation: '', documentIds: ['nope'], salary: 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['documentIds', 'motivation', 'salary']);
    expect(res.body.errors).toContainEqual({ field: 'documentIds', reason: 'each value in documentIds must be a UUID' });
  });

  it('only a published vacancy inside its window accepts applications; one open application per vacancy', async () => {
    const jobseeker = await t.signedIn(tenant, ['jobseeker']);
    const draft = await t.http('post', '/manage/vacancies', as(acme.recruiter.token, vacancyBody()));
    expect((await apply(jobseeker.token, draft.body.id, { motivation: 'Graag!' })).status).toBe(404);
    const vacancyId = await createVacancy(t, tenant, acme.recruiter.token);
    expect((await apply(jobseeker.token, vacancyId, { motivation: 'Graag!' })).status).toBe(201);
    const again = await apply(jobseeker.token, vacancyId, { motivation: 'Nog een keer' });
    expect(again.status).toBe(409);
    await t.http('patch', `/manage/vacancies/${vacancyId}`, as(acme.recruiter.token, { status: 'closed' }));
    const other = await t.signedIn(tenant, ['jobseeker']);
    expect((await apply(other.token, vacancyId, { motivation: 'Graag!' })).status).toBe(404);
  });

  it('the recruiters change the status and the applicant follows it in their own list', async () => {
    const jobseeker = await t.signedIn(tenant, ['jobseeker']);
    const vacancyId = await createVacancy(t, tenant, acme.recruiter.token);
    const { body: application } = await apply(jobseeker.token, vacancyId, { motivation: 'Graag!' });
    clock.advanceDays(2);
    const review = await t.http('patch', `/applications/${application.id}/status`, as(await t.login(acme.recruiter), { status: 'in-review' }));
    expect(review.status).toBe(200);
    clock.advanceDays(3);
    const recruiterToken = await t.login(acme.recruiter);
    await t.http('patch', `/applications/${application.id}/status`, as(recruiterToken, { status: 'hired' }));
    const mine = await t.http('get', '/me/applications', as(await t.login(jobseeker)));
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({
      id: application.id,
      status: 'hired',
      vacancy: { id: vacancyId, title: 'Monteur elektrotechniek' },
      history: [
        { status: 'submitted', at: '2026-01-10T09:00:00.000Z' },
        { status: 'in-review', at: '2026-01-12T09:00:00.000Z' },
        { status: 'hired', at: '2026-01-15T09:00:00.000Z' },
      ],
    });
    const final = await t.http('patch', `/applications/${application.id}/status`, as(recruiterToken, { status: 'rejected' }));
    expect(final.status).toBe(409);
  });

  it('the applicant cannot set a status, and a recruiter cannot set "withdrawn"', async () => {
    const jobseeker = await t.signedIn(tenant, ['jobseeker']);
    const vacancyId = await createVacancy(t, tenant, acme.recruiter.token);
    const { body: application } = await apply(jobseeker.token, vacancyId, { motivation: 'Graag!' });
    expect((await t.http('patch', `/applications/${application.id}/status`, as(jobseeker.token, { status: 'hired' }))).status).toBe(403);
    const res = await t.http('patch', `/applications/${application.id}/status`, as(acme.recruiter.token, { status: 'withdrawn' }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'status', reason: expect.stringMatching(/in-review, rejected, hired/) }]);
  });

  it('withdrawing ends the recruiters\' access and detaches the documents; the applicant may apply again', async () => {
    const jobseeker = await t.signedIn(tenant, ['jobseeker']);
    const cv = await profileDocument(t, tenant, jobseeker.id);
    const vacancyId = await createVacancy(t, tenant, acme.recruiter.token);
    const { body: application } = await apply(jobseeker.token, vacancyId, { motivation: 'Graag!', documentIds: [cv.id] });
    const withdrawn = await t.http('post', `/applications/${application.id}/withdraw`, as(jobseeker.token));
    expect(withdrawn.status).toBe(201);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', documents: [] });
    expect((await t.http('get', `/applications/${application.id}`, as(acme.recruiter.token))).status).toBe(404);
    expect((await t.http('get', `/applications/${application.id}/documents/${cv.id}`, as(acme.recruiter.token))).status).toBe(404);
    const list = await t.http('get', `/vacancies/${vacancyId}/applications`, as(acme.recruiter.token));
    expect(list.body).toEqual([]);
    expect((await t.http('post', `/applications/${application.id}/withdraw`, as(jobseeker.token))).status).toBe(409);
    expect((await apply(jobseeker.token, vacancyId, { motivation: 'Toch wel' })).status).toBe(201);
  });

  it('another jobseeker can neither withdraw nor read the application', async () => {
    const jobseeker = await t.signedIn(tenant, ['jobseeker']);
    const stranger = await t.signedIn(tenant, ['jobseeker']);
    const vacancyId = await createVacancy(t, tenant, acme.recruiter.token);
    const { body: application } = await apply(jobseeker.token, vacancyId, { motivation: 'Graag!' });
    expect((await t.http('post', `/applications/${application.id}/withdraw`, as(stranger.token))).status).toBe(404);
    expect((await t.http('get', '/me/applications', as(stranger.token))).body.items).toEqual([]);
  });

  it('deleting a document from the profile removes it from every application', async () => {
    const jobseeker = await t.signedIn(tenant, ['jobseeker']);
    const cv = await profileDocument(t, tenant, jobseeker.id);
    const vacancyId = await createVacancy(t, tenant, acme.recruiter.token);
    const { body: application } = await apply(jobseeker.token, vacancyId, { motivation: 'Graag!', documentIds: [cv.id] });
    await rows(t, tenant, `DELETE FROM profile_documents WHERE tenant_id = $1 AND id = $2`, [cv.id]);
    const seen = await t.http('get', `/applications/${application.id}`, as(acme.recruiter.token));
    expect(seen.body.documents).toEqual([]);
    expect((await t.http('get', `/applications/${application.id}/documents/${cv.id}`, as(acme.recruiter.token))).status).toBe(404);
  });

  it("exports a person's applications and erases them with the person", async () => {
    const jobseeker = await t.signedIn(tenant, ['jobseeker']);
    const vacancyId = await createVacancy(t, tenant, acme.recruiter.token);
    const { body: application } = await apply(jobseeker.token, vacancyId, { motivation: 'Mijn motivatie' });
    const erasure = t.get(ErasureService);
    const exported = await t.inTenant(tenant, () => erasure.export(jobseeker.id));
    expect(exported.applications).toEqual([
      expect.objectContaining({ id: application.id, vacancyId, motivation: 'Mijn motivatie', status: 'submitted' }),
    ]);
    await t.inTenant(tenant, () => erasure.erase(jobseeker.id, 'request'));
    const left = await rows(t, tenant, `SELECT id FROM applications WHERE tenant_id = $1 AND id = $2`, [application.id]);
    const history = await rows(t, tenant, `SELECT id FROM application_status_history WHERE tenant_id = $1 AND application_id = $2`, [application.id]);
    expect({ left, history }).toEqual({ left: [], history: [] });
  });
});
