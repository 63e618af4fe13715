import { randomBytes } from 'node:crypto';
import type { TestApp } from '../../../../test/support/test-app.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';

/** A jobseeker whose active profile is in the talent pool (pool consent granted). */
export async function poolMember(t: TestApp, tenant: TenantRef) {
  const person = await t.signedIn(tenant, ['jobseeker']);
  const alias = `Talent ${randomBytes(3).toString('hex')}`;
  const handle = await t.get(TenantDb).forTenant(tenant, async (tx) => {
    const [row] = await tx.query<{ handle: string }>(
      `INSERT INTO profiles (tenant_id, id, state, alias, fields, activated_at) VALUES ($1, $2, 'active', $3, $4, now())
       RETURNING public_handle AS handle`,
      [tx.tenantId, person.id, alias, JSON.stringify({ name: 'Secret Name', email: person.email, phone: '+31612345678' })],
    );
    await tx.query(
      `INSERT INTO consent_state (tenant_id, person_id, purpose, granted, policy_version, changed_at) VALUES ($1, $2, 'talentPool', true, '2024-01', now())`,
      [tx.tenantId, person.id],
    );
    return row.handle;
  });
  return { ...person, alias, handle };
}

/** An employer organisation with one signed-in recruiter. */
export async function employer(t: TestApp, tenant: TenantRef) {
  const unit = await t.createOrgUnit(tenant, 'employer');
  const account = await t.signedIn(tenant, ['employer'], { orgUnitIds: [unit.id] });
  return { ...account, unitId: unit.id };
}
