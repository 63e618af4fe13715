import { readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { TenantRef } from '../../libs/context/src/index.js';
import { TenantRegistry } from '../../libs/tenancy/src/index.js';
import type { Role } from '../../libs/plugin-api/src/index.js';
import { TEST_PASSWORD, TestApp, type HttpMethod } from '../support/test-app.js';
import { discoverRoutes, type DiscoveredRoute } from '../support/routes.js';
import {
  MATRIX_ROLES,
  type MatrixActor,
  type MatrixRole,
  type MatrixRow,
  type RowContext,
  type TenantFixtures,
} from './matrix/matrix.types.js';

/**
 * The authorization matrix (ASVS L2 V4, OWASP API Top 10 API1/API5): every route in the app, tried
 * as every role, with a token of the tenant called and with a valid token of another tenant, against
 * the status the matrix expects; no response may carry a secret or another tenant's id. Each
 * capability keeps its rows in `matrix/<capability>.rows.ts`; a route without a row fails the run.
 */
const ROW_FILES = readdirSync(new URL('./matrix/', import.meta.url))
  .filter((f) => f.endsWith('.rows.ts'))
  .sort();
const ROWS: { file: string; row: MatrixRow }[] = [];
// One at a time: row files share imports, and Node 20's VM module linker fails concurrent dynamic
// imports of a shared module ("request for 'node:crypto' is not in cache").
for (const file of ROW_FILES) {
  const mod = (await import(`./matrix/${file.replace(/\.ts$/, '.js')}`)) as {
    rows?: MatrixRow[];
  };
  if (!Array.isArray(mod.rows)) throw new Error(`test/security/matrix/${file} must export \`rows\``);
  ROWS.push(...mod.rows.map((row) => ({ file, row })));
}

/** Strings no response may contain, whoever asks: stored secrets, hashes and test passwords. */
const SECRETS = [
  'passwordHash',
  'password_hash',
  'refreshHash',
  'refresh_hash',
  '$argon2',
  TEST_PASSWORD,
];
/** Signs of an internal error leaking out: stack frames, SQL, driver error names. */
const INTERNALS = [
  /\bat \S+ \(.*:\d+:\d+\)/,
  /\.(ts|js):\d+/,
  /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b/,
  /QueryFailedError/,
];

type TenantRole = Exclude<MatrixRole, 'anonymous' | 'platform-operator'>;
interface World {
  fixtures: TenantFixtures;
  actors: Record<TenantRole, MatrixActor>;
}

describe('authorization matrix', () => {
  let t: TestApp;
  let routes: DiscoveredRoute[];
  let platform: { fixtures: TenantFixtures; operator: MatrixActor };
  const worlds = new Map<string, Promise<{ a: World; b: World }>>();

  const signIn = async (
    tenant: TenantRef,
    roles: Role[],
    orgUnitIds: string[] = [],
  ): Promise<MatrixActor> => t.signedIn(tenant, roles, { orgUnitIds });

  async function world(plugin: string): Promise<World> {
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
        'tenant-admin': await signIn(tenant, ['tenant-admin']),
        staff: await signIn(tenant, ['staff']),
        employer: await signIn(tenant, ['employer'], [employerUnit.id]),
        jobseeker: await signIn(tenant, ['jobseeker']),
        partner: await signIn(tenant, ['partner'], [partnerUnit.id]),
      },
    };
  }

  /** Two tenants on the same definition: A is called, B supplies the other tenant's tokens. */
  function worldsFor(plugin: string) {
    if (!worlds.has(plugin))
      worlds.set(
        plugin,
        Promise.all([world(plugin), world(plugin)]).then(([a, b]) => ({ a, b })),
      );
    return worlds.get(plugin)!;
  }

  beforeAll(async () => {
    t = await TestApp.boot();
    routes = discoverRoutes(t.app);
    const tenant = await t.platformTenant();
    platform = {
      fixtures: { tenant, definition: null, employerUnitId: null, partnerUnitId: null },
      operator: await signIn(tenant, ['platform-operator']),
    };
  });

  afterAll(() => t?.close());

  it('has a row for every route in the app: a new route cannot ship without its row', () => {
    const covered = new Set(ROWS.map((r) => r.row.route));
    const missing = routes.filter((r) => !covered.has(r.route));
    if (missing.length)
      throw new Error(
        `These routes have no row in the authorization matrix; add one per route to ` +
          `test/security/matrix/<capability>.rows.ts:\n${missing.map((r) => `  - ${r.route}   (${r.handler})`).join('\n')}`,
      );
  });

  it('has no row for a route that does not exist, and no route twice', () => {
    const known = new Set(routes.map((r) => r.route));
    const stale = ROWS.filter((r) => !known.has(r.row.route)).map(
      (r) => `${r.row.route} (${r.file})`,
    );
    const seen = ROWS.map((r) => r.row.route);
    const twice = [...new Set(seen.filter((r, i) => seen.indexOf(r) !== i))];
    expect({ stale, twice }).toEqual({ stale: [], twice: [] });
  });

  describe.each(ROWS.map(({ file, row }) => [`${row.route}  [${file}]`, row] as const))(
    '%s',
    (_name, row) => {
      it('answers every role, own and other tenant, as the matrix says, and leaks nothing', async () => {
        const route = routes.find((r) => r.route === row.route);
        if (!route) return; // reported by the coverage test above
        const { a, b } = await worldsFor(row.plugin ?? 'kandidatenbank');
        const problems: string[] = [];
        for (const role of MATRIX_ROLES) {
          for (const side of ['own', 'other'] as const) {
            if (role === 'anonymous' && side === 'other') continue; // no token: nothing to borrow
            const target =
              role === 'platform-operator' && side === 'own' ? platform.fixtures : a.fixtures;
            const actor =
              role === 'anonymous'
                ? null
                : role === 'platform-operator'
                  ? platform.operator
                  : (side === 'own' ? a : b).actors[role];
            const ctx: RowContext = {
              t,
              role,
              side,
              target,
              actor,
              freshActor: () =>
                signIn(actor!.tenant, actor!.roles, ownUnits(actor!, side === 'own' ? a : b)),
              unique: () => randomBytes(4).toString('hex'),
            };
            const req = row.setup ? await row.setup(ctx) : {};
            const path = req.path ?? route.path;
            if (path.includes('/:'))
              throw new Error(`${row.route}: the row needs a setup that gives the concrete path`);
            const token = req.token === undefined ? actor?.token : (req.token ?? undefined);
            const res = await t.http(route.method.toLowerCase() as HttpMethod, path, {
              tenant: target.tenant.key,
              token,
              body: req.body,
              headers: req.headers,
            });
            const expected = side === 'own' ? row.own[role] : (row.otherTenant ?? 401);
            const who = `${role} (${side} tenant)`;
            if (res.status !== expected)
              problems.push(
                `${who}: expected ${expected}, got ${res.status} ${res.body?.detail ?? ''}`.trim(),
              );
            const text = res.text ?? '';
            for (const s of [...SECRETS, ...(row.never ?? [])])
              if (text.includes(s)) problems.push(`${who}: response contains "${s}"`);
            if (!row.revealsTenantIds && text.includes(b.fixtures.tenant.id))
              problems.push(`${who}: response contains another tenant's id`);
            if (res.status >= 400) {
              if (!String(res.headers['content-type']).startsWith('application/problem+json'))
                problems.push(`${who}: error is not application/problem+json`);
              if (res.body?.status !== res.status)
                problems.push(`${who}: problem body status does not match`);
              for (const re of INTERNALS)
                if (re.test(text)) problems.push(`${who}: error exposes internals (${re})`);
            }
          }
        }
        expect(problems).toEqual([]);
      });
    },
  );
});

function ownUnits(actor: MatrixActor, w: World): string[] {
  if (actor.roles.includes('employer')) return [w.fixtures.employerUnitId!];
  if (actor.roles.includes('partner')) return [w.fixtures.partnerUnitId!];
  return [];
}
