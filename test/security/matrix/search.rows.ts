import { ErasureService } from '../../../libs/privacy/src/erasure.service.js';
import { activeJobseeker, registerJobseeker } from '../../../libs/profiles/src/__tests__/support/profile-kit.js';
import { only, type MatrixRequest, type MatrixRow, type RowContext } from './matrix.types.js';

/**
 * Candidate-bank search (statement 001): the tenant's staff and admins, and recruiters of an
 * organisation with access to the bank. Partners may call the route in general, but this tenant
 * does not let them search (403 from the service); jobseekers never may (403 from the guard).
 *
 * Every caller searches for one word that a listed profile holds and that profiles nobody may find
 * hold too: a draft, an inactive profile and a person anonymised by retention (identity removed).
 * Their real names, and the listed person's e-mail address, may reach no response at all.
 */
const WORD = 'matrixzoekwoord';
const DRAFT = { firstName: 'Drafta', lastName: 'Nooitgevonden' };
const INACTIVE = { firstName: 'Inactiva', lastName: 'Weggehaald' };
const ANONYMISED = { firstName: 'Anonyma', lastName: 'Uitgewist' };
const ERASED = { firstName: 'Erasa', lastName: 'Vergeten' };

/** The names, plus the listed person's address, which the setup adds: addresses are drawn per run. */
const NEVER: string[] = Object.values({ ...DRAFT, ...INACTIVE, ...ANONYMISED, ...ERASED });

const fields = { headline: 'Lasser', summary: `Ervaren ${WORD} in de metaal.` };

const seeded = new Map<string, Promise<void>>();
function seedBank(ctx: RowContext): Promise<void> {
  const tenant = ctx.target.tenant;
  if (!seeded.has(tenant.id))
    seeded.set(
      tenant.id,
      (async () => {
        const listed = await activeJobseeker(ctx.t, tenant, { firstName: 'Zoekbare', lastName: 'Kandidaat' }, fields);
        NEVER.push(listed.email);

        const draft = await registerJobseeker(ctx.t, tenant, DRAFT);
        await ctx.t.http('patch', '/profiles/me', { tenant: tenant.key, token: draft.token, body: { fields } });

        const inactive = await activeJobseeker(ctx.t, tenant, INACTIVE, fields);
        await ctx.t.http('post', '/profiles/me/inactivate', { tenant: tenant.key, token: inactive.token });

        const erasure = ctx.t.get(ErasureService);
        const anonymised = await activeJobseeker(ctx.t, tenant, ANONYMISED, fields);
        await ctx.t.inTenant(tenant, () => erasure.anonymise(anonymised.id, 'retention'));
        const erased = await activeJobseeker(ctx.t, tenant, ERASED, fields);
        await ctx.t.inTenant(tenant, () => erasure.erase(erased.id, 'person asked'));
      })(),
    );
  return seeded.get(tenant.id)!;
}

async function searchTheBank(ctx: RowContext): Promise<MatrixRequest> {
  // The platform tenant keeps no profiles; its operator is refused before anything is read.
  if (ctx.target.definition) await seedBank(ctx);
  return { path: `/search/profiles?q=${WORD}` };
}

export const rows: MatrixRow[] = [
  {
    route: 'GET /search/profiles',
    own: only({ 'tenant-admin': 200, staff: 200, employer: 200 }),
    setup: searchTheBank,
    never: NEVER,
  },
];
