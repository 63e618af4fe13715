import { TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { randomUUID } from 'node:crypto';
import { TestApp } from '../../../test/support/test-app.js';
import { discoverRoutes } from '../../../test/support/routes.js';
import { connect, employer, registeredJobseeker } from './refugeework.fixture.js';

/**
 * Statement 000: "Only employees with the correct authorisation can access your file in our
 * digital client tracking system." Every access is in the audit log.
 */
describe('statement 000: only staff with the right role see dossiers, and every access is audited', () => {
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('refugee-talent-pool');
  });
  afterAll(() => t?.close());

  const as = (token: string) => ({ tenant: tenant.key, token });
  const auditOf = (personId: string, actorId: string) =>
    t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE tenant_id = $1 AND subject_id = (SELECT k.pseudonym FROM audit_pseudonyms k WHERE k.tenant_id = $1 AND k.person_id = $2)
            AND actor_id = (SELECT k.pseudonym FROM audit_pseudonyms k WHERE k.tenant_id = $1 AND k.person_id = $3) ORDER BY id`,
        [tx.tenantId, personId, actorId],
      ),
    );

  it('staff open the whole dossier, and each read of it is in the audit log', async () => {
    const person = await registeredJobseeker(t, tenant);
    const id = await connect(t, person, await employer(t, tenant), 'accept');
    const staff = await t.signedIn(tenant, ['staff']);
    const profile = await t.http('get', `/profiles/${person.id}`, as(staff.token));
    expect(profile.body).toMatchObject({ name: person.secrets.name, fields: expect.objectContaining({ phone: person.secrets.phone }) });
    await t.http('get', `/connections/people/${person.id}`, as(staff.token));
    await t.http('get', `/connections/${id}/messages`, as(staff.token));
    await t.http('get', `/refugeework/people/${person.id}/reputation`, as(staff.token));
    const actions = (await auditOf(person.id, staff.id)).map((a) => a.action);
    expect(actions).toEqual(['profile.read', 'connection.list', 'connection.chat.read', 'reputation.read']);
  });

  it('a tenant administrator, a partner and another tenant\'s staff do not see the dossier', async () => {
    const person = await registeredJobseeker(t, tenant);
    const admin = await t.signedIn(tenant, ['tenant-admin']);
    const asAdmin = await t.http('get', `/profiles/${person.id}`, as(admin.token));
    for (const secret of Object.values(person.secrets)) expect(asAdmin.text).not.toContain(secret);
    expect((await t.http('get', `/connections/people/${person.id}`, as(admin.token))).status).toBe(403);

    const partner = await t.signedIn(tenant, ['partner']);
    expect((await t.http('get', `/profiles/${person.id}`, as(partner.token))).status).toBe(404);

    const elsewhere = await t.createTenant('refugee-talent-pool');
    const foreign = await t.signedIn(elsewhere, ['staff']);
    expect((await t.http('get', `/profiles/${person.id}`, { tenant: elsewhere.key, token: foreign.token })).status).toBe(404);
  });

  it('a tenant administrator lists accounts without any jobseeker\'s name or sign-in address; staff identity stays visible to manage', async () => {
    const person = await registeredJobseeker(t, tenant);
    const colleague = await t.createAccount(tenant, ['staff'], { displayName: 'Olga Operations' });
    const admin = await t.signedIn(tenant, ['tenant-admin']);
    const res = await t.http('get', '/accounts', as(admin.token));
    expect(res.status).toBe(200);
    const items = res.body.items as Record<string, unknown>[];
    expect(items.find((a) => a.id === person.id)).toEqual({
      id: person.id,
      roles: ['jobseeker'],
      status: 'active',
      locale: 'en',
      identityHidden: true,
    });
    expect(items.find((a) => a.id === colleague.id)).toMatchObject({ email: colleague.email, displayName: 'Olga Operations' });
    for (const secret of Object.values(person.secrets)) expect(res.text).not.toContain(secret);
  });

  it('no route open to a tenant administrator lists or shows a jobseeker\'s identity, whichever person it is asked about', async () => {
    const person = await registeredJobseeker(t, tenant);
    await connect(t, person, await employer(t, tenant), 'accept');
    const admin = await t.signedIn(tenant, ['tenant-admin']);
    const routes = discoverRoutes(t.app).filter(
      (r) => r.method === 'GET' && r.rule?.kind === 'roles' && r.rule.roles.includes('tenant-admin'),
    );
    expect(routes.map((r) => r.route)).toEqual(expect.arrayContaining(['GET /accounts', 'GET /audit', 'GET /mail/messages']));
    const leaks: string[] = [];
    for (const r of routes) {
      const path = r.path.replace(/:(\w+)/g, (_m, name: string) => (/person|account|subject|^id$/i.test(name) ? person.id : randomUUID()));
      for (const query of ['', `?personId=${person.id}`, `?subjectId=${person.id}`]) {
        const res = await t.http('get', `${path}${query}`, as(admin.token));
        for (const secret of Object.values(person.secrets))
          if (res.text.includes(secret)) leaks.push(`${r.route}${query} (${res.status}) shows ${secret}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
