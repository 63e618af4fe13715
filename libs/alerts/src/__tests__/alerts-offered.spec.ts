import { TestApp } from '../../../../test/support/test-app.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import type { TenantDefinition } from '../../../plugin-api/src/index.js';
import { rows } from '../../../vacancies/src/__tests__/application-fixtures.js';
import { tenantWithoutAlertMails } from './alert-fixtures.js';

/**
 * A tenant offers alerts by saying so, or (saying nothing) by declaring their mails itself. The
 * core's default alert mails never switch alerts on: without a word from the tenant there is
 * nothing to subscribe to, and no name or address is taken.
 */
describe('tenants that do not offer alerts', () => {
  let t: TestApp;
  const withoutAlerts = tenantWithoutAlertMails('no-alerts');
  const switchedOff: TenantDefinition = { ...kandidatenbank, key: 'alerts-off', domains: [], demo: undefined, vacancyAlerts: { enabled: false } };

  beforeAll(async () => {
    t = await TestApp.boot({ tenants: [kandidatenbank, withoutAlerts, switchedOff] });
  });
  afterAll(() => t.close());

  it('answer 404 to a subscription and store nothing', async () => {
    const tenant = await t.createTenant('no-alerts');
    const res = await t.http('post', '/alerts', {
      tenant: tenant.key,
      body: { name: 'Sam', email: 'sam@example.test', frequency: 'daily' },
    });
    expect(res.status).toBe(404);
    expect(res.body.detail).toBe('Vacancy alerts are not offered on this site');
    expect(await rows(t, tenant, `SELECT id FROM alert_subscribers WHERE tenant_id = $1`)).toEqual([]);
  });

  it('nor does a tenant that declares the mails but switches alerts off', async () => {
    const tenant = await t.createTenant('alerts-off');
    const res = await t.http('post', '/alerts', {
      tenant: tenant.key,
      body: { name: 'Sam', email: 'sam@example.test', frequency: 'daily' },
    });
    expect(res.status).toBe(404);
    expect(await rows(t, tenant, `SELECT id FROM alert_subscribers WHERE tenant_id = $1`)).toEqual([]);
  });

  it('while the kandidatenbank tenant, which declares them, accepts one', async () => {
    const tenant = await t.createTenant('kandidatenbank');
    const res = await t.http('post', '/alerts', {
      tenant: tenant.key,
      body: { name: 'Sam', email: 'sam@example.test', frequency: 'daily' },
    });
    expect(res.status).toBe(202);
  });
});
