import { TestApp } from '../../../../test/support/test-app.js';
import { discoverRoutes } from '../../../../test/support/routes.js';
import { testOnlyTenant } from '../../../../test/support/test-only-tenant/test-only.tenant.js';
import { tenants } from '../../../../tenants/index.js';

/**
 * Every route states who may call it. The walk below finds each controller method registered in
 * the app (core capabilities and every tenant's own module), so a new route without a rule fails
 * here even if the lint rule was switched off for it.
 */
describe('every route denies by default', () => {
  describe('the app as shipped', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await TestApp.boot();
    });
    afterAll(() => t?.close());

    it('finds the routes Fastify actually serves', () => {
      const routes = discoverRoutes(t.app);
      const fastify = t.app.getHttpAdapter().getInstance();
      expect(routes.length).toBeGreaterThan(10);
      const unserved = routes.filter(
        (r) => !fastify.hasRoute({ method: r.method as 'GET', url: r.path }),
      );
      expect(unserved.map((r) => r.route)).toEqual([]);
    });

    it('has an access rule (@Public, @Authenticated or @Roles) on every controller method', () => {
      const missing = discoverRoutes(t.app)
        .filter((r) => r.rule === null)
        .map((r) => `${r.route} (${r.handler})`);
      expect(missing).toEqual([]);
    });

    it('names at least one role on every @Roles rule', () => {
      const empty = discoverRoutes(t.app).filter(
        (r) => r.rule?.kind === 'roles' && r.rule.roles.length === 0,
      );
      expect(empty.map((r) => r.route)).toEqual([]);
    });
  });

  describe('a route that forgot its rule', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await TestApp.boot({ tenants: [...tenants, testOnlyTenant] });
    });
    afterAll(() => t?.close());

    it('is found by the walk', () => {
      const missing = discoverRoutes(t.app).filter((r) => r.rule === null);
      expect(missing.map((r) => `${r.route} (${r.handler})`)).toEqual([
        'GET /test-only/forgotten (TestOnlyController.forgotten)',
      ]);
    });

    it('is refused at run time, signed in or not, and its handler never runs', async () => {
      const tenant = await t.createTenant('test-only');
      const admin = await t.signedIn(tenant, ['tenant-admin']);
      for (const token of [undefined, admin.token]) {
        const res = await t.http('get', '/test-only/forgotten', { tenant: tenant.key, token });
        expect(res.status).toBe(403);
        expect(res.body.detail).toBe('This route has no access rule');
        expect(JSON.stringify(res.body)).not.toContain('leaked');
      }
    });
  });
});
