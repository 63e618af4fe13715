import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TenantRef } from '../../../context/src/index.js';
import { ErasureService } from '../../../privacy/src/erasure.service.js';
import { TenantDb } from '../../../database/src/index.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { tenants as registeredTenants } from '../../../../tenants/index.js';
import { showcaseTenant } from './support/showcase.tenant.js';
import { activeJobseeker, addressOf, auditActions, FILES, registerJobseeker, setConsent, sql, type Jobseeker, upload } from './support/profile-kit.js';

/**
 * Statement 001: "curriculum vitae (CV)", "pasfoto en video - op vrijwillige basis". Documents are
 * kept outside the database, typed by their content, limited in size, and served only to readers
 * whose view of the profile includes the field.
 */
describe('profile documents', () => {
  const storageDir = mkdtempSync(join(tmpdir(), 'profile-documents-'));
  let t: TestApp;
  let tenant: TenantRef;
  let recruiter: Awaited<ReturnType<TestApp['signedIn']>>;

  beforeAll(async () => {
    t = await TestApp.boot({ tenants: [...registeredTenants, showcaseTenant], env: { STORAGE_DIR: storageDir } });
    tenant = await t.createTenant('kandidatenbank');
    recruiter = await t.signedIn(tenant, ['employer'], { orgUnitIds: [(await t.createOrgUnit(tenant, 'employer', { candidateBankAccess: true })).id] });
  });
  afterAll(async () => {
    await t.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  type DocRow = { id: string; field_key: string; storage_key: string; sha256: string; byte_size: number; content_type: string };
  const rows = (js: Jobseeker, on = tenant) =>
    sql<DocRow>(t, on, `SELECT id, field_key, storage_key, sha256, byte_size, content_type FROM profile_documents WHERE tenant_id = $1 AND profile_id = $2`, [js.id]);
  const download = async (js: Jobseeker, docId: string, token?: string) =>
    t.http('get', `/profiles/${await addressOf(t, tenant, js.id)}/documents/${docId}`, { tenant: tenant.key, token }).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });

  it('stores an upload outside the database with its type judged by content, its size and its sha256', async () => {
    const js = await registerJobseeker(t, tenant);
    const res = await upload(t, js, 'cv', FILES.pdf, 'cv.pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ field: 'cv', contentType: 'application/pdf', byteSize: FILES.pdf.length, fileName: 'cv.pdf' });
    const [row] = await rows(js);
    expect(row.sha256).toBe(createHash('sha256').update(FILES.pdf).digest('hex'));
    expect(readFileSync(join(storageDir, row.storage_key))).toEqual(FILES.pdf);
  });

  it('judges the type by the bytes: a text file named .pdf and sent as application/pdf is refused', async () => {
    const js = await registerJobseeker(t, tenant);
    const res = await upload(t, js, 'cv', FILES.text, 'cv.pdf', 'application/pdf');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      {
        field: 'file',
        reason: 'must be one of application/pdf, application/vnd.openxmlformats-officedocument.wordprocessingml.document (judged by its content, which is not a recognised type)',
      },
    ]);
    const photoAsCv = await upload(t, js, 'cv', FILES.png, 'cv.pdf', 'application/pdf');
    expect(photoAsCv.status).toBe(422);
    expect(photoAsCv.body.errors[0].reason).toMatch(/which is image\/png/);
    expect(await rows(js)).toEqual([]);
  });

  it('refuses a document over the tenant\'s size limit with 413 naming the file, and keeps nothing', async () => {
    const showcase = await t.createTenant('profile-showcase');
    const js = await registerJobseeker(t, showcase, { givenName: 'Big' });
    const big = Buffer.concat([FILES.pdf, Buffer.alloc(3000, 0x20)]);
    const res = await upload(t, js, 'certificate', big, 'big.pdf');
    expect(res.status).toBe(413);
    expect(res.body.errors).toEqual([{ field: 'file', reason: 'must be at most 2048 bytes' }]);
    expect(await rows(js, showcase)).toEqual([]);
    expect(existsSync(join(storageDir, showcase.id))).toBe(false);
    expect((await upload(t, js, 'certificate', FILES.pdf, 'small.pdf')).status).toBe(201);
  });

  it('takes a special-category document only once its consent is granted', async () => {
    const showcase = await t.createTenant('profile-showcase');
    const js = await registerJobseeker(t, showcase, { givenName: 'Med' });
    const refused = await upload(t, js, 'medicalCertificate', FILES.pdf, 'med.pdf');
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'fieldKey', reason: '"medicalCertificate" needs the person\'s consent "healthShare" first' }]);
    expect(await rows(js, showcase)).toEqual([]);
    await setConsent(t, showcase, js.id, 'healthShare', true);
    expect((await upload(t, js, 'medicalCertificate', FILES.pdf, 'med.pdf')).status).toBe(201);
  });

  it('refuses uploads to a field that is not a document field, and requests without a file', async () => {
    const js = await registerJobseeker(t, tenant);
    for (const key of ['headline', 'nothing']) {
      const res = await upload(t, js, key, FILES.pdf, 'x.pdf');
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ field: 'fieldKey', reason: 'is not a document field of this profile' }]);
    }
    const json = await t.http('post', '/profiles/me/documents/cv', { tenant: tenant.key, token: js.token, body: { file: 'x' } });
    expect(json.status).toBe(415);
    expect(json.body.errors).toEqual([{ field: 'file', reason: 'must be sent as multipart/form-data' }]);
  });

  it('a new upload replaces the field\'s document, and the old file is deleted', async () => {
    const js = await registerJobseeker(t, tenant);
    await upload(t, js, 'cv', FILES.pdf, 'old.pdf');
    const [old] = await rows(js);
    const second = Buffer.concat([FILES.pdf, Buffer.from('% second version\n')]);
    expect((await upload(t, js, 'cv', second, 'new.pdf')).status).toBe(201);
    const now = await rows(js);
    expect(now).toHaveLength(1);
    expect(now[0].id).not.toBe(old.id);
    expect(existsSync(join(storageDir, old.storage_key))).toBe(false);
    expect(readFileSync(join(storageDir, now[0].storage_key))).toEqual(second);
  });

  it('serves a document to a reader whose view includes the field, under a neutral name, and audits it', async () => {
    const js = await activeJobseeker(t, tenant, { firstName: 'Sam', lastName: 'de Vries' });
    const doc = (await upload(t, js, 'cv', FILES.pdf, 'CV Sam de Vries.pdf')).body;
    const own = await download(js, doc.id, js.token);
    expect(own.status).toBe(200);
    expect(own.body).toEqual(FILES.pdf);
    expect(own.headers['content-disposition']).toContain("filename*=UTF-8''CV%20Sam%20de%20Vries.pdf");
    const res = await download(js, doc.id, recruiter.token);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="cv.pdf"; filename*=UTF-8''cv.pdf`);
    expect(res.body).toEqual(FILES.pdf);
    const reads = (await auditActions(t, tenant, js.id)).filter((e) => e.action === 'profile.document.read');
    expect(reads).toEqual([{ action: 'profile.document.read', actor_id: recruiter.id, details: { audience: 'employer', field: 'cv', documentId: doc.id } }]);
  });

  it('lists the documents a reader may see', async () => {
    const js = await activeJobseeker(t, tenant, { firstName: 'Sam', lastName: 'B' });
    await setConsent(t, tenant, js.id, 'photo', true);
    await upload(t, js, 'cv', FILES.pdf, 'cv.pdf');
    await upload(t, js, 'photo', FILES.png, 'me.png');
    await setConsent(t, tenant, js.id, 'photo', false);
    const mine = await t.http('get', `/profiles/${js.id}/documents`, { tenant: tenant.key, token: js.token });
    expect(mine.body.items.map((d: { field: string }) => d.field).sort()).toEqual(['cv', 'photo']);
    const theirs = await t.http('get', `/profiles/${await addressOf(t, tenant, js.id)}/documents`, { tenant: tenant.key, token: recruiter.token });
    expect(theirs.body.items.map((d: { field: string }) => d.field)).toEqual(['cv']);
  });

  it('"pasfoto op vrijwillige basis": with photo consent withdrawn, a recruiter gets 404 for the photo from the next request on', async () => {
    const js = await activeJobseeker(t, tenant, { firstName: 'Sam', lastName: 'C' });
    await setConsent(t, tenant, js.id, 'photo', true);
    const photo = (await upload(t, js, 'photo', FILES.png, 'me.png')).body;
    expect((await download(js, photo.id, recruiter.token)).status).toBe(200);
    await setConsent(t, tenant, js.id, 'photo', false);
    expect((await download(js, photo.id, recruiter.token)).status).toBe(404);
    expect((await download(js, photo.id, js.token)).status).toBe(200);
  });

  it('"pasfoto en video - op vrijwillige basis": a photo is refused and nothing is stored until the photo consent is granted', async () => {
    const js = await activeJobseeker(t, tenant, { firstName: 'Sam', lastName: 'F' });
    const refused = await upload(t, js, 'photo', FILES.png, 'me.png');
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'fieldKey', reason: '"photo" needs the person\'s consent "photo" first' }]);
    expect(await rows(js)).toEqual([]);
    expect(existsSync(join(storageDir, tenant.id, js.id))).toBe(false);
    const granted = await t.http('post', '/consents/me/photo', { tenant: tenant.key, token: js.token, body: { version: '2023-07' } });
    expect(granted.status).toBeLessThan(300);
    expect((await upload(t, js, 'photo', FILES.png, 'me.png')).status).toBe(201);
    expect((await rows(js)).map((r) => r.field_key)).toEqual(['photo']);
  });

  it('withdrawing the photo consent deletes the photo (row, and file after commit) and keeps other documents; the recruiter gets 404', async () => {
    const js = await activeJobseeker(t, tenant, { firstName: 'Sam', lastName: 'G' });
    const as = { tenant: tenant.key, token: js.token, body: { version: '2023-07' } };
    expect((await t.http('post', '/consents/me/photo', as)).status).toBeLessThan(300);
    expect((await t.http('post', '/consents/me/video', as)).status).toBeLessThan(300);
    const photo = (await upload(t, js, 'photo', FILES.png, 'me.png')).body;
    expect(photo.id).toEqual(expect.any(String));
    // The smallest bytes that are an MP4 by their content.
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2')]);
    const video = (await upload(t, js, 'video', mp4, 'me.mp4')).body;
    const cv = (await upload(t, js, 'cv', FILES.pdf, 'cv.pdf')).body;
    expect([video.id, cv.id]).toEqual([expect.any(String), expect.any(String)]);
    const before = await rows(js);
    const photoKey = before.find((r) => r.field_key === 'photo')!.storage_key;
    expect((await download(js, photo.id, recruiter.token)).status).toBe(200);
    expect((await t.http('delete', '/consents/me/photo', { tenant: tenant.key, token: js.token })).status).toBeLessThan(300);
    expect((await rows(js)).map((r) => r.id).sort()).toEqual([video.id, cv.id].sort());
    expect(existsSync(join(storageDir, photoKey))).toBe(false);
    expect((await download(js, photo.id, recruiter.token)).status).toBe(404);
    expect((await download(js, photo.id, js.token)).status).toBe(404);
    expect((await download(js, video.id, recruiter.token)).status).toBe(200);
    const deletions = (await auditActions(t, tenant, js.id)).filter((e) => e.action === 'profile.document.delete');
    expect(deletions).toEqual([expect.objectContaining({ details: { field: 'photo', reason: 'consent-withdrawn', purpose: 'photo', count: 1 } })]);
  });

  it('no download for readers outside the profile\'s reach, nor of an anonymous profile\'s CV, nor of another profile\'s document id', async () => {
    const js = await activeJobseeker(t, tenant, { firstName: 'Sam', lastName: 'D' });
    const cv = (await upload(t, js, 'cv', FILES.pdf, 'cv.pdf')).body;
    const other = await activeJobseeker(t, tenant, { firstName: 'Kim', lastName: 'E' });
    const noBank = await t.signedIn(tenant, ['employer'], { orgUnitIds: [(await t.createOrgUnit(tenant, 'employer')).id] });
    expect((await download(js, cv.id, noBank.token)).status).toBe(404);
    expect((await download(js, cv.id)).status).toBe(404);
    expect((await download(other, cv.id, other.token)).status).toBe(404);
    await t.http('post', '/profiles/me/anonymise', { tenant: tenant.key, token: js.token });
    expect((await download(js, cv.id, recruiter.token)).status).toBe(404);
  });

  it('the person deletes a document: row and file are gone', async () => {
    const js = await registerJobseeker(t, tenant);
    const cv = (await upload(t, js, 'cv', FILES.pdf, 'cv.pdf')).body;
    const [row] = await rows(js);
    const res = await t.http('delete', `/profiles/me/documents/${cv.id}`, { tenant: tenant.key, token: js.token });
    expect(res.status).toBe(204);
    expect(await rows(js)).toEqual([]);
    expect(existsSync(join(storageDir, row.storage_key))).toBe(false);
    expect((await t.http('delete', `/profiles/me/documents/${cv.id}`, { tenant: tenant.key, token: js.token })).status).toBe(404);
  });

  it('documents go with the profile: erasure removes the rows, and the files once it has committed', async () => {
    const js = await registerJobseeker(t, tenant);
    await setConsent(t, tenant, js.id, 'photo', true);
    await upload(t, js, 'cv', FILES.pdf, 'cv.pdf');
    await upload(t, js, 'photo', FILES.png, 'me.png');
    const keys = (await rows(js)).map((r) => r.storage_key);
    expect(keys.every((k) => existsSync(join(storageDir, k)))).toBe(true);
    await t.inTenant(tenant, () => t.get(ErasureService).erase(js.id, 'test'));
    expect(await rows(js)).toEqual([]);
    expect(keys.some((k) => existsSync(join(storageDir, k)))).toBe(false);
  });

  it('an erasure that rolls back keeps rows and files: files are deleted only after commit', async () => {
    const js = await registerJobseeker(t, tenant);
    await upload(t, js, 'cv', FILES.pdf, 'cv.pdf');
    const [row] = await rows(js);
    const erasure = t.get(ErasureService);
    await expect(
      t.get(TenantDb).forTenant(tenant, async () => {
        await erasure.erase(js.id, 'test');
        throw new Error('failure after the erasure, before commit');
      }),
    ).rejects.toThrow('before commit');
    expect(await rows(js)).toHaveLength(1);
    expect(existsSync(join(storageDir, row.storage_key))).toBe(true);
  });
});
