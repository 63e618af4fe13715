import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { pdfShowing } from '../../../test/support/pdf.js';
import { HOSTS, registeredCandidate, type Candidate } from './winwinwerkt.fixture.js';

/**
 * Statement 003, 2.7: "Bijzondere gegevens zoals je paspoort, Burger Service Nummer en bankrekening
 * worden uitsluitend opgeslagen in het CRM-systeem van One Payroll". A CV is read as far as the
 * platform can read it (the text a PDF shows): one that holds such a number is refused with a 4xx
 * naming `file` and saying where the number goes instead, and nothing is kept, no row and no file.
 */
describe('statement 003: payroll data in an uploaded CV is never stored', () => {
  let t: TestApp;
  let tenant: TenantRef;
  let person: Candidate;
  let storageDir: string;

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'winwinwerkt-uploads-'));
    t = await TestApp.boot({ env: { STORAGE_DIR: storageDir } });
    tenant = await t.createTenant('winwinwerkt');
    person = await registeredCandidate(t, tenant, HOSTS.mkb);
  });
  afterAll(async () => {
    await t?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  const upload = (pdf: Buffer) =>
    t
      .http('post', '/profiles/me/documents/cv', { tenant: tenant.key, token: person.token, headers: { host: HOSTS.mkb } })
      .attach('file', pdf, { filename: 'cv.pdf', contentType: 'application/pdf' });
  const kept = async () => ({
    rows: await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(`SELECT id FROM profile_documents WHERE tenant_id = $1 AND profile_id = $2`, [tx.tenantId, person.id]),
    ),
    files: (await readdir(storageDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length,
  });

  it.each([
    ['a BSN', '[(BSN: 111 2)-20(22 333)] TJ'],
    ['an IBAN', '(Salaris graag op NL91 ABNA 0417 1643 00) Tj'],
    ['a passport number', '(Paspoort BX7G9LK82) Tj'],
  ])('refuses a CV that shows %s, naming the file and One Payroll, and keeps no row and no file', async (_what, shown) => {
    const before = await kept();
    const res = await upload(pdfShowing(`(Anouk Visser, kok) Tj 0 -14 Td ${shown}`));
    expect(res.status).toBe(422);
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['file']);
    expect(res.body.errors[0].reason).toContain('One Payroll');
    expect(await kept()).toEqual(before);
  });

  it('keeps an ordinary CV, with phone numbers and years that only look like numbers', async () => {
    const before = await kept();
    const res = await upload(pdfShowing('(Anouk Visser, kok sinds 2004) Tj 0 -14 Td (Tel. 06 1234 5678, postcode 3511 AB) Tj'));
    expect(res.status).toBe(201);
    const after = await kept();
    expect([after.rows.length, after.files]).toEqual([before.rows.length + 1, before.files + 1]);
  });
});
