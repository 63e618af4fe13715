import { TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { connect, employer, lastMail, registeredJobseeker, publicHandle } from './refugeework.fixture.js';

/**
 * Statement 000: "If you choose to make your profile available to a potential employer, we will
 * ask for explicit permission each time." "Your personal data will only be shared with a
 * potential employer ... if the job seeker agrees to a connection request." "Chat conversations
 * with an employer ... are secure and can be viewed by RefugeeWork staff."
 */
describe('statement 000: connection requests and chat', () => {
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('refugee-talent-pool');
  });
  afterAll(() => t?.close());

  const as = (token: string, body?: unknown) => ({ tenant: tenant.key, token, body });
  /** The profile as an employer opens it: by its public handle, as search lists it. */
  const profileAs = async (id: string, token: string) => t.http('get', `/profiles/${await publicHandle(t, { id, tenant })}`, as(token));

  it('each time an employer wants the full profile, the jobseeker is asked (by mail too) and may decline', async () => {
    const person = await registeredJobseeker(t, tenant);
    const boss = await employer(t, tenant);
    const id = await connect(t, person, boss, null);
    const asked = await lastMail(t, tenant, person.id, 'connection-request');
    expect(asked).toMatchObject({ recipient_address: person.email, category: 'notification' });
    expect((await t.http('get', '/connections', as(person.token))).body.items).toEqual([expect.objectContaining({ id, status: 'requested' })]);
    await t.http('post', `/connections/${id}/decline`, as(person.token));
    expect((await profileAs(person.id, boss.token)).body.identityHidden).toBe(true);
  });

  it('only after acceptance does that employer see identity and contact data; other employers still do not', async () => {
    const person = await registeredJobseeker(t, tenant);
    const [chosen, other] = [await employer(t, tenant), await employer(t, tenant)];
    await connect(t, person, chosen, 'accept');
    const seen = await profileAs(person.id, chosen.token);
    expect(seen.body).toMatchObject({ name: person.secrets.name, identityHidden: false });
    expect(seen.body.fields).toMatchObject({ email: person.secrets.contactEmail, phone: person.secrets.phone });
    const notSeen = await profileAs(person.id, other.token);
    expect(notSeen.body).toMatchObject({ name: notSeen.body.alias, identityHidden: true });
    expect(JSON.stringify(notSeen.body)).not.toContain(person.secrets.phone);
    expect(await lastMail(t, tenant, chosen.id, 'connection-accepted')).toMatchObject({ recipient_address: chosen.email });
    // The other way round too: the recruiter's own name reaches the person only with the acceptance.
    const asker = await employer(t, tenant);
    const pending = await connect(t, person, asker, null);
    const before = (await t.http('get', '/connections', as(person.token))).body.items.find((c: { id: string }) => c.id === pending);
    expect(before.requestedBy).toBeNull();
    await t.http('post', `/connections/${pending}/accept`, as(person.token));
    const after = (await t.http('get', '/connections', as(person.token))).body.items.find((c: { id: string }) => c.id === pending);
    expect(after.requestedBy).toBe('Test employer');
  });

  it('every acceptance is a separate consent in the ledger, and ending a connection withdraws it', async () => {
    const person = await registeredJobseeker(t, tenant);
    const a = await connect(t, person, await employer(t, tenant), 'accept');
    const b = await connect(t, person, await employer(t, tenant), 'accept');
    await t.http('post', `/connections/${a}/withdraw`, as(person.token));
    const ledger = await t.http('get', '/consents/me', as(person.token));
    const events = ledger.body.history.filter((e: { purpose: string }) => e.purpose === 'shareWithEmployer');
    expect(events.map((e: { scopeId: string; granted: boolean }) => [e.scopeId, e.granted]).sort()).toEqual(
      [[a, true], [a, false], [b, true]].sort(),
    );
  });

  it('the person ends a connection: that employer no longer sees who they are', async () => {
    const person = await registeredJobseeker(t, tenant);
    const boss = await employer(t, tenant);
    const id = await connect(t, person, boss, 'accept');
    await t.http('post', `/connections/${id}/withdraw`, as(person.token));
    expect((await profileAs(person.id, boss.token)).body.identityHidden).toBe(true);
  });

  it('after a connection, employer and jobseeker chat; staff can read it (audited); nobody else can', async () => {
    const person = await registeredJobseeker(t, tenant);
    const boss = await employer(t, tenant);
    const id = await connect(t, person, boss, 'accept');
    expect((await t.http('post', `/connections/${id}/messages`, as(boss.token, { body: 'When can you start?' }))).status).toBe(201);
    expect((await t.http('post', `/connections/${id}/messages`, as(person.token, { body: 'Next Monday.' }))).status).toBe(201);

    const staff = await t.signedIn(tenant, ['staff']);
    const read = await t.http('get', `/connections/${id}/messages`, as(staff.token));
    expect(read.body.items.map((m: { body: string }) => m.body)).toEqual(['Next Monday.', 'When can you start?']);
    const audit = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(
        `SELECT (SELECT k.person_id FROM audit_pseudonyms k WHERE k.tenant_id = a.tenant_id AND k.pseudonym = a.actor_id) AS actor_id
           FROM audit_log a WHERE tenant_id = $1 AND action = 'connection.chat.read' AND subject_id = (SELECT k.pseudonym FROM audit_pseudonyms k WHERE k.tenant_id = $1 AND k.person_id = $2)`,
        [tx.tenantId, person.id],
      ),
    );
    expect(audit).toEqual([{ actor_id: staff.id }]);

    const outsiders = [
      await employer(t, tenant),
      await registeredJobseeker(t, tenant),
      await t.signedIn(tenant, ['tenant-admin']),
      await t.signedIn(tenant, ['partner']),
    ];
    for (const who of outsiders) {
      const res = await t.http('get', `/connections/${id}/messages`, as(who.token));
      expect([403, 404]).toContain(res.status);
      expect(res.text).not.toContain('Next Monday');
    }
    const otherTenant = await t.createTenant('refugee-talent-pool');
    const foreignStaff = await t.signedIn(otherTenant, ['staff']);
    const foreign = await t.http('get', `/connections/${id}/messages`, { tenant: otherTenant.key, token: foreignStaff.token });
    expect(foreign.status).toBe(404);
  });
});
