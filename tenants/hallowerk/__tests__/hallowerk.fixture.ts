import { randomBytes } from 'node:crypto';
import { TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import type { TestApp } from '../../../test/support/test-app.js';

/** A complete, valid vacancy, published until well after the tests' clock. */
/**
 * A unique tag for free text: random, with letters for digits, so no run of nine digits in it can
 * pass the elfproef and be refused as a BSN (with hex digits that happened about once in 300 tags).
 */
export const textTag = (bytes = 5) => randomBytes(bytes).toString('hex').replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]);

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
  /** The public handle: how employers and every other reader outside staff address the profile. */
  readonly handle: string;
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
  // Units that receive dated grants in the tests: an execution organisation and the ICT supplier's support team.
  const authorisedExecution = await unit('partner-organisation');
  const supportTeam = await unit('team');
  const as = (roles: Parameters<TestApp['signedIn']>[1], unitId: string) => t.signedIn(tenant, roles, { orgUnitIds: [unitId] });
  return {
    units: { rijnmond, haaglanden, rotterdam, schiedam, denHaag, employerUnit, execution, authorisedExecution, supportTeam },
    ownCoach: await as(['staff'], rotterdam.id),
    neighbourCoach: await as(['staff'], schiedam.id),
    otherRegionCoach: await as(['staff'], denHaag.id),
    ownAccountManager: await as(['staff', 'partner'], rijnmond.id),
    otherAccountManager: await as(['staff', 'partner'], haaglanden.id),
    employer: await as(['employer'], employerUnit.id),
    executionOrganisation: await as(['staff'], execution.id),
    authorisedExecutionOrganisation: await as(['staff'], authorisedExecution.id),
    platformSupport: await as(['staff'], supportTeam.id),
    tenantAdmin: await t.signedIn(tenant, ['tenant-admin']),
  };
}

const expectOk = (res: { status: number; body: unknown }, what: string, status = 200) => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
};

/**
 * A jobseeker as the municipality creates one: the coach imports one CSV row with the pre-filled
 * and internal fields, the person chooses a password with the invitation link, completes the
 * profile, activates it and chooses whether employers see it.
 */
export async function municipalJobseeker(
  t: TestApp,
  tenant: TenantRef,
  opts: { coachToken: string; visible: boolean },
): Promise<Person> {
  const tag = randomBytes(4).toString('hex');
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
  const email = `fatima-${tag}@mail.example`;
  const cells: Record<string, string> = {
    email,
    ...Object.fromEntries(Object.entries({ ...internal, ...prefilled }).map(([k, v]) => [k, Array.isArray(v) ? v.join('|') : v === true ? 'ja' : v === false ? 'nee' : String(v)])),
  };
  const csv = `${Object.keys(cells).join(';')}\n${Object.values(cells).join(';')}`;
  const imported = await t.http('post', '/hallowerk/imports', { tenant: tenant.key, token: opts.coachToken, body: { csv, dryRun: false } });
  expectOk(imported, 'municipality imports');
  if (imported.body.created !== 1) throw new Error(`import: ${JSON.stringify(imported.body)}`);
  const [invitation] = await t.get(TenantDb).forTenant(tenant, (tx) =>
    tx.query<{ person_id: string; variables: { inviteUrl: string } }>(
      `SELECT person_id, variables FROM mail_messages WHERE tenant_id = $1 AND template = 'account-invitation' AND recipient_address = $2`,
      [tx.tenantId, email],
    ),
  );
  const password = 'een lange zin die ik onthoud';
  const inviteToken = new URL(invitation.variables.inviteUrl).searchParams.get('token');
  expectOk(await t.http('post', '/auth/password-reset/confirm', { tenant: tenant.key, body: { token: inviteToken, password } }), 'invitation');
  const account = { id: invitation.person_id, email, password, tenant };
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
  const [{ handle }] = await t.get(TenantDb).forTenant(tenant, (tx) =>
    tx.query<{ handle: string }>(`SELECT public_handle AS handle FROM profiles WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, account.id]),
  );
  return { id: account.id, handle, token, internal, shared: { ...prefilled, ...own } };
}

/** Every way to fill the path's parameters from the known ids (the tenant key for `:tenant`). */
export function concretePaths(path: string, candidates: string[], tenantKey: string): string[] {
  let out = [path];
  for (const p of path.match(/:[A-Za-z]+/g) ?? []) {
    const values = p === ':tenant' ? [tenantKey] : candidates;
    out = out.flatMap((x) => values.map((v) => x.replace(p, v)));
  }
  return out;
}
