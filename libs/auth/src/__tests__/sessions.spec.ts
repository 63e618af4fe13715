import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { AppConfig, FixedClock } from '../../../config/src/index.js';
import { ANONYMOUS, RequestContext, type TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { TokensService } from '../tokens.service.js';
import { TestApp } from '../../../../test/support/test-app.js';

/** Short-lived access tokens, rotating refresh tokens, and sessions that end when told to. */
describe('sessions and tokens', () => {
  const clock = new FixedClock('2026-03-02T08:00:00Z');
  let t: TestApp;
  let a: TenantRef;
  let b: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot({ clock });
    a = await t.createTenant('kandidatenbank');
    b = await t.createTenant('kandidatenbank');
  });
  afterAll(() => t?.close());

  async function session(tenant: TenantRef = a) {
    const account = await t.createAccount(tenant, ['jobseeker']);
    const res = await t.http('post', '/auth/login', {
      tenant: tenant.key,
      body: { email: account.email, password: account.password },
    });
    return {
      account,
      access: res.body.accessToken as string,
      refresh: res.body.refreshToken as string,
    };
  }
  const me = (token: string, tenant: TenantRef = a) =>
    t.http('get', '/auth/me', { tenant: tenant.key, token });
  const refresh = (refreshToken: string, tenant: TenantRef = a) =>
    t.http('post', '/auth/refresh', { tenant: tenant.key, body: { refreshToken } });

  it('issues access tokens that live ten minutes and are refused after that', async () => {
    const s = await session();
    const claims = JSON.parse(Buffer.from(s.access.split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(600);
    expect(claims).toMatchObject({ sub: s.account.id, tid: a.id, aud: a.id, roles: ['jobseeker'] });
    clock.advance(599_000);
    expect((await me(s.access)).status).toBe(200);
    clock.advance(2_000);
    expect((await me(s.access)).status).toBe(401);
    // The session itself lives on: the refresh token gets a new access token.
    const renewed = await refresh(s.refresh);
    expect(renewed.status).toBe(200);
    expect((await me(renewed.body.accessToken)).status).toBe(200);
  });

  it('rotates the refresh token on every use', async () => {
    const s = await session();
    const first = await refresh(s.refresh);
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(s.refresh);
    expect(first.body.refreshToken.split('.')[0]).toBe(s.refresh.split('.')[0]);
    const second = await refresh(first.body.refreshToken);
    expect(second.status).toBe(200);
    expect((await me(second.body.accessToken)).status).toBe(200);
  });

  it('revokes the whole session when a rotated refresh token is presented again (a stolen copy)', async () => {
    const s = await session();
    const rotated = await refresh(s.refresh);
    expect(rotated.status).toBe(200);
    const replay = await refresh(s.refresh);
    expect(replay.status).toBe(401);
    // Both the thief's and the owner's tokens of that session are dead now.
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
    expect((await me(rotated.body.accessToken)).status).toBe(401);
    expect((await me(s.access)).status).toBe(401);
  });

  it('logout ends the session at once: the access token and the refresh token stop working', async () => {
    const s = await session();
    expect((await me(s.access)).status).toBe(200);
    const out = await t.http('post', '/auth/logout', { tenant: a.key, token: s.access });
    expect(out.status).toBe(204);
    expect((await me(s.access)).status).toBe(401);
    expect((await refresh(s.refresh)).status).toBe(401);
  });

  it("logging out one session leaves the account's other sessions alone", async () => {
    const s = await session();
    const other = await t.http('post', '/auth/login', {
      tenant: a.key,
      body: { email: s.account.email, password: s.account.password },
    });
    await t.http('post', '/auth/logout', { tenant: a.key, token: s.access });
    expect((await me(other.body.accessToken)).status).toBe(200);
  });

  it('refuses a request to tenant A with an access token of tenant B', async () => {
    const inB = await session(b);
    expect((await me(inB.access, b)).status).toBe(200);
    const res = await me(inB.access, a);
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('Invalid or expired access token');
  });

  it('a token already accepted is recognised by its exact text only: a copy with another payload and the same signature is refused', async () => {
    const s = await session();
    const other = await session();
    expect((await me(s.access)).status).toBe(200);
    const [header, payload, signature] = s.access.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const swapped = Buffer.from(JSON.stringify({ ...claims, sub: other.account.id })).toString('base64url');
    expect((await me(`${header}.${swapped}.${signature}`)).status).toBe(401);
    expect((await me(`${header}.${payload}.${signature}x`)).status).toBe(401);
    expect((await me(s.access)).status).toBe(200);
  });

  it("refuses tenant B's refresh token in tenant A, without touching B's session", async () => {
    const inB = await session(b);
    expect((await refresh(inB.refresh, a)).status).toBe(401);
    expect((await refresh(inB.refresh, b)).status).toBe(200);
  });

  it('refuses malformed, forged and unsigned tokens', async () => {
    const s = await session();
    const [h, p] = s.access.split('.');
    const forgedClaims = {
      ...JSON.parse(Buffer.from(p, 'base64url').toString()),
      roles: ['tenant-admin'],
    };
    const forged = `${h}.${Buffer.from(JSON.stringify(forgedClaims)).toString('base64url')}.${s.access.split('.')[2]}`;
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    for (const token of ['garbage', forged, none]) expect((await me(token)).status).toBe(401);
    for (const refreshToken of [
      'x'.repeat(50),
      `${'-'.repeat(36)}.${'x'.repeat(43)}`,
      `${s.refresh.split('.')[0]}.${'x'.repeat(43)}`,
    ])
      expect((await refresh(refreshToken)).status).toBe(401);
  });
  /** An access token signed with the real secret, as someone holding the secret could make one. */
  const forge = (claims: Record<string, unknown>, tenant: TenantRef = a) =>
    new JwtService({}).signAsync(
      { tid: tenant.id, ous: [], ...claims, iat: Math.floor(clock.now().getTime() / 1000) },
      {
        secret: t.get(AppConfig).JWT_SECRET,
        algorithm: 'HS256',
        expiresIn: 600,
        issuer: 'recruit-platform',
        audience: tenant.id,
      },
    );
  const sessionOf = (access: string) =>
    JSON.parse(Buffer.from(access.split('.')[1], 'base64url').toString()) as {
      sid: string;
      sub: string;
    };
  const setAccount = (id: string, set: string, value: unknown) =>
    t
      .get(TenantDb)
      .forTenant(a, (tx) =>
        tx.query(`UPDATE accounts SET ${set} = $3 WHERE tenant_id = $1 AND id = $2`, [
          tx.tenantId,
          id,
          value,
        ]),
      );

  it("refuses a signed token that names an existing session but another account: no one else's profile through someone's session", async () => {
    const mine = await session();
    const victim = await t.createAccount(a, ['jobseeker']);
    const forged = await forge({
      sub: victim.id,
      sid: sessionOf(mine.access).sid,
      roles: ['jobseeker'],
    });
    const res = await me(forged);
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body)).not.toContain(victim.email);
    expect((await t.http('get', '/profiles/me', { tenant: a.key, token: forged })).status).toBe(
      401,
    );
    // The genuine token of that session still works.
    expect((await me(mine.access)).body).toMatchObject({ id: mine.account.id });
  });

  it('ignores the roles a token claims: an employer session claiming tenant-admin cannot read GET /accounts', async () => {
    const employer = await t.signedIn(a, ['employer'], {
      orgUnitIds: [(await t.createOrgUnit(a, 'employer')).id],
    });
    const claims = sessionOf(employer.token);
    const forged = await forge({ sub: claims.sub, sid: claims.sid, roles: ['tenant-admin'] });
    expect((await t.http('get', '/accounts', { tenant: a.key, token: forged })).status).toBe(403);
    expect((await me(forged)).body.roles).toEqual(['employer']);
  });

  it('a changed role takes effect at the next request, with the same token', async () => {
    const person = await t.signedIn(a, ['employer'], {
      orgUnitIds: [(await t.createOrgUnit(a, 'employer')).id],
    });
    const accounts = () => t.http('get', '/accounts', { tenant: a.key, token: person.token });
    expect((await accounts()).status).toBe(403);
    await setAccount(person.id, 'roles', ['tenant-admin']);
    expect((await accounts()).status).toBe(200);
    await setAccount(person.id, 'roles', ['employer']);
    expect((await accounts()).status).toBe(403);
  });

  it('a disabled account is refused at the next request and cannot refresh', async () => {
    const s = await session();
    expect((await me(s.access)).status).toBe(200);
    await setAccount(s.account.id, 'status', 'disabled');
    expect((await me(s.access)).status).toBe(401);
    expect((await refresh(s.refresh)).status).toBe(401);
  });

  it('checks the session, the account and its roles in one statement and one round trip', async () => {
    const s = await session();
    const statements: string[] = [];
    const original = PostgresQueryRunner.prototype.query;
    PostgresQueryRunner.prototype.query = function (
      this: PostgresQueryRunner,
      ...args: Parameters<typeof original>
    ) {
      statements.push(args[0].replace(/\s+/g, ' ').trim().slice(0, 40));
      return original.apply(this, args);
    } as typeof original;
    try {
      const caller = await RequestContext.run({ tenant: a, actor: ANONYMOUS }, () =>
        t.get(TokensService).authenticate(s.access),
      );
      expect(caller).toMatchObject({ accountId: s.account.id, roles: ['jobseeker'] });
    } finally {
      PostgresQueryRunner.prototype.query = original;
    }
    expect(statements).toEqual([expect.stringMatching(/^SELECT roles, ous FROM app\.session_calle/)]);
  });

  it('the one-statement session check leaves no tenant on the pooled connection and reads no other tenant', async () => {
    const s = await session();
    const { sid, sub } = sessionOf(s.access);
    const runner = t.get(DataSource).createQueryRunner();
    try {
      const check = (tenant: TenantRef) =>
        runner.query(`SELECT roles FROM app.session_caller($1, $2, $3, $4)`, [tenant.id, sid, sub, clock.now()]);
      expect(await check(a)).toEqual([{ roles: ['jobseeker'] }]);
      // The SET LOCAL inside the function ended with the statement's own transaction.
      expect(await runner.query(`SELECT app.current_tenant_id() AS t`)).toEqual([{ t: null }]);
      // Asked as tenant B, row-level security and the filter both hide A's session.
      expect(await check(b)).toEqual([]);
      expect(await runner.query(`SELECT app.current_tenant_id() AS t`)).toEqual([{ t: null }]);
    } finally {
      await runner.release();
    }
  });

  it('a malformed refresh token naming a session id does not end that session', async () => {
    const s = await session();
    const sid = s.refresh.split('.')[0];
    for (const garbage of [
      `${sid}.${'x'.repeat(43)}`,
      `${sid}.${'A'.repeat(43)}`,
      `${sid}.short-but-long-enough-to-pass-the-body-check`,
    ])
      expect((await refresh(garbage)).status).toBe(401);
    expect((await me(s.access)).status).toBe(200);
    const renewed = await refresh(s.refresh);
    expect(renewed.status).toBe(200);
    expect((await me(renewed.body.accessToken)).status).toBe(200);
  });

  it('recognises any former refresh token of the session as reuse, however many rotations ago', async () => {
    const s = await session();
    let current = s.refresh;
    for (let i = 0; i < 3; i++) current = (await refresh(current)).body.refreshToken;
    expect((await refresh(s.refresh)).status).toBe(401);
    expect((await refresh(current)).status).toBe(401);
    expect((await me(s.access)).status).toBe(401);
  });
});
