import { TestApp } from '../../../../test/support/test-app.js';
import { FixedClock } from '../../../config/src/clock.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { DECLINE_COOLDOWN_DAYS } from '../connections.service.js';
import { employer, poolMember } from './connections-fixture.js';

describe('connection requests', () => {
  const clock = new FixedClock('2026-03-01T10:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    tenant = await t.createTenant('refugee-talent-pool');
  });
  afterAll(() => t.close());

  const as = (token: string) => ({ tenant: tenant.key, token });

  async function requested() {
    const person = await poolMember(t, tenant);
    const boss = await employer(t, tenant);
    const res = await t.http('post', '/connections', { ...as(boss.token), body: { profileHandle: person.handle, message: 'We need a welder' } });
    expect(res.status).toBe(201);
    return { person, boss, id: res.body.id as string };
  }

  it('an employer asks; the person sees the request with the organisation, not the recruiter', async () => {
    const { person, boss, id } = await requested();
    const mine = await t.http('get', '/connections', as(person.token));
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id, status: 'requested', message: 'We need a welder', requestedBy: null, organisation: { id: boss.unitId, name: expect.any(String) } }),
    ]);
    const theirs = await t.http('get', '/connections', as(boss.token));
    expect(theirs.body.items).toEqual([expect.objectContaining({ id, status: 'requested', profileHandle: person.handle, alias: person.alias })]);
  });

  it('the person accepts: the employer sees the connection accepted and the consent is in the ledger', async () => {
    const { person, boss, id } = await requested();
    const res = await t.http('post', `/connections/${id}/accept`, as(person.token));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('accepted');
    const theirs = await t.http('get', '/connections', as(boss.token));
    expect(theirs.body.items[0].status).toBe('accepted');
    const ledger = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(`SELECT purpose, granted, scope_id FROM consent_events WHERE tenant_id = $1 AND person_id = $2`, [tx.tenantId, person.id]),
    );
    expect(ledger).toEqual([{ purpose: 'shareWithEmployer', granted: true, scope_id: id }]);
    const again = await t.http('post', `/connections/${id}/decline`, as(person.token));
    expect(again.status).toBe(409);
  });

  it('the person is told by mail who asks (the organisation), the recruiter by mail that the person accepted (by alias)', async () => {
    const { person, boss, id } = await requested();
    await t.http('post', `/connections/${id}/accept`, as(person.token));
    const mails = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ template: string; recipient_address: string; person_id: string; variables: Record<string, string> }>(
        `SELECT template, recipient_address, person_id, variables FROM mail_messages
          WHERE tenant_id = $1 AND idempotency_key IN ($2, $3) ORDER BY template DESC`,
        [tx.tenantId, `connection-request:${id}`, `connection-accepted:${id}`],
      ),
    );
    expect(mails.map((m) => [m.template, m.recipient_address, m.person_id])).toEqual([
      ['connection-request', person.email, person.id],
      ['connection-accepted', boss.email, boss.id],
    ]);
    expect(mails[0].variables.requesterName).toMatch(/^Unit employer/);
    expect(mails[1].variables.alias).toBe(person.alias);
    expect(JSON.stringify(mails[1].variables)).not.toContain(person.email);
  });

  it('the person declines; the same organisation may not ask again during the cool-down', async () => {
    const { person, boss, id } = await requested();
    expect((await t.http('post', `/connections/${id}/decline`, as(person.token))).body.status).toBe('declined');
    const retry = await t.http('post', '/connections', { ...as(boss.token), body: { profileHandle: person.handle } });
    expect(retry.status).toBe(409);
    clock.advanceDays(DECLINE_COOLDOWN_DAYS + 1);
    const later = await t.http('post', '/connections', { ...as(await t.login(boss)), body: { profileHandle: person.handle } });
    expect(later.status).toBe(201);
  });

  it('the employer withdraws a request; the person ends an accepted connection, which withdraws the consent', async () => {
    const a = await requested();
    const w = await t.http('post', `/connections/${a.id}/withdraw`, as(a.boss.token));
    expect(w.body).toEqual(expect.objectContaining({ status: 'withdrawn', endedBy: 'employer' }));
    expect((await t.http('post', `/connections/${a.id}/accept`, as(a.person.token))).status).toBe(409);

    const b = await requested();
    expect((await t.http('post', `/connections/${b.id}/withdraw`, as(b.person.token))).status).toBe(409);
    await t.http('post', `/connections/${b.id}/accept`, as(b.person.token));
    const ended = await t.http('post', `/connections/${b.id}/withdraw`, as(b.person.token));
    expect(ended.body).toEqual(expect.objectContaining({ status: 'withdrawn', endedBy: 'jobseeker' }));
    const ledger = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ granted: boolean }>(`SELECT granted FROM consent_events WHERE tenant_id = $1 AND scope_id = $2 ORDER BY at, granted DESC`, [tx.tenantId, b.id]),
    );
    expect(ledger.map((r) => r.granted)).toEqual([true, false]);
  });

  it('only one open request per organisation and person', async () => {
    const { person, boss } = await requested();
    const dup = await t.http('post', '/connections', { ...as(boss.token), body: { profileHandle: person.handle } });
    expect(dup.status).toBe(409);
  });

  it('a profile outside the pool (no pool consent, or not active) cannot be asked for, and looks unknown', async () => {
    const boss = await employer(t, tenant);
    const outsider = await poolMember(t, tenant);
    await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(`UPDATE consent_state SET granted = false WHERE tenant_id = $1 AND person_id = $2`, [tx.tenantId, outsider.id]),
    );
    const res = await t.http('post', '/connections', { ...as(boss.token), body: { profileHandle: outsider.handle } });
    expect(res.status).toBe(404);
    // Nor can it be asked for by its internal id, which no employer answer shows.
    const byId = await t.http('post', '/connections', { ...as(boss.token), body: { profileHandle: outsider.id } });
    expect(byId.status).toBe(400);
    const nobody = await t.http('post', '/connections', { ...as(boss.token), body: { profileHandle: 'AAAAAAAAAAAAAAAAAAAAAA' } });
    expect(nobody.status).toBe(404);
    expect(nobody.body.detail).toEqual(res.body.detail);
  });

  it('strangers get 404 on someone else\'s connection: another employer, another jobseeker', async () => {
    const { id } = await requested();
    const otherBoss = await employer(t, tenant);
    const otherPerson = await poolMember(t, tenant);
    expect((await t.http('post', `/connections/${id}/withdraw`, as(otherBoss.token))).status).toBe(404);
    expect((await t.http('post', `/connections/${id}/accept`, as(otherPerson.token))).status).toBe(404);
    expect((await t.http('post', `/connections/${id}/withdraw`, as(otherPerson.token))).status).toBe(404);
    expect((await t.http('get', '/connections', as(otherBoss.token))).body.items).toEqual([]);
  });

  it('an employer cannot accept on the person\'s behalf, and a jobseeker cannot send requests', async () => {
    const { boss, id, person } = await requested();
    expect((await t.http('post', `/connections/${id}/accept`, as(boss.token))).status).toBe(403);
    const other = await poolMember(t, tenant);
    expect((await t.http('post', '/connections', { ...as(person.token), body: { profileHandle: other.handle } })).status).toBe(403);
  });

  it('bad input is a 4xx naming the field, and writes nothing', async () => {
    const boss = await employer(t, tenant);
    const bad = await t.http('post', '/connections', { ...as(boss.token), body: { profileHandle: 'not-a-handle', message: 'x'.repeat(1001) } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['message', 'profileHandle']);
    const param = await t.http('post', '/connections/nope/accept', as(boss.token));
    expect(param.status).toBe(403);
    const person = await poolMember(t, tenant);
    const badParam = await t.http('post', '/connections/nope/accept', as(person.token));
    expect(badParam.status).toBe(400);
    expect(badParam.body.errors[0].field).toBe('id');
    const [{ n }] = await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM connections WHERE tenant_id = $1 AND requested_by = $2`, [tx.tenantId, boss.id]),
    );
    expect(n).toBe(0);
  });

  it('an employer in two organisations must say for which one it asks', async () => {
    const person = await poolMember(t, tenant);
    const u1 = await t.createOrgUnit(tenant, 'employer');
    const u2 = await t.createOrgUnit(tenant, 'employer');
    const boss = await t.signedIn(tenant, ['employer'], { orgUnitIds: [u1.id, u2.id] });
    const res = await t.http('post', '/connections', { ...as(boss.token), body: { profileHandle: person.handle } });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe('employerOrgUnitId');
    const ok = await t.http('post', '/connections', { ...as(boss.token), body: { profileHandle: person.handle, employerOrgUnitId: u2.id } });
    expect(ok.status).toBe(201);
  });

  it('a tenant without connections has no such routes', async () => {
    const other = await t.createTenant('kandidatenbank');
    const boss = await t.signedIn(other, ['employer']);
    const res = await t.http('get', '/connections', { tenant: other.key, token: boss.token });
    expect(res.status).toBe(404);
  });
});
