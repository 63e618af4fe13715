import { createHash } from 'node:crypto';
import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { MailDeliveryService } from '../../../mail/src/mail-delivery.service.js';
import {
  SmtpCapture,
  decodedHeader,
  part,
} from '../../../mail/src/__tests__/support/smtp-capture.js';
import { registrationBody } from '../../../profiles/src/__tests__/support/profile-kit.js';
import { TestApp, type TestAccount } from '../../../../test/support/test-app.js';
import { TimingClient, medianMs, type Timed } from '../../../../test/support/timing-client.js';

const NEW_PASSWORD = 'a-brand-new-passphrase';

/**
 * Password reset by the mailbox (ASVS 6.4): a single-use link that expires, mailed over SMTP; the
 * request answers alike for every address; confirming sets the password, verifies the address and
 * ends every session of the account.
 */
describe('password reset', () => {
  const clock = new FixedClock('2026-03-02T08:00:00Z');
  let smtp: SmtpCapture;
  let t: TestApp;
  let a: TenantRef;
  let b: TenantRef;

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

  const ask = async (email: string, tenant: TenantRef = a) => {
    const res = await t.http('post', '/auth/password-reset', {
      tenant: tenant.key,
      body: { email },
    });
    await t.settled();
    return res;
  };
  const confirm = (token: string, password = NEW_PASSWORD, tenant: TenantRef = a) =>
    t.http('post', '/auth/password-reset/confirm', {
      tenant: tenant.key,
      body: { token, password },
    });
  const login = (email: string, password: string, tenant: TenantRef = a) =>
    t.http('post', '/auth/login', { tenant: tenant.key, body: { email, password } });

  /** Delivers the outbox over SMTP and returns the token of the newest reset link mailed to the address. */
  async function mailedToken(email: string, tenant: TenantRef = a): Promise<string> {
    await t.get(MailDeliveryService).deliverDue(50, tenant);
    const mails = smtp
      .to(email)
      .filter((m) => /new password|nieuw wachtwoord/i.test(decodedHeader(m.raw, 'Subject') ?? ''));
    const text = part(mails.at(-1)?.raw ?? '', 'text/plain') ?? '';
    const link = /https?:\/\/\S+\/reset-password\?\S+/.exec(text)?.[0];
    if (!link) throw new Error(`no reset link mailed to ${email}`);
    expect(new URL(link).searchParams.get('tenant')).toBe(tenant.key);
    return new URL(link).searchParams.get('token')!;
  }

  it('mails a reset link over SMTP; the link sets the new password once, and the old password stops working', async () => {
    const account = await t.createAccount(a, ['staff']);
    const res = await ask(account.email);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'check-your-mail' });
    const token = await mailedToken(account.email);
    const done = await confirm(token);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ status: 'password-changed' });
    expect((await login(account.email, account.password)).status).toBe(401);
    expect((await login(account.email, NEW_PASSWORD)).status).toBe(200);
    const again = await confirm(token, 'yet-another-passphrase');
    expect(again.status).toBe(400);
    expect(again.body.errors).toEqual([
      { field: 'token', reason: 'is unknown, already used or expired' },
    ]);
  });

  it('stores only a hash of the token', async () => {
    const account = await t.createAccount(a, ['staff']);
    await ask(account.email);
    const token = await mailedToken(account.email);
    const stored = await t
      .get(TenantDb)
      .forTenant(a, (tx) =>
        tx.query<{ token_hash: string }>(
          `SELECT token_hash FROM password_reset_tokens WHERE tenant_id = $1 AND account_id = $2`,
          [tx.tenantId, account.id],
        ),
      );
    expect(stored).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);
  });

  it('answers 202 with the same body whether or not the address has an account, and mails only a holder', async () => {
    const account = await t.createAccount(a, ['staff']);
    const stranger = `nobody-${Date.now()}@example.test`;
    const known = await ask(account.email);
    const unknown = await ask(stranger);
    expect([unknown.status, unknown.body]).toEqual([known.status, known.body]);
    await t.get(MailDeliveryService).deliverDue(50, a);
    expect(smtp.to(account.email)).toHaveLength(1);
    expect(smtp.to(stranger)).toHaveLength(0);
  });

  it('answers an address with an account in the same time as one without', async () => {
    const account = await t.createAccount(a, ['staff']);
    const client = await TimingClient.start(t.app);
    try {
      const timed = async (email: string) => {
        const res = await client.post('/auth/password-reset', a.key, { email });
        await t.settled();
        return res;
      };
      for (let i = 0; i < 5; i++) await timed(account.email);
      const known: Timed[] = [];
      const unknown: Timed[] = [];
      for (let i = 0; i < 30; i++) {
        const [first, second] = Math.random() < 0.5 ? [known, unknown] : [unknown, known];
        first.push(await timed(first === known ? account.email : `nobody-${i}@example.test`));
        second.push(await timed(second === known ? account.email : `nobody-${i}@example.test`));
      }
      expect(
        new Set([...known, ...unknown].map((r) => `${r.status} ${JSON.stringify(r.body)}`)),
      ).toEqual(new Set([`202 ${JSON.stringify({ status: 'check-your-mail' })}`]));
      const ratio = medianMs(known) / medianMs(unknown);
      console.log(
        `password-reset timing: known ${medianMs(known).toFixed(2)} ms, unknown ${medianMs(unknown).toFixed(2)} ms (ratio ${ratio.toFixed(2)})`,
      );
      expect(ratio).toBeGreaterThan(0.5);
      expect(ratio).toBeLessThan(2);
    } finally {
      await client.close();
    }
  });

  it('the link expires after 30 minutes by the clock', async () => {
    const account = await t.createAccount(a, ['staff']);
    await ask(account.email);
    const early = await mailedToken(account.email);
    clock.advance(29 * 60_000);
    expect((await confirm(early)).status).toBe(200);
    await ask(account.email);
    const late = await mailedToken(account.email);
    clock.advance(30 * 60_000 + 1000);
    expect((await confirm(late, 'too-late-a-passphrase')).status).toBe(400);
    expect((await login(account.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('ends every session of the account: access and refresh tokens of all its sign-ins stop working', async () => {
    const account = await t.createAccount(a, ['jobseeker']);
    const sessions = [
      await login(account.email, account.password),
      await login(account.email, account.password),
    ];
    await ask(account.email);
    expect((await confirm(await mailedToken(account.email))).status).toBe(200);
    for (const s of sessions) {
      expect(
        (await t.http('get', '/auth/me', { tenant: a.key, token: s.body.accessToken })).status,
      ).toBe(401);
      expect(
        (
          await t.http('post', '/auth/refresh', {
            tenant: a.key,
            body: { refreshToken: s.body.refreshToken },
          })
        ).status,
      ).toBe(401);
    }
  });

  it('verifies an address that was not: following the link proved the mailbox', async () => {
    const body = registrationBody({ firstName: 'Lot', lastName: 'Maas' });
    await t.http('post', '/profiles/register', { tenant: a.key, body });
    await t.settled();
    expect((await login(body.email, NEW_PASSWORD)).status).toBe(401);
    await ask(body.email);
    expect((await confirm(await mailedToken(body.email))).status).toBe(200);
    const [row] = await t
      .get(TenantDb)
      .forTenant(a, (tx) =>
        tx.query<{ verified_at: Date | null }>(
          `SELECT email_verified_at AS verified_at FROM accounts WHERE tenant_id = $1 AND email = $2`,
          [tx.tenantId, body.email],
        ),
      );
    expect(row.verified_at).toEqual(clock.now());
    expect((await login(body.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('names a weak password and leaves the link usable', async () => {
    const account = await t.createAccount(a, ['staff']);
    await ask(account.email);
    const token = await mailedToken(account.email);
    const weak = await confirm(token, 'short');
    expect(weak.status).toBe(422);
    expect(weak.body.errors).toEqual([
      { field: 'password', reason: 'must be at least 12 characters' },
    ]);
    expect((await confirm(token)).status).toBe(200);
  });

  it('ends the sign-in delay of the address', async () => {
    const account = await t.createAccount(a, ['staff']);
    for (let i = 0; i < 5; i++) await login(account.email, 'not-the-right-password');
    expect((await login(account.email, account.password)).status).toBe(429);
    await ask(account.email);
    expect((await confirm(await mailedToken(account.email))).status).toBe(200);
    expect((await login(account.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('using one link ends every other open link of the account', async () => {
    const account: TestAccount = await t.createAccount(a, ['staff']);
    await ask(account.email);
    const first = await mailedToken(account.email);
    await ask(account.email);
    const second = await mailedToken(account.email);
    expect(second).not.toBe(first);
    expect((await confirm(second)).status).toBe(200);
    expect((await confirm(first, 'yet-another-passphrase')).status).toBe(400);
  });

  it('refuses a link in another tenant, and sends a disabled account nothing', async () => {
    const account = await t.createAccount(a, ['staff']);
    await ask(account.email);
    const token = await mailedToken(account.email);
    expect((await confirm(token, NEW_PASSWORD, b)).status).toBe(400);
    const disabled = await t.createAccount(a, ['staff']);
    await t
      .get(TenantDb)
      .forTenant(a, (tx) =>
        tx.query(`UPDATE accounts SET status = 'disabled' WHERE tenant_id = $1 AND id = $2`, [
          tx.tenantId,
          disabled.id,
        ]),
      );
    expect((await ask(disabled.email)).status).toBe(202);
    await t.get(MailDeliveryService).deliverDue(50, a);
    expect(smtp.to(disabled.email)).toHaveLength(0);
  });
});
