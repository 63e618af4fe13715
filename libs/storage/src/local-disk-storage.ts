import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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
    const write = (temporary: string) => writeFile(temporary, bytes, { mode: 0o600, flag: 'wx' });
    try {
      await this.write(target, write);
    } catch (err) {
      // A concurrent delete may have just removed the (then empty) folder: once more.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await this.write(target, write);
    }
  }

  /** A stream can be read once, so unlike `put` there is no second attempt. */
  async putStream(key: string, source: Readable): Promise<void> {
    await this.write(this.path(key), (temporary) =>
      pipeline(source, createWriteStream(temporary, { mode: 0o600, flags: 'wx' })),
    );
  }

  private async write(target: string, fill: (temporary: string) => Promise<void>): Promise<void> {
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.partial`;
    try {
      await fill(temporary);
      await rename(temporary, target);
    } catch (err) {
      await rm(temporary, { force: true });
      throw err;
    }
  }

  async getStream(key: string): Promise<Readable | null> {
    try {
      // Opened here so a missing file is answered now, not as an error event later.
      const handle = await open(this.path(key), 'r');
      return handle.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
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
