import { randomBytes } from 'node:crypto';
import { TenantDb } from '../../../../database/src/index.js';
import type { TenantRef } from '../../../../context/src/index.js';
import type { TestApp } from '../../../../../test/support/test-app.js';

export const JOBSEEKER_PASSWORD = 'a-long-and-private-passphrase';

export interface Jobseeker {
  id: string;
  email: string;
  password: string;
  tenant: TenantRef;
  token: string;
}

/** Raw SQL in the tenant's unit of work, for arranging state other capabilities own and for checks. */
export function sql<R = Record<string, unknown>>(t: TestApp, tenant: TenantRef, text: string, params: unknown[] = []) {
  return t.get(TenantDb).forTenant(tenant, (tx) => tx.query<R>(text, [tx.tenantId, ...params]));
}

/** Waits for the work registrations (and reset requests) do after answering 202. */
export function settled(t: TestApp): Promise<void> {
  return t.settled();
}

/** The token of the latest verification mail queued for this address (as the person would click it). */
export async function verificationToken(t: TestApp, tenant: TenantRef, email: string): Promise<string> {
  await settled(t);
  const [row] = await sql<{ variables: { verifyUrl: string } }>(
    t,
    tenant,
    `SELECT variables FROM mail_messages WHERE tenant_id = $1 AND recipient_address = $2 AND template = 'verify-email'
      ORDER BY created_at DESC, id DESC LIMIT 1`,
    [email],
  );
  if (!row) throw new Error(`no verification mail for ${email}`);
  return new URL(row.variables.verifyUrl).searchParams.get('token')!;
}

/** A registration: no password, it is chosen with the verification link. */
export function registrationBody(fields: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    email: `js-${randomBytes(5).toString('hex')}@example.test`,
    fields,
    ...extra,
  };
}

/** Follows the verification link of the latest mail to this address, choosing the password as the holder of the mailbox. */
export function verifyAddress(t: TestApp, tenant: TenantRef, email: string, password = JOBSEEKER_PASSWORD) {
  return verificationToken(t, tenant, email).then((token) =>
    t.http('post', '/profiles/verify-email', { tenant: tenant.key, body: { token, password } }),
  );
}

/**
 * Registers through the API, follows the verification link (choosing the password) and signs in.
 * `verify: false` leaves the address unverified: such a person cannot sign in, so no token.
 */
export async function registerJobseeker(
  t: TestApp,
  tenant: TenantRef,
  fields: Record<string, unknown> = { firstName: 'Sam', lastName: 'de Vries' },
  opts: { verify?: boolean; locale?: string; orgUnitId?: string } = {},
): Promise<Jobseeker> {
  const body = registrationBody(fields, {
    ...(opts.locale ? { locale: opts.locale } : {}),
    ...(opts.orgUnitId ? { orgUnitId: opts.orgUnitId } : {}),
  });
  const res = await t.http('post', '/profiles/register', { tenant: tenant.key, body });
  if (res.status !== 202) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (opts.verify === false) {
    await settled(t);
    const [account] = await sql<{ id: string }>(t, tenant, `SELECT id FROM accounts WHERE tenant_id = $1 AND email = $2`, [body.email]);
    return { id: account.id, email: body.email, password: JOBSEEKER_PASSWORD, tenant, token: '' };
  }
  const verified = await verifyAddress(t, tenant, body.email);
  if (verified.status !== 200) throw new Error(`verification failed: ${verified.status} ${JSON.stringify(verified.body)}`);
  const token = await t.login({ email: body.email, password: JOBSEEKER_PASSWORD, tenant });
  const me = await t.http('get', '/profiles/me', { tenant: tenant.key, token });
  return { id: me.body.id, email: body.email, password: JOBSEEKER_PASSWORD, tenant, token };
}

/** A verified jobseeker with these field values whose profile is listed (activated). */
export async function activeJobseeker(
  t: TestApp,
  tenant: TenantRef,
  identity: Record<string, unknown>,
  more: Record<string, unknown> = {},
  opts: { orgUnitId?: string } = {},
): Promise<Jobseeker> {
  const js = await registerJobseeker(t, tenant, identity, opts);
  if (Object.keys(more).length) {
    const patched = await t.http('patch', '/profiles/me', { tenant: tenant.key, token: js.token, body: { fields: more } });
    if (patched.status !== 200) throw new Error(`patch failed: ${patched.status} ${JSON.stringify(patched.body)}`);
  }
  const activated = await t.http('post', '/profiles/me/activate', { tenant: tenant.key, token: js.token });
  if (activated.status !== 200) throw new Error(`activation failed: ${activated.status} ${JSON.stringify(activated.body)}`);
  return js;
}

/** Consent is recorded by the consent capability; its current-state table is the contract read here. */
export async function setConsent(t: TestApp, tenant: TenantRef, personId: string, purpose: string, granted: boolean) {
  await sql(
    t,
    tenant,
    `INSERT INTO consent_state (tenant_id, person_id, purpose, granted, policy_version, changed_at) VALUES ($1, $2, $3, $4, '1', now())
     ON CONFLICT (tenant_id, person_id, purpose) DO UPDATE SET granted = EXCLUDED.granted, changed_at = EXCLUDED.changed_at`,
    [personId, purpose, granted],
  );
}

/** An accepted connection between the person and an employer organisation (the connections capability's table). */
export async function acceptedConnection(t: TestApp, tenant: TenantRef, personId: string, orgUnitId: string) {
  await sql(
    t,
    tenant,
    `INSERT INTO connections (tenant_id, person_id, employer_org_unit_id, status, requested_at, answered_at)
     VALUES ($1, $2, $3, 'accepted', now(), now())`,
    [personId, orgUnitId],
  );
}

export async function auditActions(t: TestApp, tenant: TenantRef, subjectId: string) {
  return sql<{ action: string; actor_id: string | null; details: Record<string, unknown> }>(
    t,
    tenant,
    // People are in the log under their pseudonym; the key turns it back into their id.
    `SELECT action, (SELECT k.person_id FROM audit_pseudonyms k WHERE k.tenant_id = a.tenant_id AND k.pseudonym = a.actor_id) AS actor_id, details FROM audit_log a
      WHERE tenant_id = $1 AND subject_id = (SELECT k.pseudonym FROM audit_pseudonyms k WHERE k.tenant_id = $1 AND k.person_id = $2) ORDER BY id`,
    [subjectId],
  );
}

/** Real file headers, so type detection by content has something true to find. */
export const FILES = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
  png: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
  text: Buffer.from('just some text pretending to be a pdf\n'),
};

/** Uploads one document through the multipart route. */
export function upload(t: TestApp, js: Jobseeker, fieldKey: string, bytes: Buffer, filename: string, contentType = 'application/octet-stream') {
  return t
    .http('post', `/profiles/me/documents/${fieldKey}`, { tenant: js.tenant.key, token: js.token })
    .attach('file', bytes, { filename, contentType });
}

/** Signs in again (sessions follow the test clock, so a jump of weeks ends them). */
export async function signInAgain<A extends { email: string; password: string; tenant: TenantRef; token: string }>(t: TestApp, who: A): Promise<A> {
  who.token = await t.login(who);
  return who;
}

/** The profile's current public handle, as search answers list it to employers (read as the tenant). */
export async function publicHandle(t: TestApp, tenant: TenantRef, personId: string): Promise<string> {
  const [row] = await sql<{ public_handle: string }>(t, tenant, `SELECT public_handle FROM profiles WHERE tenant_id = $1 AND id = $2`, [personId]);
  if (!row) throw new Error('no profile');
  return row.public_handle;
}

/**
 * How every reader may address the profile: its current public handle (the internal id serves only
 * the person and its staff). An id without a profile stays as it is, so "no such profile" stays testable.
 */
export async function addressOf(t: TestApp, tenant: TenantRef, personId: string): Promise<string> {
  const [row] = await sql<{ public_handle: string }>(t, tenant, `SELECT public_handle FROM profiles WHERE tenant_id = $1 AND id::text = $2`, [personId]);
  return row?.public_handle ?? personId;
}
