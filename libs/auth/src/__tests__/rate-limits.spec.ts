import type { TenantRef } from '../../../context/src/index.js';
import { AppConfig, ConfigError, loadConfig, TEST_RATE_LIMIT } from '../../../config/src/index.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { discoverRoutes } from '../../../../test/support/routes.js';
import { RATE_LIMITED_ROUTES, rateLimitGroupOf } from '../rate-limits.js';

const WRONG = 'not-the-right-password';
const WINDOW = 900;

type Res = Awaited<ReturnType<TestApp['http']>>;

/** A 429 problem with a Retry-After within the window. */
function expectTooMany(res: Res) {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
  const after = Number(res.headers['retry-after']);
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThanOrEqual(WINDOW);
}

/**
 * Rate limits (@fastify/rate-limit) per client and per e-mail address on every route a stranger
 * can use to guess passwords, flood a mailbox or probe for tenants. All requests here come from
 * one client (127.0.0.1), so each group is proven on its own app with small limits.
 */
describe('rate limits', () => {
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((a) => a.close())));

  async function boot(env: Record<string, string>) {
    const t = await TestApp.boot({ env: { RATE_LIMIT_WINDOW_SECONDS: String(WINDOW), ...env } });
    apps.push(t);
    return { t, tenant: await t.createTenant('kandidatenbank') };
  }
  const post = (t: TestApp, tenant: TenantRef, path: string, body: unknown) =>
    t.http('post', path, { tenant: tenant.key, body });
  const nobody = (i: number | string) => `nobody-${i}-${Date.now()}@example.test`;

  it('with the production defaults, a burst of 50 bad sign-ins from one client meets 429 with Retry-After, for one address and for many', async () => {
    const defaults = new AppConfig();
    const { t, tenant } = await boot({
      RATE_LIMIT_SIGN_IN_PER_CLIENT: String(defaults.RATE_LIMIT_SIGN_IN_PER_CLIENT),
      RATE_LIMIT_SIGN_IN_PER_ADDRESS: String(defaults.RATE_LIMIT_SIGN_IN_PER_ADDRESS),
    });
    const account = await t.createAccount(tenant, ['staff']);
    const one: number[] = [];
    for (let i = 0; i < 50 && !one.includes(429); i++)
      one.push(
        (await post(t, tenant, '/auth/login', { email: account.email, password: WRONG })).status,
      );
    expect(one).toContain(429);
    const many: Res[] = [];
    for (let i = 0; i < 50; i++)
      many.push(await post(t, tenant, '/auth/login', { email: nobody(i), password: WRONG }));
    const refused = many.find((r) => r.status === 429);
    expect(refused).toBeDefined();
    expectTooMany(refused!);
  });

  it('limits sign-in per address and per client', async () => {
    const { t, tenant } = await boot({
      RATE_LIMIT_SIGN_IN_PER_CLIENT: '6',
      RATE_LIMIT_SIGN_IN_PER_ADDRESS: '3',
    });
    const account = await t.createAccount(tenant, ['staff']);
    for (let i = 0; i < 3; i++)
      expect(
        (await post(t, tenant, '/auth/login', { email: account.email, password: account.password }))
          .status,
      ).toBe(200);
    const byAddress = await post(t, tenant, '/auth/login', {
      email: account.email,
      password: account.password,
    });
    expectTooMany(byAddress);
    expect(byAddress.body.detail).toBe('Too many requests for this address; try again later');
    // The same client may still try other addresses, until its own limit.
    expect(
      (await post(t, tenant, '/auth/login', { email: nobody('a'), password: WRONG })).status,
    ).toBe(401);
    expect(
      (await post(t, tenant, '/auth/login', { email: nobody('b'), password: WRONG })).status,
    ).toBe(401);
    const byClient = await post(t, tenant, '/auth/login', { email: nobody('c'), password: WRONG });
    expectTooMany(byClient);
    expect(byClient.body.detail).toBe('Too many requests; try again later');
  });

  it('limits registration per address and per client', async () => {
    const { t, tenant } = await boot({
      RATE_LIMIT_REGISTRATION_PER_CLIENT: '4',
      RATE_LIMIT_REGISTRATION_PER_ADDRESS: '2',
    });
    const body = (email: string) => ({ email, fields: { firstName: 'Sam', lastName: 'Bos' } });
    const victim = nobody('victim');
    for (let i = 0; i < 2; i++)
      expect((await post(t, tenant, '/profiles/register', body(victim))).status).toBe(202);
    expectTooMany(await post(t, tenant, '/profiles/register', body(victim)));
    expect((await post(t, tenant, '/profiles/register', body(nobody('other')))).status).toBe(202);
    expectTooMany(await post(t, tenant, '/profiles/register', body(nobody('more'))));
    await t.settled();
  });

  it('limits refresh per client', async () => {
    const { t, tenant } = await boot({ RATE_LIMIT_REFRESH_PER_CLIENT: '3' });
    const refreshToken = `00000000-0000-4000-8000-000000000000.${'x'.repeat(43)}`;
    for (let i = 0; i < 3; i++)
      expect((await post(t, tenant, '/auth/refresh', { refreshToken })).status).toBe(401);
    expectTooMany(await post(t, tenant, '/auth/refresh', { refreshToken }));
  });

  it('limits password-reset requests per address and per client', async () => {
    const { t, tenant } = await boot({
      RATE_LIMIT_PASSWORD_RESET_PER_CLIENT: '3',
      RATE_LIMIT_PASSWORD_RESET_PER_ADDRESS: '2',
    });
    const victim = nobody('reset');
    for (let i = 0; i < 2; i++)
      expect((await post(t, tenant, '/auth/password-reset', { email: victim })).status).toBe(202);
    expectTooMany(await post(t, tenant, '/auth/password-reset', { email: victim }));
    expectTooMany(await post(t, tenant, '/auth/password-reset', { email: nobody('other') }));
    await t.settled();
  });

  it('limits every use of a link or token from a mail per client: reset, verification, unsubscribe, preferences', async () => {
    const { t, tenant } = await boot({ RATE_LIMIT_MAIL_LINKS_PER_CLIENT: '4' });
    const guess = { token: 'guessing-a-token-0000', password: 'a-long-enough-passphrase' };
    expect((await post(t, tenant, '/auth/password-reset/confirm', guess)).status).toBe(400);
    expect((await post(t, tenant, '/profiles/verify-email', guess)).status).toBe(400);
    const link = `/mail/t/${tenant.key}/unsubscribe?token=${'A'.repeat(80)}`;
    expect((await t.http('get', link)).status).toBe(400);
    expect((await t.http('post', link)).status).toBe(400);
    expectTooMany(await t.http('get', `/mail/t/${tenant.key}/preferences?token=${'A'.repeat(80)}`));
  });

  it('covers every public route that changes something, except the bounce webhooks (they need the shared secret)', async () => {
    const { t } = apps.length ? { t: apps[0] } : await boot({});
    const routes = discoverRoutes(t.app);
    const known = new Set(routes.map((r) => r.route));
    expect(Object.keys(RATE_LIMITED_ROUTES).filter((r) => !known.has(r))).toEqual([]);
    const unlimited = routes.filter(
      (r) =>
        r.rule?.kind === 'public' &&
        r.method !== 'GET' &&
        !rateLimitGroupOf(r.route, r.config) &&
        !/^POST \/mail\/t\/:tenant\/bounces/.test(r.route),
    );
    expect(unlimited.map((r) => r.route)).toEqual([]);
  });

  it('makes a client that keeps naming unknown tenants wait, before any lookup; known tenants and unknown routes do not count', async () => {
    const { t, tenant } = await boot({ RATE_LIMIT_UNKNOWN_TENANT_PER_CLIENT: '3' });
    for (let i = 0; i < 5; i++) {
      expect((await t.http('get', '/vacancies', { tenant: tenant.key })).status).toBe(200);
      expect((await t.http('get', '/no-such-route', { tenant: tenant.key })).status).toBe(404);
    }
    for (let i = 0; i < 3; i++)
      expect((await t.http('get', '/vacancies', { tenant: `no-such-tenant-${i}` })).status).toBe(
        404,
      );
    expectTooMany(await t.http('get', '/vacancies', { tenant: 'no-such-tenant-x' }));
    expectTooMany(await t.http('get', '/vacancies', { tenant: tenant.key }));
  });

  it('takes its limits from the validated configuration; the test environment defaults them high', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).RATE_LIMIT_SIGN_IN_PER_CLIENT).toBe(TEST_RATE_LIMIT);
    expect(
      loadConfig({ NODE_ENV: 'test', RATE_LIMIT_SIGN_IN_PER_CLIENT: '7' })
        .RATE_LIMIT_SIGN_IN_PER_CLIENT,
    ).toBe(7);
    expect(loadConfig({}).RATE_LIMIT_SIGN_IN_PER_CLIENT).toBe(30);
    let problems: string[] = [];
    try {
      loadConfig({
        RATE_LIMIT_SIGN_IN_PER_ADDRESS: '0',
        RATE_LIMIT_WINDOW_SECONDS: 'often',
        SIGN_IN_DELAY_SECONDS: '600',
        SIGN_IN_MAX_DELAY_SECONDS: '60',
      });
    } catch (err) {
      problems = (err as ConfigError).problems;
    }
    expect([...new Set(problems.map((p) => p.split(':')[0]))].sort()).toEqual([
      'RATE_LIMIT_SIGN_IN_PER_ADDRESS',
      'RATE_LIMIT_WINDOW_SECONDS',
      'SIGN_IN_MAX_DELAY_SECONDS',
    ]);
  });
});
