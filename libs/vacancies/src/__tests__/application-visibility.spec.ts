import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp } from '../../../../test/support/test-app.js';
import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { AuditService } from '../../../audit/src/audit.service.js';
import { createVacancy } from './vacancy-fixtures.js';
import { profileDocument, rows } from './application-fixtures.js';

type Signed = Awaited<ReturnType<TestApp['signedIn']>>;

/**
 * Statement 001: "Bij sollicitatie: de in de vacature genoemde contactpersonen (recruiters) en/of de
 * betreffende manager(s)". Plus the tenant's staff and the applicant; everyone else learns nothing.
 */
describe('who sees an application', () => {
  const clock = new FixedClock('2026-01-10T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let people: Record<
    'contact' | 'manager' | 'colleague' | 'otherEmployer' | 'staff' | 'applicant' | 'otherJobseeker' | 'partner' | 'admin',
    Signed
  >;
  let vacancyId: string;
  let applicationId: string;
  let cv: { id: string; bytes: Buffer };

  beforeAll(async () => {
    t = await TestApp.boot({ clock, env: { STORAGE_DIR: mkdtempSync(join(tmpdir(), 'applications-')) } });
    tenant = await t.createTenant('kandidatenbank');
    const acme = await t.createOrgUnit(tenant, 'employer');
    const elsewhere = await t.createOrgUnit(tenant, 'employer');
    const employer = (unit: string) => t.signedIn(tenant, ['employer'], { orgUnitIds: [unit] });
    people = {
      contact: await employer(acme.id),
      manager: await employer(acme.id),
      colleague: await employer(acme.id),
      otherEmployer: await employer(elsewhere.id),
      staff: await t.signedIn(tenant, ['staff']),
      applicant: await t.signedIn(tenant, ['jobseeker']),
      otherJobseeker: await t.signedIn(tenant, ['jobseeker']),
      partner: await t.signedIn(tenant, ['partner']),
      admin: await t.signedIn(tenant, ['tenant-admin']),
    };
    const designated = await t.http('put', `/employers/${acme.id}/managers/${people.manager.id}`, {
      tenant: tenant.key,
      token: people.staff.token,
    });
    expect(designated.status).toBe(204);
    vacancyId = await createVacancy(t, tenant, people.contact.token);
    cv = await profileDocument(t, tenant, people.applicant.id);
    const applied = await t.http('post', `/vacancies/${vacancyId}/applications`, {
      tenant: tenant.key,
      token: people.applicant.token,
      body: { motivation: 'Ik heb tien jaar ervaring als monteur.', documentIds: [cv.id] },
    });
    expect(applied.status).toBe(201);
    applicationId = applied.body.id;
  });
  afterAll(() => t.close());

  const read = (who: Signed | null, path = `/applications/${applicationId}`) =>
    t.http('get', path, { tenant: tenant.key, token: who?.token });

  it.each([
    ['the contact recruiter named in the vacancy', 'contact', 200],
    ["a designated manager of the vacancy's employer", 'manager', 200],
    ['tenant staff', 'staff', 200],
    ['the applicant', 'applicant', 200],
    ['another recruiter of the same employer', 'colleague', 404],
    ['a recruiter of another employer', 'otherEmployer', 404],
    ['another jobseeker', 'otherJobseeker', 404],
    ['a partner', 'partner', 404],
    ['the tenant admin (not staff)', 'admin', 404],
  ] as const)('%s (%s) gets %i', async (_label, who, status) => {
    const res = await read(people[who]);
    expect(res.status).toBe(status);
    if (status === 200) {
      expect(res.body).toMatchObject({ id: applicationId, motivation: 'Ik heb tien jaar ervaring als monteur.' });
      expect(res.body.documents).toEqual([{ id: cv.id, fileName: 'cv.pdf', contentType: 'application/pdf', byteSize: cv.bytes.length }]);
    } else {
      expect(JSON.stringify(res.body)).not.toContain('monteur');
    }
  });

  it('an anonymous caller must sign in and learns nothing about the application', async () => {
    const res = await read(null);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(expect.objectContaining({ status: 401, detail: 'Sign in required' }));
    expect(JSON.stringify(res.body)).not.toContain('monteur');
  });

  it("lists a vacancy's applications only for its contacts, managers and staff", async () => {
    const path = `/vacancies/${vacancyId}/applications`;
    for (const who of ['contact', 'manager', 'staff'] as const) {
      const res = await read(people[who], path);
      expect({ who, status: res.status, ids: res.body.map?.((a: { id: string }) => a.id) }).toEqual({
        who,
        status: 200,
        ids: [applicationId],
      });
    }
    for (const who of ['colleague', 'otherEmployer'] as const) expect((await read(people[who], path)).status).toBe(404);
    for (const who of ['otherJobseeker', 'partner', 'admin'] as const) expect((await read(people[who], path)).status).toBe(403);
  });

  it('audits every read by someone other than the applicant, naming why they could read it', async () => {
    const audit = t.get(AuditService);
    const before = await t.inTenant(tenant, () => audit.forSubject(applicationId, { limit: 200 }));
    await read(people.contact);
    await read(people.manager);
    await read(people.staff);
    await read(people.applicant);
    await read(people.colleague);
    const after = await t.inTenant(tenant, () => audit.forSubject(applicationId, { limit: 200 }));
    const added = after.slice(0, after.length - before.length);
    expect(added.map((e) => [e.action, e.actorId, e.details.via]).reverse()).toEqual([
      ['application.read', people.contact.id, 'contact'],
      ['application.read', people.manager.id, 'manager'],
      ['application.read', people.staff.id, 'staff'],
    ]);
    expect(JSON.stringify(added)).not.toContain('monteur');
  });

  it('a recruiter downloads an attached document through the application, audited; others get 404', async () => {
    const path = `/applications/${applicationId}/documents/${cv.id}`;
    const res = await t.http('get', path, { tenant: tenant.key, token: people.contact.token }).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(res.body).equals(cv.bytes)).toBe(true);
    const audited = await t.inTenant(tenant, () => t.get(AuditService).forSubject(applicationId, { limit: 1 }));
    expect(audited[0]).toMatchObject({ action: 'application.document.read', actorId: people.contact.id, details: { documentId: cv.id } });
    for (const who of ['colleague', 'otherEmployer', 'otherJobseeker', 'partner'] as const)
      expect((await read(people[who], path)).status).toBe(404);
  });

  it("a manager stops seeing applications once the designation ends, a contact once they leave the employer", async () => {
    const otherVacancy = await createVacancy(t, tenant, people.contact.token, { contactRecruiterIds: [people.contact.id] });
    const applied = await t.http('post', `/vacancies/${otherVacancy}/applications`, {
      tenant: tenant.key,
      token: people.otherJobseeker.token,
      body: { motivation: 'Graag!' },
    });
    const id = applied.body.id;
    const unit = (await read(people.contact, `/manage/vacancies/${otherVacancy}`)).body.employer.id;
    expect((await read(people.manager, `/applications/${id}`)).status).toBe(200);
    const revoked = await t.http('delete', `/employers/${unit}/managers/${people.manager.id}`, { tenant: tenant.key, token: people.staff.token });
    expect(revoked.status).toBe(204);
    expect((await read(people.manager, `/applications/${id}`)).status).toBe(404);
    await t.http('put', `/employers/${unit}/managers/${people.manager.id}`, { tenant: tenant.key, token: people.staff.token });

    expect((await read(people.contact, `/applications/${id}`)).status).toBe(200);
    await rows(t, tenant, `DELETE FROM account_org_units WHERE tenant_id = $1 AND account_id = $2`, [people.contact.id]);
    expect((await read(people.contact, `/applications/${id}`)).status).toBe(404);
    await rows(t, tenant, `INSERT INTO account_org_units (tenant_id, account_id, org_unit_id) VALUES ($1, $2, $3)`, [people.contact.id, unit]);
  });

  it('only employer accounts of the organisation can be designated manager, and only by staff; revoking a non-manager is 404', async () => {
    const unit = (await read(people.contact, `/manage/vacancies/${vacancyId}`)).body.employer.id;
    const wrong = await t.http('put', `/employers/${unit}/managers/${people.otherEmployer.id}`, { tenant: tenant.key, token: people.staff.token });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([{ field: 'accountId', reason: 'is not an employer account of this organisation' }]);
    const self = await t.http('put', `/employers/${unit}/managers/${people.colleague.id}`, { tenant: tenant.key, token: people.colleague.token });
    expect(self.status).toBe(403);
    expect((await read(people.colleague)).status).toBe(404);
    const notAManager = await t.http('delete', `/employers/${unit}/managers/${people.colleague.id}`, { tenant: tenant.key, token: people.staff.token });
    expect(notAManager.status).toBe(404);
    const listed = await t.http('get', `/employers/${unit}/managers`, { tenant: tenant.key, token: people.staff.token });
    expect(listed.body.map((m: { accountId: string }) => m.accountId)).toEqual([people.manager.id]);
  });
});
