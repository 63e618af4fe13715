import { randomUUID } from 'node:crypto';
import { only, type MatrixRow } from './matrix.types.js';

/** The hallowerk tenant's own routes (statement 004); for other tenants they do not exist. */
const PLUGIN = 'hallowerk';

export const rows: MatrixRow[] = [
  {
    route: 'POST /hallowerk/imports',
    plugin: PLUGIN,
    // Only staff of a municipality import, into their own municipality; the matrix's staff member
    // belongs to none, so every caller is refused (the import itself: tenants/hallowerk/__tests__).
    own: only({}),
    setup: () => ({ body: { csv: 'email,clientNumber,firstName,lastName\nx@mail.example,K1,A,B', dryRun: true } }),
  },
  {
    route: 'POST /hallowerk/people/:personId/end-of-service',
    plugin: PLUGIN,
    // Staff may call it; a person out of their reach (here: none) is a 404, never a hint.
    own: only({ staff: 404 }),
    setup: () => ({ path: `/hallowerk/people/${randomUUID()}/end-of-service` }),
  },
  {
    route: 'POST /hallowerk/people/:personId/move',
    plugin: PLUGIN,
    // Staff may call it; a person out of their reach (here: none) is a 404, never a hint.
    own: only({ staff: 404 }),
    setup: (ctx) => ({ path: `/hallowerk/people/${randomUUID()}/move`, body: { municipalityId: ctx.target.partnerUnitId ?? randomUUID() } }),
  },
  {
    route: 'POST /hallowerk/me/work-found',
    plugin: PLUGIN,
    // The jobseeker's own report (the offer itself: tenants/hallowerk/__tests__/work-found.spec.ts).
    own: only({ jobseeker: 200 }),
  },
  // Career assignments and assessments (tenants/hallowerk/__tests__/assignments.spec.ts): staff who
  // reach the person give and follow them (here: nobody in reach, so 404); the person hands in their own.
  {
    route: 'POST /hallowerk/people/:personId/assignments',
    plugin: PLUGIN,
    own: only({ staff: 404 }),
    setup: () => ({ path: `/hallowerk/people/${randomUUID()}/assignments`, body: { kind: 'assessment', title: 'Interessetest' } }),
  },
  {
    route: 'GET /hallowerk/people/:personId/assignments',
    plugin: PLUGIN,
    own: only({ staff: 404 }),
    setup: () => ({ path: `/hallowerk/people/${randomUUID()}/assignments` }),
  },
  { route: 'GET /hallowerk/me/assignments', plugin: PLUGIN, own: only({ jobseeker: 200 }) },
  // A coach's personal mail (tenants/hallowerk/__tests__/coach-messages.spec.ts): staff who reach the
  // person write (here: nobody in reach, so 404); account managers are refused there (403).
  {
    route: 'POST /hallowerk/people/:personId/messages',
    plugin: PLUGIN,
    own: only({ staff: 404 }),
    setup: () => ({ path: `/hallowerk/people/${randomUUID()}/messages`, body: { subject: 'Hallo', message: 'Een bericht' } }),
  },
  {
    route: 'POST /hallowerk/me/assignments/:assignmentId/completion',
    plugin: PLUGIN,
    // Someone else's assignment, or none: the same 404.
    own: only({ jobseeker: 404 }),
    setup: () => ({ path: `/hallowerk/me/assignments/${randomUUID()}/completion`, body: { answers: 'Mijn antwoorden' } }),
  },
  // Dated grants of a municipality (tenants/hallowerk/__tests__/execution-authorisations.spec.ts,
  // support-grants.spec.ts): only the municipality's own staff grant, list and revoke; the matrix's
  // staff member belongs to no municipality, so every caller is refused.
  ...(['execution-authorisations', 'support-grants'] as const).flatMap((kind): MatrixRow[] => {
    const base = (ctx: { target: { partnerUnitId: string | null } }) => `/hallowerk/municipalities/${ctx.target.partnerUnitId ?? randomUUID()}/${kind}`;
    const period = { validFrom: '2026-01-01T00:00:00Z', validUntil: '2026-01-10T00:00:00Z' };
    return [
      {
        route: `POST /hallowerk/municipalities/:municipalityId/${kind}`,
        plugin: PLUGIN,
        own: only({}),
        setup: (ctx) => ({
          path: base(ctx),
          body: kind === 'execution-authorisations' ? { organisationId: randomUUID(), ...period } : { supportTeamId: randomUUID(), ...period },
        }),
      },
      { route: `GET /hallowerk/municipalities/:municipalityId/${kind}`, plugin: PLUGIN, own: only({}), setup: (ctx) => ({ path: base(ctx) }) },
      {
        route: `DELETE /hallowerk/municipalities/:municipalityId/${kind}/:grantId`,
        plugin: PLUGIN,
        own: only({}),
        setup: (ctx) => ({ path: `${base(ctx)}/${randomUUID()}` }),
      },
    ];
  }),
];
