import { TestApp } from '../../../../test/support/test-app.js';
import { FixedClock } from '../../../config/src/clock.js';
import { TenantDb } from '../../../database/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { ErasureService } from '../../../privacy/src/erasure.service.js';
import { PersonDataRegistry } from '../../../privacy/src/person-data.registry.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import { MailService, type OutgoingMail } from '../mail.service.js';
import { MailBouncesService } from '../mail-bounces.service.js';
import { MailRecordsService } from '../mail-records.service.js';
import { addressHash } from '../address.js';

describe('the mail outbox', () => {
  const clock = new FixedClock('2026-03-02T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let n = 0;

  beforeAll(async () => {
    t = await TestApp.boot({ clock, tenants: [kandidatenbank] });
    tenant = await t.createTenant('kandidatenbank');
  });
  afterAll(async () => t?.close());

  const address = () => `outbox-${++n}-${Date.now()}@example.test`;
  const verify = (to: string, extra: Partial<OutgoingMail> = {}): OutgoingMail => ({
    template: 'verify-email',
    to: { address: to },
    variables: { name: 'Sam', verifyUrl: 'https://kb.example/v' },
    ...extra,
  });
  const inTenant = <T>(fn: Parameters<TenantDb['forTenant']>[1]) => t.get(TenantDb).forTenant(tenant, fn) as Promise<T>;
  const rows = (address: string) =>
    inTenant<{ id: string; status: string; person_id: string | null }[]>((tx) =>
      tx.query(`SELECT id, status, person_id FROM mail_messages WHERE tenant_id = $1 AND recipient_address = $2`, [tx.tenantId, address]),
    );

  it('a mail enqueued in a committed transaction is in the outbox, queued', async () => {
    const to = address();
    const res = await inTenant<{ messageId: string; suppressed: boolean }>((tx) => t.get(MailService).enqueue(tx, verify(to.toUpperCase())));
    expect(res.suppressed).toBe(false);
    expect(await rows(to)).toEqual([{ id: res.messageId, status: 'queued', person_id: null }]);
  });

  it('a mail enqueued in a transaction that rolls back leaves nothing behind', async () => {
    const to = address();
    await expect(
      inTenant(async (tx) => {
        await t.get(MailService).enqueue(tx, verify(to));
        throw new Error('the change fails after the mail was enqueued');
      }),
    ).rejects.toThrow('the change fails');
    expect(await rows(to)).toEqual([]);
  });

  it('the same idempotency key enqueues one mail, however often it is called', async () => {
    const to = address();
    const key = `verify:${to}`;
    const first = await inTenant<{ messageId: string }>((tx) => t.get(MailService).enqueue(tx, verify(to, { idempotencyKey: key })));
    const again = await inTenant<{ messageId: string }>((tx) => t.get(MailService).enqueue(tx, verify(to, { idempotencyKey: key })));
    expect(again.messageId).toBe(first.messageId);
    expect(await rows(to)).toHaveLength(1);
  });

  it('a mail to a suppressed address is recorded as suppressed and never queued', async () => {
    const to = address();
    await inTenant((tx) => t.get(MailBouncesService).hardBounce(tx, { address: to, status: '5.1.1' }));
    const res = await inTenant<{ suppressed: boolean }>((tx) => t.get(MailService).enqueue(tx, verify(to)));
    expect(res.suppressed).toBe(true);
    expect((await rows(to)).map((r) => r.status)).toEqual(['suppressed']);
  });

  it("erasing a person removes their queued and recorded mail, also mail sent without their id, and unlinks their opt-outs", async () => {
    const person = await t.createAccount(tenant, ['jobseeker']);
    await inTenant((tx) => t.get(MailService).enqueue(tx, verify(person.email, { to: { address: person.email, personId: person.id, personKind: 'jobseeker' } })));
    await inTenant((tx) => t.get(MailService).enqueue(tx, verify(person.email)));
    await inTenant((tx) => t.get(MailBouncesService).hardBounce(tx, { address: 'other-' + person.email, status: '5.1.1' }));
    await inTenant((tx) =>
      tx.query(`UPDATE mail_suppressions SET person_id = $2 WHERE tenant_id = $1 AND person_id IS NULL`, [tx.tenantId, person.id]),
    );
    expect(await rows(person.email)).toHaveLength(2);

    await t.inTenant(tenant, () => t.get(ErasureService).erase(person.id, 'test'));

    expect(await rows(person.email)).toEqual([]);
    const linked = await inTenant<unknown[]>((tx) =>
      tx.query(`SELECT 1 FROM mail_suppressions WHERE tenant_id = $1 AND person_id = $2`, [tx.tenantId, person.id]),
    );
    expect(linked).toEqual([]);
  });

  it('erasing many people at once removes exactly their mail and unlinks only their opt-outs', async () => {
    const gone = [await t.createAccount(tenant, ['jobseeker']), await t.createAccount(tenant, ['jobseeker'])];
    const kept = await t.createAccount(tenant, ['jobseeker']);
    for (const p of [...gone, kept]) {
      await inTenant((tx) => t.get(MailService).enqueue(tx, verify(p.email, { to: { address: p.email, personId: p.id, personKind: 'jobseeker' } })));
      await inTenant((tx) => t.get(MailService).enqueue(tx, verify(p.email)));
      await inTenant((tx) => t.get(MailBouncesService).hardBounce(tx, { address: 'other-' + p.email, status: '5.1.1' }));
      await inTenant((tx) =>
        tx.query(`UPDATE mail_suppressions SET person_id = $2 WHERE tenant_id = $1 AND address_hash = $3`, [
          tx.tenantId,
          p.id,
          addressHash(tx.tenantId, 'other-' + p.email),
        ]),
      );
    }
    const linked = (id: string) =>
      inTenant<unknown[]>((tx) => tx.query(`SELECT 1 FROM mail_suppressions WHERE tenant_id = $1 AND person_id = $2`, [tx.tenantId, id]));
    const mail = t.get(PersonDataRegistry).all().find((h) => h.name === 'mail')!;
    expect(mail.eraseMany).toBeDefined();
    for (const p of [...gone, kept]) expect(await linked(p.id)).toHaveLength(1);

    await inTenant((tx) => mail.eraseMany!(tx, gone.map((p) => p.id)));

    for (const p of gone) {
      expect(await rows(p.email)).toEqual([]);
      expect(await linked(p.id)).toEqual([]);
    }
    expect(await rows(kept.email)).toHaveLength(2);
    expect(await linked(kept.id)).toHaveLength(1);
  });

  it('keeps the record of a finished mail for the retention period only, and never its variables', async () => {
    const to = address();
    const { messageId } = await inTenant<{ messageId: string }>((tx) => t.get(MailService).enqueue(tx, verify(to)));
    await inTenant((tx) =>
      tx.query(`UPDATE mail_messages SET status = 'sent', variables = NULL, finished_at = $3 WHERE tenant_id = $1 AND id = $2`, [
        tx.tenantId,
        messageId,
        clock.now(),
      ]),
    );
    const purge = () => inTenant<number>((tx) => t.get(MailRecordsService).purgeFinished(tx));
    clock.advanceDays(179);
    await purge();
    expect(await rows(to)).toHaveLength(1);
    clock.advanceDays(2);
    await purge();
    expect(await rows(to)).toEqual([]);
  });

  it('keeps no readable address in the suppression list', async () => {
    const to = address();
    await inTenant((tx) => t.get(MailBouncesService).hardBounce(tx, { address: to }));
    const found = await inTenant<unknown[]>((tx) =>
      tx.query(`SELECT 1 FROM mail_suppressions s WHERE s.tenant_id = $1 AND s::text ILIKE $2`, [tx.tenantId, `%${to}%`]),
    );
    expect(found).toEqual([]);
  });
});
