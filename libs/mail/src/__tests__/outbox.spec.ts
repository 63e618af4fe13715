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

  it('erasing a person removes their opt-outs and complaints; a hard bounce stays, as a hash linked to no one', async () => {
    const person = await t.createAccount(tenant, ['jobseeker']);
    const hash = (a: string) => addressHash(tenant.id, a);
    await inTenant((tx) =>
      tx.query(
        `INSERT INTO mail_suppressions (tenant_id, address_hash, category, reason, person_id, created_at)
         VALUES ($1, $2, 'newsletter', 'unsubscribed', $3, now()), ($1, $2, 'reminder', 'complaint', NULL, now()),
                ($1, $4, '*', 'hard-bounce', $3, now())`,
        [tx.tenantId, hash(person.email), person.id, hash('dead-' + person.email)],
      ),
    );
    await t.inTenant(tenant, () => t.get(ErasureService).erase(person.id, 'test'));
    const left = await inTenant<{ address_hash: string; reason: string; person_id: string | null }[]>((tx) =>
      tx.query(`SELECT address_hash, reason, person_id FROM mail_suppressions WHERE tenant_id = $1 AND address_hash = ANY($2)`, [
        tx.tenantId,
        [hash(person.email), hash('dead-' + person.email)],
      ]),
    );
    expect(left).toEqual([{ address_hash: hash('dead-' + person.email), reason: 'hard-bounce', person_id: null }]);
  });

  it('erasing a person removes mail sent to others about them, and only that', async () => {
    const person = await t.createAccount(tenant, ['jobseeker']);
    const other = await t.createAccount(tenant, ['jobseeker']);
    const employer = address();
    await inTenant((tx) => t.get(MailService).enqueue(tx, verify(employer, { about: person.id })));
    await inTenant((tx) => t.get(MailService).enqueue(tx, verify(employer, { about: other.id })));
    await t.inTenant(tenant, () => t.get(ErasureService).erase(person.id, 'test'));
    const left = await inTenant<{ about_person_id: string }[]>((tx) =>
      tx.query(`SELECT about_person_id FROM mail_messages WHERE tenant_id = $1 AND recipient_address = $2`, [tx.tenantId, employer]),
    );
    expect(left).toEqual([{ about_person_id: other.id }]);
  });

  it.each(['sent', 'failed', 'unconfirmed', 'bounced'])(
    'a mail that must forget its recipient keeps no address, hash, person or variables once %s',
    async (status) => {
      const to = address();
      const { messageId } = await inTenant<{ messageId: string }>((tx) =>
        t.get(MailService).enqueue(tx, verify(to, { forgetRecipient: true, to: { address: to, personId: null } })),
      );
      const record = () =>
        inTenant<Record<string, unknown>[]>((tx) =>
          tx.query(`SELECT recipient_address, address_hash, person_id, variables, status FROM mail_messages WHERE tenant_id = $1 AND id = $2`, [
            tx.tenantId,
            messageId,
          ]),
        );
      // Until it is final it has what delivery needs.
      expect((await record())[0]).toMatchObject({ recipient_address: to, status: 'queued', variables: expect.any(Object) });
      await inTenant((tx) =>
        tx.query(`UPDATE mail_messages SET status = $3, finished_at = now() WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, messageId, status]),
      );
      expect(await record()).toEqual([{ recipient_address: null, address_hash: null, person_id: null, variables: null, status }]);
    },
  );

  it('a record that is not final always keeps its recipient, and an ordinary final record keeps it too', async () => {
    const to = address();
    const { messageId } = await inTenant<{ messageId: string }>((tx) => t.get(MailService).enqueue(tx, verify(to)));
    await expect(
      inTenant((tx) => tx.query(`UPDATE mail_messages SET recipient_address = NULL WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, messageId])),
    ).rejects.toThrow(/mail_messages_recipient_until_final/);
    await inTenant((tx) => tx.query(`UPDATE mail_messages SET status = 'sent' WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, messageId]));
    expect(await rows(to)).toHaveLength(1);
  });

  it('keeps no e-mail address in the error text of a mail record', async () => {
    const to = address();
    const { messageId } = await inTenant<{ messageId: string }>((tx) => t.get(MailService).enqueue(tx, verify(to)));
    await inTenant((tx) =>
      tx.query(`UPDATE mail_messages SET last_error = $3 WHERE tenant_id = $1 AND id = $2`, [
        tx.tenantId,
        messageId,
        `550 5.1.1 <${to}>: Recipient address rejected (${to.toUpperCase()})`,
      ]),
    );
    const [row] = await inTenant<{ last_error: string }[]>((tx) =>
      tx.query(`SELECT last_error FROM mail_messages WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, messageId]),
    );
    expect(row.last_error).toBe('550 5.1.1 <<address>>: Recipient address rejected (<address>)');
  });

  it('a hard bounce of a mail that forgot its recipient (the last mail to an erased person) suppresses nothing', async () => {
    const to = address();
    const { messageId } = await inTenant<{ messageId: string }>((tx) => t.get(MailService).enqueue(tx, verify(to, { forgetRecipient: true })));
    await inTenant((tx) => tx.query(`UPDATE mail_messages SET status = 'failed' WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, messageId]));
    await inTenant((tx) => t.get(MailBouncesService).hardBounce(tx, { address: to, messageId, status: '5.1.1' }));
    const kept = await inTenant<unknown[]>((tx) =>
      tx.query(`SELECT 1 FROM mail_suppressions WHERE tenant_id = $1 AND address_hash = $2`, [tx.tenantId, addressHash(tx.tenantId, to)]),
    );
    expect(kept).toEqual([]);
  });
});
