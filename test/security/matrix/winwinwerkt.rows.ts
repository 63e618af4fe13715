import { randomUUID } from 'node:crypto';
import { everyone, only, type MatrixRow } from './matrix.types.js';

/** The winwinwerkt tenant's own routes (statement 003); for other tenants they do not exist. */
const PLUGIN = 'winwinwerkt';

export const rows: MatrixRow[] = [
  {
    route: 'POST /winwinwerkt/me/statement-acceptances',
    plugin: PLUGIN,
    // Only a candidate accepts the statement for themself.
    own: only({ jobseeker: 201 }),
    setup: () => ({ body: { version: '1.3', occasion: 'registration' } }),
  },
  {
    route: 'POST /winwinwerkt/me/leave-for-good',
    plugin: PLUGIN,
    own: only({ jobseeker: 200 }),
    // A throw-away account: the matrix's own jobseeker is needed by the rows after this one.
    setup: async (ctx) => ({
      body: { confirm: true },
      ...(ctx.role === 'jobseeker' && ctx.side === 'own' ? { token: (await ctx.freshActor()).token } : {}),
    }),
  },
  {
    route: 'POST /winwinwerkt/advertisements',
    plugin: PLUGIN,
    // WinWinWerkt's staff publish advertisers' vacancies.
    own: only({ staff: 201 }),
    setup: () => ({
      body: {
        title: 'Monteur',
        employerName: 'Installatiebedrijf Noord BV',
        description: 'Een vacature van een adverteerder, solliciteren bij de werkgever.',
        city: 'Groningen',
        applyEmail: 'vacatures@installatie-noord.example',
        publishUntil: '2099-12-31T00:00:00.000Z',
      },
    }),
  },
  // Public: the site's advertisements, read by anyone (reading writes nothing).
  // The platform operator calls the platform tenant, where this tenant's routes do not exist.
  { route: 'GET /winwinwerkt/advertisements', plugin: PLUGIN, own: { ...everyone(200), 'platform-operator': 404 }, otherTenant: 200 },
  {
    route: 'GET /winwinwerkt/advertisements/:id',
    plugin: PLUGIN,
    own: everyone(404),
    otherTenant: 404,
    setup: () => ({ path: `/winwinwerkt/advertisements/${randomUUID()}` }),
  },
  {
    route: 'PUT /winwinwerkt/me/etalage',
    plugin: PLUGIN,
    // A candidate joins; an id that is no coach organisation is refused, naming the field.
    own: only({ jobseeker: 422 }),
    setup: () => ({ body: { coachOrganisationId: randomUUID() } }),
  },
  { route: 'DELETE /winwinwerkt/me/etalage', plugin: PLUGIN, own: only({ jobseeker: 200 }) },
  // Public, but only on the Onbekend Talent site: on the tenant's own host it does not exist.
  { route: 'GET /winwinwerkt/etalage', plugin: PLUGIN, own: everyone(404), otherTenant: 404 },
  {
    route: 'POST /winwinwerkt/etalage/:id/contact',
    plugin: PLUGIN,
    own: everyone(404),
    otherTenant: 404,
    setup: (ctx) => ({
      path: `/winwinwerkt/etalage/${randomUUID()}/contact`,
      body: { organisation: 'Matrix BV', name: 'Matrix', email: `matrix-${ctx.unique()}@example.test`, message: 'Graag kennismaken met dit talent.' },
    }),
  },
  // Public forms of every site; strangers fill them in (rate limited).
  {
    route: 'POST /winwinwerkt/contact',
    plugin: PLUGIN,
    own: { ...everyone(202), 'platform-operator': 404 },
    otherTenant: 202,
    setup: (ctx) => ({ body: { name: 'Matrix', email: `matrix-${ctx.unique()}@example.test`, message: 'Graag een gesprek.' } }),
  },
  {
    route: 'POST /winwinwerkt/newsletter',
    plugin: PLUGIN,
    own: { ...everyone(201), 'platform-operator': 404 },
    otherTenant: 201,
    setup: (ctx) => ({ body: { firstName: 'Matrix', lastName: 'Test', email: `matrix-${ctx.unique()}@example.test`, optIn: true } }),
  },
  {
    route: 'POST /winwinwerkt/relations',
    plugin: PLUGIN,
    own: only({ staff: 201 }),
    setup: (ctx) => ({ body: { kind: 'client', organisation: 'Matrix BV', contactName: 'Matrix', email: `matrix-${ctx.unique()}@example.test` } }),
  },
  {
    route: 'POST /winwinwerkt/relations/:id/end',
    plugin: PLUGIN,
    own: only({ staff: 404 }),
    setup: () => ({ path: `/winwinwerkt/relations/${randomUUID()}/end` }),
  },
  {
    route: 'DELETE /winwinwerkt/relations/:id',
    plugin: PLUGIN,
    own: only({ staff: 404 }),
    setup: () => ({ path: `/winwinwerkt/relations/${randomUUID()}` }),
  },
  {
    route: 'POST /winwinwerkt/crm-erasures',
    plugin: PLUGIN,
    own: only({ staff: 200 }),
    setup: (ctx) => ({ body: { email: `matrix-${ctx.unique()}@example.test` } }),
  },
  {
    route: 'GET /winwinwerkt/applications/:id/shared-with-client',
    plugin: PLUGIN,
    // Only the client's people; an application they are not on (here: none) is a 404.
    own: only({ employer: 404 }),
    setup: () => ({ path: `/winwinwerkt/applications/${randomUUID()}/shared-with-client` }),
  },
  {
    route: 'POST /winwinwerkt/vacancies/:id/apply',
    plugin: PLUGIN,
    // Only a candidate applies, for themself; a vacancy that is not online on the site served (here: none) is a 404.
    own: only({ jobseeker: 404 }),
    setup: () => ({ path: `/winwinwerkt/vacancies/${randomUUID()}/apply`, body: { statementVersion: '1.3', motivation: 'Graag solliciteer ik.', joinEtalage: false } }),
  },
  {
    route: 'POST /winwinwerkt/vacancies/:id/apply-without-account',
    plugin: PLUGIN,
    // Public (it creates the account); a vacancy that is not online on the site served (here: none) is a 404 for anyone.
    own: everyone(404),
    otherTenant: 404,
    setup: (ctx) => ({
      path: `/winwinwerkt/vacancies/${randomUUID()}/apply-without-account`,
      body: { email: `matrix-${ctx.unique()}@example.test`, firstName: 'Matrix', lastName: 'Test', statementVersion: '1.3', motivation: 'Graag.', joinEtalage: false },
    }),
  },
  // The link mailed for an application: the page changes nothing; a token that is not one is refused, naming it.
  {
    route: 'GET /winwinwerkt/pending-applications/confirm',
    plugin: PLUGIN,
    own: { ...everyone(200), 'platform-operator': 404 },
    otherTenant: 200,
    setup: () => ({ path: `/winwinwerkt/pending-applications/confirm?token=${randomUUID()}` }),
  },
  {
    route: 'POST /winwinwerkt/pending-applications/confirm',
    plugin: PLUGIN,
    own: { ...everyone(400), 'platform-operator': 404 },
    otherTenant: 400,
    setup: () => ({ path: `/winwinwerkt/pending-applications/confirm?token=${randomUUID()}` }),
  },
];
