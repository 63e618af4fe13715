import { gzipSync } from 'node:zlib';
import type { TenantRef } from '../../../context/src/index.js';
import { TEST_PASSWORD, type TestApp } from '../../../../test/support/test-app.js';
import { PortalClient } from './support/portal-client.js';
import { bootPortal, employerWithVacancy, registeredJobseeker } from './support/portal-fixtures.js';

/** A page, its stylesheet and its scripts together, compressed: fast on a cheap phone on a slow line. */
const BUDGET_BYTES = 60 * 1024;

describe('page weight budget', () => {
  let t: TestApp;
  let outbox: string;
  let tenant: TenantRef;

  beforeAll(async () => {
    ({ t, outbox } = await bootPortal());
    tenant = await t.createTenant('refugee-talent-pool');
  });
  afterAll(() => t?.close());

  it('every main page stays under 60 KB compressed with everything it loads, and needs no script', async () => {
    const { vacancyId, recruiter } = await employerWithVacancy(t, tenant);
    const anonymous = new PortalClient(t, tenant.key);
    const jobseeker = new PortalClient(t, tenant.key);
    await registeredJobseeker(t, jobseeker, tenant, outbox, { name: 'Amal Haddad', email: 'amal@example.test', province: 'groningen' });
    const employer = new PortalClient(t, tenant.key);
    await employer.signIn(recruiter.email, TEST_PASSWORD);
    const pages: [PortalClient, string][] = [
      [anonymous, '/'],
      [anonymous, '/vacancies'],
      [anonymous, `/vacancies/${vacancyId}`],
      [anonymous, '/register'],
      [anonymous, '/sign-in'],
      [anonymous, '/privacy'],
      [anonymous, '/accessibility'],
      [jobseeker, '/profile'],
      [jobseeker, `/vacancies/${vacancyId}/apply`],
      [jobseeker, '/applications'],
      [employer, '/candidates'],
      [employer, '/manage/vacancies'],
    ];
    const sizes: Record<string, number> = {};
    const cache = new Map<string, number>();
    for (const [client, path] of pages) {
      const page = await client.get(path);
      expect(page.status).toBe(200);
      expect(page.text).not.toMatch(/<script\b/i);
      let total = gzipSync(page.text).length;
      for (const [, href] of page.text.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)) {
        if (!cache.has(href)) cache.set(href, gzipSync((await client.get(`~${href}`)).text).length);
        total += cache.get(href)!;
      }
      sizes[path.replace(/[0-9a-f-]{36}/, ':id')] = total;
    }
    console.log(`page weight, compressed (bytes): ${JSON.stringify(sizes)}`);
    expect(Object.entries(sizes).filter(([, bytes]) => bytes >= BUDGET_BYTES)).toEqual([]);
  });
});
