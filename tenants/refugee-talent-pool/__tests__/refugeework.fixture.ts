import { randomBytes } from 'node:crypto';
import { TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import type { TestApp } from '../../../test/support/test-app.js';

export const PASSWORD = 'a-long-pass-phrase-for-tests';
/** The version of every consent text of this tenant (refugee-talent-pool.consents.ts). */
export const CONSENT_VERSION = '2024-01';

/** Everything that identifies or reaches a person: no employer without an accepted connection may receive any of it. */
export interface Secrets {
  readonly name: string;
  readonly email: string;
  readonly contactEmail: string;
  readonly phone: string;
  readonly city: string;
}

export interface Jobseeker {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly tenant: TenantRef;
  readonly token: string;
  readonly secrets: Secrets;
}

const http = (t: TestApp, tenant: TenantRef) => ({
  get: (path: string, token?: string) => t.http('get', path, { tenant: tenant.key, token }),
  post: (path: string, token?: string, body?: unknown) => t.http('post', path, { tenant: tenant.key, token, body }),
  patch: (path: string, token?: string, body?: unknown) => t.http('patch', path, { tenant: tenant.key, token, body }),
});

function expectOk(res: { status: number; body: unknown }, what: string, status = 200) {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** The newest mail of one template queued for a person, straight from the outbox. */
export async function lastMail(t: TestApp, tenant: TenantRef, personId: string, template: string) {
  const [row] = await t.get(TenantDb).forTenant(tenant, (tx) =>
    tx.query<{ variables: Record<string, string> | null; recipient_address: string; status: string; category: string }>(
      `SELECT variables, recipient_address, status, category FROM mail_messages
        WHERE tenant_id = $1 AND person_id = $2 AND template = $3 ORDER BY created_at DESC LIMIT 1`,
      [tx.tenantId, personId, template],
    ),
  );
  return row ?? null;
}

/**
 * A jobseeker who registered through the API, confirmed the e-mail address from the real
 * verification mail, gave the talent-pool consent and activated the profile.
 */
export async function registeredJobseeker(
  t: TestApp,
  tenant: TenantRef,
  opts: { pool?: boolean; activate?: boolean; locale?: 'en' | 'nl'; fields?: Record<string, unknown> } = {},
): Promise<Jobseeker> {
  const api = http(t, tenant);
  const tag = randomBytes(4).toString('hex');
  const secrets: Secrets = {
    name: `Amal Haddad ${tag}`,
    email: `amal-${tag}@mail.example`,
    contactEmail: `contact-${tag}@mail.example`,
    phone: `+3161${parseInt(tag, 16).toString().padStart(7, '0').slice(-7)}`,
    city: `Emmeloord${tag}`,
  };
  const fields = {
    name: secrets.name,
    email: secrets.contactEmail,
    phone: secrets.phone,
    city: secrets.city,
    province: 'flevoland',
    about: 'Carpenter with ten years of experience.',
    functionalSkills: ['carpentry', 'welding'],
    socialSkills: ['teamwork'],
    languages: [
      { language: 'Arabic', level: 'native' },
      { language: 'Dutch', level: 'B1' },
    ],
    workHistory: [{ role: 'Carpenter', sector: 'construction', country: 'Syria' }],
    ...opts.fields,
  };
  for (const [k, v] of Object.entries(fields)) if (v === undefined) delete (fields as Record<string, unknown>)[k];
  expectOk(await api.post('/profiles/register', undefined, { email: secrets.email, fields, locale: opts.locale ?? 'en' }), 'register', 202);
  // Registration answers first and does its work just after (so its timing tells nothing).
  await t.settled();
  const [account] = await t.get(TenantDb).forTenant(tenant, (tx) =>
    tx.query<{ id: string }>(`SELECT id FROM accounts WHERE tenant_id = $1 AND email = $2`, [tx.tenantId, secrets.email]),
  );
  const verify = await lastMail(t, tenant, account.id, 'verify-email');
  const token = new URL(verify!.variables!.verifyUrl).searchParams.get('token');
  // The password is chosen with the link from the mail, by whoever reads that mailbox.
  expectOk(await api.post('/profiles/verify-email', undefined, { token, password: PASSWORD }), 'verify');
  const login = await api.post('/auth/login', undefined, { email: secrets.email, password: PASSWORD });
  expectOk(login, 'login');
  const person: Jobseeker = { id: account.id, email: secrets.email, password: PASSWORD, tenant, token: login.body.accessToken, secrets };
  if (opts.pool !== false) await grantConsent(t, person, 'talentPool');
  if (opts.activate !== false) expectOk(await api.post('/profiles/me/activate', person.token), 'activate');
  return person;
}

/** The person grants a consent purpose through the consent API, as shown the current text. */
export async function grantConsent(t: TestApp, person: Jobseeker, purpose: string): Promise<void> {
  const res = await t.http('post', `/consents/me/${purpose}`, {
    tenant: person.tenant.key,
    token: person.token,
    body: { version: CONSENT_VERSION },
  });
  expectOk(res, `consent ${purpose}`, res.status === 201 ? 201 : 200);
}

/** An employer organisation of the tenant with one signed-in recruiter. */
export async function employer(t: TestApp, tenant: TenantRef) {
  const unit = await t.createOrgUnit(tenant, 'employer');
  const account = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
  return { ...account, unitId: unit.id };
}

/** The profile's current public handle: how employers address it (search answers list it). */
export async function publicHandle(t: TestApp, person: { id: string; tenant: TenantRef }): Promise<string> {
  const [row] = await t.get(TenantDb).forTenant(person.tenant, (tx) =>
    tx.query<{ handle: string }>(`SELECT public_handle AS handle FROM profiles WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, person.id]),
  );
  if (!row) throw new Error('no profile');
  return row.handle;
}

/** An employer asks; the person answers (or not). */
export async function connect(t: TestApp, person: Jobseeker, boss: { token: string }, answer: 'accept' | 'decline' | null = 'accept') {
  const api = http(t, person.tenant);
  const req = await api.post('/connections', boss.token, { profileHandle: await publicHandle(t, person) });
  expectOk(req, 'connection request', 201);
  if (answer) expectOk(await api.post(`/connections/${req.body.id}/${answer}`, person.token), answer);
  return req.body.id as string;
}
