import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../../../test/support/test-app.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { FileStorage } from '../../../storage/src/storage.js';

/**
 * A document on a jobseeker's profile, as the profile capability stores one: bytes in file storage,
 * a profile_documents row pointing at them (the profile row is created when missing).
 */
export async function profileDocument(t: TestApp, tenant: TenantRef, personId: string, fileName = 'cv.pdf') {
  const bytes = Buffer.from(`%PDF-1.4 curriculum vitae ${randomUUID()}`);
  const storageKey = `${tenant.id}/${personId}/${randomUUID()}`;
  await t.get(FileStorage).put(storageKey, bytes);
  const id = await t.get(TenantDb).forTenant(tenant, async (tx) => {
    await tx.query(
      `INSERT INTO profiles (tenant_id, id, alias) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, id) DO NOTHING`,
      [tx.tenantId, personId, `Kandidaat ${personId.slice(0, 8)}`],
    );
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO profile_documents (tenant_id, profile_id, field_key, content_type, byte_size, storage_key, original_name, sha256)
       VALUES ($1, $2, 'cv', 'application/pdf', $3, $4, $5, repeat('0', 64)) RETURNING id`,
      [tx.tenantId, personId, bytes.length, storageKey, fileName],
    );
    return row.id;
  });
  return { id, bytes };
}

/** Rows of a table for this tenant, straight from the database. */
export function rows<R = Record<string, unknown>>(t: TestApp, tenant: TenantRef, sql: string, params: unknown[] = []) {
  return t.get(TenantDb).forTenant(tenant, (tx) => tx.query<R>(sql, [tx.tenantId, ...params]));
}
