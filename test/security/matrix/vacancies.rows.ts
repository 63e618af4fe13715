import { randomBytes, randomUUID } from 'node:crypto';
import { Clock } from '../../../libs/config/src/index.js';
import { TenantDb } from '../../../libs/database/src/index.js';
import { FileStorage } from '../../../libs/storage/src/storage.js';
import { everyone, only, signedIn, type MatrixRequest, type MatrixRow, type RowContext } from './matrix.types.js';

/**
 * Vacancies, applications and employer managers (statement 001). Vacancies are public while
 * published; an application answers only its contact recruiters, the employer's managers, staff and
 * the applicant, and 404 to every other signed-in account. The matrix employer is made a contact of
 * the vacancies it is asked about, and the matrix jobseeker the applicant, so both see the allowed
 * side; the tenant admin (not staff) and the partner see the refused side.
 */
const DAY = 86_400_000;

const now = (ctx: RowContext) => ctx.t.get(Clock).now();
const asOwnRole = (ctx: RowContext, role: string) => ctx.side === 'own' && ctx.role === role && ctx.actor;

const contacts = new Map<string, Promise<string>>();
/** The vacancy's contact: the matrix employer for its own calls, otherwise one colleague per tenant. */
function contact(ctx: RowContext): Promise<string> {
  if (asOwnRole(ctx, 'employer')) return Promise.resolve(ctx.actor!.id);
  if (!contacts.has(ctx.target.tenant.id)) contacts.set(ctx.target.tenant.id, colleague(ctx));
  return contacts.get(ctx.target.tenant.id)!;
}

/** A published vacancy of the matrix employer's unit, written straight to the database. */
async function vacancy(ctx: RowContext): Promise<string> {
  if (!ctx.target.employerUnitId) return randomUUID();
  const contactId = await contact(ctx);
  return ctx.t.get(TenantDb).forTenant(ctx.target.tenant, async (tx) => {
    const at = now(ctx);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO vacancies (tenant_id, org_unit_id, title, description, city, hours_min, hours_max, contract_type,
                              education_level, status, publish_until, published_at, created_at, updated_at)
       VALUES ($1, $2, 'Matrixmonteur', 'Een vacature waarmee de autorisatiematrix elke route probeert.', 'Utrecht',
               32, 40, 'permanent', 'vocational', 'published', $3, $4, $4, $4) RETURNING id`,
      [tx.tenantId, ctx.target.employerUnitId, new Date(at.getTime() + 30 * DAY), at],
    );
    await tx.query(`INSERT INTO vacancy_contacts (tenant_id, vacancy_id, account_id) VALUES ($1, $2, $3)`, [
      tx.tenantId,
      row.id,
      contactId,
    ]);
    return row.id;
  });
}

/** A new employer account of the matrix employer's unit (for contacts and manager designations). */
async function colleague(ctx: RowContext): Promise<string> {
  if (!ctx.target.employerUnitId) return randomUUID();
  return (await ctx.t.createAccount(ctx.target.tenant, ['employer'], { orgUnitIds: [ctx.target.employerUnitId] })).id;
}

const applicants = new Map<string, Promise<string>>();
/** The applicant: the matrix jobseeker for its own calls, otherwise one jobseeker per tenant. */
function applicant(ctx: RowContext): Promise<string> {
  if (asOwnRole(ctx, 'jobseeker')) return Promise.resolve(ctx.actor!.id);
  const tenant = ctx.target.tenant;
  if (!applicants.has(tenant.id)) applicants.set(tenant.id, ctx.t.createAccount(tenant, ['jobseeker']).then((a) => a.id));
  return applicants.get(tenant.id)!;
}

/** An application to a new vacancy, with a CV from the applicant's profile when asked. */
async function application(ctx: RowContext, withDocument = false): Promise<{ id: string; documentId: string }> {
  if (!ctx.target.employerUnitId) return { id: randomUUID(), documentId: randomUUID() };
  const vacancyId = await vacancy(ctx);
  const applicantId = await applicant(ctx);
  let documentId: string = randomUUID();
  if (withDocument) {
    const storageKey = `${ctx.target.tenant.id}/${applicantId}/${randomUUID()}`;
    const bytes = Buffer.from(`%PDF-1.4 matrix ${randomBytes(8).toString('hex')}`);
    await ctx.t.get(FileStorage).put(storageKey, bytes);
    documentId = await ctx.t.get(TenantDb).forTenant(ctx.target.tenant, async (tx) => {
      await tx.query(`INSERT INTO profiles (tenant_id, id, alias) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, id) DO NOTHING`, [
        tx.tenantId,
        applicantId,
        `Matrix ${applicantId}`,
      ]);
      const [doc] = await tx.query<{ id: string }>(
        `INSERT INTO profile_documents (tenant_id, profile_id, field_key, content_type, byte_size, storage_key, original_name, sha256)
         VALUES ($1, $2, 'cv', 'application/pdf', $3, $4, 'cv.pdf', repeat('0', 64)) RETURNING id`,
        [tx.tenantId, applicantId, bytes.length, storageKey],
      );
      return doc.id;
    });
  }
  const id = await ctx.t.get(TenantDb).forTenant(ctx.target.tenant, async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO applications (tenant_id, vacancy_id, applicant_id, motivation, status, submitted_at, updated_at)
       VALUES ($1, $2, $3, 'Matrixmotivatie', 'submitted', $4, $4) RETURNING id`,
      [tx.tenantId, vacancyId, applicantId, now(ctx)],
    );
    if (withDocument)
      await tx.query(`INSERT INTO application_documents (tenant_id, application_id, document_id) VALUES ($1, $2, $3)`, [
        tx.tenantId,
        row.id,
        documentId,
      ]);
    return row.id;
  });
  return { id, documentId };
}

const onVacancy = (suffix: string, body?: unknown) => async (ctx: RowContext): Promise<MatrixRequest> => ({
  path: `/vacancies/${await vacancy(ctx)}${suffix}`,
  body,
});
const onManagedVacancy = (body?: unknown) => async (ctx: RowContext): Promise<MatrixRequest> => ({
  path: `/manage/vacancies/${await vacancy(ctx)}`,
  body,
});
const onApplication = (suffix: string, body?: unknown) => async (ctx: RowContext): Promise<MatrixRequest> => ({
  path: `/applications/${(await application(ctx)).id}${suffix}`,
  body,
});
const managersPath = (ctx: RowContext, accountId?: string) =>
  `/employers/${ctx.target.employerUnitId ?? randomUUID()}/managers${accountId ? `/${accountId}` : ''}`;

/** Public vacancy pages: everyone; the platform tenant has no vacancies (404). */
const publicPage = { ...everyone(200), 'platform-operator': 404 };
const writers = (status: number) => only({ employer: status, staff: status, 'tenant-admin': status });
/** Who reads an application: its contact (the matrix employer), staff and its applicant (the matrix jobseeker). */
const applicationReaders = { ...signedIn(404), employer: 200, staff: 200, jobseeker: 200 };

export const rows: MatrixRow[] = [
  { route: 'GET /vacancies', own: everyone(200), otherTenant: 200 },
  { route: 'GET /vacancies/:id', own: publicPage, otherTenant: 200, setup: onVacancy('') },
  { route: 'GET /vacancies/:id/jobposting.jsonld', own: publicPage, otherTenant: 200, setup: onVacancy('/jobposting.jsonld') },
  { route: 'GET /manage/vacancies', own: writers(200) },
  { route: 'GET /manage/vacancies/:id', own: writers(200), setup: onManagedVacancy() },
  {
    route: 'POST /manage/vacancies',
    own: writers(201),
    setup: async (ctx) => ({
      body: {
        orgUnitId: ctx.target.employerUnitId ?? randomUUID(),
        ...(asOwnRole(ctx, 'employer') ? {} : { contactRecruiterIds: [await colleague(ctx)] }),
        title: 'Matrixmonteur',
        description: 'Een vacature waarmee de autorisatiematrix elke route probeert.',
        location: { city: 'Utrecht' },
        hours: { min: 32, max: 40 },
        contractType: 'permanent',
        educationLevel: 'vocational',
        publishUntil: new Date(now(ctx).getTime() + 30 * DAY).toISOString(),
        status: 'published',
      },
    }),
  },
  { route: 'PATCH /manage/vacancies/:id', own: writers(200), setup: onManagedVacancy({ title: 'Matrixmonteur (gewijzigd)' }) },
  {
    route: 'GET /employers/:orgUnitId/managers',
    own: only({ staff: 200, 'tenant-admin': 200 }),
    setup: (ctx) => ({ path: managersPath(ctx) }),
  },
  {
    route: 'PUT /employers/:orgUnitId/managers/:accountId',
    own: only({ staff: 204, 'tenant-admin': 204 }),
    setup: async (ctx) => ({ path: managersPath(ctx, await colleague(ctx)) }),
  },
  {
    route: 'DELETE /employers/:orgUnitId/managers/:accountId',
    own: only({ staff: 204, 'tenant-admin': 204 }),
    setup: async (ctx) => {
      const accountId = await colleague(ctx);
      if (ctx.target.employerUnitId)
        await ctx.t.get(TenantDb).forTenant(ctx.target.tenant, (tx) =>
          tx.query(`INSERT INTO employer_managers (tenant_id, org_unit_id, account_id, designated_at) VALUES ($1, $2, $3, $4)`, [
            tx.tenantId,
            ctx.target.employerUnitId,
            accountId,
            now(ctx),
          ]),
        );
      return { path: managersPath(ctx, accountId) };
    },
  },
  {
    route: 'POST /vacancies/:id/applications',
    own: only({ jobseeker: 201 }),
    setup: onVacancy('/applications', { motivation: 'Graag!' }),
  },
  { route: 'GET /vacancies/:id/applications', own: only({ employer: 200, staff: 200 }), setup: onVacancy('/applications') },
  { route: 'GET /me/applications', own: only({ jobseeker: 200 }) },
  { route: 'GET /applications/:id', own: applicationReaders, setup: onApplication('') },
  {
    route: 'PATCH /applications/:id/status',
    own: only({ employer: 200, staff: 200 }),
    setup: onApplication('/status', { status: 'in-review' }),
  },
  { route: 'POST /applications/:id/withdraw', own: only({ jobseeker: 201 }), setup: onApplication('/withdraw') },
  {
    route: 'GET /applications/:id/documents/:documentId',
    own: applicationReaders,
    setup: async (ctx) => {
      const a = await application(ctx, true);
      return { path: `/applications/${a.id}/documents/${a.documentId}` };
    },
  },
];
