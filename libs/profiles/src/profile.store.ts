import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import type { ProfileDocumentRef, ProjectableProfile } from './profile-projection.js';
import type { ProfileState } from './profile-state.js';

export interface ProfileRow extends ProjectableProfile {
  readonly orgUnitId: string | null;
  readonly visibleToEmployers: boolean;
  readonly activatedAt: Date | null;
  readonly listedUntil: Date | null;
  readonly processingRestrictedAt: Date | null;
  readonly emailVerifiedAt: Date | null;
  readonly email: string;
  readonly documents: readonly StoredDocument[];
}

export interface StoredDocument extends ProfileDocumentRef {
  readonly profileId: string;
  readonly storageKey: string;
  readonly sha256: string;
}

const DOCUMENT_COLUMNS = `id, profile_id AS "profileId", field_key AS "fieldKey", content_type AS "contentType",
  byte_size AS "byteSize", original_name AS "originalName", storage_key AS "storageKey", sha256, created_at AS "createdAt"`;

/** SQL for profiles and their documents, every statement filtered on the tenant. */
@Injectable()
export class ProfileStore {
  /** The profile with its documents, or null. `lock` holds the row until the unit of work ends. */
  async find(tx: TenantTx, id: string, opts: { lock?: boolean } = {}): Promise<ProfileRow | null> {
    return this.findBy(tx, 'id', id, opts);
  }

  /** The profile an outsider addresses by its public handle, or null (also for a handle since redrawn). */
  findByHandle(tx: TenantTx, handle: string, opts: { lock?: boolean } = {}): Promise<ProfileRow | null> {
    return this.findBy(tx, 'public_handle', handle, opts);
  }

  private async findBy(tx: TenantTx, column: 'id' | 'public_handle', value: string, opts: { lock?: boolean }) {
    const [row] = await tx.query<Omit<ProfileRow, 'documents'>>(
      `SELECT p.id, p.public_handle AS "publicHandle", p.state, p.alias, p.fields, p.org_unit_id AS "orgUnitId", p.visible_to_employers AS "visibleToEmployers",
              p.activated_at AS "activatedAt", p.listed_until AS "listedUntil",
              p.processing_restricted_at AS "processingRestrictedAt", a.email_verified_at AS "emailVerifiedAt", a.email
         FROM profiles p JOIN accounts a ON a.tenant_id = p.tenant_id AND a.id = p.id
        WHERE p.tenant_id = $1 AND p.${column} = $2${opts.lock ? ' FOR UPDATE OF p' : ''}`,
      [tx.tenantId, value],
    );
    if (!row) return null;
    return { ...row, documents: await this.documents(tx, row.id) };
  }

  documents(tx: TenantTx, profileId: string): Promise<StoredDocument[]> {
    return tx.query<StoredDocument>(
      `SELECT ${DOCUMENT_COLUMNS} FROM profile_documents WHERE tenant_id = $1 AND profile_id = $2 ORDER BY created_at, id`,
      [tx.tenantId, profileId],
    );
  }

  async document(tx: TenantTx, profileId: string, documentId: string): Promise<StoredDocument | null> {
    const [row] = await tx.query<StoredDocument>(
      `SELECT ${DOCUMENT_COLUMNS} FROM profile_documents WHERE tenant_id = $1 AND profile_id = $2 AND id = $3`,
      [tx.tenantId, profileId, documentId],
    );
    return row ?? null;
  }

  /** Inserts a draft profile; false when the alias is taken (the caller draws another). */
  async insert(tx: TenantTx, p: { id: string; alias: string; fields: Record<string, unknown>; orgUnitId: string | null; now: Date }) {
    return (await this.insertMany(tx, [p], p.now)).has(p.id);
  }

  /** Draft profiles in one statement; the ids placed (an alias already taken leaves its profile out, to draw again). */
  async insertMany(
    tx: TenantTx,
    profiles: readonly { id: string; alias: string; fields: Record<string, unknown>; orgUnitId: string | null }[],
    now: Date,
  ): Promise<Set<string>> {
    if (!profiles.length) return new Set();
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO profiles (tenant_id, id, state, alias, fields, org_unit_id, created_at, updated_at)
       SELECT $1, x.id, 'draft', x.alias, x.fields, x.org_unit_id, $3, $3
         FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, alias text, fields jsonb, org_unit_id uuid)
       ON CONFLICT (tenant_id, alias) DO NOTHING RETURNING id`,
      [tx.tenantId, JSON.stringify(profiles.map((p) => ({ id: p.id, alias: p.alias, fields: p.fields, org_unit_id: p.orgUnitId }))), now],
    );
    return new Set(rows.map((r) => r.id));
  }

  async setFields(tx: TenantTx, id: string, fields: Record<string, unknown>, now: Date): Promise<void> {
    await tx.query(`UPDATE profiles SET fields = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2`, [
      tx.tenantId,
      id,
      JSON.stringify(fields),
      now,
    ]);
  }

  async setState(
    tx: TenantTx,
    id: string,
    change: { state: ProfileState; activatedAt?: Date | null; listedUntil?: Date | null },
    now: Date,
  ): Promise<void> {
    const dates = change.activatedAt !== undefined;
    await tx.query(
      `UPDATE profiles SET state = $3, updated_at = $4,
              activated_at = CASE WHEN $5 THEN $6::timestamptz ELSE activated_at END,
              listed_until = CASE WHEN $5 THEN $7::timestamptz ELSE listed_until END
        WHERE tenant_id = $1 AND id = $2`,
      [tx.tenantId, id, change.state, now, dates, change.activatedAt ?? null, change.listedUntil ?? null],
    );
  }

  /** Gives the profile another alias; false when that alias is taken (the caller draws another). */
  async setAlias(tx: TenantTx, id: string, alias: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      // As a SELECT, so the driver answers with the changed rows (an UPDATE answers with a count too).
      `WITH changed AS (
         UPDATE profiles SET alias = $3, updated_at = $4
          WHERE tenant_id = $1 AND id = $2
            AND NOT EXISTS (SELECT 1 FROM profiles taken WHERE taken.tenant_id = $1 AND taken.alias = $3)
         RETURNING id)
       SELECT id FROM changed`,
      [tx.tenantId, id, alias, now],
    );
    return rows.length === 1;
  }

  /**
   * Gives the profile a new public handle: the old one then leads nowhere. Drawn from 128 random
   * bits, so a clash is not expected; false when it happens anyway (the caller draws another).
   */
  async setPublicHandle(tx: TenantTx, id: string, handle: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `WITH changed AS (
         UPDATE profiles SET public_handle = $3, updated_at = $4
          WHERE tenant_id = $1 AND id = $2
            AND NOT EXISTS (SELECT 1 FROM profiles taken WHERE taken.tenant_id = $1 AND taken.public_handle = $3)
         RETURNING id)
       SELECT id FROM changed`,
      [tx.tenantId, id, handle, now],
    );
    return rows.length === 1;
  }

  async setVisibleToEmployers(tx: TenantTx, id: string, visible: boolean, now: Date): Promise<void> {
    await tx.query(`UPDATE profiles SET visible_to_employers = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2`, [
      tx.tenantId,
      id,
      visible,
      now,
    ]);
  }

  async setOrgUnit(tx: TenantTx, id: string, orgUnitId: string | null, now: Date): Promise<void> {
    await tx.query(`UPDATE profiles SET org_unit_id = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2`, [
      tx.tenantId,
      id,
      orgUnitId,
      now,
    ]);
  }

  async insertDocument(
    tx: TenantTx,
    d: Omit<StoredDocument, 'createdAt' | 'id'> & { createdAt: Date },
  ): Promise<string> {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO profile_documents (tenant_id, profile_id, field_key, content_type, byte_size, storage_key, original_name, sha256, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [tx.tenantId, d.profileId, d.fieldKey, d.contentType, d.byteSize, d.storageKey, d.originalName, d.sha256, d.createdAt],
    );
    return row.id;
  }

  /**
   * Deletes document rows and returns their storage keys, for file deletion after commit. (Wrapped
   * in a SELECT because the driver answers a bare DELETE ... RETURNING with a row count pair.)
   */
  async deleteDocuments(tx: TenantTx, profileId: string, where: { id?: string; fieldKey?: string } = {}): Promise<string[]> {
    const rows = await tx.query<{ storage_key: string }>(
      `WITH gone AS (
         DELETE FROM profile_documents
          WHERE tenant_id = $1 AND profile_id = $2 AND ($3::uuid IS NULL OR id = $3) AND ($4::text IS NULL OR field_key = $4)
          RETURNING storage_key
       ) SELECT storage_key FROM gone`,
      [tx.tenantId, profileId, where.id ?? null, where.fieldKey ?? null],
    );
    return rows.map((r) => r.storage_key);
  }

  /** Every document of these profiles goes; returns the storage keys of the files left to delete. */
  async deleteDocumentsOfMany(tx: TenantTx, profileIds: readonly string[]): Promise<string[]> {
    const rows = await tx.query<{ storage_key: string }>(
      `WITH gone AS (
         DELETE FROM profile_documents WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[]) RETURNING storage_key
       ) SELECT storage_key FROM gone`,
      [tx.tenantId, profileIds],
    );
    return rows.map((r) => r.storage_key);
  }

  async deleteMany(tx: TenantTx, ids: readonly string[]): Promise<void> {
    await tx.query(`DELETE FROM profiles WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tx.tenantId, ids]);
  }
}
