import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { TestApp } from '../../../../test/support/test-app.js';
import { FixedClock } from '../../../config/src/index.js';
import type { TenantRef } from '../../../context/src/index.js';
import { TenantDb } from '../../../database/src/index.js';
import { FileStorage } from '../../../storage/src/storage.js';
import { DocumentFiles } from '../document-files.js';

/** "Deletion means gone", also for the files outside the database when a process dies at the wrong moment. */
describe('document files are deleted durably', () => {
  const clock = new FixedClock('2026-05-01T09:00:00Z');
  let t: TestApp;
  let tenant: TenantRef;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'document-files-'));
    t = await TestApp.boot({ clock, env: { STORAGE_DIR: dir } });
    tenant = await t.createTenant('kandidatenbank');
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const files = () => t.get(DocumentFiles);
  const stored = async () => {
    const key = `${tenant.id}/${randomUUID()}`;
    await t.get(FileStorage).put(key, Buffer.from('CV of a person'));
    return key;
  };
  const onDisk = (key: string) => existsSync(join(dir, key));
  const pending = (key: string) =>
    t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(`SELECT due_at FROM document_file_deletions WHERE tenant_id = $1 AND storage_key = $2`, [tx.tenantId, key]),
    );
  const sweep = () => t.inTenant(tenant, () => files().sweep());

  it('a deletion is recorded in the transaction that decides it and done right after COMMIT', async () => {
    const key = await stored();
    await t.get(TenantDb).forTenant(tenant, async (tx) => {
      await files().deleteAfterCommit(tx, [key]);
      // Committed together with the change: a process that dies after COMMIT leaves this for the sweep.
      expect(await tx.query(`SELECT 1 FROM document_file_deletions WHERE tenant_id = $1 AND storage_key = $2`, [tx.tenantId, key])).toHaveLength(1);
      expect(onDisk(key)).toBe(true);
    });
    expect(onDisk(key)).toBe(false);
    expect(await pending(key)).toEqual([]);
  });

  it('a deletion a process did not live to do is done by the next sweep', async () => {
    const key = await stored();
    // What a process killed right after COMMIT leaves behind: the decision, and the file.
    await t.get(TenantDb).forTenant(tenant, (tx) =>
      tx.query(`INSERT INTO document_file_deletions (tenant_id, storage_key, due_at) VALUES ($1, $2, $3)`, [tx.tenantId, key, clock.now()]),
    );
    expect(onDisk(key)).toBe(true);
    await sweep();
    expect(onDisk(key)).toBe(false);
    expect(await pending(key)).toEqual([]);
  });

  it('a decision that rolls back deletes nothing', async () => {
    const key = await stored();
    await expect(
      t.get(TenantDb).forTenant(tenant, async (tx) => {
        await files().deleteAfterCommit(tx, [key]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await sweep()).toBe(0);
    expect(onDisk(key)).toBe(true);
  });

  it('the bytes of an upload whose row never committed are deleted by the sweep an hour later, not before', async () => {
    const key = `${tenant.id}/${randomUUID()}`;
    await t.inTenant(tenant, () => files().storeUnclaimed(key, Buffer.from('half an upload')));
    clock.advance(59 * 60_000);
    await sweep();
    expect(onDisk(key)).toBe(true);
    clock.advance(2 * 60_000);
    await sweep();
    expect(onDisk(key)).toBe(false);
  });

  it('an upload whose row committed is claimed and never swept', async () => {
    const key = `${tenant.id}/${randomUUID()}`;
    await t.inTenant(tenant, () => files().storeUnclaimed(key, Buffer.from('a whole upload')));
    await t.get(TenantDb).forTenant(tenant, (tx) => files().claim(tx, key));
    clock.advance(3 * 3600_000);
    await sweep();
    expect(onDisk(key)).toBe(true);
  });
});
