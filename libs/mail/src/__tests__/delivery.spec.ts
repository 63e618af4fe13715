import { TestApp } from '../../../../test/support/test-app.js';
import { FixedClock } from '../../../config/src/clock.js';
import { TenantDb, type TenantTx } from '../../../database/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import { MailService, type OutgoingMail } from '../mail.service.js';
import { MailDeliveryService } from '../mail-delivery.service.js';
import { MailOutboxStore } from '../mail-outbox.store.js';
import { ErasureService } from '../../../privacy/src/erasure.service.js';
import { returning } from '../returning.js';
import { SmtpCapture, decodeHtml, header, part } from './support/smtp-capture.js';
import { mailTestTenant } from './support/mail-test-tenant.js';

describe('mail delivery over SMTP', () => {
  const clock = new FixedClock('2026-03-02T09:00:00Z');
  const { definition, hardBounces } = mailTestTenant();
  let smtp: SmtpCapture;
  let t: TestApp;
  let tenant: TenantRef;
  let n = 0;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({
      clock,
      tenants: [kandidatenbank, definition],
      env: { SMTP_URL: smtp.url, MAIL_MAX_ATTEMPTS: '3', MAIL_RETRY_BASE_SECONDS: '60', MAIL_SEND_LEASE_SECONDS: '120' },
    });
    tenant = await t.createTenant('mail-test');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  beforeEach(() => {
    smtp.rcpt = () => null;
    smtp.data = () => null;
    smtp.dropAfterData = () => false;
  });

  const address = () => `person-${++n}-${Date.now()}@example.test`;
  const enqueue = (mail: OutgoingMail) => t.get(TenantDb).forTenant(tenant, (tx) => t.get(MailService).enqueue(tx, mail));
  const deliver = () => t.get(MailDeliveryService).deliverDue(50, tenant);
  const reminder = (to: string, extra: Partial<OutgoingMail> = {}): OutgoingMail => ({
    template: 'profile-reconfirm',
    to: { address: to, locale: 'en' },
    variables: { name: 'Sam', confirmUrl: 'https://kb.example/confirm?t=abc', deadline: '1 April 2026' },
    ...extra,
  });
  const status = (messageId: string) =>
    t.get(TenantDb).forTenant(tenant, async (tx) => {
      const [row] = await tx.query<{ status: string; attempts: number; variables: unknown; next_attempt_at: Date; provider_message_id: string | null }>(
        `SELECT status, attempts, variables, next_attempt_at, provider_message_id FROM mail_messages WHERE tenant_id = $1 AND id = $2`,
        [tx.tenantId, messageId],
      );
      return row;
    });

  it('sends a reminder with an HTML and a plain-text part, the tenant branding and one-click unsubscribe headers', async () => {
    const to = address();
    const { messageId } = await enqueue(reminder(to));
    const report = await deliver();
    expect(report).toMatchObject({ sent: 1 });
    const [mail] = smtp.to(to);
    expect(header(mail.raw, 'From')).toBe('Kandidatenbank <noreply@kandidatenbank.example>');
    expect(header(mail.raw, 'Subject')).toBe('Is your profile still up to date?');
    expect(header(mail.raw, 'Message-ID')).toBe(`<${messageId}@kandidatenbank.example>`);
    expect(header(mail.raw, 'Content-Type')).toMatch(/^multipart\/alternative/);
    const unsubscribe = header(mail.raw, 'List-Unsubscribe');
    expect(unsubscribe).toMatch(new RegExp(`^<http://localhost:3000/mail/t/${tenant.key}/unsubscribe\\?token=[A-Za-z0-9_-]+>$`));
    expect(header(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const html = decodeHtml(part(mail.raw, 'text/html')!);
    const text = part(mail.raw, 'text/plain')!;
    expect(html).toContain('Hello Sam,');
    expect(html).toContain('href="https://kb.example/confirm?t=abc"');
    expect(html).toContain('#0b5394');
    expect(html).toContain('You receive this e-mail because you have a profile in the candidate bank.');
    expect(html).toContain(`href="${unsubscribe!.slice(1, -1)}"`);
    expect(text).toContain('Hello Sam,');
    expect(text).toContain('Keep my profile active: https://kb.example/confirm?t=abc');
    expect(text).toContain(`Unsubscribe (free of charge): ${unsubscribe!.slice(1, -1)}`);
    const row = await status(messageId);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, variables: null });
    expect(row.provider_message_id).toMatch(/^TEST\d+$/);
  });

  it('keeps its SMTP session between batches, and opens a new one when the server has hung up on the idle one (no retry, no delay)', async () => {
    await deliver();
    const first = await enqueue(reminder(address()));
    expect(await deliver()).toMatchObject({ sent: 1 });
    const opened = smtp.connections;
    await enqueue(reminder(address()));
    expect(await deliver()).toMatchObject({ sent: 1, retried: 0 });
    expect(smtp.connections).toBe(opened);
    await smtp.hangUpIdle();
    const after = await enqueue(reminder(address()));
    expect(await deliver()).toMatchObject({ sent: 1, retried: 0 });
    expect(smtp.connections).toBe(opened + 1);
    expect((await status(after.messageId)).status).toBe('sent');
    expect((await status(first.messageId)).status).toBe('sent');
  });

  it('sends transactional mail without unsubscribe headers or link, in the requested locale', async () => {
    const to = address();
    await enqueue({ template: 'verify-email', to: { address: to, locale: 'nl' }, variables: { name: 'Sam', verifyUrl: 'https://kb.example/v' } });
    await deliver();
    const [mail] = smtp.to(to);
    expect(header(mail.raw, 'Subject')).toBe('Bevestig je e-mailadres');
    expect(header(mail.raw, 'List-Unsubscribe')).toBeNull();
    expect(part(mail.raw, 'text/html')).not.toContain('/unsubscribe');
    expect(part(mail.raw, 'text/plain')).toContain('Hallo Sam,');
  });

  it("uses a brand's own sender and colour when the mail is sent for that brand", async () => {
    const to = address();
    await enqueue(reminder(to, { brand: 'techniek' }));
    await deliver();
    const [mail] = smtp.to(to);
    expect(header(mail.raw, 'From')).toBe('Techniek Banen <jobs@techniek.example>');
    expect(part(mail.raw, 'text/html')).toContain('#aa3300');
  });

  it('retries a temporary failure with back-off and marks the mail failed after the last try', async () => {
    const to = address();
    smtp.data = (m) => (m.to.includes(to) ? { code: 451, message: '4.3.0 try again later' } : null);
    const { messageId } = await enqueue(reminder(to));
    expect(await deliver()).toMatchObject({ retried: 1, sent: 0 });
    let row = await status(messageId);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.next_attempt_at.toISOString()).toBe('2026-03-02T09:01:00.000Z');

    expect(await deliver()).toMatchObject({ claimed: 0 });
    clock.advance(60_000);
    expect(await deliver()).toMatchObject({ retried: 1 });
    row = await status(messageId);
    expect(row.next_attempt_at.getTime() - clock.now().getTime()).toBe(120_000);

    clock.advance(120_000);
    expect(await deliver()).toMatchObject({ failed: 1 });
    expect(await status(messageId)).toMatchObject({ status: 'failed', attempts: 3, variables: null });
    expect(smtp.to(to)).toHaveLength(0);
  });

  it('recovers after a temporary failure and delivers once', async () => {
    const to = address();
    let refusals = 1;
    smtp.data = (m) => (m.to.includes(to) && refusals-- > 0 ? { code: 421, message: '4.7.0 busy' } : null);
    const { messageId } = await enqueue(reminder(to));
    await deliver();
    clock.advance(60_000);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(smtp.to(to)).toHaveLength(1);
    expect(await status(messageId)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a worker killed between the SMTP send and recording it does not make the mail go out twice', async () => {
    const to = address();
    const { messageId } = await enqueue(reminder(to));
    const delivery = t.get(MailDeliveryService);
    // Worker A claims, marks the mail as handed over and sends it, then "dies": the outcome is never written.
    const claimed = await t.get(TenantDb).forTenant(tenant, (tx) => delivery.claim(tx, 50));
    const mine = claimed.filter((c) => c.id === messageId);
    expect(mine).toHaveLength(1);
    expect(await t.get(TenantDb).forTenant(tenant, (tx) => delivery.handOff(tx, [messageId]))).toEqual(new Set([messageId]));
    const { SmtpMailTransport } = await import('../mail-transport.js');
    const session = await new SmtpMailTransport(smtp.url).open();
    await session.send(delivery.compose(tenant, mine[0]));
    await session.close();
    expect(smtp.to(to)).toHaveLength(1);
    expect(await status(messageId)).toMatchObject({ status: 'sending' });

    // A restarted worker, before the lease ran out: leaves it alone.
    expect(await deliver()).toMatchObject({ claimed: 0, unconfirmed: 0 });
    // After the lease: closes it as unconfirmed, and never sends it again.
    clock.advance(121_000);
    expect(await deliver()).toMatchObject({ claimed: 0, unconfirmed: 1 });
    expect(await status(messageId)).toMatchObject({ status: 'unconfirmed', variables: null });
    clock.advance(3_600_000);
    await deliver();
    expect(smtp.to(to)).toHaveLength(1);
  });

  it('a worker killed after its claim but before handing the mails over loses none: they are queued again and sent once', async () => {
    const recipients = Array.from({ length: 3 }, () => address());
    const ids = [];
    for (const to of recipients) ids.push((await enqueue(reminder(to))).messageId);
    const delivery = t.get(MailDeliveryService);
    // Worker A claims the batch and "dies" before the first hand-off.
    const claimed = await t.get(TenantDb).forTenant(tenant, (tx) => delivery.claim(tx, 50));
    expect(claimed.map((c) => c.id)).toEqual(expect.arrayContaining(ids));
    expect(await deliver()).toMatchObject({ claimed: 0, requeued: 0 });

    clock.advance(121_000);
    const report = await deliver();
    expect(report).toMatchObject({ requeued: claimed.length, unconfirmed: 0, sent: claimed.length });
    for (const id of ids) expect(await status(id)).toMatchObject({ status: 'sent', variables: null });
    clock.advance(3_600_000);
    await deliver();
    for (const to of recipients) expect(smtp.to(to)).toHaveLength(1);
  });

  it('a claimed mail whose lease ran out is not handed over by its slow first worker once it is queued again', async () => {
    const to = address();
    const { messageId } = await enqueue(reminder(to));
    const slow = t.get(MailDeliveryService);
    await t.get(TenantDb).forTenant(tenant, (tx) => slow.claim(tx, 50));
    clock.advance(121_000);
    // Another worker finds the lease run out: the mail was never handed over, so it is queued again and sent.
    const other = await TestApp.boot({ clock, tenants: [kandidatenbank, definition], env: { SMTP_URL: smtp.url } });
    try {
      expect(await other.get(MailDeliveryService).deliverDue(50, tenant)).toMatchObject({ requeued: 1, sent: 1 });
    } finally {
      await other.close();
    }
    // The first worker wakes up: the hand-off mark refuses, so it never sends the mail a second time.
    expect(await t.get(TenantDb).forTenant(tenant, (tx) => slow.handOff(tx, [messageId]))).toEqual(new Set());
    expect(smtp.to(to)).toHaveLength(1);
  });

  it('a message is completed only once its hand-off is recorded: withdrawn before its end of DATA, the server never takes it', async () => {
    const [withdrawnTo, keptTo] = [address(), address()];
    const withdrawn = await enqueue(reminder(withdrawnTo));
    const kept = await enqueue(reminder(keptTo));
    const delivery = t.get(MailDeliveryService);
    const claimed = await t.get(TenantDb).forTenant(tenant, (tx) => delivery.claim(tx, 50));
    const message = (id: string) => delivery.compose(tenant, claimed.find((c) => c.id === id)!);
    const { SmtpMailTransport, ABANDONED } = await import('../mail-transport.js');
    const transport = new SmtpMailTransport(smtp.url);

    let record!: (ok: boolean) => void;
    const session = await transport.open();
    const sending = session.send(message(withdrawn.messageId), new Promise<boolean>((resolve) => (record = resolve)));
    // The envelope and content are on their way; the mark says this mail is not ours to send after all.
    await new Promise((resolve) => setTimeout(resolve, 50));
    record(false);
    await expect(sending).rejects.toMatchObject({ kind: 'temporary', code: ABANDONED });
    await session.close();

    const next = await transport.open();
    await next.send(message(kept.messageId), new Promise((resolve) => setTimeout(() => resolve(true), 50)));
    await next.close();
    expect(smtp.to(withdrawnTo)).toHaveLength(0);
    expect(smtp.to(keptTo)).toHaveLength(1);
    // Both rows stay claimed: their leases run out, the withdrawn one was never marked and is queued again.
    clock.advance(121_000);
    await deliver();
    expect(smtp.to(withdrawnTo)).toHaveLength(1);
  });

  it('a worker that stops mid-batch puts what it has not handed over back in the queue at once', async () => {
    const recipients = Array.from({ length: 12 }, () => address());
    const ids: string[] = [];
    for (const to of recipients) ids.push((await enqueue(reminder(to))).messageId);
    const stopping = await TestApp.boot({ clock, tenants: [kandidatenbank, definition], env: { SMTP_URL: smtp.url, MAIL_SMTP_CONNECTIONS: '2' } });
    let sentBeforeStop: number;
    try {
      const delivery = stopping.get(MailDeliveryService);
      // The first message the server sees is the moment the worker is told to stop.
      smtp.data = () => {
        delivery.onApplicationShutdown();
        return null;
      };
      const report = await delivery.deliverDue(50, tenant);
      expect(report.sent).toBeGreaterThanOrEqual(1);
      expect(report.sent).toBeLessThanOrEqual(2);
      const rows = await Promise.all(ids.map((id) => status(id)));
      expect(rows.filter((r) => r.status === 'sent')).toHaveLength(report.sent);
      expect(rows.filter((r) => r.status === 'queued')).toHaveLength(12 - report.sent);
      sentBeforeStop = report.sent;
    } finally {
      await stopping.close();
    }
    smtp.data = () => null;
    // No lease to wait for: the next run takes them at once.
    expect(await deliver()).toMatchObject({ claimed: 12 - sentBeforeStop, sent: 12 - sentBeforeStop });
    for (const to of recipients) expect(smtp.to(to)).toHaveLength(1);
  });

  it("a delivery round written for one tenant neither marks nor settles another tenant's mail", async () => {
    const other = await t.createTenant('mail-test');
    const victim = await t.get(TenantDb).forTenant(other, (tx) => t.get(MailService).enqueue(tx, reminder(address())));
    const [claimed] = await t.get(TenantDb).forTenant(other, (tx) => t.get(MailDeliveryService).claim(tx, 50));
    expect(claimed.id).toBe(victim.messageId);
    const owner = await t.get(TenantDb).forTenant(other, async (tx) => {
      const [row] = await tx.query<{ lease_owner: string }>(`SELECT lease_owner FROM mail_messages WHERE tenant_id = $1 AND id = $2`, [
        tx.tenantId,
        victim.messageId,
      ]);
      return row.lease_owner;
    });
    const now = clock.now();
    // The same worker, the right owner and the other tenant's id, but the round is this tenant's.
    const round = MailOutboxStore.roundStatement([{ id: victim.messageId, kind: 'failed', code: 'forged' }], [victim.messageId], {
      tenantId: tenant.id,
      now,
      owner,
      leaseUntil: new Date(now.getTime() + 3_600_000),
    });
    expect(await t.get(TenantDb).statementFor(tenant, round.sql, round.params)).toEqual([]);
    const row = await t.get(TenantDb).forTenant(other, async (tx) => {
      const [r] = await tx.query<{ status: string; handed_off_at: Date | null; last_error: string | null }>(
        `SELECT status, handed_off_at, last_error FROM mail_messages WHERE tenant_id = $1 AND id = $2`,
        [tx.tenantId, victim.messageId],
      );
      return r;
    });
    expect(row).toEqual({ status: 'sending', handed_off_at: null, last_error: null });
  });

  it('a connection lost after the message was handed over is not retried', async () => {
    const to = address();
    const { messageId } = await enqueue(reminder(to));
    // The server takes the mail, then the line drops before its answer reaches us.
    smtp.dropAfterData = (m) => m.to.includes(to);
    expect(await deliver()).toMatchObject({ unconfirmed: 1, retried: 0 });
    expect(await status(messageId)).toMatchObject({ status: 'unconfirmed' });
    clock.advance(3_600_000);
    await deliver();
    expect(smtp.to(to)).toHaveLength(1);
  });

  it('two workers running at once deliver each mail exactly once', async () => {
    const second = await TestApp.boot({ clock, tenants: [kandidatenbank, definition], env: { SMTP_URL: smtp.url } });
    try {
      const recipients = Array.from({ length: 12 }, () => address());
      for (const to of recipients) await enqueue(reminder(to));
      const reports = await Promise.all([
        deliver(),
        second.get(MailDeliveryService).deliverDue(50, tenant),
        deliver(),
        second.get(MailDeliveryService).deliverDue(50, tenant),
      ]);
      expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(12);
      for (const to of recipients) expect(smtp.to(to)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  describe('a run of several claims, the next taken while the previous is sent', () => {
    const rowsOf = (ids: readonly string[]) =>
      t.get(TenantDb).forTenant(tenant, (tx) =>
        tx.query<{ id: string; status: string }>(`SELECT id, status FROM mail_messages WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
          tx.tenantId,
          ids,
        ]),
      );

    it('claims again before the lanes run dry, and sends every mail once', async () => {
      await deliver();
      const recipients = Array.from({ length: 25 }, () => address());
      const ids: string[] = [];
      for (const to of recipients) ids.push((await enqueue(reminder(to))).messageId);
      // Held at the first answer: by then the lanes have taken half the first claim of 10, which starts the next.
      let claimedDuringFirstSend = 0;
      const before = smtp.received.length;
      smtp.beforeAnswer = async () => {
        if (smtp.received.length > before || claimedDuringFirstSend) return;
        for (let i = 0; i < 100 && claimedDuringFirstSend <= 10; i++) {
          claimedDuringFirstSend = (await rowsOf(ids)).filter((r) => r.status === 'sending').length;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      try {
        expect(await t.get(MailDeliveryService).deliverDue(25, tenant, 10)).toMatchObject({ claimed: 25, sent: 25, unconfirmed: 0, requeued: 0 });
      } finally {
        smtp.beforeAnswer = () => undefined;
      }
      expect(claimedDuringFirstSend).toBe(20);
      expect((await rowsOf(ids)).map((r) => r.status)).toEqual(ids.map(() => 'sent'));
      for (const to of recipients) expect(smtp.to(to)).toHaveLength(1);
    });

    it('a person erased while their mail waits in the next claim is never mailed: the hand-off mark refuses it', async () => {
      await deliver();
      const others = Array.from({ length: 12 }, () => address());
      const ids: string[] = [];
      for (const to of others) ids.push((await enqueue(reminder(to))).messageId);
      // Due a second later than the others, so it is in the second claim, never among the first ten.
      clock.advance(1000);
      const person = await t.createAccount(tenant, ['jobseeker']);
      const theirs = await enqueue(reminder(person.email, { to: { address: person.email, personId: person.id, personKind: 'jobseeker' } }));
      // At the first answer, once the next claim holds the person's mail (claimed, not handed over), they are erased.
      let erasedWhileClaimed = false;
      const eraseOnceClaimed = async () => {
        for (let i = 0; i < 100; i++) {
          const [row] = await rowsOf([theirs.messageId]);
          if (row?.status === 'sending') {
            await t.inTenant(tenant, () => t.get(ErasureService).erase(person.id, 'test'));
            erasedWhileClaimed = true;
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      // Every lane's first answer waits for the one erasure.
      let erasing: Promise<void> | null = null;
      const before = smtp.received.length;
      smtp.beforeAnswer = async () => {
        if (smtp.received.length > before) return;
        await (erasing ??= eraseOnceClaimed());
      };
      let report;
      try {
        report = await t.get(MailDeliveryService).deliverDue(20, tenant, 10);
      } finally {
        smtp.beforeAnswer = () => undefined;
      }
      expect(erasedWhileClaimed).toBe(true);
      expect(report).toMatchObject({ claimed: 13, sent: 12, unconfirmed: 0 });
      expect(smtp.to(person.email)).toHaveLength(0);
      expect(await rowsOf([theirs.messageId])).toEqual([]);
      for (const to of others) expect(smtp.to(to)).toHaveLength(1);
    });

    it('two workers running claims of a few at once deliver each mail exactly once', async () => {
      await deliver();
      const second = await TestApp.boot({ clock, tenants: [kandidatenbank, definition], env: { SMTP_URL: smtp.url } });
      try {
        const recipients = Array.from({ length: 40 }, () => address());
        for (const to of recipients) await enqueue(reminder(to));
        const reports = await Promise.all([
          t.get(MailDeliveryService).deliverDue(40, tenant, 6),
          second.get(MailDeliveryService).deliverDue(40, tenant, 6),
        ]);
        expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(40);
        expect(reports.reduce((sum, r) => sum + r.claimed, 0)).toBe(40);
        for (const to of recipients) expect(smtp.to(to)).toHaveLength(1);
      } finally {
        await second.close();
      }
    });
  });

  it('a recipient the server says does not exist is a hard bounce: suppressed, and the tenant is told', async () => {
    const person = await t.createAccount(tenant, ['jobseeker']);
    smtp.rcpt = (a) => (a === person.email ? { code: 550, message: '5.1.1 No such user here' } : null);
    const { messageId } = await enqueue(reminder(person.email, { to: { address: person.email, personId: person.id, personKind: 'jobseeker' } }));
    expect(await deliver()).toMatchObject({ failed: 1 });
    expect(hardBounces).toContainEqual({ address: person.email, personId: person.id, personKind: 'jobseeker' });
    // The tenant's handler erased the person (statement 003): their account and their mail are gone.
    const left = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(`SELECT id FROM accounts WHERE tenant_id = $1 AND id = $2 UNION ALL SELECT id FROM mail_messages WHERE tenant_id = $1 AND id = $3`, [
        tx.tenantId,
        person.id,
        messageId,
      ]),
    );
    expect(left).toEqual([]);
    const next = await enqueue({ template: 'verify-email', to: { address: person.email }, variables: { name: 'S', verifyUrl: 'https://x.test' } });
    expect(next.suppressed).toBe(true);
  });

  describe('the claim', () => {
    /**
     * The plan PostgreSQL chose for the former claim when the outbox's statistics were stale (it
     * thought the table empty): a nested loop that re-runs the `LIMIT n FOR UPDATE SKIP LOCKED`
     * subquery for every outbox row. Forced here, because a shared test database's statistics are
     * whatever autovacuum last left.
     */
    const RE_RUN_SUBQUERY = ['enable_hashjoin', 'enable_mergejoin', 'enable_material', 'enable_hashagg', 'enable_sort', 'enable_seqscan', 'enable_bitmapscan'];
    const FORMER_CLAIM = `UPDATE mail_messages m SET status = 'sending', lease_owner = 'former', updated_at = $2
        WHERE m.tenant_id = $1 AND m.status = 'queued'
          AND m.id IN (SELECT id FROM mail_messages
                        WHERE tenant_id = $1 AND status = 'queued' AND next_attempt_at <= $2
                        ORDER BY next_attempt_at LIMIT $3
                        FOR UPDATE SKIP LOCKED)
        RETURNING id`;

    class RolledBack extends Error {
      constructor(readonly count: number) {
        super('rolled back');
      }
    }

    /** Runs a claim under the forced plan and rolls it back, answering how many rows it took. */
    const claimedUnderThatPlan = async (own: TenantRef, claim: (tx: TenantTx) => Promise<unknown[]>) => {
      try {
        await t.get(TenantDb).forTenant(own, async (tx) => {
          for (const setting of RE_RUN_SUBQUERY) await tx.manager.query(`SET LOCAL ${setting} = off`);
          throw new RolledBack((await claim(tx)).length);
        });
      } catch (err) {
        if (err instanceof RolledBack) return err.count;
        throw err;
      }
      throw new Error('unreachable');
    };

    it('takes exactly the batch size, even under a plan that re-runs its subquery for every row', async () => {
      const own = await t.createTenant('mail-test');
      await t.get(TenantDb).forTenant(own, async (tx) => {
        for (let i = 0; i < 300; i++) await t.get(MailService).enqueue(tx, reminder(address()));
      });
      const now = clock.now();
      // The former statement took far more than it asked for (every row, when the index order lines up).
      const former = await claimedUnderThatPlan(own, async (tx) => returning(await tx.query(FORMER_CLAIM, [tx.tenantId, now, 100])));
      expect(former).toBeGreaterThan(100);
      expect(await claimedUnderThatPlan(own, (tx) => t.get(MailDeliveryService).claim(tx, 100))).toBe(100);
      // And with the planner's own choice, batch after batch: 100, 100, 100, then nothing.
      const sizes = [];
      for (let i = 0; i < 4; i++) sizes.push((await t.get(TenantDb).forTenant(own, (tx) => t.get(MailDeliveryService).claim(tx, 100))).length);
      expect(sizes).toEqual([100, 100, 100, 0]);
    });
  });
});
