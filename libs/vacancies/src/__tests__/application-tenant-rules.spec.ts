import { TestApp } from '../../../../test/support/test-app.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import type { TenantDefinition } from '../../../plugin-api/src/index.js';
import { FixedClock } from '../../../config/src/index.js';
import { createVacancy } from './vacancy-fixtures.js';

/** The audience of applications is the tenant's declaration (visibility.applications.visibleTo). */
describe("a tenant's own application audience", () => {
  let t: TestApp;
  const contactsOnly: TenantDefinition = {
    ...kandidatenbank,
    key: 'contacts-only',
    domains: [],
    demo: undefined,
    visibility: { ...kandidatenbank.visibility, applications: { visibleTo: ['vacancy-contacts'] } },
  };

  beforeAll(async () => {
    t = await TestApp.boot({ tenants: [kandidatenbank, contactsOnly], clock: new FixedClock('2026-01-10T09:00:00Z') });
  });
  afterAll(() => t.close());

  it('leaves out managers and staff when the tenant names only the vacancy contacts', async () => {
    const tenant = await t.createTenant('contacts-only');
    const unit = await t.createOrgUnit(tenant, 'employer');
    const contact = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
    const manager = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
    const staff = await t.signedIn(tenant, ['staff']);
    const applicant = await t.signedIn(tenant, ['jobseeker']);
    await t.http('put', `/employers/${unit.id}/managers/${manager.id}`, { tenant: tenant.key, token: staff.token });
    const vacancyId = await createVacancy(t, tenant, contact.token);
    const applied = await t.http('post', `/vacancies/${vacancyId}/applications`, {
      tenant: tenant.key,
      token: applicant.token,
      body: { motivation: 'Graag!' },
    });
    const read = (token: string) => t.http('get', `/applications/${applied.body.id}`, { tenant: tenant.key, token });
    expect({
      contact: (await read(contact.token)).status,
      manager: (await read(manager.token)).status,
      staff: (await read(staff.token)).status,
      applicant: (await read(applicant.token)).status,
    }).toEqual({ contact: 200, manager: 404, staff: 404, applicant: 200 });
  });
});
