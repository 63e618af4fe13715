import { mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { assertStorageKey, FileStorage } from './storage.js';

/**
 * Files on the local disk under one root folder. Writes go to a temporary name first and are
 * renamed into place, so a reader never sees half a file; files are readable by the owner only.
 * Deleting the last file of a folder removes the folder too: a folder left behind could be named
 * after whoever the files belonged to.
 */
export class LocalDiskStorage extends FileStorage {
  private readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  private path(key: string): string {
    assertStorageKey(key);
    return join(this.root, key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.path(key);
    try {
      await this.write(target, bytes);
    } catch (err) {
      // A concurrent delete may have just removed the (then empty) folder: once more.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await this.write(target, bytes);
    }
  }

  private async write(target: string, bytes: Buffer): Promise<void> {
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.partial`;
    try {
      await writeFile(temporary, bytes, { mode: 0o600, flag: 'wx' });
      await rename(temporary, target);
    } catch (err) {
      await rm(temporary, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const target = this.path(key);
    await rm(target, { force: true });
    await this.removeEmptyFolders(dirname(target));
  }

  /** Empty folders from the file's own up to (not including) the root; stops at the first that is not empty. */
  private async removeEmptyFolders(folder: string): Promise<void> {
    for (let dir = folder; dir !== this.root && dir.startsWith(this.root); dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') continue;
        return; // ENOTEMPTY, EEXIST: still in use
      }
    }
  }
}
