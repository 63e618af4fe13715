import { randomBytes } from 'node:crypto';
import { TenantDb, type TenantRef } from '../../../libs/plugin-api/src/server.js';
import type { TestApp } from '../../../test/support/test-app.js';

/** A complete, valid vacancy, published until well after the tests' clock. */
export function vacancyBody(): Record<string, unknown> {
  return {
    title: 'Medewerker logistiek',
    description: 'Wij zoeken een medewerker logistiek voor het laden en lossen in de haven van Rotterdam.',
    location: { city: 'Rotterdam', postcode: '3011 AB', country: 'NL', latitude: 51.92, longitude: 4.48 },
    hours: { min: 24, max: 38 },
    contractType: 'temporary',
    educationLevel: 'vocational',
    publishUntil: '2027-12-31T00:00:00.000Z',
    status: 'published',
  };
}

export interface Person {
  readonly id: string;
  readonly token: string;
  /** Every internal-only value written, each unique to this person so a leak anywhere is findable. */
  readonly internal: Record<string, unknown>;
  readonly shared: Record<string, unknown>;
}

/** The regions, municipalities and organisations of one HalloWerk tenant, with a signed-in account for every role. */
export async function hallowerkWorld(t: TestApp, tenant: TenantRef) {
  const unit = (kind: Parameters<TestApp['createOrgUnit']>[1], parentId?: string) => t.createOrgUnit(tenant, kind, parentId ? { parentId } : {});
  const rijnmond = await unit('region');
  const haaglanden = await unit('region');
  const rotterdam = await unit('municipality', rijnmond.id);
  const schiedam = await unit('municipality', rijnmond.id);
  const denHaag = await unit('municipality', haaglanden.id);
  const employerUnit = await unit('employer');
  const execution = await unit('partner-organisation');
  const as = (roles: Parameters<TestApp['signedIn']>[1], unitId: string) => t.signedIn(tenant, roles, { orgUnitIds: [unitId] });
  return {
    units: { rijnmond, haaglanden, rotterdam, schiedam, denHaag, employerUnit, execution },
    ownCoach: await as(['staff'], rotterdam.id),
    neighbourCoach: await as(['staff'], schiedam.id),
    otherRegionCoach: await as(['staff'], denHaag.id),
    ownAccountManager: await as(['staff', 'partner'], rijnmond.id),
    otherAccountManager: await as(['staff', 'partner'], haaglanden.id),
    employer: await as(['employer'], employerUnit.id),
    executionOrganisation: await as(['staff'], execution.id),
    tenantAdmin: await t.signedIn(tenant, ['tenant-admin']),
  };
}

const expectOk = (res: { status: number; body: unknown }, what: string, status = 200) => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
};

/**
 * A jobseeker as the municipality creates one: an account under the municipality whose coach fills
 * in the pre-filled and internal fields through the staff route; the person then completes the
 * profile, activates it and chooses whether employers see it.
 */
export async function municipalJobseeker(
  t: TestApp,
  tenant: TenantRef,
  opts: { municipalityId: string; coachToken: string; visible: boolean },
): Promise<Person> {
  const tag = randomBytes(4).toString('hex');
  const account = await t.createAccount(tenant, ['jobseeker'], { displayName: `Jobseeker ${tag}` });
  // The draft profile under the municipality, as its account creation leaves it; the coach's
  // write below goes through the real route, which also indexes the profile.
  await t.get(TenantDb).forTenant(tenant, (tx) =>
    tx.query(
      `INSERT INTO profiles (tenant_id, id, state, alias, fields, org_unit_id, created_at, updated_at)
       VALUES ($1, $2, 'draft', $3, '{}', $4, now(), now())`,
      [tx.tenantId, account.id, `Werkzoekende ${tag}`, opts.municipalityId],
    ),
  );
  const internal = {
    clientNumber: `KL-${tag}`,
    gender: 'vrouw',
    birthDate: '1987-03-14',
    supportingMunicipality: `Gemeente-${tag}`,
    supportLevel: 'volledig-ondersteund',
    clientManagerName: `Klantmanager-${tag}`,
    tozoGroup: true,
  };
  const prefilled = {
    firstName: `Fatima${tag}`,
    lastName: 'El Amrani',
    contactEmail: `fatima-${tag}@mail.example`,
    phone: '+31 10 123 4567',
    postcode: '3011 AB',
    targetGroups: ['baanafspraak', 'bbl'],
    uwvTargetGroupRegister: true,
  };
  const byCoach = await t.http('patch', `/profiles/${account.id}`, { tenant: tenant.key, token: opts.coachToken, body: { fields: { ...internal, ...prefilled } } });
  expectOk(byCoach, 'coach pre-fills');
  const token = await t.login(account);
  const own = {
    interests: 'Koken en techniek',
    talents: 'Nauwkeurig, doorzetter',
    motivation: 'Ik wil graag weer aan het werk in de logistiek.',
    kindOfWork: 'Magazijnwerk',
    preferredOccupations: ['orderpicker', 'heftruckchauffeur'],
    workHistory: [{ role: 'Orderpicker', employer: 'Distributiecentrum West' }],
    physicalCapacity: [{ activity: 'tillen', level: 'beperkt' }],
  };
  expectOk(await t.http('patch', '/profiles/me', { tenant: tenant.key, token, body: { fields: own } }), 'person completes');
  expectOk(await t.http('post', '/profiles/me/activate', { tenant: tenant.key, token }), 'activate');
  expectOk(await t.http('patch', '/profiles/me/visibility', { tenant: tenant.key, token, body: { visibleToEmployers: opts.visible } }), 'visibility');
  return { id: account.id, token, internal, shared: { ...prefilled, ...own } };
}
