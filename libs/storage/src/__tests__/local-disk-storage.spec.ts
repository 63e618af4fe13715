import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalDiskStorage } from '../local-disk-storage.js';
import { InvalidStorageKeyError } from '../storage.js';

describe('local disk storage', () => {
  let root: string;
  let storage: LocalDiskStorage;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'storage-spec-'));
    storage = new LocalDiskStorage(root);
  });

  afterAll(() => rm(root, { recursive: true, force: true }));

  it('stores, reads back and deletes bytes by key', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    await storage.put('tenant-a/doc-1', bytes);
    expect(await storage.get('tenant-a/doc-1')).toEqual(bytes);
    await storage.delete('tenant-a/doc-1');
    expect(await storage.get('tenant-a/doc-1')).toBeNull();
  });

  it('keeps files outside the database, readable by the owner only, with no temporary file left', async () => {
    await storage.put('tenant-b/doc-2', Buffer.from('x'));
    const info = await stat(join(root, 'tenant-b/doc-2'));
    expect(info.mode & 0o777).toBe(0o600);
    expect(await readdir(join(root, 'tenant-b'))).toEqual(['doc-2']);
  });

  it('deleting what is not there is not an error (erasure may run twice)', async () => {
    await expect(storage.delete('tenant-c/never-stored')).resolves.toBeUndefined();
  });

  it('deleting the last file of a folder removes the folder too: no empty folder named after anyone stays', async () => {
    await storage.put('tenant-d/person-1/doc-a', Buffer.from('a'));
    await storage.put('tenant-d/person-1/doc-b', Buffer.from('b'));
    await storage.put('tenant-d/person-2/doc-c', Buffer.from('c'));
    await storage.delete('tenant-d/person-1/doc-a');
    expect((await readdir(join(root, 'tenant-d'))).sort()).toEqual(['person-1', 'person-2']);
    await storage.delete('tenant-d/person-1/doc-b');
    expect(await readdir(join(root, 'tenant-d'))).toEqual(['person-2']);
    await storage.delete('tenant-d/person-2/doc-c');
    expect(await readdir(root)).not.toContain('tenant-d');
    expect(await readdir(root)).toBeDefined();
  });

  it('a file stored while its folder is being emptied still lands', async () => {
    await storage.put('tenant-e/doc-1', Buffer.from('1'));
    await Promise.all([storage.delete('tenant-e/doc-1'), storage.put('tenant-e/doc-2', Buffer.from('2'))]);
    expect(await storage.get('tenant-e/doc-2')).toEqual(Buffer.from('2'));
  });

  it('stores a stream chunk by chunk and reads it back as a stream; a failing stream leaves nothing', async () => {
    const chunks = [Buffer.from('first '), Buffer.from('second '), Buffer.from('third')];
    await storage.putStream('tenant-f/archive', Readable.from(chunks));
    const back: Buffer[] = [];
    for await (const c of (await storage.getStream('tenant-f/archive'))!) back.push(c as Buffer);
    expect(Buffer.concat(back)).toEqual(Buffer.concat(chunks));
    expect(await storage.getStream('tenant-f/never-stored')).toBeNull();

    async function* failing() {
      yield Buffer.from('half of it');
      throw new Error('the source broke');
    }
    await expect(storage.putStream('tenant-f/broken', Readable.from(failing()))).rejects.toThrow('the source broke');
    expect(await readdir(join(root, 'tenant-f'))).toEqual(['archive']);
  });

  it.each(['../escape', '/etc/passwd', 'a/../../b', 'A/B', 'a//b', ''])('refuses the key %j', async (key) => {
    await expect(storage.put(key, Buffer.from('x'))).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
  });
});
