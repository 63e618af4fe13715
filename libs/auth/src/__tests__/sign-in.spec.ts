import { randomBytes } from 'node:crypto';
import { FixedClock } from '../../../config/src/index.js';
import { MailDeliveryService } from '../../../mail/src/mail-delivery.service.js';
import { SmtpCapture, part } from '../../../mail/src/__tests__/support/smtp-capture.js';
import { TenantDb } from '../../../database/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TestApp, type TestAccount } from '../../../../test/support/test-app.js';

const WRONG = 'not-the-right-password';

describe('signing in', () => {
  const clock = new FixedClock('2026-03-02T08:00:00Z');
  let t: TestApp;
  let a: TenantRef;
  let b: TenantRef;
  let smtp: SmtpCapture;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({ clock, env: { SMTP_URL: smtp.url } });
    a = await t.createTenant('kandidatenbank');
    b = await t.createTenant('kandidatenbank');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

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

  const nobody = () => `nobody-${randomBytes(4).toString('hex')}@example.test`;

  it('gives the same answer for an unknown account and a wrong password', async () => {
    const account = await t.createAccount(a, ['jobseeker']);
    const unknown = await login(a, nobody(), WRONG);
    const wrong = await login(a, account.email, WRONG);
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.detail).toBe('E-mail address or password is wrong');
  });

  it('answers a disabled account with the right password exactly like a wrong password', async () => {
    const account = await t.createAccount(a, ['staff']);
    await t
      .get(TenantDb)
      .forTenant(a, (tx) =>
        tx.query(`UPDATE accounts SET status = 'disabled' WHERE tenant_id = $1 AND id = $2`, [
          tx.tenantId,
          account.id,
        ]),
      );
    const disabled = await login(a, account.email, account.password);
    expect(disabled.status).toBe(401);
    expect(disabled.body).toEqual((await login(a, nobody(), WRONG)).body);
  });

  it('spends a password hash on unknown accounts too, so timing does not tell which accounts exist', async () => {
    const account = await t.createAccount(a, ['jobseeker']);
    const stranger = nobody();
    const timed = async (email: string) => {
      const start = performance.now();
      await login(a, email, WRONG);
      return performance.now() - start;
    };
    const unknownTimes: number[] = [];
    const knownTimes: number[] = [];
    // Interleaved, four of each (the fifth failure would start a delay), compared by median.
    for (let i = 0; i < 4; i++) {
      unknownTimes.push(await timed(stranger));
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

  it('after five failed sign-ins the address waits a minute: attempts meanwhile get 429 with Retry-After, are not counted and do not extend the wait', async () => {
    const account = await t.createAccount(a, ['jobseeker']);
    const stranger = nobody();
    for (let i = 0; i < 5; i++) {
      expect((await login(a, account.email, WRONG)).status).toBe(401);
      expect((await login(a, stranger, WRONG)).status).toBe(401);
    }
    const waiting = await login(a, account.email, account.password);
    expect(waiting.status).toBe(429);
    expect(waiting.headers['retry-after']).toBe('60');
    expect(waiting.headers['content-type']).toMatch(/^application\/problem\+json/);
    // An address without an account waits exactly alike: the delay tells no one who has one.
    const strangerWaits = await login(a, stranger, WRONG);
    expect([
      strangerWaits.status,
      strangerWaits.headers['retry-after'],
      strangerWaits.body,
    ]).toEqual([429, '60', waiting.body]);
    clock.advance(30_000);
    for (let i = 0; i < 10; i++) expect((await login(a, account.email, WRONG)).status).toBe(429);
    expect((await login(a, account.email, account.password)).headers['retry-after']).toBe('30');
    clock.advance(30_000);
    expect((await login(a, account.email, account.password)).status).toBe(200);
  });

  it('each further delay of the same episode doubles, up to fifteen minutes', async () => {
    const account = await t.createAccount(a, ['jobseeker']);
    const waits: string[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 5; i++) expect((await login(a, account.email, WRONG)).status).toBe(401);
      const res = await login(a, account.email, account.password);
      expect(res.status).toBe(429);
      waits.push(res.headers['retry-after']);
      clock.advance(Number(res.headers['retry-after']) * 1000);
    }
    expect(waits).toEqual(['60', '120', '240', '480', '900', '900']);
    expect((await login(a, account.email, account.password)).status).toBe(200);
  });

  it('one wrong guess every fifteen minutes never keeps the owner out: the count starts over once a delay has run out', async () => {
    const account = await t.createAccount(a, ['jobseeker']);
    for (let i = 0; i < 5; i++) await login(a, account.email, WRONG);
    expect((await login(a, account.email, account.password)).status).toBe(429);
    for (let round = 0; round < 8; round++) {
      clock.advance(15 * 60_000);
      expect((await login(a, account.email, WRONG)).status).toBe(401);
    }
    expect((await login(a, account.email, account.password)).status).toBe(200);
  });

  it('four failures do not delay, and a success resets the count', async () => {
    const account = await t.createAccount(a, ['jobseeker']);
    for (let i = 0; i < 4; i++) await login(a, account.email, WRONG);
    expect((await login(a, account.email, account.password)).status).toBe(200);
    for (let i = 0; i < 4; i++) await login(a, account.email, WRONG);
    expect((await login(a, account.email, account.password)).status).toBe(200);
  });

  it('tells the holder by mail once per episode, not per attempt, and tells nobody about an address without an account', async () => {
    const account = await t.createAccount(a, ['jobseeker']);
    const stranger = nobody();
    const notices = (address: string) =>
      t
        .get(TenantDb)
        .forTenant(a, (tx) =>
          tx.query<{ template: string; variables: { resetUrl: string } }>(
            `SELECT template, variables FROM mail_messages WHERE tenant_id = $1 AND recipient_address = $2 AND template = 'sign-in-attempts'`,
            [tx.tenantId, address],
          ),
        );
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 5; i++) {
        await login(a, account.email, WRONG);
        await login(a, stranger, WRONG);
      }
      clock.advance(15 * 60_000);
    }
    expect(await notices(account.email)).toHaveLength(1);
    expect(await notices(stranger)).toHaveLength(0);
    // A sign-in ends the episode; the next one is told again.
    expect((await login(a, account.email, account.password)).status).toBe(200);
    for (let i = 0; i < 5; i++) await login(a, account.email, WRONG);
    expect(await notices(account.email)).toHaveLength(2);
    const report = await t.get(MailDeliveryService).deliverDue(50, a);
    expect(report).toMatchObject({ sent: expect.any(Number) });
    const delivered = smtp.to(account.email).map((m) => part(m.raw, 'text/plain') ?? '');
    expect(delivered).toHaveLength(2);
    expect(delivered[0]).toContain(`/reset-password?tenant=${a.key}`);
    expect(delivered[0]).toMatch(
      /tried several times to sign in to your account|geprobeerd met een verkeerd wachtwoord/,
    );
  });

  it('keeps the same e-mail address in two tenants as two independent accounts', async () => {
    const email = `twice-${Date.now()}@example.test`;
    const inA = await t.createAccount(a, ['jobseeker'], { email });
    const inB = await t.createAccount(b, ['staff'], { email });
    expect(inA.id).not.toBe(inB.id);
    // A delay for the address in one tenant leaves the other alone.
    for (let i = 0; i < 5; i++) await login(a, email, WRONG);
    expect((await login(a, email, inA.password)).status).toBe(429);
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
