import { FixedClock, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { INTERNAL_ONLY_KEYS } from '../hallowerk.fields.js';
import { hallowerkWorld, municipalJobseeker, vacancyBody, type Person } from './hallowerk.fixture.js';

/** Statement 004, in its own words: what employers see of a visible profile, target groups included. */
const SHARED_KEYS = [
  'firstName', 'lastName', 'contactEmail', 'phone', 'postcode', 'targetGroups', 'uwvTargetGroupRegister',
  'interests', 'talents', 'motivation', 'kindOfWork', 'preferredOccupations', 'workHistory', 'physicalCapacity',
].sort();
const ALL_KEYS = [...SHARED_KEYS, ...INTERNAL_ONLY_KEYS].sort();

type Reader =
  | 'jobseeker' | 'ownCoach' | 'neighbourCoach' | 'otherRegionCoach' | 'ownAccountManager' | 'otherAccountManager'
  | 'employer' | 'executionOrganisation' | 'authorisedExecutionOrganisation' | 'platformSupport' | 'platformSupportWithGrant'
  | 'tenantAdmin';

/**
 * Which fields each reader receives of the person's profile, visible or not; null: the profile is
 * out of reach (404, its existence not revealed). Written from the statement, not from the definition.
 * The neighbouring municipality's coach is out of reach: the statement lets the region's staff see
 * a hidden profile, and we choose the narrower reading (the own municipality's coaches and the
 * region's account managers) that protects the jobseeker more.
 */
const EXPECTED: Record<Reader, { visible: string[] | null; hidden: string[] | null }> = {
  jobseeker: { visible: ALL_KEYS, hidden: ALL_KEYS },
  ownCoach: { visible: ALL_KEYS, hidden: ALL_KEYS },
  ownAccountManager: { visible: ALL_KEYS, hidden: ALL_KEYS },
  neighbourCoach: { visible: null, hidden: null },
  otherRegionCoach: { visible: null, hidden: null },
  // "alle accountmanagers uit de aangesloten arbeidsmarktregio's": the employer's view, while visible.
  otherAccountManager: { visible: SHARED_KEYS, hidden: null },
  // "alle bij HalloWerk aangesloten werkgevers/intermediairs", while visible.
  employer: { visible: SHARED_KEYS, hidden: null },
  // Not authorised by any municipality: reaches no one.
  executionOrganisation: { visible: null, hidden: null },
  // "Het voorgaande punt geldt ook voor medewerkers van een eventuele uitvoeringsorganisatie … in
  // opdracht van jouw eigen gemeente": authorised by the person's municipality, as its coaches.
  authorisedExecutionOrganisation: { visible: ALL_KEYS, hidden: ALL_KEYS },
  // The ICT supplier's support staff without a grant of the municipality: nothing at all.
  platformSupport: { visible: null, hidden: null },
  // "voor beheerdoeleinden jouw gegevens zien": only while the municipality's dated grant runs.
  platformSupportWithGrant: { visible: ALL_KEYS, hidden: ALL_KEYS },
  // The functional administrator manages the service, not dossiers: no field at all.
  tenantAdmin: { visible: [], hidden: [] },
};
const OUTSIDERS: Reader[] = ['neighbourCoach', 'otherRegionCoach', 'otherAccountManager', 'employer', 'executionOrganisation', 'platformSupport', 'tenantAdmin'];

/** Internal-only values that are text, findable anywhere in an answer (the enums and booleans are checked by key). */
const textual = (p: Person) => [p.internal.clientNumber, p.internal.birthDate, p.internal.supportingMunicipality, p.internal.clientManagerName] as string[];

describe('statement 004: every field x every audience, through every route that returns profile data', () => {
  const clock = new FixedClock('2026-03-02T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let world: Awaited<ReturnType<typeof hallowerkWorld>> & { platformSupportWithGrant: { token: string } };
  let visible: Person;
  let hidden: Person;
  let vacancyId: string;
  const token = (r: Reader, p: Person) => (r === 'jobseeker' ? p.token : world[r].token);
  const get = (path: string, tok: string) => t.http('get', path, { tenant: tenant.key, token: tok });

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('hallowerk');
    const base = await hallowerkWorld(t, tenant);
    // A second support team, granted access by Rotterdam; the world's own support team has no grant.
    const grantedTeam = await t.createOrgUnit(tenant, 'team');
    world = { ...base, platformSupportWithGrant: await t.signedIn(tenant, ['staff'], { orgUnitIds: [grantedTeam.id] }) };
    const grants = [
      ['execution-authorisations', { organisationId: base.units.authorisedExecution.id, validFrom: '2026-03-01T00:00:00Z', validUntil: '2026-12-31T00:00:00Z' }],
      ['support-grants', { supportTeamId: grantedTeam.id, validFrom: '2026-03-01T00:00:00Z', validUntil: '2026-03-08T00:00:00Z' }],
    ] as const;
    for (const [kind, body] of grants) {
      const res = await t.http('post', `/hallowerk/municipalities/${base.units.rotterdam.id}/${kind}`, { tenant: tenant.key, token: base.ownCoach.token, body });
      expect(res.status).toBe(201);
    }
    visible = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: true });
    hidden = await municipalJobseeker(t, tenant, { coachToken: world.ownCoach.token, visible: false });
    const vacancy = await t.http('post', '/manage/vacancies', { tenant: tenant.key, token: world.employer.token, body: vacancyBody() });
    expect(vacancy.status).toBe(201);
    vacancyId = vacancy.body.id;
    for (const p of [visible, hidden]) {
      const applied = await t.http('post', `/vacancies/${vacancyId}/applications`, { tenant: tenant.key, token: p.token, body: { motivation: 'Graag kom ik bij u werken.' } });
      expect(applied.status).toBe(201);
    }
  });
  afterAll(() => t?.close());

  describe('GET /profiles/:id', () => {
    for (const reader of Object.keys(EXPECTED) as Reader[])
      for (const which of ['visible', 'hidden'] as const)
        it(`${reader} reading a ${which} profile receives ${EXPECTED[reader][which] === null ? 'nothing (404)' : 'exactly its fields'}`, async () => {
          const person = which === 'visible' ? visible : hidden;
          // The handle reaches the profile for every reader; the internal id serves only the person and staff in reach.
          const res = await get(`/profiles/${person.handle}`, token(reader, person));
          const expected = EXPECTED[reader][which];
          if (expected === null) {
            expect(res.status).toBe(404);
            return;
          }
          expect(res.status).toBe(200);
          expect(Object.keys(res.body.fields).sort()).toEqual(expected);
          for (const key of expected) expect({ key, value: res.body.fields[key] }).toEqual({ key, value: { ...person.shared, ...person.internal }[key] });
        });
  });

  it('GET /profiles/me shows the person every internal-only value', async () => {
    const res = await get('/profiles/me', hidden.token);
    expect(res.status).toBe(200);
    for (const key of INTERNAL_ONLY_KEYS) expect({ key, value: res.body.fields[key] }).toEqual({ key, value: hidden.internal[key] });
  });

  describe('GET /search/profiles', () => {
    const found = async (reader: Reader) => {
      const res = await get('/search/profiles', world[reader as Exclude<Reader, 'jobseeker'>].token);
      return res;
    };

    it('an employer finds the visible profile with its shared fields only, never the hidden one', async () => {
      const res = await found('employer');
      expect(res.status).toBe(200);
      // Employers know a profile by its handle only.
      const handles = res.body.items.map((i: { handle: string }) => i.handle);
      expect(handles).toContain(visible.handle);
      expect(handles).not.toContain(hidden.handle);
      expect(JSON.stringify(res.body)).not.toContain(visible.id);
      const hit = res.body.items.find((i: { handle: string }) => i.handle === visible.handle);
      expect(Object.keys(hit.fields).sort()).toEqual(SHARED_KEYS.filter((k) => hit.fields[k] !== undefined).sort());
      for (const key of INTERNAL_ONLY_KEYS) expect(hit.fields).not.toHaveProperty(key);
    });

    it('the own municipality coach finds both, with the internal fields; another region finds neither', async () => {
      const own = await found('ownCoach');
      expect(own.body.items.map((i: { id: string }) => i.id).sort()).toEqual([visible.id, hidden.id].sort());
      expect(own.body.items[0].fields).toHaveProperty('clientNumber');
      for (const reader of ['authorisedExecutionOrganisation', 'platformSupportWithGrant'] as Reader[]) {
        const res = await found(reader);
        expect({ reader, ids: res.body.items.map((i: { id: string }) => i.id).sort() }).toEqual({ reader, ids: [visible.id, hidden.id].sort() });
      }
      for (const reader of ['otherRegionCoach', 'neighbourCoach', 'executionOrganisation', 'platformSupport'] as Reader[]) {
        const res = await found(reader);
        expect({ reader, status: res.status, ids: res.body.items.map((i: { handle: string }) => i.handle) }).toEqual({ reader, status: 200, ids: [] });
      }
    });
  });

  describe('applications', () => {
    it('the employer sees both applications (the person chose to apply) and no internal-only value in them', async () => {
      const list = await get(`/vacancies/${vacancyId}/applications`, world.employer.token);
      expect(list.status).toBe(200);
      const items = list.body.items ?? list.body;
      // Recruiters get the applicant without the person's id: the name tells the two apart.
      const fullName = (p: Person) => `${p.shared.firstName} ${p.shared.lastName}`;
      expect(items.map((a: { applicant: { name: string } }) => a.applicant.name).sort()).toEqual([fullName(visible), fullName(hidden)].sort());
      for (const a of items) {
        const one = await get(`/applications/${a.id}`, world.employer.token);
        expect(one.status).toBe(200);
        for (const key of INTERNAL_ONLY_KEYS) expect(JSON.stringify(one.body)).not.toContain(`"${key}"`);
      }
    });

    it('a coach of another region does not see the applications', async () => {
      const list = await get(`/vacancies/${vacancyId}/applications`, world.otherRegionCoach.token);
      expect(list.status === 404 || list.status === 403 || (list.body.items ?? list.body).length === 0).toBe(true);
    });
  });

  it('no answer to anyone outside the own region carries an internal-only value, on any of these routes', async () => {
    for (const reader of OUTSIDERS) {
      const tok = world[reader as Exclude<Reader, 'jobseeker'>].token;
      const bodies = [
        await get(`/profiles/${visible.handle}`, tok),
        await get(`/profiles/${hidden.handle}`, tok),
        await get('/search/profiles', tok),
        await get(`/vacancies/${vacancyId}/applications`, tok),
      ].map((r) => JSON.stringify(r.body) + JSON.stringify(r.headers));
      for (const body of bodies)
        for (const secret of [...textual(visible), ...textual(hidden)]) expect({ reader, leaked: body.includes(secret) ? secret : null }).toEqual({ reader, leaked: null });
    }
  });
});
