import type { TenantRef } from '../../libs/context/src/index.js';
import { TenantRegistry } from '../../libs/tenancy/src/index.js';
import type { Role } from '../../libs/plugin-api/src/index.js';
import type { MatrixActor, MatrixRole, TenantFixtures } from '../security/matrix/matrix.types.js';
import type { TestApp } from './test-app.js';

type TenantRole = Exclude<MatrixRole, 'anonymous' | 'platform-operator'>;

/** A tenant with one signed-in account per role, as the authorization matrix calls it. */
export interface RoleWorld {
  readonly fixtures: TenantFixtures;
  readonly actors: Readonly<Record<TenantRole, MatrixActor>>;
}

export const signIn = (t: TestApp, tenant: TenantRef, roles: Role[], orgUnitIds: string[] = []): Promise<MatrixActor> =>
  t.signedIn(tenant, roles, { orgUnitIds });

/** A new tenant on the definition with the matrix's org units and one account per role. */
export async function roleWorld(t: TestApp, plugin: string): Promise<RoleWorld> {
  const tenant = await t.createTenant(plugin);
  const employerUnit = await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true });
  const partnerUnit = await t.createOrgUnit(tenant, 'partner-organisation');
  return {
    fixtures: {
      tenant,
      definition: t.get(TenantRegistry).get(plugin),
      employerUnitId: employerUnit.id,
      partnerUnitId: partnerUnit.id,
    },
    actors: {
      'tenant-admin': await signIn(t, tenant, ['tenant-admin']),
      staff: await signIn(t, tenant, ['staff']),
      employer: await signIn(t, tenant, ['employer'], [employerUnit.id]),
      jobseeker: await signIn(t, tenant, ['jobseeker']),
      partner: await signIn(t, tenant, ['partner'], [partnerUnit.id]),
    },
  };
}

/** The platform tenant and a signed-in operator. */
export async function platformWorld(t: TestApp): Promise<{ fixtures: TenantFixtures; operator: MatrixActor }> {
  const tenant = await t.platformTenant();
  return {
    fixtures: { tenant, definition: null, employerUnitId: null, partnerUnitId: null },
    operator: await signIn(t, tenant, ['platform-operator']),
  };
}

/** The org units an actor of the world belongs to (for a fresh account like it). */
export function ownUnits(actor: MatrixActor, w: RoleWorld): string[] {
  if (actor.roles.includes('employer')) return [w.fixtures.employerUnitId!];
  if (actor.roles.includes('partner')) return [w.fixtures.partnerUnitId!];
  return [];
}
