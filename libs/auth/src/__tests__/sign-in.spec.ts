import { FixedClock } from '../../../config/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TestApp, type TestAccount } from '../../../../test/support/test-app.js';

const WRONG = 'not-the-right-password';

describe('signing in', () => {
  const clock = new FixedClock('2026-03-02T08:00:00Z');
  let t: TestApp;
  let a: TenantRef;
  let b: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    a = await t.createTenant('kandidatenbank');
    b = await t.createTenant('kandidatenbank');
  });
  afterAll(() => t?.close());

  const login = (tenant: TenantRef, email: string, password: string) =>
    t.http('post', '/auth/login', { tenant: tenant.key, body: { email, password } });

  const storedHash = async (account: TestAccount) =>
    (
      await t
        .get(TenantDb)
        .forTenant(account.tenant, (tx) =>
          tx.query<{ password_hash: string }>(
            `SELECT password_hash FROM accounts WHERE tenant_id = $1 AND id = $2`,
            [tx.tenantId, account.id],
          ),
        )
    )[0].password_hash;

  it('stores passwords as argon2id hashes (OWASP parameters), never in plain text', async () => {
    const account = await t.createAccount(a, ['jobseeker']);
    const hash = await storedHash(account);
    expect(hash).toMatch(/^\$argon2id\$v=19\$/);
    const params = Object.fromEntries(
      hash
        .split('$')[3]
        .split(',')
        .map((kv) => kv.split('=')),
    );
    expect(params).toEqual({ m: '19456', t: '2', p: '1' });
    expect(hash).not.toContain(account.password);
  });

  it('signs in with e-mail and password (passport-local) and answers a bearer access token and a refresh token', async () => {
    const account = await t.createAccount(a, ['staff']);
    const res = await login(a, account.email.toUpperCase(), account.password);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      refreshToken: expect.stringMatching(/^[0-9a-f-]{36}\.[\w-]{43}$/),
      tokenType: 'Bearer',
      expiresIn: 600,
    });
    const me = await t.http('get', '/auth/me', { tenant: a.key, token: res.body.accessToken });
    expect(me.body).toMatchObject({
      id: account.id,
      email: account.email,
      roles: ['staff'],
      tenant: a.key,
    });
  });

  it('answers a malformed login with a 400 naming the field, not as a failed sign-in', async () => {
    const res = await t.http('post', '/auth/login', {
      tenant: a.key,
      body: { email: 'not-an-address', password: 42, extra: 1 },
    });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('about:blank');
    expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([
      'email',
      'extra',
      'password',
    ]);
  });

  it('gives the same answer for an unknown account and a wrong password', async () => {
    const account = await t.createAccount(a, ['jobseeker']);
    const unknown = await login(a, 'nobody-here@example.test', WRONG);
    const wrong = await login(a, account.email, WRONG);
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.detail).toBe('E-mail address or password is wrong');
  });

  it('spends a password hash on unknown accounts too, so timing does not tell which accounts exist', async () => {
    const account = await t.createAccount(a, ['jobseeker']);
    const timed = async (email: string) => {
      const start = performance.now();
      await login(a, email, WRONG);
      return performance.now() - start;
    };
    const unknownTimes: number[] = [];
    const knownTimes: number[] = [];
    // Interleaved, four of each (the fifth failure would lock the account), compared by median.
    for (let i = 0; i < 4; i++) {
      unknownTimes.push(await timed('nobody-here@example.test'));
      knownTimes.push(await timed(account.email));
    }
    const median = (xs: number[]) =>
      xs
        .sort((x, y) => x - y)
        .slice(1, 3)
        .reduce((s, x) => s + x, 0) / 2;
    const unknown = median(unknownTimes);
    const known = median(knownTimes);
    // Without the dummy hash the unknown path costs a few ms against tens of ms for a real check.
    expect(unknown / known).toBeGreaterThan(0.4);
  });

  it('locks the account after 5 failures in a row, with the same error text, until 15 minutes have passed', async () => {
    const account = await t.createAccount(a, ['jobseeker']);
    const unknown = await login(a, 'nobody-here@example.test', WRONG);
    for (let i = 0; i < 5; i++) expect((await login(a, account.email, WRONG)).status).toBe(401);
    const locked = await login(a, account.email, account.password);
    expect(locked.status).toBe(401);
    expect(locked.body).toEqual(unknown.body);
    clock.advance(14 * 60_000);
    expect((await login(a, account.email, account.password)).status).toBe(401);
    clock.advance(61_000);
    expect((await login(a, account.email, account.password)).status).toBe(200);
  });

  it('four failures do not lock, and a success resets the count', async () => {
    const account = await t.createAccount(a, ['jobseeker']);
    for (let i = 0; i < 4; i++) await login(a, account.email, WRONG);
    expect((await login(a, account.email, account.password)).status).toBe(200);
    for (let i = 0; i < 4; i++) await login(a, account.email, WRONG);
    expect((await login(a, account.email, account.password)).status).toBe(200);
  });

  it('keeps the same e-mail address in two tenants as two independent accounts', async () => {
    const email = `twice-${Date.now()}@example.test`;
    const inA = await t.createAccount(a, ['jobseeker'], { email });
    const inB = await t.createAccount(b, ['staff'], { email });
    expect(inA.id).not.toBe(inB.id);
    // Locking the address in one tenant leaves the other alone.
    for (let i = 0; i < 5; i++) await login(a, email, WRONG);
    expect((await login(a, email, inA.password)).status).toBe(401);
    const signedInB = await login(b, email, inB.password);
    expect(signedInB.status).toBe(200);
    const me = await t.http('get', '/auth/me', {
      tenant: b.key,
      token: signedInB.body.accessToken,
    });
    expect(me.body).toMatchObject({ id: inB.id, roles: ['staff'], tenant: b.key });
  });

  it('does not sign in an account of another tenant', async () => {
    const account = await t.createAccount(b, ['jobseeker']);
    expect((await login(a, account.email, account.password)).status).toBe(401);
  });
});
