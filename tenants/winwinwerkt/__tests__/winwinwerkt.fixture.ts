import { randomBytes } from 'node:crypto';
import { TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import type { TestApp } from '../../../test/support/test-app.js';

export const PASSWORD = 'een lange zin die ik onthoud';

/**
 * Host names of the labels' sites and of WinWinWerkt's own, as a browser sends them. Subdomains of
 * the declared ones: the demo (seeded by other test files into the same database) registers the
 * declared host names for its own tenant, and a host name of one tenant refuses another's header.
 */
export const HOSTS = {
  winwinwerkt: 'tests.winwinwerkt.localhost',
  mkb: 'tests.vacatureservicemkb.localhost',
  onbekendTalent: 'tests.onbekendtalent.localhost',
  plus65: 'tests.65pluswerkt.localhost',
  werkweb: 'tests.werkweb.localhost',
} as const;

export interface Candidate {
  readonly id: string;
  readonly email: string;
  readonly token: string;
  readonly secrets: { readonly firstName: string; readonly lastName: string; readonly phone: string; readonly summary: string };
}

const expectOk = (res: { status: number; body: unknown }, what: string, status = 200) => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
};

/** A request to the tenant as it arrives on one host name (a label's site, or WinWinWerkt's own). */
export function on(t: TestApp, tenant: TenantRef, host: string) {
  const opts = (token?: string, body?: unknown) => ({ tenant: tenant.key, token, body, headers: { host } });
  return {
    get: (path: string, token?: string) => t.http('get', path, opts(token)),
    post: (path: string, body?: unknown, token?: string) => t.http('post', path, opts(token, body)),
    patch: (path: string, body?: unknown, token?: string) => t.http('patch', path, opts(token, body)),
  };
}

export async function mailsTo(t: TestApp, tenant: TenantRef, address: string, template: string) {
  return t.get(TenantDb).forTenant(tenant, (tx) =>
    tx.query<{ id: string; brand: string | null; person_id: string | null; variables: Record<string, string> | null; message_id_header: string; status: string }>(
      `SELECT id, brand, person_id, variables, message_id_header, status FROM mail_messages
        WHERE tenant_id = $1 AND recipient_address = $2 AND template = $3 ORDER BY created_at, id`,
      [tx.tenantId, address, template],
    ),
  );
}

/**
 * A candidate who signs up on one label's site: registration, the verification link from the mail,
 * the password, the statement accepted (version 1.3) and a filled-in profile.
 */
export async function registeredCandidate(
  t: TestApp,
  tenant: TenantRef,
  host: string,
  opts: { fields?: Record<string, unknown>; email?: string } = {},
): Promise<Candidate> {
  const tag = randomBytes(4).toString('hex');
  const email = opts.email ?? `kandidaat-${tag}@mail.example`;
  const secrets = {
    firstName: `Anouk${tag}`,
    lastName: `Visser${tag}`,
    phone: `+3161${parseInt(tag, 16).toString().padStart(7, '0').slice(-7)}`,
    summary: `Ervaren kok ${tag}, zoekt werk in de horeca.`,
  };
  const site = on(t, tenant, host);
  expectOk(await site.post('/profiles/register', { email, fields: { firstName: secrets.firstName, lastName: secrets.lastName }, locale: 'nl' }), 'register', 202);
  await t.settled();
  const [verify] = (await mailsTo(t, tenant, email, 'verify-email')).slice(-1);
  const verifyToken = new URL(verify.variables!.verifyUrl).searchParams.get('token');
  expectOk(await site.post('/profiles/verify-email', { token: verifyToken, password: PASSWORD }), 'verify');
  const token = await t.login({ email, password: PASSWORD, tenant });
  expectOk(await site.post('/winwinwerkt/me/statement-acceptances', { version: '1.3', occasion: 'registration' }, token), 'statement', 201);
  expectOk(await site.patch('/profiles/me', { fields: { phone: secrets.phone, summary: secrets.summary, ...opts.fields } }, token), 'profile');
  return { id: verify.person_id!, email, token, secrets };
}
