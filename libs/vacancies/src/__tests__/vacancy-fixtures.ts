import type { TestApp } from '../../../../test/support/test-app.js';
import type { TenantRef } from '../../../context/src/index.js';

/** A complete, valid vacancy body; tests override what they are about. */
export function vacancyBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Monteur elektrotechniek',
    description: 'Wij zoeken een ervaren monteur voor installaties in nieuwbouwwoningen in de regio.',
    location: { city: 'Utrecht', postcode: '3511 AB', country: 'NL', latitude: 52.0907, longitude: 5.1214 },
    hours: { min: 32, max: 40 },
    contractType: 'permanent',
    educationLevel: 'vocational',
    publishUntil: '2026-03-01T00:00:00.000Z',
    ...overrides,
  };
}

/** An employer organisation with a signed-in recruiter. */
export async function employerWithRecruiter(t: TestApp, tenant: TenantRef) {
  const unit = await t.createOrgUnit(tenant, 'employer');
  const recruiter = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
  return { unit, recruiter };
}

/** Creates a vacancy through the API as the given employer and returns its id. */
export async function createVacancy(
  t: TestApp,
  tenant: TenantRef,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const res = await t.http('post', '/manage/vacancies', {
    tenant: tenant.key,
    token,
    body: vacancyBody({ status: 'published', ...overrides }),
  });
  if (res.status !== 201) throw new Error(`vacancy not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}
