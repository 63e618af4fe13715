import type { TenantRef } from '../../../context/src/index.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { employer, poolMember } from '../../../connections/src/__tests__/connections-fixture.js';
import { sql } from '../../../profiles/src/__tests__/support/profile-kit.js';
import { decodeHtml } from './support/portal-client.js';
import { bootPortal, signedInClient } from './support/portal-fixtures.js';

/**
 * Statement 000 on the portal: once the person accepts a connection, employer and jobseeker talk on
 * its conversation page, through the chat's own use case. Only the two parties find the page;
 * before acceptance nothing can be sent; a bad message comes back next to the field, nothing written.
 */
describe('the conversation of a connection on the portal', () => {
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    ({ t } = await bootPortal());
    tenant = await t.createTenant('refugee-talent-pool');
  });
  afterAll(() => t?.close());

  const onThePortal = (account: { email: string }) => signedInClient(t, tenant, account);
  async function connection() {
    const person = await poolMember(t, tenant);
    const boss = await employer(t, tenant);
    const asked = await t.http('post', '/connections', { tenant: tenant.key, token: boss.token, body: { profileHandle: person.handle } });
    expect(asked.status).toBe(201);
    return { person, boss, id: asked.body.id as string };
  }
  const messages = (id: string) =>
    sql<{ body: string }>(t, tenant, `SELECT body FROM connection_messages WHERE tenant_id = $1 AND connection_id = $2 ORDER BY seq`, [id]);

  it('there is no conversation before the person accepts; afterwards both sides write and read, oldest first', async () => {
    const { person, boss, id } = await connection();
    const bossWeb = await onThePortal(boss);
    // Before acceptance there is no conversation to open or to write in (as the API: 404).
    expect((await bossWeb.get(`/connections/${id}/chat`)).status).toBe(404);
    expect((await bossWeb.post(`/connections/${id}/chat`, { body: 'Hello before you accepted' }, { from: '/connections' })).status).toBe(404);
    expect(await messages(id)).toEqual([]);

    expect((await t.http('post', `/connections/${id}/accept`, { tenant: tenant.key, token: person.token })).status).toBe(200);
    const sent = await bossWeb.post(`/connections/${id}/chat`, { body: 'When can you start?' });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toContain(`/connections/${id}/chat?notice=message-sent`);
    const personWeb = await onThePortal(person);
    expect((await personWeb.post(`/connections/${id}/chat`, { body: 'Next Monday.' })).status).toBe(303);
    const page = decodeHtml((await personWeb.get(`/connections/${id}/chat`)).text);
    expect(page.indexOf('When can you start?')).toBeGreaterThan(-1);
    expect(page.indexOf('When can you start?')).toBeLessThan(page.indexOf('Next Monday.'));
    expect(await messages(id)).toEqual([{ body: 'When can you start?' }, { body: 'Next Monday.' }]);
  });

  it('an empty or too long message comes back naming the field, and nothing is written', async () => {
    const { person, id } = await connection();
    expect((await t.http('post', `/connections/${id}/accept`, { tenant: tenant.key, token: person.token })).status).toBe(200);
    const web = await onThePortal(person);
    for (const body of ['   ', 'x'.repeat(4001)]) {
      const res = await web.post(`/connections/${id}/chat`, { body });
      expect(res.status).toBe(422);
      expect(res.text).toMatch(/id="f-body-error"/);
    }
    expect(await messages(id)).toEqual([]);
  });

  it('another employer, another jobseeker or a form without its token finds or changes nothing', async () => {
    const { person, id } = await connection();
    expect((await t.http('post', `/connections/${id}/accept`, { tenant: tenant.key, token: person.token })).status).toBe(200);
    const outsider = await onThePortal(await employer(t, tenant));
    const stranger = await onThePortal(await poolMember(t, tenant));
    for (const web of [outsider, stranger]) {
      expect((await web.get(`/connections/${id}/chat`)).status).toBe(404);
      expect((await web.post(`/connections/${id}/chat`, { body: 'Let me in' }, { from: '/connections' })).status).toBe(404);
    }
    const own = await onThePortal(person);
    expect((await own.post(`/connections/${id}/chat`, { body: 'No token' }, { csrf: null })).status).toBe(403);
    expect(await messages(id)).toEqual([]);
  });
});
