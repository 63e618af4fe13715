import { TestApp } from '../../../../test/support/test-app.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { ErasureService } from '../../../privacy/src/index.js';
import { tenants } from '../../../../tenants/index.js';
import type { TenantDefinition } from '../../../plugin-api/src/index.js';
import { employer, poolMember } from './connections-fixture.js';

const refugee = tenants.find((d) => d.key === 'refugee-talent-pool')!;
/** The same tenant, but one whose statement does not let staff read conversations. */
const privateChat: TenantDefinition = {
  ...refugee,
  key: 'private-chat',
  domains: [],
  demo: undefined,
  // Its tables and routes come with the real definition, loaded alongside.
  module: undefined,
  migrations: undefined,
  visibility: { ...refugee.visibility, connections: { ...refugee.visibility.connections!, staffCanReadChat: false } },
};

describe('chat after a connection', () => {
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot({ tenants: [...tenants, privateChat] });
    tenant = await t.createTenant('refugee-talent-pool');
  });
  afterAll(() => t.close());

  async function connected(on: TenantRef = tenant) {
    const person = await poolMember(t, on);
    const boss = await employer(t, on);
    const { body } = await t.http('post', '/connections', { tenant: on.key, token: boss.token, body: { profileHandle: person.handle } });
    return { person, boss, id: body.id as string, accept: () => t.http('post', `/connections/${body.id}/accept`, { tenant: on.key, token: person.token }) };
  }
  const send = (id: string, token: string, body: unknown, on = tenant) =>
    t.http('post', `/connections/${id}/messages`, { tenant: on.key, token, body });
  const read = (id: string, token: string, on = tenant) => t.http('get', `/connections/${id}/messages`, { tenant: on.key, token });

  it('nobody chats before the person accepts', async () => {
    const c = await connected();
    expect((await send(c.id, c.boss.token, { body: 'Hello?' })).status).toBe(409);
    expect((await read(c.id, c.boss.token)).status).toBe(404);
  });

  it('the two parties of an accepted connection exchange messages', async () => {
    const c = await connected();
    await c.accept();
    expect((await send(c.id, c.boss.token, { body: 'Can you start Monday?' })).status).toBe(201);
    expect((await send(c.id, c.person.token, { body: 'Yes, I can.' })).status).toBe(201);
    const mine = await read(c.id, c.person.token);
    expect(mine.body.items.map((m: { from: string; body: string; mine: boolean }) => [m.from, m.body, m.mine])).toEqual([
      ['jobseeker', 'Yes, I can.', true],
      ['employer', 'Can you start Monday?', false],
    ]);
    const theirs = await read(c.id, c.boss.token);
    expect(theirs.body.items).toHaveLength(2);
  });

  it('access matrix: staff read (audited) but do not post; another employer, another jobseeker get 404', async () => {
    const c = await connected();
    await c.accept();
    await send(c.id, c.person.token, { body: 'My CV has more detail.' });
    const staff = await t.signedIn(tenant, ['staff']);
    const staffRead = await read(c.id, staff.token);
    expect(staffRead.status).toBe(200);
    expect(staffRead.body.items).toHaveLength(1);
    expect((await send(c.id, staff.token, { body: 'hi' })).status).toBe(403);
    const audit = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(
        `SELECT (SELECT k.person_id FROM audit_pseudonyms k WHERE k.tenant_id = a.tenant_id AND k.pseudonym = a.actor_id) AS actor_id, action,
                (SELECT k.person_id FROM audit_pseudonyms k WHERE k.tenant_id = a.tenant_id AND k.pseudonym = a.subject_id) AS subject_id
           FROM audit_log a WHERE tenant_id = $1 AND action = 'connection.chat.read'`,
        [tx.tenantId],
      ),
    );
    expect(audit).toEqual([{ actor_id: staff.id, action: 'connection.chat.read', subject_id: c.person.id }]);

    const otherBoss = await employer(t, tenant);
    const otherPerson = await poolMember(t, tenant);
    const admin = await t.signedIn(tenant, ['tenant-admin']);
    for (const token of [otherBoss.token, otherPerson.token]) {
      expect((await read(c.id, token)).status).toBe(404);
      expect((await send(c.id, token, { body: 'intrude' })).status).toBe(404);
    }
    expect((await read(c.id, admin.token)).status).toBe(403);
    const partner = await t.signedIn(tenant, ['partner']);
    expect((await read(c.id, partner.token)).status).toBe(403);
  });

  it('staff of a tenant whose statement does not allow it cannot read conversations', async () => {
    const other = await t.createTenant('private-chat');
    const c = await connected(other);
    await c.accept();
    await send(c.id, c.person.token, { body: 'private' }, other);
    const staff = await t.signedIn(other, ['staff']);
    expect((await read(c.id, staff.token, other)).status).toBe(404);
  });

  it('once the connection ends, the employer loses the conversation; the person keeps reading it', async () => {
    const c = await connected();
    await c.accept();
    await send(c.id, c.boss.token, { body: 'Welcome' });
    await t.http('post', `/connections/${c.id}/withdraw`, { tenant: tenant.key, token: c.person.token });
    expect((await read(c.id, c.boss.token)).status).toBe(404);
    expect((await send(c.id, c.boss.token, { body: 'Wait' })).status).toBe(409);
    expect((await read(c.id, c.person.token)).body.items).toHaveLength(1);
  });

  it('rejects empty and oversized messages by field, and pages with before/limit', async () => {
    const c = await connected();
    await c.accept();
    for (const body of [{ body: '' }, { body: 'x'.repeat(4001) }, {}]) {
      const res = await send(c.id, c.person.token, body);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('body');
    }
    for (const n of [1, 2, 3]) await send(c.id, c.person.token, { body: `m${n}` });
    const page1 = await t.http('get', `/connections/${c.id}/messages?limit=2`, { tenant: tenant.key, token: c.person.token });
    expect(page1.body.items.map((m: { body: string }) => m.body)).toEqual(['m3', 'm2']);
    const page2 = await t.http('get', `/connections/${c.id}/messages?limit=2&before=${page1.body.items[1].id}`, { tenant: tenant.key, token: c.person.token });
    expect(page2.body.items.map((m: { body: string }) => m.body)).toEqual(['m1']);
    const bad = await t.http('get', `/connections/${c.id}/messages?limit=999`, { tenant: tenant.key, token: c.person.token });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('limit');
  });

  it('erasing the person removes their connections and every message of their conversations', async () => {
    const c = await connected();
    await c.accept();
    await send(c.id, c.boss.token, { body: 'from employer' });
    await send(c.id, c.person.token, { body: 'from person' });
    await t.inTenant(tenant, () => t.get(ErasureService).erase(c.person.id, 'test'));
    const left = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(
        `SELECT (SELECT count(*)::int FROM connections WHERE tenant_id = $1 AND id = $2) AS connections,
                (SELECT count(*)::int FROM connection_messages WHERE tenant_id = $1 AND connection_id = $2) AS messages`,
        [tx.tenantId, c.id],
      ),
    );
    expect(left).toEqual([{ connections: 0, messages: 0 }]);
  });

  it('erasing an employer contact removes the messages they sent, and keeps the person\'s side', async () => {
    const c = await connected();
    await c.accept();
    await send(c.id, c.boss.token, { body: 'from employer' });
    await send(c.id, c.person.token, { body: 'from person' });
    await t.inTenant(tenant, () => t.get(ErasureService).erase(c.boss.id, 'test'));
    expect((await read(c.id, c.person.token)).body.items.map((m: { body: string }) => m.body)).toEqual(['from person']);
  });
});
