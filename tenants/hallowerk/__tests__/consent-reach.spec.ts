import { randomUUID } from 'node:crypto';
import { FixedClock, TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import type { TenantDefinition } from '../../../libs/plugin-api/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { tenants } from '../../index.js';
import { hallowerkWorld, municipalJobseeker, type Person } from './hallowerk.fixture.js';

/**
 * HalloWerk's statement asks no consent today; this copy of its definition declares one purpose, so
 * the staff routes that record a decision the person gave another way have something to record.
 */
const PURPOSE = {
  key: 'photo',
  label: { nl: 'Pasfoto tonen', en: 'Show photo' },
  text: { nl: 'Ik geef toestemming om mijn pasfoto te tonen aan werkgevers.', en: 'I consent to showing my photo to employers.' },
  version: '2026-01',
  asked: 'once',
  withdrawable: true,
} as const;
const withConsent: readonly TenantDefinition[] = tenants.map((d) => (d.key === 'hallowerk' ? { ...d, consents: [PURPOSE] } : d));

/**
 * Statement 004: only "medewerkers ... binnen de arbeidsmarktregio van jouw gemeente" see the
 * dossier, and each municipality is the controller of its residents' data. A person's consents are
 * part of it: the consent ledger's staff routes ask the profile's reach (`StaffReach`), so a coach
 * of another municipality reads and changes nothing, and learns nothing of who exists.
 */
describe("statement 004: a person's consents are read and recorded by their own municipality only", () => {
  const clock = new FixedClock('2026-09-01T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof hallowerkWorld>>;
  let person: Person;

  const call = (method: 'get' | 'post' | 'delete', path: string, token: string, body?: unknown, on: TenantRef = tenant) =>
    t.http(method, path, { tenant: on.key, token, body });
  const sql = <T>(text: string, params: unknown[]) => t.get(TenantDb).forTenant(tenant, (tx) => tx.query<T>(text, [tx.tenantId, ...params]));
  const ledger = (personId: string) =>
    sql<{ granted: boolean; channel: string; recorded_by: string }>(
      `SELECT granted, channel, recorded_by FROM consent_events WHERE tenant_id = $1 AND person_id = $2 ORDER BY at, id`,
      [personId],
    );
  const state = async (personId: string) =>
    (await sql<{ granted: boolean }>(`SELECT granted FROM consent_state WHERE tenant_id = $1 AND person_id = $2 AND purpose = $3`, [personId, PURPOSE.key]))[0]
      ?.granted ?? null;
  /** Every audit entry of the tenant (the log names people by pseudonym only): a refusal adds none. */
  const audits = async () => (await sql<{ action: string }>(`SELECT action FROM audit_log WHERE tenant_id = $1 ORDER BY id`, [])).map((r) => r.action);
  /** The three routes on one person, read, grant and withdrawal, one after the other (a second apart), as the given caller sends them. */
  const routes = async (personId: string, token: string, on?: TenantRef) => {
    const read = await call('get', `/consents/people/${personId}`, token, undefined, on);
    clock.advance(1_000);
    const grant = await call('post', `/consents/people/${personId}/${PURPOSE.key}`, token, { version: PURPOSE.version, channel: 'phone' }, on);
    clock.advance(1_000);
    const withdrawal = await call('delete', `/consents/people/${personId}/${PURPOSE.key}`, token, { channel: 'phone' }, on);
    return [read, grant, withdrawal];
  };
  /** The answer without `instance` (the path, which names the id asked for). */
  const answer = (res: { status: number; body: Record<string, unknown> }) => ({ status: res.status, body: { ...res.body, instance: undefined } });

  beforeAll(async () => {
    t = await TestApp.boot({ clock, tenants: withConsent });
    tenant = await t.createTenant('hallowerk');
    world = await hallowerkWorld(t, tenant);
    person = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
  });
  afterAll(() => t?.close());

  it("the own municipality's coach reads the person's consents and records a decision given by phone, both ways", async () => {
    const read = await call('get', `/consents/people/${person.id}`, world.ownCoach.token);
    expect(read.status).toBe(200);
    expect(read.body.items).toEqual([expect.objectContaining({ purpose: PURPOSE.key, granted: false })]);

    const granted = await call('post', `/consents/people/${person.id}/${PURPOSE.key}`, world.ownCoach.token, { version: PURPOSE.version, channel: 'phone' });
    expect(granted.status).toBe(200);
    expect(granted.body.items).toEqual([expect.objectContaining({ purpose: PURPOSE.key, granted: true, grantedVersion: PURPOSE.version })]);
    expect(granted.body.history).toHaveLength(1);

    clock.advance(1_000);
    const withdrawn = await call('delete', `/consents/people/${person.id}/${PURPOSE.key}`, world.ownCoach.token, { channel: 'paper' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.items).toEqual([expect.objectContaining({ purpose: PURPOSE.key, granted: false })]);
    expect(await ledger(person.id)).toEqual([
      { granted: true, channel: 'phone', recorded_by: world.ownCoach.id },
      { granted: false, channel: 'paper', recorded_by: world.ownCoach.id },
    ]);
    // A region's account manager reaches its municipalities' residents as staff.
    expect((await call('get', `/consents/people/${person.id}`, world.ownAccountManager.token)).status).toBe(200);
  });

  it("a neighbouring or other region's coach gets the unknown person's 404 on every route, and nothing is written", async () => {
    const resident = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    // Granted, so that a withdrawal would have something to change.
    expect((await call('post', `/consents/people/${resident.id}/${PURPOSE.key}`, world.ownCoach.token, { version: PURPOSE.version, channel: 'phone' })).status).toBe(200);
    await t.settled();
    const before = { ledger: await ledger(resident.id), audits: await audits() };
    expect(before.ledger).toHaveLength(1);
    expect(before.audits.filter((a) => a.startsWith('consent.'))).not.toHaveLength(0);

    const outsiders = {
      neighbourCoach: world.neighbourCoach,
      otherRegionCoach: world.otherRegionCoach,
      otherAccountManager: world.otherAccountManager,
      executionOrganisation: world.executionOrganisation,
    };
    for (const [who, outsider] of Object.entries(outsiders)) {
      const unknown = await routes(randomUUID(), outsider.token);
      const resident404 = await routes(resident.id, outsider.token);
      for (const [i, res] of resident404.entries()) {
        expect({ who, route: i, ...answer(res) }).toEqual({ who, route: i, ...answer(unknown[i]) });
        expect(res.status).toBe(404);
      }
    }
    // Reach is asked before the request is looked at: an old version or an unknown purpose tells nothing either.
    for (const [purpose, body] of [
      [PURPOSE.key, { version: '2020-01', channel: 'phone' }],
      ['noSuchPurpose', { version: PURPOSE.version, channel: 'phone' }],
    ] as const) {
      const unknown = await call('post', `/consents/people/${randomUUID()}/${purpose}`, world.neighbourCoach.token, body);
      const res = await call('post', `/consents/people/${resident.id}/${purpose}`, world.neighbourCoach.token, body);
      expect(answer(res)).toEqual(answer(unknown));
      expect(res.status).toBe(404);
    }
    expect(await ledger(resident.id)).toEqual(before.ledger);
    expect(await audits()).toEqual(before.audits);
    expect(await state(resident.id)).toBe(true);
  });

  it('under a grant the support team reads the consents but records no decision in the person\'s name; an authorised execution organisation records one', async () => {
    const resident = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
    const now = clock.now();
    const grant = { validFrom: now.toISOString(), validUntil: new Date(now.getTime() + 10 * 86_400_000).toISOString() };
    const base = `/hallowerk/municipalities/${world.units.rotterdam.id}`;
    expect((await call('post', `${base}/support-grants`, world.ownCoach.token, { supportTeamId: world.units.supportTeam.id, ...grant })).status).toBe(201);
    expect((await call('post', `${base}/execution-authorisations`, world.ownCoach.token, { organisationId: world.units.authorisedExecution.id, ...grant })).status).toBe(201);
    await t.settled();
    const before = await audits();

    const support = world.platformSupport.token;
    expect((await call('get', `/consents/people/${resident.id}`, support)).status).toBe(200);
    const unknown = await call('post', `/consents/people/${randomUUID()}/${PURPOSE.key}`, support, { version: PURPOSE.version, channel: 'phone' });
    const grantBySupport = await call('post', `/consents/people/${resident.id}/${PURPOSE.key}`, support, { version: PURPOSE.version, channel: 'phone' });
    expect(grantBySupport.status).toBe(404);
    expect(answer(grantBySupport)).toEqual(answer(unknown));
    expect((await call('delete', `/consents/people/${resident.id}/${PURPOSE.key}`, support, { channel: 'phone' })).status).toBe(404);
    expect(await ledger(resident.id)).toEqual([]);
    expect((await audits()).filter((a) => a.startsWith('consent.') && !before.includes(a))).toEqual([]);

    const execution = world.authorisedExecutionOrganisation;
    const recorded = await call('post', `/consents/people/${resident.id}/${PURPOSE.key}`, execution.token, { version: PURPOSE.version, channel: 'phone' });
    expect(recorded.status).toBe(200);
    expect(await ledger(resident.id)).toEqual([{ granted: true, channel: 'phone', recorded_by: execution.id }]);
  });

  it('the functional administrator reads and records for every resident (the tenant answers for its consent ledger as a whole); an unknown id is 404 for them too', async () => {
    const resident = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
    expect((await routes(resident.id, world.tenantAdmin.token)).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await ledger(resident.id)).toEqual([
      { granted: true, channel: 'phone', recorded_by: world.tenantAdmin.id },
      { granted: false, channel: 'phone', recorded_by: world.tenantAdmin.id },
    ]);
    expect((await routes(randomUUID(), world.tenantAdmin.token)).map((r) => r.status)).toEqual([404, 404, 404]);
  });

  it("another tenant's coach finds no such person (404), and writes nothing", async () => {
    const resident = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    const other = await t.createTenant('hallowerk');
    const otherMunicipality = await t.createOrgUnit(other, 'municipality');
    const otherCoach = await t.signedIn(other, ['staff'], { orgUnitIds: [otherMunicipality.id] });
    const otherAdmin = await t.signedIn(other, ['tenant-admin']);
    for (const caller of [otherCoach, otherAdmin])
      expect((await routes(resident.id, caller.token, other)).map((r) => r.status)).toEqual([404, 404, 404]);
    expect(await ledger(resident.id)).toEqual([]);
  });
});
