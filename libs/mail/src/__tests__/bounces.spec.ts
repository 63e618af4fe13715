import { TestApp } from '../../../../test/support/test-app.js';
import { TenantDb } from '../../../database/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import { MailService } from '../mail.service.js';
import { mailTestTenant } from './support/mail-test-tenant.js';

const SECRET = 'bounce-secret-for-the-tests-0123';

function dsn(recipient: string, status: string, messageId: string): string {
  return [
    '--BOUNDARY',
    'Content-Type: text/plain',
    '',
    'Delivery to the following recipient failed permanently.',
    '--BOUNDARY',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    'Arrival-Date: Mon, 2 Mar 2026 09:00:00 +0000',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    'Action: failed',
    `Status: ${status}`,
    `Diagnostic-Code: smtp; 550 ${status} mailbox unavailable`,
    '',
    '--BOUNDARY',
    'Content-Type: text/rfc822-headers',
    '',
    'From: Kandidatenbank <noreply@kandidatenbank.example>',
    `To: ${recipient}`,
    `Message-ID: ${messageId}`,
    'Subject: Is je profiel nog actueel?',
    '',
    '--BOUNDARY--',
    '',
  ].join('\r\n');
}

describe('bounces', () => {
  const { definition, hardBounces } = mailTestTenant();
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot({ tenants: [kandidatenbank, definition], env: { BOUNCE_WEBHOOK_SECRET: SECRET } });
    tenant = await t.createTenant('mail-test');
  });
  afterAll(async () => t?.close());

  const jobseekerWithReminder = async () => {
    const person = await t.createAccount(tenant, ['jobseeker']);
    const { messageId } = await t.get(TenantDb).forTenant(tenant, (tx) =>
      t.get(MailService).enqueue(tx, {
        template: 'profile-reconfirm',
        to: { address: person.email, personId: person.id, personKind: 'jobseeker' },
        variables: { name: 'Sam', confirmUrl: 'https://kb.example/c', deadline: '1 April 2026' },
      }),
    );
    const [row] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ message_id_header: string }>(`SELECT message_id_header FROM mail_messages WHERE tenant_id = $1 AND id = $2`, [
        tx.tenantId,
        messageId,
      ]),
    );
    return { person, messageId, header: row.message_id_header };
  };
  const accountExists = (id: string) =>
    t.get(TenantDb).forTenant(tenant, async (tx) => (await tx.query(`SELECT 1 FROM accounts WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, id])).length === 1);
  const isSuppressed = async (address: string) =>
    (
      await t.get(TenantDb).forTenant(tenant, (tx) =>
        t.get(MailService).enqueue(tx, { template: 'verify-email', to: { address }, variables: { name: 'x', verifyUrl: 'https://x.test' } }),
      )
    ).suppressed;
  const post = (path: string, opts: { body?: unknown; secret?: string | null; type?: string; raw?: string }) => {
    const headers: Record<string, string> = {};
    if (opts.secret !== null) headers['x-bounce-secret'] = opts.secret ?? SECRET;
    if (opts.type) headers['content-type'] = opts.type;
    const req = t.http('post', `/mail/t/${tenant.key}${path}`, { headers, body: opts.body });
    return opts.raw !== undefined ? req.send(opts.raw) : req;
  };

  it('a hard bounce from the JSON webhook suppresses the address and reaches the tenant handler, which deletes the profile (statement 003)', async () => {
    const { person, header } = await jobseekerWithReminder();
    const res = await post('/bounces', { body: { events: [{ type: 'hard-bounce', address: person.email, messageId: header, status: '5.1.1' }] } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ hardBounces: 1, softBounces: 0, complaints: 0 });
    expect(hardBounces).toContainEqual({ address: person.email, personId: person.id, personKind: 'jobseeker' });
    expect(await accountExists(person.id)).toBe(false);
    expect(await isSuppressed(person.email)).toBe(true);
  });

  it('an RFC 3464 delivery-status report is understood the same way', async () => {
    const { person, header } = await jobseekerWithReminder();
    const res = await post('/bounces/dsn', {
      type: 'multipart/report; report-type=delivery-status; boundary="BOUNDARY"',
      raw: dsn(person.email, '5.1.1', header),
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ hardBounces: 1, softBounces: 0, complaints: 0 });
    expect(hardBounces).toContainEqual({ address: person.email, personId: person.id, personKind: 'jobseeker' });
    expect(await accountExists(person.id)).toBe(false);
  });

  it('a full mailbox is no reason to delete anyone: noted as soft, nothing suppressed, nobody told', async () => {
    const { person, header } = await jobseekerWithReminder();
    const before = hardBounces.length;
    const res = await post('/bounces/dsn', { type: 'multipart/report; boundary="BOUNDARY"', raw: dsn(person.email, '5.2.2', header) });
    expect(res.body).toEqual({ hardBounces: 0, softBounces: 1, complaints: 0 });
    expect(hardBounces).toHaveLength(before);
    expect(await accountExists(person.id)).toBe(true);
    expect(await isSuppressed(person.email)).toBe(false);
  });

  it('refuses a report without the shared secret, or with a wrong one, and changes nothing', async () => {
    const { person } = await jobseekerWithReminder();
    const body = { events: [{ type: 'hard-bounce', address: person.email }] };
    for (const secret of [null, 'wrong-secret-of-the-same-len-012', 'x']) {
      const res = await post('/bounces', { body, secret });
      expect(res.status).toBe(401);
    }
    expect(await accountExists(person.id)).toBe(true);
    expect(await isSuppressed(person.email)).toBe(false);
  });

  it('accepts the secret as a bearer token too', async () => {
    const res = await t.http('post', `/mail/t/${tenant.key}/bounces`, {
      headers: { authorization: `Bearer ${SECRET}` },
      body: { events: [{ type: 'soft-bounce', address: 'someone@example.test' }] },
    });
    expect(res.status).toBe(200);
  });

  it('names the field and the reason for a malformed webhook body', async () => {
    const res = await post('/bounces', { body: { events: [{ type: 'hard-bounce', address: 'not-an-address' }] } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({ field: 'events[0].address', reason: 'address must be an email' });
    const empty = await post('/bounces/dsn', { type: 'message/delivery-status', raw: 'Reporting-MTA: dns; x\r\n' });
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0].field).toBe('body');
  });

  it('a complaint stops everything but transactional mail', async () => {
    const { person } = await jobseekerWithReminder();
    await post('/bounces', { body: { events: [{ type: 'complaint', address: person.email }] } });
    const reminder = await t.get(TenantDb).forTenant(tenant, (tx) =>
      t.get(MailService).enqueue(tx, {
        template: 'profile-reconfirm',
        to: { address: person.email },
        variables: { name: 'Sam', confirmUrl: 'https://kb.example/c', deadline: '1 April 2026' },
      }),
    );
    expect(reminder.suppressed).toBe(true);
    expect(await isSuppressed(person.email)).toBe(false);
  });
});
