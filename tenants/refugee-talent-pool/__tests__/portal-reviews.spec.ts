import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TEST_PASSWORD, TestApp } from '../../../test/support/test-app.js';
import { PortalClient, decodeHtml } from '../../../test/support/workers.js';
import { connect, employer, registeredJobseeker } from './refugeework.fixture.js';

/**
 * Statement 000's reputation on the web: after a job worked, the employer assesses it with stars
 * and a few words on the portal, through the same use case as `POST /refugeework/placements/:id/review`;
 * a running job has no form, a bad assessment comes back next to its field with nothing stored, and
 * another organisation's job cannot be assessed.
 */
describe('statement 000: employers assess jobs worked on the portal', () => {
  const clock = new FixedClock('2026-04-15T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let staff: { token: string };

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('refugee-talent-pool');
    staff = await t.signedIn(tenant, ['staff']);
  });
  afterAll(() => t?.close());

  async function job(person: { id: string }, boss: { unitId: string }, jobTitle: string, endedOn?: string) {
    const res = await t.http('post', `/refugeework/people/${person.id}/placements`, {
      tenant: tenant.key,
      token: staff.token,
      body: { employerOrgUnitId: boss.unitId, jobTitle, startedOn: '2026-03-01', ...(endedOn ? { endedOn } : {}) },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  const reviews = () =>
    t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ stars: number; assessment: string }>(`SELECT stars, assessment FROM refugeework_reviews WHERE tenant_id = $1 ORDER BY created_at`, [tx.tenantId]),
    );

  it('a job that ended gets a form, a running one none; a bad assessment is named next to its field; a good one is stored and shown', async () => {
    const person = await registeredJobseeker(t, tenant);
    const boss = await employer(t, tenant);
    await connect(t, person, boss, 'accept');
    const ended = await job(person, boss, 'Carpenter', '2026-03-31');
    await job(person, boss, 'Joiner');
    const web = new PortalClient(t, tenant.key);
    await web.signIn(boss.email, TEST_PASSWORD);

    const page = decodeHtml((await web.get('/x/reviews')).text);
    expect(page).toContain('Carpenter');
    expect(page.match(/name="placementId"/g)).toHaveLength(1);
    expect(page).toContain(`value="${ended}"`);

    const bad = await web.post('/x/reviews', { _action: 'review', placementId: ended, stars: '9', assessment: '' }, { from: '/x/reviews' });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(new RegExp(`id="f-stars-${ended}-error"`));
    expect(bad.text).toMatch(new RegExp(`id="f-assessment-${ended}-error"`));
    expect(await reviews()).toEqual([]);

    const good = await web.post('/x/reviews', { _action: 'review', placementId: ended, stars: '4', assessment: 'Precise and punctual.' }, { from: '/x/reviews' });
    expect(good.status).toBe(303);
    expect(await reviews()).toEqual([{ stars: 4, assessment: 'Precise and punctual.' }]);
    const after = decodeHtml((await web.follow(good)).text);
    expect(after).toContain('Carpenter: 4/5. Precise and punctual.');
    expect(after.match(/name="placementId"/g)).toBeNull();
  });

  it("another organisation's job cannot be assessed, and only employers have the page", async () => {
    const person = await registeredJobseeker(t, tenant);
    const boss = await employer(t, tenant);
    await connect(t, person, boss, 'accept');
    const theirs = await job(person, boss, 'Welder', '2026-03-31');
    const other = await employer(t, tenant);
    const web = new PortalClient(t, tenant.key);
    await web.signIn(other.email, TEST_PASSWORD);
    expect(decodeHtml((await web.get('/x/reviews')).text)).not.toContain('Welder');
    const forged = await web.post('/x/reviews', { _action: 'review', placementId: theirs, stars: '1', assessment: 'Not ours to judge.' }, { from: '/x/reviews' });
    expect(forged.status).toBe(404);
    const staffWeb = new PortalClient(t, tenant.key);
    const staffAccount = await t.createAccount(tenant, ['staff']);
    await staffWeb.signIn(staffAccount.email, TEST_PASSWORD);
    expect((await staffWeb.get('/x/reviews')).status).toBe(403);
    expect((await reviews()).filter((r) => r.assessment === 'Not ours to judge.')).toEqual([]);
  });
});
