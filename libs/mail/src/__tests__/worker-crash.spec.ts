import { setTimeout as delay } from 'node:timers/promises';
import { TestApp } from '../../../../test/support/test-app.js';
import type { INestApplicationContext } from '@nestjs/common';
import {
  spawnMailWorker,
  stopMailWorker,
  type WorkerProcess,
} from '../../../../test/support/mail-worker.js';
import { AheadClock } from '../../../../test/support/ahead-clock.js';
import { createWorkerApp } from '../../../platform/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { MailService } from '../mail.service.js';
import { mailTestTenant } from './support/mail-test-tenant.js';
import { SmtpCapture, header } from './support/smtp-capture.js';

/** The worker process's own tenant definition: it serves this test's tenant and no other file's mail. */
const KEY = 'mail-crash-test';
const MAILS = 2000;
const CONNECTIONS = 5;
const LEASE_SECONDS = 30;
/** The server's 250th message: mid-way through the worker's third claim of 100. */
const KILL_AT = 250;

interface Row {
  id: string;
  status: string;
  handed_off: boolean;
  message_id_header: string;
}

describe('a worker process killed with SIGKILL mid-batch', () => {
  const { definition } = mailTestTenant(KEY);
  let smtp: SmtpCapture;
  let api: TestApp;
  let tenant: TenantRef;
  let killed: WorkerProcess | undefined;
  let restarted: INestApplicationContext | undefined;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    api = await TestApp.boot({ tenants: [definition], env: { SMTP_URL: smtp.url } });
    tenant = await api.createTenant(KEY);
  });
  afterAll(async () => {
    await stopMailWorker(killed);
    await restarted?.close();
    await api?.close();
    await smtp?.close();
  });

  const rows = () =>
    api
      .get(TenantDb)
      .forTenant(tenant, (tx) =>
        tx.query<Row>(
          `SELECT id, status, handed_off_at IS NOT NULL AS handed_off, message_id_header FROM mail_messages WHERE tenant_id = $1`,
          [tx.tenantId],
        ),
      );
  const ids = (all: Row[], test: (r: Row) => boolean) =>
    all
      .filter(test)
      .map((r) => r.id)
      .sort();

  /** Until the worker has ended every mail (none queued or in a lease), or the time is up. */
  async function drained(timeoutMs: number): Promise<Row[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const all = await rows();
      if (!all.some((r) => r.status === 'queued' || r.status === 'sending')) return all;
      if (Date.now() > until) throw new Error(`mail still open after ${timeoutMs} ms`);
      await delay(100);
    }
  }

  it('after a restart every mail went out exactly once, except those in the SMTP conversation at the kill: those are unconfirmed, none twice', async () => {
    const env = {
      SMTP_URL: smtp.url,
      MAIL_SMTP_CONNECTIONS: String(CONNECTIONS),
      MAIL_SEND_LEASE_SECONDS: String(LEASE_SECONDS),
      MAIL_POLL_INTERVAL_MS: '200',
      LOG_LEVEL: 'warn',
    };
    // The worker process loads its modules (the slow part) while the mail is queued.
    [killed] = await Promise.all([
      spawnMailWorker({ tenantKey: KEY, prepared: api.prepared, env }),
      (async () => {
        for (let i = 0; i < MAILS; i += 200)
          await api.get(TenantDb).forTenant(tenant, async (tx) => {
            for (let j = i; j < i + 200; j++)
              await api.get(MailService).enqueue(tx, {
                template: 'profile-reconfirm',
                to: { address: `crash-${j}@example.test`, locale: 'en' },
                variables: {
                  name: `Person ${j}`,
                  confirmUrl: 'https://kb.example/confirm?t=abc',
                  deadline: '1 April 2026',
                },
              });
          });
      })(),
    ]);

    // A slow server; at its 250th message the worker is killed while that message awaits its answer.
    let answered = 0;
    const kill = new Promise<void>((resolve) => {
      smtp.beforeAnswer = async () => {
        await delay(2);
        if (++answered !== KILL_AT) return;
        killed!.child.kill('SIGKILL');
        resolve();
      };
    });
    await killed!.start();
    await kill;
    expect(await killed!.exited).toBe('SIGKILL');

    const atKill = await rows();
    const inConversation = ids(atKill, (r) => r.status === 'sending' && r.handed_off);
    const claimedNotHandedOver = ids(atKill, (r) => r.status === 'sending' && !r.handed_off);
    // Killed mid-batch: one round was with the server, and the rest of the claim was not handed over yet.
    expect(inConversation.length).toBeGreaterThan(0);
    expect(inConversation.length).toBeLessThanOrEqual(CONNECTIONS);
    expect(claimedNotHandedOver.length).toBeGreaterThan(0);

    // The worker restarted, with its clock past the dead one's leases. It needs no process of its own:
    // what had to be real was the kill (no clean-up runs, the kernel cuts its connections).
    smtp.beforeAnswer = () => undefined;
    ({ app: restarted } = await createWorkerApp({
      tenants: [definition],
      env: { ...process.env, ...env },
      prepared: api.prepared,
      clock: new AheadClock((LEASE_SECONDS + 1) * 1000),
    }));
    const final = await drained(90_000);
    await restarted.close();
    restarted = undefined;

    const deliveries = new Map<string, number>();
    for (const m of smtp.received) {
      const messageId = header(m.raw, 'Message-ID')!;
      deliveries.set(messageId, (deliveries.get(messageId) ?? 0) + 1);
    }
    const unconfirmed = ids(final, (r) => r.status === 'unconfirmed');
    const lost = ids(final, (r) => !deliveries.has(r.message_id_header));
    const duplicates = [...deliveries.values()].filter((n) => n > 1).length;

    expect(final).toHaveLength(MAILS);
    expect(ids(final, (r) => r.status !== 'sent' && r.status !== 'unconfirmed')).toEqual([]);
    expect(duplicates).toBe(0);
    expect(smtp.received).toHaveLength(deliveries.size);
    // Exactly the mails with the server at the kill are unconfirmed; every other one was sent once.
    expect(unconfirmed).toEqual(inConversation);
    for (const r of final)
      if (r.status === 'sent') expect(deliveries.get(r.message_id_header)).toBe(1);
    // What never arrived was in the conversation the kill cut off; the rest of the claim was queued again and sent.
    expect(lost.every((id) => inConversation.includes(id))).toBe(true);
    expect(ids(final, (r) => claimedNotHandedOver.includes(r.id) && r.status === 'sent')).toEqual(
      claimedNotHandedOver,
    );
  }, 150_000);
});
