import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { ErasureService } from '../../../privacy/src/erasure.service.js';
import { PersonDataRegistry } from '../../../privacy/src/person-data.registry.js';
import { TestApp } from '../../../../test/support/test-app.js';
import { activeJobseeker, FILES, registerJobseeker, setConsent, sql, upload } from './support/profile-kit.js';

/** The profiles capability's part of the person's rights: erasure, access (export), and the retention actions. */
describe('profiles person data', () => {
  const storageDir = mkdtempSync(join(tmpdir(), 'profile-person-data-'));
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot({ env: { STORAGE_DIR: storageDir } });
    tenant = await t.createTenant('kandidatenbank');
  });
  afterAll(async () => {
    await t.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  const handler = () => t.get(PersonDataRegistry).all().find((h) => h.name === 'profiles')!;
  const inUnit = (fn: Parameters<TenantDb['forTenant']>[1]) => t.get(TenantDb).forTenant(tenant, fn);
  const profile = async (id: string) =>
    (await sql<{ state: string; fields: Record<string, unknown>; visible_to_employers: boolean }>(
      t,
      tenant,
      `SELECT state, fields, visible_to_employers FROM profiles WHERE tenant_id = $1 AND id = $2`,
      [id],
    ))[0];
  const count = async (table: string, column: string, id: string) =>
    (await sql<{ n: number }>(t, tenant, `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1 AND ${column} = $2`, [id]))[0].n;

  it('is registered for erasure and export under the name "profiles"', () => {
    expect(handler()).toBeDefined();
  });

  it('erasure removes the profile, its documents and files, and its verification tokens', async () => {
    const js = await registerJobseeker(t, tenant);
    await upload(t, js, 'cv', FILES.pdf, 'cv.pdf');
    const [{ storage_key }] = await sql<{ storage_key: string }>(t, tenant, `SELECT storage_key FROM profile_documents WHERE tenant_id = $1 AND profile_id = $2`, [js.id]);
    await t.inTenant(tenant, () => t.get(ErasureService).erase(js.id, 'person asked'));
    expect(await count('profiles', 'id', js.id)).toBe(0);
    expect(await count('profile_documents', 'profile_id', js.id)).toBe(0);
    expect(await count('email_verification_tokens', 'account_id', js.id)).toBe(0);
    expect(await count('accounts', 'id', js.id)).toBe(0);
    expect(existsSync(join(storageDir, storage_key))).toBe(false);
  });

  it('erasing many people at once removes exactly their profiles, documents, files, tokens and search rows', async () => {
    const people = [];
    for (const name of ['A', 'B', 'C']) {
      const js = await activeJobseeker(t, tenant, { firstName: 'Sam', lastName: name }, { headline: 'Kok' });
      await upload(t, js, 'cv', FILES.pdf, 'cv.pdf');
      const [{ storage_key }] = await sql<{ storage_key: string }>(t, tenant, `SELECT storage_key FROM profile_documents WHERE tenant_id = $1 AND profile_id = $2`, [js.id]);
      people.push({ id: js.id, file: join(storageDir, storage_key) });
    }
    await sql(t, tenant, `INSERT INTO email_verification_tokens (tenant_id, account_id, token_hash, expires_at, created_at)
                          SELECT $1, id, md5(random()::text), now() + interval '1 day', now() FROM unnest($2::uuid[]) id`, [people.map((p) => p.id)]);
    const [kept, ...gone] = people;
    for (const p of people) expect(await count('profile_search', 'profile_id', p.id)).toBe(1);

    await inUnit((tx) => handler().eraseMany!(tx, gone.map((p) => p.id)));

    for (const p of gone) {
      for (const [table, column] of [['profiles', 'id'], ['profile_documents', 'profile_id'], ['profile_search', 'profile_id'], ['email_verification_tokens', 'account_id']])
        expect({ table, n: await count(table, column, p.id) }).toEqual({ table, n: 0 });
      expect(existsSync(p.file)).toBe(false);
    }
    for (const [table, column] of [['profiles', 'id'], ['profile_documents', 'profile_id'], ['profile_search', 'profile_id']])
      expect({ table, n: await count(table, column, kept.id) }).toEqual({ table, n: 1 });
    expect(await count('email_verification_tokens', 'account_id', kept.id)).toBeGreaterThan(0);
    expect(existsSync(kept.file)).toBe(true);
  });

  it('export gives the person their own view of the profile, with document hashes', async () => {
    const js = await registerJobseeker(t, tenant);
    await t.http('patch', '/profiles/me', { tenant: tenant.key, token: js.token, body: { fields: { headline: 'Lasser' } } });
    await upload(t, js, 'cv', FILES.pdf, 'cv.pdf');
    const exported = (await t.inTenant(tenant, () => t.get(ErasureService).export(js.id))) as { profiles: Record<string, unknown> };
    expect(exported.profiles).toMatchObject({
      id: js.id,
      state: 'draft',
      fields: { firstName: 'Sam', lastName: 'de Vries', headline: 'Lasser' },
      documents: [{ field: 'cv', fileName: 'cv.pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }],
    });
  });

  it('the retention action "inactivate" takes a listed profile out of the bank and keeps the data', async () => {
    const js = await activeJobseeker(t, tenant, { firstName: 'Sam', lastName: 'X' }, { headline: 'Kok' });
    await inUnit((tx) => handler().inactivate!(tx, js.id));
    expect(await profile(js.id)).toMatchObject({ state: 'inactive', fields: { firstName: 'Sam', lastName: 'X', headline: 'Kok' } });
  });

  it('the action "anonymise" removes identifying values and documents for good, keeps the rest, and leaves the employers\' view', async () => {
    const js = await activeJobseeker(t, tenant, { firstName: 'Sam', lastName: 'Y' }, { headline: 'Kok', phone: '0612345678', city: 'Utrecht' });
    await setConsent(t, tenant, js.id, 'photo', true);
    await upload(t, js, 'photo', FILES.png, 'me.png');
    const [{ storage_key }] = await sql<{ storage_key: string }>(t, tenant, `SELECT storage_key FROM profile_documents WHERE tenant_id = $1 AND profile_id = $2`, [js.id]);
    await t.inTenant(tenant, () => t.get(ErasureService).anonymise(js.id, 'retention'));
    expect(await profile(js.id)).toEqual({ state: 'anonymous', fields: { headline: 'Kok', city: 'Utrecht' }, visible_to_employers: false });
    expect(await count('profile_documents', 'profile_id', js.id)).toBe(0);
    expect(existsSync(join(storageDir, storage_key))).toBe(false);
  });
});
