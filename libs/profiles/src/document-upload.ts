import { HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { fileTypeFromBuffer } from 'file-type';
import { basename } from 'node:path';
import { ValidationProblem } from '../../http/src/validation-problem.js';
import type { FieldDefinition } from '../../plugin-api/src/index.js';

export interface ReceivedDocument {
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly originalName: string;
}

const tooLarge = (max: number) =>
  new ValidationProblem([{ field: 'file', reason: `must be at most ${max} bytes` }], HttpStatus.PAYLOAD_TOO_LARGE, 'The document is too large');

/** A file name to show the person back: no path, no control characters, bounded. */
function cleanName(raw: string | undefined, fallback: string): string {
  const name = basename(String(raw ?? '').replace(/\\/g, '/'))
    .replace(/[\p{Cc}"]/gu, '')
    .trim()
    .slice(0, 200);
  return name || fallback;
}

/**
 * Reads the one file of a multipart upload within the tenant's size limit and decides its type
 * from its bytes, never from the name or the declared type, against what the field accepts.
 */
export async function receiveDocument(req: FastifyRequest, field: FieldDefinition, maxBytes: number): Promise<ReceivedDocument> {
  if (!req.isMultipart())
    throw new ValidationProblem([{ field: 'file', reason: 'must be sent as multipart/form-data' }], HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  let bytes: Buffer;
  let filename: string | undefined;
  try {
    const part = await req.file({ limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 1 } });
    if (!part) throw new ValidationProblem([{ field: 'file', reason: 'is required' }]);
    filename = part.filename;
    bytes = await part.toBuffer();
    if (part.file.truncated) throw tooLarge(maxBytes);
  } catch (err) {
    if (err instanceof ValidationProblem) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw new ValidationProblem([{ field: 'file', reason: 'send exactly one file and no other form fields' }]);
    throw err;
  }
  if (!bytes.length) throw new ValidationProblem([{ field: 'file', reason: 'is empty' }]);
  const detected = await fileTypeFromBuffer(bytes);
  const accept = field.accept ?? [];
  if (!detected || !accept.includes(detected.mime))
    throw new ValidationProblem([
      {
        field: 'file',
        reason: `must be one of ${accept.join(', ')} (judged by its content, which is ${detected?.mime ?? 'not a recognised type'})`,
      },
    ]);
  return { bytes, contentType: detected.mime, originalName: cleanName(filename, `${field.key}.${detected.ext}`) };
}
