import type { TenantRef } from '../../../context/src/index.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { activeJobseeker, sql } from '../../../profiles/src/__tests__/support/profile-kit.js';
import { decodeHtml, type PortalClient } from './support/portal-client.js';
import { bootPortal, signedInClient } from './support/portal-fixtures.js';

/**
 * Staff see in a person's dossier when the data will go and why: the tenant's promise for each
 * schedule and the steps ahead with their dates, moved to the end of a legal hold; only after the
 * profile route let them in, so the forecast of someone out of reach is no page either.
 */
describe("the retention forecast in a person's dossier", () => {
  let t: TestApp;
  let tenant: TenantRef;
  let staff: PortalClient;

  beforeAll(async () => {
    ({ t } = await bootPortal());
    tenant = await t.createTenant('kandidatenbank');
    staff = await signedInClient(t, tenant, await t.createAccount(tenant, ['staff']));
  });
  afterAll(() => t?.close());

  it('names the promise and the reminder and inactivation ahead, with their dates', async () => {
    const js = await activeJobseeker(t, tenant, { firstName: 'Noor', lastName: 'Achterberg' }, { headline: 'Lasser' });
    const [{ reminder, inactive }] = await sql<{ reminder: string; inactive: string }>(
      t,
      tenant,
      // The days as the page shows them, in the Netherlands: late in a UTC evening it is already
      // tomorrow there, and this test once failed for an hour a day comparing UTC days.
      `SELECT to_char((anchor_at + interval '12 months') AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS reminder,
              to_char((anchor_at + interval '12 months 30 days') AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS inactive
         FROM retention_state WHERE tenant_id = $1 AND person_id = $2`,
      [js.id],
    );
    const page = await staff.get(`/people/${js.id}`);
    expect(page.status).toBe(200);
    const text = decodeHtml(page.text);
    expect(text).toContain('Wanneer deze gegevens verdwijnen');
    expect(text).toContain('Na activering een jaar zichtbaar');
    const day = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
    expect(text).toContain(`${day(reminder)}: herinneringsmail`);
    expect(text).toContain(`${day(inactive)}: profiel inactief gemaakt`);
  });

  it('an unknown person, or a reader who is not staff, gets no forecast', async () => {
    const js = await activeJobseeker(t, tenant, { firstName: 'Sam', lastName: 'Visser' }, { headline: 'Monteur' });
    expect((await staff.get('/people/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const other = await signedInClient(t, tenant, js);
    expect((await other.get(`/people/${js.id}`)).status).toBe(403);
  });
});
