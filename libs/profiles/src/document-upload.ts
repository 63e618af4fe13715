import { HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { fileTypeFromBuffer } from 'file-type';
import { basename } from 'node:path';
import { ValidationProblem } from '../../http/src/index.js';
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
export function receiveDocument(req: FastifyRequest, field: FieldDefinition, maxBytes: number): Promise<ReceivedDocument> {
  return receiveUpload(req, { accept: field.accept ?? [], maxBytes, fallbackName: field.key });
}

export interface UploadRules {
  /** Content types accepted, judged by the bytes (file-type), e.g. `application/pdf`. */
  readonly accept: readonly string[];
  readonly maxBytes: number;
  /** The file name shown back when the upload carries none, without extension (the detected one is added). */
  readonly fallbackName: string;
}

/**
 * The one file of a multipart upload (form field `file`), read within `maxBytes` and typed by its
 * content. Every refusal is a 4xx naming `file`: not multipart 415, too large 413, more than one
 * part 400, missing, empty or a type outside `accept` 422. Nothing is stored: the caller stores the bytes.
 */
export async function receiveUpload(req: FastifyRequest, rules: UploadRules): Promise<ReceivedDocument> {
  const { maxBytes, accept } = rules;
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
  if (!detected || !accept.includes(detected.mime))
    throw new ValidationProblem([
      {
        field: 'file',
        reason: `must be one of ${accept.join(', ')} (judged by its content, which is ${detected?.mime ?? 'not a recognised type'})`,
      },
    ]);
  return { bytes, contentType: detected.mime, originalName: cleanName(filename, `${rules.fallbackName}.${detected.ext}`) };
}

/** RFC 6266: an ASCII fallback plus the exact name, so no header injection and no mangled names. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
