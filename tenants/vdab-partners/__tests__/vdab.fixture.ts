import type { TenantRef } from '../../../libs/tenant-host/src/index.js';
import type { TestApp } from '../../../test/support/test-app.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are JSON read by the assertions
export const expectStatus = <R extends { status: number; body: any }>(res: R, status: number, what: string): R => {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
};

/** One VDAB tenant: the service's staff member, two partner organisations with two staff each. */
export async function vdabWorld(t: TestApp, tenant: TenantRef) {
  const werkpunt = await t.createOrgUnit(tenant, 'partner-organisation');
  const gids = await t.createOrgUnit(tenant, 'partner-organisation');
  const partner = (unitId: string) => t.signedIn(tenant, ['partner'], { orgUnitIds: [unitId] });
  const world = {
    units: { werkpunt, gids },
    service: await t.signedIn(tenant, ['staff']),
    werkpuntCoach: await partner(werkpunt.id),
    werkpuntAdmin: await partner(werkpunt.id),
    gidsCoach: await partner(gids.id),
    gidsAdmin: await partner(gids.id),
  };
  const call = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, token: string | undefined, body?: unknown, headers?: Record<string, string>) =>
    t.http(method, path, { tenant: tenant.key, token, body, headers });
  let n = 0;
  const helpers = {
    call,
    /** Access tokens live 10 minutes by the same clock: after walking it, everyone signs in again. */
    async signInAgain() {
      for (const who of [world.service, world.werkpuntCoach, world.werkpuntAdmin, world.gidsCoach, world.gidsAdmin]) who.token = await t.login(who);
    },
    async dossier(): Promise<string> {
      n += 1;
      const res = await call('post', '/vdab/dossiers', world.service.token, { reference: `WZ-${Date.now()}-${n}`, firstName: 'An', lastName: 'Peeters' });
      return expectStatus(res, 201, 'create dossier').body.id as string;
    },
    async assign(organisationId: string, dossierId: string, startsAt: string, endsAt: string, kind = 'job-coaching'): Promise<string> {
      const res = await call('post', '/vdab/assignments', world.service.token, { organisationId, dossierId, kind, startsAt, endsAt });
      return expectStatus(res, 201, 'create assignment').body.id as string;
    },
    async makeAdmin(organisationId: string, accountId: string) {
      expectStatus(await call('put', `/vdab/organisations/${organisationId}/admins/${accountId}`, world.service.token), 200, 'grant admin');
    },
  };
  await helpers.makeAdmin(werkpunt.id, world.werkpuntAdmin.id);
  await helpers.makeAdmin(gids.id, world.gidsAdmin.id);
  return { ...world, ...helpers };
}

export const action = (overrides: Record<string, unknown> = {}) => ({
  type: 'coaching-session',
  date: '2026-03-12',
  outcome: 'completed',
  notes: 'CV herwerkt; twee vacatures besproken.',
  ...overrides,
});
