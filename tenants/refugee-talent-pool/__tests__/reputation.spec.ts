import { ErasureService, FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { connect, employer, registeredJobseeker, type Jobseeker } from './refugeework.fixture.js';

/**
 * Statement 000, generated data: "Jobs worked through RefugeeWork", "Reputation in stars",
 * "Written assessment by employers"; "Data such as jobs worked can be changed on request".
 */
describe('statement 000: jobs worked, stars and written assessments', () => {
  const clock = new FixedClock('2026-04-01T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let staff: { id: string; token: string };

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('refugee-talent-pool');
    staff = await t.signedIn(tenant, ['staff']);
  });
  afterAll(() => t?.close());

  const as = (token: string, body?: unknown) => ({ tenant: tenant.key, token, body });

  async function jobWorked(person: Jobseeker, boss: { unitId: string }, endedOn: string | null = '2026-03-31') {
    const res = await t.http('post', `/refugeework/people/${person.id}/placements`, as(staff.token, {
      employerOrgUnitId: boss.unitId,
      jobTitle: 'Carpenter',
      startedOn: '2026-03-01',
      ...(endedOn ? { endedOn } : {}),
    }));
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it('after a job worked through the platform, the employer gives stars and a written assessment; the jobseeker sees them', async () => {
    const person = await registeredJobseeker(t, tenant);
    const boss = await employer(t, tenant);
    await connect(t, person, boss, 'accept');
    const job = await jobWorked(person, boss);
    const listed = await t.http('get', '/refugeework/placements', as(boss.token));
    expect(listed.body.items).toEqual([expect.objectContaining({ id: job, jobTitle: expect.any(String), review: null })]);
    // The job, not the person's internal id: that would tie their later listings to this one.
    expect(listed.text).not.toContain(person.id);
    const review = await t.http('post', `/refugeework/placements/${job}/review`, as(boss.token, { stars: 4, assessment: 'Precise and punctual.' }));
    expect(review.status).toBe(201);
    const mine = await t.http('get', '/refugeework/reputation', as(person.token));
    expect(mine.body).toMatchObject({
      jobsWorked: 1,
      averageStars: 4,
      jobs: [expect.objectContaining({ jobTitle: 'Carpenter', review: expect.objectContaining({ stars: 4, assessment: 'Precise and punctual.' }) })],
    });
    expect((await t.http('post', `/refugeework/placements/${job}/review`, as(boss.token, { stars: 5, assessment: 'Again' }))).status).toBe(409);
  });

  it('an assessment comes after the job, from the employer it was worked for only', async () => {
    const person = await registeredJobseeker(t, tenant);
    const boss = await employer(t, tenant);
    const running = await jobWorked(person, boss, null);
    expect((await t.http('post', `/refugeework/placements/${running}/review`, as(boss.token, { stars: 5, assessment: 'Great' }))).status).toBe(409);
    const done = await jobWorked(person, boss);
    const other = await employer(t, tenant);
    expect((await t.http('post', `/refugeework/placements/${done}/review`, as(other.token, { stars: 1, assessment: 'Bad' }))).status).toBe(404);
    expect((await t.http('get', '/refugeework/placements', as(other.token))).body.items).toEqual([]);
  });

  it('stars must be 1 to 5 and the assessment must be written: a 4xx names the field and nothing is stored', async () => {
    const person = await registeredJobseeker(t, tenant);
    const boss = await employer(t, tenant);
    const job = await jobWorked(person, boss);
    const bad = await t.http('post', `/refugeework/placements/${job}/review`, as(boss.token, { stars: 6, assessment: '' }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['assessment', 'stars']);
    expect((await t.http('get', '/refugeework/reputation', as(person.token))).body.reviews).toBe(0);
  });

  it('jobs worked can be changed only by staff (on request), and every change is audited', async () => {
    const person = await registeredJobseeker(t, tenant);
    const boss = await employer(t, tenant);
    const job = await jobWorked(person, boss);
    for (const who of [person, boss]) {
      expect((await t.http('patch', `/refugeework/placements/${job}`, as(who.token, { jobTitle: 'Foreman' }))).status).toBe(403);
      expect((await t.http('delete', `/refugeework/placements/${job}`, as(who.token))).status).toBe(403);
      expect((await t.http('post', `/refugeework/people/${person.id}/placements`, as(who.token, { employerOrgUnitId: boss.unitId, jobTitle: 'x', startedOn: '2026-01-01' }))).status).toBe(403);
    }
    const changed = await t.http('patch', `/refugeework/placements/${job}`, as(staff.token, { jobTitle: 'Foreman' }));
    expect(changed.body.jobTitle).toBe('Foreman');
    const inverted = await t.http('patch', `/refugeework/placements/${job}`, as(staff.token, { endedOn: '2026-01-01' }));
    expect(inverted.status).toBe(422);
    expect(inverted.body.errors).toEqual([{ field: 'endedOn', reason: 'must not be before startedOn' }]);
    expect((await t.http('delete', `/refugeework/placements/${job}`, as(staff.token))).status).toBe(204);
    expect((await t.http('get', '/refugeework/reputation', as(person.token))).body.jobsWorked).toBe(0);
    const audit = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ action: string }>(`SELECT action FROM audit_log WHERE tenant_id = $1 AND subject_id = (SELECT k.pseudonym FROM audit_pseudonyms k WHERE k.tenant_id = $1 AND k.person_id = $2) AND action LIKE 'placement.%' ORDER BY id`, [tx.tenantId, person.id]),
    );
    expect(audit.map((a) => a.action)).toEqual(['placement.record', 'placement.change', 'placement.delete']);
  });

  it('staff open a reputation only with the staff role, audited; a job for an unknown person or organisation is a named 404', async () => {
    const person = await registeredJobseeker(t, tenant);
    const read = await t.http('get', `/refugeework/people/${person.id}/reputation`, as(staff.token));
    expect(read.status).toBe(200);
    const admin = await t.signedIn(tenant, ['tenant-admin']);
    expect((await t.http('get', `/refugeework/people/${person.id}/reputation`, as(admin.token))).status).toBe(403);
    const unknown = await t.http('post', `/refugeework/people/${person.id}/placements`, as(staff.token, {
      employerOrgUnitId: person.id,
      jobTitle: 'Carpenter',
      startedOn: '2026-03-01',
    }));
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors).toEqual([{ field: 'employerOrgUnitId', reason: 'does not exist in this service' }]);
  });

  it('erasing the staff member who recorded a job and the employer who asked and reviewed keeps the job, the review and the connection, without them', async () => {
    const person = await registeredJobseeker(t, tenant);
    const boss = await employer(t, tenant);
    const recorder = await t.signedIn(tenant, ['staff']);
    const connection = await connect(t, person, boss, 'accept');
    const res = await t.http('post', `/refugeework/people/${person.id}/placements`, as(recorder.token, {
      employerOrgUnitId: boss.unitId,
      jobTitle: 'Welder',
      startedOn: '2026-03-01',
      endedOn: '2026-03-20',
    }));
    expect(res.status).toBe(201);
    const job = res.body.id as string;
    expect((await t.http('post', `/refugeework/placements/${job}/review`, as(boss.token, { stars: 5, assessment: 'Steady hands.' }))).status).toBe(201);
    // The foreign keys no longer clear these (Citus refuses ON DELETE SET NULL (col)): erasure must.
    for (const who of [recorder, boss]) await t.inTenant(tenant, () => t.get(ErasureService).erase(who.id, 'left'));
    const [kept] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(
        `SELECT p.job_title AS "jobTitle", p.recorded_by AS "recordedBy", r.stars, r.reviewer_id AS "reviewerId",
                (SELECT c.requested_by FROM connections c WHERE c.tenant_id = $1 AND c.id = $3) AS "requestedBy",
                (SELECT count(*)::int FROM connections c WHERE c.tenant_id = $1 AND c.id = $3) AS connections
           FROM refugeework_placements p JOIN refugeework_reviews r ON r.tenant_id = p.tenant_id AND r.placement_id = p.id
          WHERE p.tenant_id = $1 AND p.id = $2`,
        [tx.tenantId, job, connection],
      ),
    );
    expect(kept).toEqual({ jobTitle: 'Welder', recordedBy: null, stars: 5, reviewerId: null, requestedBy: null, connections: 1 });
    expect((await t.http('get', '/refugeework/reputation', as(person.token))).body.jobsWorked).toBeGreaterThanOrEqual(1);
  });

  it('these routes do not exist for a tenant on another definition', async () => {
    const other = await t.createTenant('kandidatenbank');
    const js = await t.signedIn(other, ['jobseeker']);
    expect((await t.http('get', '/refugeework/reputation', { tenant: other.key, token: js.token })).status).toBe(404);
  });
});
