import { randomUUID } from 'node:crypto';
import { everyone, only, type MatrixRequest, type MatrixRow, type RowContext } from './matrix.types.js';
import { activeJobseeker, FILES, publicHandle, upload } from '../../../libs/profiles/src/__tests__/support/profile-kit.js';

/**
 * Candidate-bank profiles (statement 001). Readers outside a profile's reach get 404, never 403;
 * tenants without a definition (the platform tenant) have no profile routes at all (404).
 */
const IDENTITY = { firstName: 'Matrix', lastName: 'Person' };

/** One listed profile with a CV per tenant called, made through the API as the person would. */
const listed = new Map<string, Promise<{ profileId: string; handle: string; documentId: string }>>();
function listedProfile(ctx: RowContext) {
  const tenant = ctx.target.tenant;
  if (!listed.has(tenant.id))
    listed.set(
      tenant.id,
      (async () => {
        const person = await activeJobseeker(ctx.t, tenant, IDENTITY, { headline: 'Lasser' });
        const doc = await upload(ctx.t, person, 'cv', FILES.pdf, 'cv.pdf');
        return { profileId: person.id, handle: await publicHandle(ctx.t, tenant, person.id), documentId: doc.body.id as string };
      })(),
    );
  return listed.get(tenant.id)!;
}

type Listed = { profileId: string; handle: string; documentId: string };

/**
 * A path on a listed profile; on the platform tenant (no definition) an id that does not exist.
 * Readers address it by its public handle, the one way that reaches it for every reader; staff
 * writes (PATCH) by its internal id, which only the person and the tenant's staff may use.
 */
const onListed =
  (suffix: (p: Listed) => string, by: 'handle' | 'id' = 'handle') =>
  async (ctx: RowContext): Promise<MatrixRequest> => {
    if (!ctx.target.definition) return { path: `/profiles/${randomUUID()}${suffix({ profileId: '', handle: '', documentId: randomUUID() })}` };
    const p = await listedProfile(ctx);
    return { path: `/profiles/${by === 'handle' ? p.handle : p.profileId}${suffix(p)}` };
  };

/** The matrix jobseeker has no profile; for its own calls, a jobseeker who registered through the API. */
const asRegisteredJobseeker = (req: MatrixRequest = {}) => async (ctx: RowContext): Promise<MatrixRequest> => {
  if (ctx.role !== 'jobseeker' || ctx.side !== 'own') return req;
  const person = await activeJobseeker(ctx.t, ctx.target.tenant, IDENTITY);
  return { ...req, token: person.token };
};

/** Allowed readers of a listed profile of the candidate bank: its staff and recruiters with bank access. */
const readers = { ...everyone(404), 'tenant-admin': 200, staff: 200, employer: 200 };

export const rows: MatrixRow[] = [
  {
    route: 'POST /profiles/register',
    own: { ...everyone(202), 'platform-operator': 404 },
    otherTenant: 202,
    setup: (ctx) => ({ body: { email: `matrix-${ctx.unique()}@example.test`, fields: IDENTITY } }),
  },
  {
    route: 'POST /profiles/verify-email',
    own: { ...everyone(400), 'platform-operator': 404 },
    otherTenant: 400,
    setup: () => ({ body: { token: 'not-a-token-anyone-was-sent', password: 'a-long-and-private-passphrase' } }),
  },
  { route: 'GET /profiles/me', own: only({ jobseeker: 200 }), setup: asRegisteredJobseeker() },
  { route: 'PATCH /profiles/me', own: only({ jobseeker: 200 }), setup: asRegisteredJobseeker({ body: { fields: { headline: 'Kok' } } }) },
  { route: 'POST /profiles/me/activate', own: only({ jobseeker: 200 }), setup: asRegisteredJobseeker() },
  { route: 'POST /profiles/me/inactivate', own: only({ jobseeker: 200 }), setup: asRegisteredJobseeker() },
  { route: 'POST /profiles/me/anonymise', own: only({ jobseeker: 200 }), setup: asRegisteredJobseeker() },
  {
    route: 'PATCH /profiles/me/visibility',
    own: only({ jobseeker: 200 }),
    setup: asRegisteredJobseeker({ body: { visibleToEmployers: false } }),
  },
  {
    // A JSON body where a multipart upload belongs: the jobseeker learns what to send instead.
    route: 'POST /profiles/me/documents/:fieldKey',
    own: only({ jobseeker: 415 }),
    setup: asRegisteredJobseeker({ path: '/profiles/me/documents/cv', body: {} }),
  },
  {
    route: 'DELETE /profiles/me/documents/:docId',
    own: only({ jobseeker: 404 }),
    setup: () => ({ path: `/profiles/me/documents/${randomUUID()}` }),
  },
  { route: 'GET /profiles/:id', own: readers, otherTenant: 404, setup: onListed(() => '') },
  { route: 'GET /profiles/:id/documents', own: readers, otherTenant: 404, setup: onListed(() => '/documents') },
  {
    route: 'GET /profiles/:id/documents/:docId',
    own: readers,
    otherTenant: 404,
    setup: onListed((p) => `/documents/${p.documentId}`),
  },
  {
    route: 'PATCH /profiles/:id',
    own: only({ staff: 200, 'tenant-admin': 200 }),
    setup: async (ctx) => ({ ...(await onListed(() => '', 'id')(ctx)), body: { fields: {} } }),
  },
];
