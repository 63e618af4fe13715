import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { activeJobseeker } from '../../../profiles/src/__tests__/support/profile-kit.js';
import { TestApp } from '../../../../test/support/test-app.js';

/**
 * Statement promise (issue 14): "for each person, one overview: what is held about them (per
 * field, in the tenant's words), who may see each part right now and why, the consents in force,
 * and when each part will be removed or anonymised and under which rule".
 */
describe('the person overview', () => {
  const clock = new FixedClock('2027-04-21T08:00:00Z');
  let t: TestApp;
  let a: TenantRef;
  let b: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    a = await t.createTenant('kandidatenbank');
    b = await t.createTenant('kandidatenbank');
  });
  afterAll(() => t?.close());

  const person = (tenant: TenantRef = a) =>
    activeJobseeker(t, tenant, { firstName: 'Noor', lastName: 'Achterberg' }, { phone: '+31612345678', headline: 'Lasser' });

  it('lists each field held, in the tenant words, with its purpose, who may see it and the rule that removes it; never the values', async () => {
    const js = await person();
    const res = await t.http('get', '/rights/overview/me?locale=en', { tenant: a.key, token: js.token });
    expect(res.status).toBe(200);
    const fields = res.body.fields as { key: string; label: string; purpose: string; visibleTo: string[]; retention: string }[];
    expect(fields.map((f) => f.key).sort()).toEqual(['firstName', 'headline', 'lastName', 'phone']);
    expect(fields.find((f) => f.key === 'phone')).toMatchObject({
      label: 'Phone',
      purpose: 'werving en selectie',
      visibleTo: ['self', 'staff', 'tenant-admin', 'employer'],
      retention: expect.stringMatching(/after/),
    });
    // Not a second copy of the data: the export hands the values over, on a request of its own.
    const text = JSON.stringify(res.body);
    for (const value of ['Achterberg', '+31612345678', 'Lasser']) expect(text).not.toContain(value);
    expect(res.body.heldBy).toEqual(expect.arrayContaining(['account', 'profiles']));
  });

  it('shows the consents in force: the latest decision per purpose, a withdrawal included', async () => {
    const js = await person();
    const grant = await t.http('post', '/consents/me/newsletter', { tenant: a.key, token: js.token, body: { version: '2023-07' } });
    expect(grant.status).toBe(200);
    const first = await t.http('get', '/rights/overview/me', { tenant: a.key, token: js.token });
    expect(first.body.consents).toContainEqual(expect.objectContaining({ purpose: 'newsletter', granted: true, version: '2023-07' }));
    expect(first.body.consents).toContainEqual(expect.objectContaining({ purpose: 'photo', granted: false }));
    await t.http('delete', '/consents/me/newsletter', { tenant: a.key, token: js.token });
    const after = await t.http('get', '/rights/overview/me', { tenant: a.key, token: js.token });
    expect(after.body.consents).toContainEqual(expect.objectContaining({ purpose: 'newsletter', granted: false }));
  });

  it('says when the profile goes and under which promise, and counts who opened the dossier and for which processing', async () => {
    const js = await person();
    const staff = await t.signedIn(a, ['staff']);
    expect((await t.http('get', `/profiles/${js.id}`, { tenant: a.key, token: staff.token })).status).toBe(200);
    const res = await t.http('get', '/rights/overview/me', { tenant: a.key, token: js.token });
    const schedules = res.body.retention.schedules as { schedule: string; promise: string | null; upcoming: unknown[] }[];
    expect(schedules.length).toBeGreaterThan(0);
    expect(schedules.every((s) => typeof s.promise === 'string' && s.promise.length > 0)).toBe(true);
    expect(schedules.some((s) => s.upcoming.length > 0)).toBe(true);
    expect(res.body.dossierOpenings.count).toBe(1);
    expect(res.body.dossierOpenings.byProcessingActivity).toEqual([
      { processingActivity: 'candidate-profile', purpose: expect.stringContaining('profile'), count: 1 },
    ]);
  });

  it('is only ever about the caller: another tenant knows nothing of them', async () => {
    const js = await person();
    expect((await t.http('get', '/rights/overview/me', { tenant: b.key, token: js.token })).status).toBe(401);
    expect((await t.http('get', '/rights/overview/me', { tenant: a.key })).status).toBe(401);
  });
});
