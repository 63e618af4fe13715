import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { OwnDocumentFile } from '../../profiles/src/index.js';
import type { FileStorage } from '../../storage/src/index.js';

export const ARCHIVE_DOCUMENT = 'export.json';
export const ARCHIVE_RESUME = 'resume.json';

/** A name safe in any unzip tool: no folders, no control characters, not too long. */
function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(-100);
  return cleaned || 'document';
}

/** Where a document's bytes sit in the archive: its field, its id (names may repeat) and its own name. */
export function archivePath(f: Pick<OwnDocumentFile, 'id' | 'fieldKey' | 'originalName'>): string {
  return `documents/${safeName(f.fieldKey)}-${f.id.slice(0, 8)}-${safeName(f.originalName)}`;
}

export interface ArchiveContent {
  readonly document: Record<string, unknown>;
  readonly resume: Record<string, unknown>;
  readonly files: readonly OwnDocumentFile[];
  /** Called once a document's bytes are in the archive (for the progress the person sees). */
  readonly onFileDone: () => Promise<unknown>;
  readonly mtime: Date;
}

/**
 * Writes the export archive into the file store as it is produced: the documents are read from
 * the store one at a time, when the archive reaches them, so neither they nor the archive are ever
 * held in memory whole. Documents are stored as they are, not deflated: PDFs, images and video are
 * compressed already, and their bytes stay identical to what the person uploaded. A document the
 * store no longer has fails the build rather than hand over an incomplete copy.
 */
export async function writeExportArchive(storage: FileStorage, key: string, c: ArchiveContent): Promise<void> {
  const zip = new ZipFile();
  const progress: Promise<unknown>[] = [];
  const output = Readable.from(zip.outputStream as AsyncIterable<Buffer>);
  zip.on('error', (err: Error) => output.destroy(err));
  zip.addBuffer(Buffer.from(JSON.stringify(c.document, null, 2)), ARCHIVE_DOCUMENT, { mtime: c.mtime });
  zip.addBuffer(Buffer.from(JSON.stringify(c.resume, null, 2)), ARCHIVE_RESUME, { mtime: c.mtime });
  for (const f of c.files)
    zip.addReadStreamLazy(archivePath(f), { compress: false, mtime: c.mtime }, (cb) => {
      f.open().then(
        (stream) => {
          if (!stream) return cb(new Error(`document ${f.id} is missing from the file store`), undefined as never);
          stream.once('end', () => progress.push(c.onFileDone()));
          cb(null, stream);
        },
        (err: unknown) => cb(err, undefined as never),
      );
    });
  zip.end();
  await storage.putStream(key, output);
  await Promise.all(progress);
}
