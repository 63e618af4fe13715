import { FixedClock } from '../../../config/src/clock.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { ConflictException } from '@nestjs/common';
import { RequestContext } from '../../../context/src/index.js';
import { ProfileStatesService } from '../profile-states.service.js';
import { JOBSEEKER_PASSWORD, registerJobseeker, registrationBody, sql, verificationToken } from './support/profile-kit.js';

/**
 * Statement 001, "Wanneer verzamelen wij uw persoonsgegevens?": from the moment the person
 * registers as a candidate. Registration creates an unverified account without a password and a
 * draft profile under an alias, with the verification mail, all or nothing; the verification link
 * proves the mailbox and sets the password.
 */
describe('registration and e-mail verification', () => {
  const clock = new FixedClock('2026-03-01T10:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('kandidatenbank');
  });
  afterAll(() => t.close());

  /** Registers and waits for the work done after the answer (it answers before, so its timing tells nothing). */
  const register = async (body: unknown) => {
    const res = await t.http('post', '/profiles/register', { tenant: tenant.key, body });
    await t.settled();
    return res;
  };
  const verify = (token: string, password = JOBSEEKER_PASSWORD) =>
    t.http('post', '/profiles/verify-email', { tenant: tenant.key, body: { token, password } });
  const accounts = (email: string) =>
    sql<{ id: string; email_verified_at: Date | null; roles: string[]; status: string; display_name: string }>(
      t,
      tenant,
      `SELECT id, email_verified_at, roles, status, display_name FROM accounts WHERE tenant_id = $1 AND email = $2`,
      [email],
    );

  it('creates an active jobseeker account with an unverified address, a draft profile under an alias, and queues the verify-email mail', async () => {
    const body = registrationBody({ firstName: 'Sam', lastName: 'de Vries', headline: 'Lasser' }, { locale: 'en' });
    const res = await register(body);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'check-your-mail' });
    const [account] = await accounts(body.email);
    expect(account).toMatchObject({ email_verified_at: null, roles: ['jobseeker'], status: 'active', display_name: 'Sam de Vries' });
    const [{ has_password }] = await sql<{ has_password: boolean }>(
      t,
      tenant,
      `SELECT password_hash IS NOT NULL AS has_password FROM accounts WHERE tenant_id = $1 AND id = $2`,
      [account.id],
    );
    expect(has_password).toBe(false);
    const [profile] = await sql<{ state: string; alias: string; fields: Record<string, unknown> }>(
      t,
      tenant,
      `SELECT state, alias, fields FROM profiles WHERE tenant_id = $1 AND id = $2`,
      [account.id],
    );
    expect(profile.state).toBe('draft');
    expect(profile.alias).toMatch(/^Kandidaat [0-9A-HJKMNP-TV-Z]{6}$/);
    expect(profile.fields).toEqual({ firstName: 'Sam', lastName: 'de Vries', headline: 'Lasser' });
    const mails = await sql<{ template: string; person_id: string; person_kind: string; locale: string; category: string }>(
      t,
      tenant,
      `SELECT template, person_id, person_kind, locale, category FROM mail_messages WHERE tenant_id = $1 AND recipient_address = $2`,
      [body.email],
    );
    expect(mails).toEqual([
      { template: 'verify-email', person_id: account.id, person_kind: 'jobseeker', locale: 'en', category: 'transactional' },
    ]);
  });

  it('gives every profile of a tenant its own alias', async () => {
    const people = await Promise.all([1, 2, 3, 4, 5].map(() => registerJobseeker(t, tenant, undefined, { verify: false })));
    const rows = await sql<{ alias: string }>(t, tenant, `SELECT alias FROM profiles WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
      people.map((p) => p.id),
    ]);
    expect(new Set(rows.map((r) => r.alias)).size).toBe(5);
  });

  it('refuses bad input with one 422 naming every problem, and writes nothing: no account, no profile, no mail', async () => {
    const body = registrationBody({ lastName: 'x'.repeat(121), hoursPerWeek: 99, salary: 5 }, { locale: 'fr' });
    const res = await register(body);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'fields.salary', reason: 'is not a field of this profile' },
        { field: 'fields.lastName', reason: 'must be at most 120 characters' },
        { field: 'fields.hoursPerWeek', reason: 'must be at most 60' },
        { field: 'fields.firstName', reason: 'is required' },
        { field: 'locale', reason: 'must be one of: nl, en' },
      ]),
    );
    expect(res.body.errors).toHaveLength(5);
    expect(await accounts(body.email)).toEqual([]);
    const [{ n }] = await sql<{ n: number }>(t, tenant, `SELECT count(*)::int AS n FROM mail_messages WHERE tenant_id = $1 AND recipient_address = $2`, [body.email]);
    expect(n).toBe(0);
  });

  it('refuses a malformed request body with a 400 naming the field', async () => {
    const res = await register({ email: 'not-an-address', fields: 'Sam' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'fields']);
  });

  it('does not let a jobseeker write a staff-only field at registration', async () => {
    const res = await register(registrationBody({ firstName: 'Sam', lastName: 'V', staffNotes: 'hi' }));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'fields.staffNotes', reason: 'may only be written by: staff' }]);
  });

  it('answers a known address exactly like a new one and creates nothing (no one learns who is registered)', async () => {
    const first = await registerJobseeker(t, tenant);
    const again = await register(registrationBody({ firstName: 'Other', lastName: 'Person' }, { email: first.email }));
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ status: 'check-your-mail' });
    expect(await accounts(first.email)).toHaveLength(1);
    const [profile] = await sql<{ fields: Record<string, unknown> }>(t, tenant, `SELECT fields FROM profiles WHERE tenant_id = $1 AND id = $2`, [first.id]);
    expect(profile.fields).toEqual({ firstName: 'Sam', lastName: 'de Vries' });
  });

  it('sends a fresh link when an unverified registrant registers again', async () => {
    const body = registrationBody({ firstName: 'Kim', lastName: 'Jansen' });
    await register(body);
    const firstToken = await verificationToken(t, tenant, body.email);
    clock.advance(1000);
    expect((await register(body)).status).toBe(202);
    const secondToken = await verificationToken(t, tenant, body.email);
    expect(secondToken).not.toBe(firstToken);
    expect((await verify(secondToken)).status).toBe(200);
    // Verifying with one link ends the other.
    const stale = await verify(firstToken);
    expect(stale.status).toBe(400);
  });

  it('stores the verification token hashed, and the token works exactly once', async () => {
    const body = registrationBody({ firstName: 'Ali', lastName: 'B' });
    await register(body);
    const token = await verificationToken(t, tenant, body.email);
    const stored = await sql<{ token_hash: string }>(t, tenant, `SELECT token_hash FROM email_verification_tokens WHERE tenant_id = $1`);
    expect(stored.some((r) => r.token_hash === token)).toBe(false);
    const ok = await verify(token);
    expect(ok.status).toBe(200);
    expect((await accounts(body.email))[0].email_verified_at).toEqual(clock.now());
    const reused = await verify(token, 'another-long-passphrase');
    expect(reused.status).toBe(400);
    expect(reused.body.errors).toEqual([{ field: 'token', reason: 'is unknown, already used or expired' }]);
  });

  it('refuses an expired verification token', async () => {
    const body = registrationBody({ firstName: 'Ali', lastName: 'C' });
    await register(body);
    const token = await verificationToken(t, tenant, body.email);
    clock.advanceDays(4);
    const res = await verify(token);
    expect(res.status).toBe(400);
    expect((await accounts(body.email))[0].email_verified_at).toBeNull();
  });

  it('refuses a token of another tenant', async () => {
    const other = await t.createTenant('kandidatenbank');
    const body = registrationBody({ firstName: 'Ali', lastName: 'D' });
    await t.http('post', '/profiles/register', { tenant: other.key, body });
    const token = await verificationToken(t, other, body.email);
    expect((await register({ ...body })).status).toBe(202);
    expect((await verify(token)).status).toBe(400);
  });

  it('lets a profile be activated only once the address is verified (409 before)', async () => {
    const js = await registerJobseeker(t, tenant, undefined, { verify: false });
    // Nobody can sign in before verification; underneath, activation itself refuses too.
    const signIn = () => t.http('post', '/auth/login', { tenant: tenant.key, body: { email: js.email, password: JOBSEEKER_PASSWORD } });
    expect((await signIn()).status).toBe(401);
    const asPerson = { kind: 'account' as const, accountId: js.id, roles: ['jobseeker'], orgUnitIds: [] };
    await expect(RequestContext.run({ tenant, actor: asPerson }, () => t.get(ProfileStatesService).activate(asPerson))).rejects.toThrow(ConflictException);
    expect((await sql<{ state: string }>(t, tenant, `SELECT state FROM profiles WHERE tenant_id = $1 AND id = $2`, [js.id]))[0].state).toBe('draft');
    await verify(await verificationToken(t, tenant, js.email));
    const token = (await signIn()).body.accessToken;
    const later = await t.http('post', '/profiles/me/activate', { tenant: tenant.key, token });
    expect(later.status).toBe(200);
    expect(later.body.state).toBe('active');
  });

  it('places the person under a municipality when asked, never under an employer', async () => {
    const municipality = await t.createOrgUnit(tenant, 'municipality');
    const employer = await t.createOrgUnit(tenant, 'employer');
    const js = await registerJobseeker(t, tenant, undefined, { orgUnitId: municipality.id });
    const [row] = await sql<{ org_unit_id: string }>(t, tenant, `SELECT org_unit_id FROM profiles WHERE tenant_id = $1 AND id = $2`, [js.id]);
    expect(row.org_unit_id).toBe(municipality.id);
    const res = await register(registrationBody({ firstName: 'A', lastName: 'B' }, { orgUnitId: employer.id }));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'orgUnitId', reason: 'is not an organisation unit a jobseeker can join' }]);
  });
});
