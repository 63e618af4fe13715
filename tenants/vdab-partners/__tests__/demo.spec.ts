import { TestApp } from '../../../test/support/test-app.js';
import { seedDemo } from '../../../test/support/workers.js';
import { vdabPartnersDemo } from '../vdab-partners.demo.js';
import { DEMO_CREDENTIALS, DEMO_JOBSEEKERS } from '../vdab-partners.demo-seeder.js';

/**
 * `npm start` seeds a demo of statement 002: the service's staff, two partner organisations with
 * staff and a machine credential, jobseekers' dossiers and assignments (one dossier passed from one
 * partner to the other). Seeding twice changes nothing.
 */
describe('statement 002: the demo for npm start', () => {
  let t: TestApp;
  const password = vdabPartnersDemo.accounts[0].password;
  const token = async (email: string) =>
    (await t.http('post', '/auth/login', { tenant: 'vdab-partners', body: { email, password } })).body.accessToken as string;
  const get = async (path: string, email: string) => t.http('get', path, { tenant: 'vdab-partners', token: await token(email) });

  beforeAll(async () => {
    t = await TestApp.boot();
    await seedDemo(t);
  });
  afterAll(() => t?.close());

  it('prints a machine credential per partner organisation, and seeding again is harmless', async () => {
    const creds = await seedDemo(t);
    const machine = creds.filter((c) => c.tenant === 'vdab-partners' && c.roles.includes('machine-credential'));
    expect(machine.map((c) => c.password)).toEqual(DEMO_CREDENTIALS.map((c) => c.secret));
    const pending = await get('/vdab/reports/quality?organisationId=00000000-0000-4000-8000-000000000000&from=2026-01-01&to=2026-12-31', 'bemiddelaar@vdab.example');
    expect(pending.status).toBe(422);
  });

  it("lets each partner's staff into its assigned dossiers only, and shows the later partner the earlier partner's action", async () => {
    const staff = await get('/vdab/me', 'coach@loopbaanwijzer.example');
    expect(staff.body.organisation.name).toBe('Loopbaanwijzer Gent');
    const service = await token('bemiddelaar@vdab.example');
    const report = await t.http('get', `/vdab/reports/quality?organisationId=${staff.body.organisation.id}&from=2000-01-01&to=2000-01-02`, { tenant: 'vdab-partners', token: service });
    expect(report.status).toBe(200);
    const mine = await t.http('get', '/vdab/me/log', { tenant: 'vdab-partners', token: await token('coach@loopbaanwijzer.example') });
    expect(mine.status).toBe(200);
    // The dossiers are found through the service's own view of the report's assignments.
    const now = new Date().toISOString().slice(0, 10);
    const lw = await t.http('get', `/vdab/reports/quality?organisationId=${staff.body.organisation.id}&from=${now}&to=${now}`, { tenant: 'vdab-partners', token: service });
    const dossierIds = (lw.body.assignments as { dossierId: string }[]).map((a) => a.dossierId);
    expect(dossierIds).toHaveLength(2);
    const reads = await Promise.all(dossierIds.map((id) => get(`/vdab/dossiers/${id}`, 'coach@loopbaanwijzer.example')));
    expect(reads.map((r) => r.status)).toEqual([200, 200]);
    const passedOn = reads.find((r) => r.body.reference === DEMO_JOBSEEKERS[2].reference)!;
    expect(passedOn.body.actions).toEqual([expect.objectContaining({ type: 'intake', organisation: expect.objectContaining({ name: 'Werkpunt Antwerpen vzw' }) })]);
    for (const id of dossierIds) expect((await get(`/vdab/dossiers/${id}`, 'coach@werkpunt.example')).status).toBe(404);
  });

  it("submits an action with the demo credential into its organisation's dossier", async () => {
    const service = await token('bemiddelaar@vdab.example');
    const me = await get('/vdab/me', 'coach@werkpunt.example');
    const now = new Date().toISOString().slice(0, 10);
    const report = await t.http('get', `/vdab/reports/quality?organisationId=${me.body.organisation.id}&from=${now}&to=${now}`, { tenant: 'vdab-partners', token: service });
    const [dossierId] = (report.body.assignments as { dossierId: string }[]).map((a) => a.dossierId);
    const res = await t.http('post', `/vdab/api/dossiers/${dossierId}/actions`, {
      tenant: 'vdab-partners',
      headers: { 'X-Api-Key': DEMO_CREDENTIALS[0].secret, 'Idempotency-Key': `demo-test-${Date.now()}` },
      body: { type: 'coaching-session', date: now, outcome: 'completed' },
    });
    expect(res.status).toBe(201);
  });
});
