import { randomUUID } from 'node:crypto';
import { TenantDb } from '../../../libs/database/src/index.js';
import { FileStorage } from '../../../libs/storage/src/index.js';
import { everyone, only, type MatrixRow, type RowContext } from './matrix.types.js';

/**
 * The vdab-partners tenant's own routes (statement 002); for other tenants they do not exist. The
 * matrix partner belongs to a partner organisation without any assignment and is no partner admin,
 * so every dossier is a 404 to it and every credential route a 403 (the allowed paths:
 * tenants/vdab-partners/__tests__).
 */
const PLUGIN = 'vdab-partners';

async function dossier(ctx: RowContext): Promise<string> {
  const [row] = await ctx.t.get(TenantDb).forTenant(ctx.target.tenant, (tx) =>
    tx.query<{ id: string }>(
      `INSERT INTO vdab_dossiers (tenant_id, reference, first_name, last_name, created_at) VALUES ($1, $2, 'An', 'Peeters', now()) RETURNING id`,
      [tx.tenantId, `M-${ctx.unique()}`],
    ),
  );
  return row.id;
}

async function assignment(ctx: RowContext): Promise<string> {
  const dossierId = await dossier(ctx);
  const [row] = await ctx.t.get(TenantDb).forTenant(ctx.target.tenant, (tx) =>
    tx.query<{ id: string }>(
      `INSERT INTO vdab_assignments (tenant_id, organisation_id, dossier_id, kind, starts_at, ends_at, created_at)
       VALUES ($1, $2, $3, 'job-coaching', now() - interval '1 day', now() + interval '30 days', now()) RETURNING id`,
      [tx.tenantId, ctx.target.partnerUnitId, dossierId],
    ),
  );
  return row.id;
}

async function accountRequest(ctx: RowContext): Promise<string> {
  if (!ctx.target.partnerUnitId) return randomUUID();
  const [row] = await ctx.t.get(TenantDb).forTenant(ctx.target.tenant, (tx) =>
    tx.query<{ id: string }>(
      `INSERT INTO vdab_account_requests (tenant_id, organisation_id, email, display_name, status, requested_at)
       VALUES ($1, $2, $3, 'Nina Nieuw', 'pending', now()) RETURNING id`,
      [tx.tenantId, ctx.target.partnerUnitId, `nina-${ctx.unique()}@partner.example`],
    ),
  );
  return row.id;
}

const action = { type: 'coaching-session', date: '2026-03-12', outcome: 'completed' };

/**
 * An action of the matrix partner's organisation in a dossier whose assignment has ended, so the
 * matrix partner is outside it (404) and the service's staff reach it. The platform tenant has no
 * partner organisation: random ids there (its routes are 404 anyway).
 */
async function actionOf(ctx: RowContext): Promise<{ dossierId: string; actionId: string }> {
  if (!ctx.target.partnerUnitId) return { dossierId: randomUUID(), actionId: randomUUID() };
  const dossierId = await dossier(ctx);
  const [row] = await ctx.t.get(TenantDb).forTenant(ctx.target.tenant, async (tx) => {
    const [a] = await tx.query<{ id: string }>(
      `INSERT INTO vdab_assignments (tenant_id, organisation_id, dossier_id, kind, starts_at, ends_at, created_at)
       VALUES ($1, $2, $3, 'job-coaching', now() - interval '30 days', now() - interval '1 day', now()) RETURNING id`,
      [tx.tenantId, ctx.target.partnerUnitId, dossierId],
    );
    return tx.query<{ id: string }>(
      `INSERT INTO vdab_actions (tenant_id, dossier_id, assignment_id, organisation_id, type, action_date, outcome, created_at)
       VALUES ($1, $2, $3, $4, 'intake', '2026-03-01', 'completed', now()) RETURNING id`,
      [tx.tenantId, dossierId, a.id, ctx.target.partnerUnitId],
    );
  });
  return { dossierId, actionId: row.id };
}

const PDF = '%PDF-1.4\n% matrix\n%%EOF\n';
const BOUNDARY = 'matrixboundary7MA4YWxkTrZu0gW';
/** A multipart body with one PDF in the field `file`, as a partner system sends it. */
const multipart = {
  headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="verslag.pdf"\r\nContent-Type: application/pdf\r\n\r\n${PDF}\r\n--${BOUNDARY}--\r\n`,
};

/** A stored document of such an action: its row and its file. */
async function documentOf(ctx: RowContext): Promise<string> {
  const { dossierId, actionId } = await actionOf(ctx);
  if (!ctx.target.partnerUnitId) return `/vdab/dossiers/${dossierId}/actions/${actionId}/documents/${randomUUID()}`;
  const key = `${ctx.target.tenant.id}/${randomUUID()}`;
  await ctx.t.get(FileStorage).put(key, Buffer.from(PDF));
  const [row] = await ctx.t.get(TenantDb).forTenant(ctx.target.tenant, (tx) =>
    tx.query<{ id: string }>(
      `INSERT INTO vdab_action_documents (tenant_id, dossier_id, action_id, organisation_id, content_type, byte_size, sha256, original_name, storage_key, created_at)
       VALUES ($1, $2, $3, $4, 'application/pdf', $5, repeat('a', 64), 'verslag.pdf', $6, now()) RETURNING id`,
      [tx.tenantId, dossierId, actionId, ctx.target.partnerUnitId, PDF.length, key],
    ),
  );
  return `/vdab/dossiers/${dossierId}/actions/${actionId}/documents/${row.id}`;
}

export const rows: MatrixRow[] = [
  {
    route: 'POST /vdab/dossiers',
    plugin: PLUGIN,
    own: only({ staff: 201 }),
    setup: (ctx) => ({ body: { reference: `M-${ctx.unique()}`, firstName: 'An', lastName: 'Peeters' } }),
  },
  {
    route: 'GET /vdab/dossiers/:dossierId',
    plugin: PLUGIN,
    // The partner's organisation has no assignment for this dossier: 404, as for a dossier that does not exist.
    own: only({ staff: 200, partner: 404 }),
    setup: async (ctx) => ({ path: `/vdab/dossiers/${await dossier(ctx)}` }),
  },
  {
    route: 'POST /vdab/dossiers/:dossierId/actions',
    plugin: PLUGIN,
    own: only({ partner: 404 }),
    setup: async (ctx) => ({ path: `/vdab/dossiers/${await dossier(ctx)}/actions`, body: action }),
  },
  {
    route: 'DELETE /vdab/dossiers/:dossierId',
    plugin: PLUGIN,
    own: only({ staff: 200 }),
    setup: async (ctx) => ({ path: `/vdab/dossiers/${await dossier(ctx)}` }),
  },
  {
    route: 'POST /vdab/dossiers/:dossierId/actions/:actionId/documents',
    plugin: PLUGIN,
    // The service's staff attach to any action; the matrix partner's assignment has ended: 404.
    own: only({ staff: 201, partner: 404 }),
    setup: async (ctx) => {
      const { dossierId, actionId } = await actionOf(ctx);
      return { path: `/vdab/dossiers/${dossierId}/actions/${actionId}/documents`, ...multipart };
    },
  },
  {
    route: 'GET /vdab/dossiers/:dossierId/actions/:actionId/documents',
    plugin: PLUGIN,
    own: only({ staff: 200, partner: 404 }),
    setup: async (ctx) => {
      const { dossierId, actionId } = await actionOf(ctx);
      return { path: `/vdab/dossiers/${dossierId}/actions/${actionId}/documents` };
    },
  },
  {
    route: 'GET /vdab/dossiers/:dossierId/actions/:actionId/documents/:documentId',
    plugin: PLUGIN,
    own: only({ staff: 200, partner: 404 }),
    setup: async (ctx) => ({ path: await documentOf(ctx) }),
  },
  {
    route: 'POST /vdab/api/dossiers/:dossierId/actions/:actionId/documents',
    plugin: PLUGIN,
    // A machine route: a session token is worth nothing here, only the organisation's credential.
    own: { ...everyone(401), 'platform-operator': 404 },
    setup: async (ctx) => {
      const { dossierId, actionId } = await actionOf(ctx);
      return { path: `/vdab/api/dossiers/${dossierId}/actions/${actionId}/documents`, ...multipart };
    },
  },
  {
    route: 'POST /vdab/assignments',
    plugin: PLUGIN,
    own: only({ staff: 201 }),
    setup: async (ctx) => ({
      body: {
        organisationId: ctx.target.partnerUnitId ?? randomUUID(),
        dossierId: await dossier(ctx),
        kind: 'job-coaching',
        startsAt: '2026-01-01T00:00:00Z',
        endsAt: '2027-01-01T00:00:00Z',
      },
    }),
  },
  {
    route: 'POST /vdab/assignments/:assignmentId/end',
    plugin: PLUGIN,
    own: only({ staff: 200 }),
    // The platform tenant (the operator's own) has no partner organisation to assign.
    setup: async (ctx) => ({ path: `/vdab/assignments/${ctx.target.partnerUnitId ? await assignment(ctx) : randomUUID()}/end` }),
  },
  { route: 'GET /vdab/me/log', plugin: PLUGIN, own: only({ partner: 200 }) },
  { route: 'GET /vdab/me/assignments', plugin: PLUGIN, own: only({ partner: 200 }) },
  {
    route: 'POST /vdab/credentials',
    plugin: PLUGIN,
    // Only the organisation's partner admin; the matrix partner is none.
    own: only({ partner: 403 }),
    setup: () => ({ body: { label: 'CRM' } }),
  },
  { route: 'GET /vdab/credentials', plugin: PLUGIN, own: only({ partner: 403 }) },
  {
    route: 'POST /vdab/credentials/:credentialId/revoke',
    plugin: PLUGIN,
    own: only({ partner: 403 }),
    setup: () => ({ path: `/vdab/credentials/${randomUUID()}/revoke` }),
  },
  {
    route: 'PUT /vdab/organisations/:organisationId/admins/:accountId',
    plugin: PLUGIN,
    // No such account in this tenant (the other tenant's accounts included): 404.
    own: only({ staff: 404 }),
    setup: (ctx) => ({ path: `/vdab/organisations/${ctx.target.partnerUnitId ?? randomUUID()}/admins/${randomUUID()}` }),
  },
  {
    route: 'POST /vdab/api/dossiers/:dossierId/actions',
    plugin: PLUGIN,
    // A machine route: a session token is worth nothing here, only the organisation's credential.
    // The operator's own tenant runs on no definition: the route is not there (404).
    own: { ...everyone(401), 'platform-operator': 404 },
    setup: async (ctx) => ({ path: `/vdab/api/dossiers/${await dossier(ctx)}/actions`, body: action }),
  },
  {
    route: 'POST /vdab/account-requests',
    plugin: PLUGIN,
    own: only({ partner: 201 }),
    setup: (ctx) => ({ body: { email: `nina-${ctx.unique()}@partner.example`, displayName: 'Nina Nieuw' } }),
  },
  { route: 'GET /vdab/account-requests', plugin: PLUGIN, own: only({ staff: 200 }) },
  {
    route: 'POST /vdab/account-requests/:requestId/approve',
    plugin: PLUGIN,
    own: only({ staff: 200 }),
    setup: async (ctx) => ({ path: `/vdab/account-requests/${await accountRequest(ctx)}/approve` }),
  },
  {
    route: 'POST /vdab/account-requests/:requestId/refuse',
    plugin: PLUGIN,
    own: only({ staff: 200 }),
    setup: async (ctx) => ({ path: `/vdab/account-requests/${await accountRequest(ctx)}/refuse` }),
  },
  // Only the organisation's partner admin; the matrix partner is none.
  { route: 'GET /vdab/organisation/staff', plugin: PLUGIN, own: only({ partner: 403 }) },
  {
    route: 'POST /vdab/organisation/staff/:accountId/revoke',
    plugin: PLUGIN,
    own: only({ partner: 403 }),
    setup: () => ({ path: `/vdab/organisation/staff/${randomUUID()}/revoke` }),
  },
  { route: 'GET /vdab/me', plugin: PLUGIN, own: only({ partner: 200 }) },
  {
    route: 'PATCH /vdab/me',
    plugin: PLUGIN,
    own: only({ partner: 200 }),
    setup: () => ({ body: { displayName: 'Pat Partner' } }),
  },
  {
    route: 'GET /vdab/reports/quality',
    plugin: PLUGIN,
    own: only({ staff: 200 }),
    setup: (ctx) => ({ path: `/vdab/reports/quality?organisationId=${ctx.target.partnerUnitId ?? randomUUID()}&from=2026-01-01&to=2026-12-31` }),
  },
  {
    route: 'GET /vdab/reports/quality/csv',
    plugin: PLUGIN,
    own: only({ staff: 200 }),
    setup: (ctx) => ({ path: `/vdab/reports/quality/csv?organisationId=${ctx.target.partnerUnitId ?? randomUUID()}&from=2026-01-01&to=2026-12-31` }),
  },
  {
    route: 'POST /vdab/service-updates',
    plugin: PLUGIN,
    own: only({ staff: 202 }),
    setup: () => ({ body: { title: 'Nieuws', message: 'Een bericht van de dienst.' } }),
  },
];
