import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import request from 'supertest';
import type { TenantRef } from '../../libs/context/src/index.js';
import { TenantDb } from '../../libs/database/src/index.js';
import { DtoSchemaSet, type Schema } from '../../libs/platform/src/openapi/api-document.js';
import { routeInputs, type InputType, type RouteInputs } from '../../libs/platform/src/openapi/route-inputs.js';
import { TestApp } from '../support/test-app.js';
import { ownUnits, platformWorld, roleWorld, signIn, type RoleWorld } from '../support/role-worlds.js';
import {
  BAD_QUERY_VALUES,
  asQueryText,
  exampleInputs,
  mutatedInputs,
  mutatedQueries,
  profileFieldValues,
  schemaPaths,
  validValue,
  type Input,
} from '../support/input-arbitraries.js';
import {
  MATRIX_ROLES,
  type MatrixActor,
  type MatrixRequest,
  type MatrixRole,
  type MatrixRow,
  type RowContext,
  type TenantFixtures,
} from './matrix/matrix.types.js';

/**
 * Bad input, derived from each route's own DTO (ASVS V5, API Top 10 API8): for every route that
 * takes a body or a query, fast-check generates what the DTO accepts and the same with one field,
 * or the whole body, broken: missing, null, blank, the wrong kind, numbers and text beyond the
 * columns, dates PostgreSQL cannot hold, nesting past the limit. Sent as an authorised caller (the
 * authorization matrix's row for the route gives the caller, the path and a valid body), every
 * answer must be below 500, every refusal problem details naming a field or the reason, and a
 * refusal must leave every table of the tenant as it was. Seeded and bounded: BAD_INPUT_RUNS random
 * inputs per route (default 12) after the fixed examples (every field broken the common ways).
 */
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 12);
const SEED = Number(process.env.BAD_INPUT_SEED ?? 9_2026);

/**
 * Tables a refusal is meant to write: a refused sign-in counts towards the address's growing delay
 * (that count is the defence against guessing); a partner's attempt on a dossier outside an
 * assignment is logged and flagged for the quality check (statement 002, vdab-partners).
 */
const COUNTED_WHEN_REFUSED: Record<string, readonly string[]> = {
  'POST /auth/login': ['sign_in_throttles'],
  'POST /vdab/dossiers/:dossierId/actions': ['vdab_dossier_log'],
  'POST /vdab/api/dossiers/:dossierId/actions': ['vdab_dossier_log'],
  'POST /vdab/dossiers/:dossierId/actions/:actionId/documents': ['vdab_dossier_log'],
  'GET /vdab/dossiers/:dossierId/actions/:actionId/documents': ['vdab_dossier_log'],
  'GET /vdab/dossiers/:dossierId/actions/:actionId/documents/:documentId': ['vdab_dossier_log'],
};

/** Signs of an internal error leaking out: stack frames, SQL, driver error names. */
const INTERNALS = [/\bat \S+ \(.*:\d+:\d+\)/, /\.(ts|js):\d+/, /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b/, /QueryFailedError/];

const ROW_FILES = readdirSync(new URL('./matrix/', import.meta.url)).filter((f) => f.endsWith('.rows.ts')).sort();
const ROWS = new Map<string, MatrixRow>();
// One at a time, as the matrix loads them (Node 20's VM module linker and shared imports).
for (const file of ROW_FILES) {
  const mod = (await import(`./matrix/${file.replace(/\.ts$/, '.js')}`)) as { rows: MatrixRow[] };
  for (const row of mod.rows) ROWS.set(row.route, row);
}

const t = await TestApp.boot();
const ROUTES = routeInputs(t.app);

const isDto = (type: InputType | null): type is InputType => !!type && ![Object, String, Number, Boolean, Array].includes(type as never);
/** Routes that read a JSON body, a query (a DTO, or for search as it comes) or path parameters. */
const TARGETS = ROUTES.filter((r) => isDto(r.body) || isDto(r.query) || r.query === Object || r.pathParams.length > 0);

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

type Attempt = Input & { readonly kind: 'body' | 'query' | 'path' };

/** Path segments as sent (already URL-encoded): not an id, a NUL, a huge one, an encoded slash, ... */
const BAD_PATH_SEGMENTS = ['not-a-uuid', '%00', '%E0%A4%A', 'x'.repeat(300), '%2F..%2F', '%20', '%F0%9F%98%80', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '00000000-0000-0000-0000-000000000000'];

/** The concrete path with the segment of one parameter replaced. */
function withParam(concrete: string, template: string, name: string, segment: string): string {
  const at = template.split('/').indexOf(`:${name}`);
  const parts = concrete.split('/');
  parts[at] = segment;
  return parts.join('/');
}

/** Requests sent, answers by status class, and the slowest route: the size of what was proven. */
const stats = {
  requests: 0,
  requestMs: 0,
  countMs: 0,
  byStatus: new Map<string, number>(),
  slowest: { route: '', ms: 0 },
  accepted: new Map<string, number>(),
  /** `route` null: a broken path, which no route should accept. */
  record(route: string | null, status: number, ms: number) {
    this.requests++;
    if (route) this.accepted.set(route, (this.accepted.get(route) ?? 0) + (status < 300 ? 1 : 0));
    this.requestMs += ms;
    const key = `${Math.floor(status / 100)}xx`;
    this.byStatus.set(key, (this.byStatus.get(key) ?? 0) + 1);
    if (ms > this.slowest.ms) this.slowest = { route: route ?? 'a broken path', ms: Math.round(ms) };
  },
  summary() {
    return `bad input: ${this.requests} requests over ${TARGETS.length} routes; ${[...this.byStatus].map(([k, n]) => `${k}: ${n}`).join(', ')}; mean answer ${Math.round(this.requestMs / this.requests)} ms, slowest ${this.slowest.ms} ms (${this.slowest.route}); row counts ${Math.round(this.countMs / 1000)} s in all; never accepted: ${[...this.accepted].filter(([, n]) => n === 0).map(([r]) => r).join(', ') || 'none'}`;
  },
};

/**
 * Where the matrix's row sends a valid body to an id that does not exist (its answer is 404 before
 * anything is written), a target that exists, so valid and nearly valid bodies reach the database.
 */
const DEEPER: Record<string, (ctx: RowContext) => Promise<MatrixRequest>> = {
  'POST /refugeework/people/:personId/placements': async (ctx) => ({
    path: `/refugeework/people/${await jobseekerOf(ctx)}/placements`,
    body: { employerOrgUnitId: ctx.target.employerUnitId, jobTitle: 'Carpenter', startedOn: '2025-01-06', endedOn: '2025-06-30' },
  }),
  'PATCH /refugeework/placements/:id': async (ctx) => ({ path: `/refugeework/placements/${await placementOf(ctx)}`, body: { jobTitle: 'Foreman' } }),
  'POST /refugeework/placements/:id/review': async (ctx) => ({
    path: `/refugeework/placements/${await placementOf(ctx)}/review`,
    body: { stars: 4, assessment: 'Reliable and precise.' },
  }),
  'POST /refugeework/objections/:id/resolve': async (ctx) => {
    const jobseeker = await ctx.t.signedIn(ctx.target.tenant, ['jobseeker']);
    const made = await ctx.t.http('post', '/refugeework/objections', { tenant: ctx.target.tenant.key, token: jobseeker.token, body: { reason: 'I object to matching.' } });
    return { path: `/refugeework/objections/${made.body.id}/resolve`, body: { outcome: 'processing-continues', reason: 'Matching is needed to run the pool.' } };
  },
  'POST /refugeework/objections/:id/lift': async (ctx) => {
    const jobseeker = await ctx.t.signedIn(ctx.target.tenant, ['jobseeker']);
    const staff = await ctx.t.signedIn(ctx.target.tenant, ['staff']);
    const opts = (token: string, body: unknown) => ({ tenant: ctx.target.tenant.key, token, body });
    const made = await ctx.t.http('post', '/refugeework/objections', opts(jobseeker.token, { reason: 'I object to matching.' }));
    await ctx.t.http('post', `/refugeework/objections/${made.body.id}/resolve`, opts(staff.token, { outcome: 'processing-stopped' }));
    return { path: `/refugeework/objections/${made.body.id}/lift`, body: { reason: 'You asked to be listed again.' } };
  },
  'POST /refugeework/business-contacts/:accountId/contract-end': async (ctx) => {
    const contact = await ctx.t.createAccount(ctx.target.tenant, ['employer'], { orgUnitIds: [ctx.target.employerUnitId!] });
    return { path: `/refugeework/business-contacts/${contact.id}/contract-end`, body: { endedOn: '2025-12-31' } };
  },
};

const jobseekerOf = async (ctx: RowContext) => (await ctx.t.createAccount(ctx.target.tenant, ['jobseeker'])).id;

/** A finished job of a new jobseeker at the matrix employer's unit, recorded by a staff member. */
async function placementOf(ctx: RowContext): Promise<string> {
  const staff = await ctx.t.signedIn(ctx.target.tenant, ['staff']);
  const res = await ctx.t.http('post', `/refugeework/people/${await jobseekerOf(ctx)}/placements`, {
    tenant: ctx.target.tenant.key,
    token: staff.token,
    body: { employerOrgUnitId: ctx.target.employerUnitId, jobTitle: 'Carpenter', startedOn: '2025-01-06', endedOn: '2025-06-30' },
  });
  if (res.status !== 201) throw new Error(`placement: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** The caller the matrix lets through: a role with a 2xx, else one the handler answers (not 401/403). */
function callerOf(row: MatrixRow): MatrixRole {
  const answered = MATRIX_ROLES.filter((r) => ![401, 403].includes(row.own[r]));
  return answered.find((r) => row.own[r] < 300) ?? answered[0] ?? 'anonymous';
}

describe('every route answers bad input with a 4xx naming the field, never a 5xx, and writes nothing', () => {
  const set = new DtoSchemaSet();
  const worlds = new Map<string, Promise<RoleWorld>>();
  let platform: Awaited<ReturnType<typeof platformWorld>>;
  let tables: string[];
  let doc: { paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema?: Schema }[] }>> };

  const world = (plugin: string) => {
    if (!worlds.has(plugin)) worlds.set(plugin, roleWorld(t, plugin));
    return worlds.get(plugin)!;
  };

  beforeAll(async () => {
    platform = await platformWorld(t);
    doc = (await t.http('get', '/docs-json')).body;
    tables = await t.get(TenantDb).forTenant(platform.fixtures.tenant, async (tx) =>
      (
        await tx.query<{ table_name: string }>(
          `SELECT DISTINCT c.table_name FROM information_schema.columns c
             JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE c.column_name = 'tenant_id' AND c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
              AND c.table_name <> 'audit_log' AND $1::uuid IS NOT NULL
            ORDER BY c.table_name`,
          [tx.tenantId],
        )
      ).map((r) => r.table_name),
    );
  });
  afterAll(async () => {
    // What the run sent and got, for the record (docs/architecture.md quotes it).
    console.info(stats.summary());
    await t.close();
  });

  /** Rows of every tenant-owned table of the tenant (the audit log appends by design), in one statement. */
  async function rowCounts(tenant: TenantRef): Promise<Record<string, number>> {
    const sql = `SELECT ${tables.map((name) => `(SELECT count(*) FROM ${name} WHERE tenant_id = $1)::int AS "${name}"`).join(', ')}`;
    return t.get(TenantDb).forTenant(tenant, async (tx) => (await tx.query<Record<string, number>>(sql, [tx.tenantId]))[0]);
  }

  it('finds the routes to attack: every body and query DTO and path parameter of the app', () => {
    expect(TARGETS.filter((r) => isDto(r.body) || isDto(r.query)).length).toBeGreaterThan(40);
    expect(TARGETS.filter((r) => !ROWS.has(r.route)).map((r) => r.route)).toEqual([]);
  });

  it.each(TARGETS.map((r) => [r.route, r] as const))('%s', async (_name, route) => {
    const row = ROWS.get(route.route);
    if (!row) throw new Error(`${route.route} has no row in the authorization matrix, which gives its caller and path`);
    const role = callerOf(row);
    const w = role === 'platform-operator' ? null : await world(row.plugin ?? 'kandidatenbank');
    const target: TenantFixtures = w ? w.fixtures : platform.fixtures;
    const actor: MatrixActor | null = role === 'anonymous' ? null : w ? w.actors[role as keyof RoleWorld['actors']] : platform.operator;
    const ctx: RowContext = {
      t,
      role,
      side: 'own',
      target,
      actor,
      freshActor: () => signIn(t, actor!.tenant, actor!.roles, w ? ownUnits(actor!, w) : []),
      unique: () => randomBytes(4).toString('hex'),
    };
    const setup = DEEPER[route.route] ?? row.setup;
    const req = setup ? await setup(ctx) : {};
    const [concretePath, search = ''] = (req.path ?? route.path).split('?');
    const baseQuery = Object.fromEntries(new URLSearchParams(search));
    const token = req.token === undefined ? actor?.token : (req.token ?? undefined);

    // What the DTOs accept, and the one body the matrix knows works.
    const bodySchema = isDto(route.body) ? set.of(route.body) : null;
    const querySchema = isDto(route.query) ? set.of(route.query) : route.query === Object ? documentedQuery(route) : null;
    const fields = target.definition ? { fields: profileFieldValues(target.definition.profile.fields) } : undefined;
    const arbitraries: fc.Arbitrary<Attempt>[] = [];
    const fixed: Attempt[] = [];
    const as = (kind: Attempt['kind']) => (i: Input): Attempt => ({ ...i, kind });
    if (bodySchema) {
      const generated = validValue(bodySchema, { set, special: fields });
      const valid = req.body !== undefined ? fc.oneof(fc.constant(req.body), generated) : generated;
      const paths = schemaPaths(bodySchema, set).map((p) => p.path);
      arbitraries.push(
        valid.map((value) => ({ label: 'a valid body', value, kind: 'body' as const })),
        mutatedInputs(valid, paths).map(as('body')),
        mutatedInputs(valid, paths).map(as('body')),
      );
      // Each field is broken in the matrix's working body, or in one with every field (the matrix's values kept).
      const [complete] = fc.sample(validValue(bodySchema, { set, special: fields, complete: true }), { seed: SEED, numRuns: 1 });
      const merged = isObject(req.body) && isObject(complete) ? { ...complete, ...req.body } : (req.body ?? complete);
      fixed.push(...exampleInputs(req.body, merged, paths).map(as('body')));
    }
    if (querySchema) {
      // The row's own parameters (a signed token) stay as they are unless a mutation breaks them.
      const generated = fc.oneof(
        fc.constant(baseQuery),
        validValue(querySchema, { set }).map((q) => ({ ...(asQueryText(q) as object), ...baseQuery })),
      );
      const keys = Object.keys((querySchema.properties ?? {}) as object);
      arbitraries.push(generated.map((value) => ({ label: 'a valid query', value, kind: 'query' as const })));
      if (keys.length) {
        arbitraries.push(mutatedQueries(generated, keys).map(as('query')));
        fixed.push(
          ...keys.flatMap((key) =>
            BAD_QUERY_VALUES.slice(0, 4).map((bad) => ({ label: `?${key} = ${bad.kind}`, value: { ...baseQuery, [key]: bad.value }, kind: 'query' as const })),
          ),
        );
      }
    }

    let baseline = await rowCounts(target.tenant);
    const problems: string[] = [];
    /** The key of a tenant a refused POST /platform/tenants must not leave behind (the platform tenant's rows do not show it). */
    const tenantKeys = async () => new Set((await t.http('get', '/platform/tenants', { tenant: target.tenant.key, token })).body.items.map((x: { key: string }) => x.key));
    const createsTenant = route.route === 'POST /platform/tenants';
    const attempt = async (input: Attempt) => {
      const body = input.kind === 'body' ? input.value : req.body;
      const query = input.kind === 'query' ? (input.value as Record<string, string | string[]>) : baseQuery;
      const path = input.kind === 'path' ? (input.value as string) : concretePath;
      const key = createsTenant ? (body as { key?: unknown } | null)?.key : undefined;
      const keysBefore = typeof key === 'string' ? await tenantKeys() : null;
      const started = performance.now();
      const res = await send(route.method, path, query, body, { tenant: target.tenant.key, token, headers: req.headers });
      stats.record(input.kind === 'path' ? null : route.route, res.status, performance.now() - started);
      const found = judge(res);
      // Registration and reset requests do their address-dependent work after the answer.
      await t.settled();
      const countStarted = performance.now();
      const counts = await rowCounts(target.tenant);
      stats.countMs += performance.now() - countStarted;
      if (res.status >= 400 && res.status !== 429) {
        const changed = Object.keys(counts).filter((k) => counts[k] !== baseline[k] && !COUNTED_WHEN_REFUSED[route.route]?.includes(k));
        if (changed.length) found.push(`refused with ${res.status} but changed ${changed.map((k) => `${k} ${baseline[k]}→${counts[k]}`).join(', ')}`);
        if (keysBefore && !keysBefore.has(key as string) && (await tenantKeys()).has(key as string)) found.push('refused, but the tenant was created');
      }
      baseline = counts;
      if (found.length) problems.push(`${input.kind} with ${input.label}: ${found.join('; ')} — sent ${JSON.stringify(input.value)?.slice(0, 300)}`);
      return found.length === 0;
    };
    for (const e of fixed) await attempt(e);
    // Each path parameter broken, with the working body: the path is input too.
    for (const p of route.pathParams)
      for (const bad of BAD_PATH_SEGMENTS) await attempt({ kind: 'path', label: `:${p.name} = ${bad}`, value: withParam(concretePath, route.path, p.name, bad) });
    if (arbitraries.length)
      await fc.assert(fc.asyncProperty(fc.oneof(...arbitraries), attempt), { numRuns: RUNS, seed: SEED, endOnFailure: true }).catch(() => undefined);
    expect([...new Set(problems)].slice(0, 20)).toEqual([]);
  });

  /** A query the route takes as it comes (search): its parameters as the API document lists them. */
  function documentedQuery(route: RouteInputs): Schema {
    const op = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
    const params = (op?.parameters ?? []).filter((p) => p.in === 'query' && p.name !== 'filter');
    return { type: 'object', properties: Object.fromEntries(params.map((p) => [p.name, p.schema ?? {}])) };
  }

  function send(
    method: string,
    path: string,
    query: Record<string, string | string[]>,
    body: unknown,
    opts: { tenant: string; token?: string; headers?: Readonly<Record<string, string>> },
  ) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) qs.append(k, one);
    const url = qs.size ? `${path}?${qs}` : path;
    let r = request(t.app.getHttpServer())[method.toLowerCase() as 'post'](url).set('X-Tenant', opts.tenant);
    if (opts.token) r = r.set('Authorization', `Bearer ${opts.token}`);
    for (const [k, v] of Object.entries(opts.headers ?? {})) r = r.set(k, v);
    if (body !== undefined && method !== 'GET') r = r.set('content-type', 'application/json').send(JSON.stringify(body));
    return r;
  }
});

/** What is wrong with an answer: a 5xx, or a refusal that is not problem details naming its reason. */
function judge(res: { status: number; headers: Record<string, string>; body: Record<string, unknown>; text: string }): string[] {
  const out: string[] = [];
  if (res.status >= 500) out.push(`answered ${res.status}`);
  if (res.status >= 400) {
    if (!String(res.headers['content-type']).startsWith('application/problem+json')) out.push(`${res.status} is not problem details`);
    if (res.body?.status !== res.status) out.push(`${res.status}: problem status is ${String(res.body?.status)}`);
    const errors = res.body?.errors as { field?: unknown; reason?: unknown }[] | undefined;
    const named = typeof res.body?.detail === 'string' && (res.body.detail as string).length > 0;
    if (!named && !errors?.length) out.push(`${res.status} names no field and no reason`);
    if (errors?.some((e) => typeof e.field !== 'string' || !e.field || typeof e.reason !== 'string' || !e.reason))
      out.push(`${res.status} lists a problem without field or reason`);
    for (const re of INTERNALS) if (re.test(res.text ?? '')) out.push(`${res.status} exposes internals (${re})`);
  }
  return out;
}
