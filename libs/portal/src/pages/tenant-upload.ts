import { HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { fileTypeFromBuffer } from 'file-type';
import { ValidationProblem } from '../../../http/src/index.js';
import type { PortalUploadDeclaration } from '../../../plugin-api/src/index.js';

/**
 * A form's text fields beside its file: a handful, short (an action name, a checkbox, a choice).
 * Every limit is given here: the platform's own (one part, no fields) are for document uploads.
 */
const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 2000;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface ReceivedForm {
  readonly form: Record<string, string>;
  /** Kind `text`. */
  readonly file?: { name: string; text: string };
  /** Kind `document`. */
  readonly document?: { name: string; bytes: Buffer; contentType: string };
}

/**
 * The multipart form of a tenant page's upload: its text fields and the one file under the declared
 * name, read within `maxBytes`. Every refusal names the file's field: too large 413, missing or
 * empty 422, not UTF-8 text (a NUL byte, invalid UTF-8) for kind `text` or, for kind `document`,
 * bytes of a type outside `accept` 422, a second file 400. Nothing is kept: the action decides
 * what to do with the text or the bytes.
 */
export async function receiveForm(req: FastifyRequest, rules: PortalUploadDeclaration): Promise<ReceivedForm> {
  const field = rules.field;
  if (!req.isMultipart()) throw new ValidationProblem([{ field, reason: 'must be sent as multipart/form-data' }], HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  const form: Record<string, string> = {};
  let file: { name: string; bytes: Buffer } | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: rules.maxBytes, files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: MAX_FIELDS + 1 } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') form[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== field) {
        await part.toBuffer();
        throw new ValidationProblem([{ field, reason: `send the file as "${field}"` }], HttpStatus.BAD_REQUEST);
      }
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw tooLarge(field, rules.maxBytes);
      file = { name: (part.filename ?? '').replace(/[\p{Cc}"\\/]/gu, '').slice(0, 200), bytes };
    }
  } catch (err) {
    if (err instanceof ValidationProblem) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(field, rules.maxBytes);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw new ValidationProblem([{ field, reason: 'send one file and the form as it is' }], HttpStatus.BAD_REQUEST);
    throw err;
  }
  if (!file || !file.bytes.length) throw new ValidationProblem([{ field, reason: 'choose a file' }]);
  if (rules.kind === 'document') {
    const accept = rules.accept ?? [];
    // Judged by the bytes, never by the name or the type the browser claims.
    const detected = await fileTypeFromBuffer(file.bytes);
    if (!detected || !accept.includes(detected.mime))
      throw new ValidationProblem([
        { field, reason: `must be one of ${accept.join(', ')} (judged by its content, which is ${detected?.mime ?? 'not a recognised type'})` },
      ]);
    return { form, document: { name: file.name.trim() || `${field}.${detected.ext}`, bytes: file.bytes, contentType: detected.mime } };
  }
  let text: string;
  try {
    text = utf8.decode(file.bytes);
  } catch {
    throw new ValidationProblem([{ field, reason: 'must be a text file in UTF-8 (save the spreadsheet as "CSV UTF-8")' }]);
  }
  if (text.includes('\u0000')) throw new ValidationProblem([{ field, reason: 'must be a text file, not a spreadsheet or another binary file' }]);
  return { form, file: { name: file.name, text: text.replace(/^\uFEFF/, '') } };
}

function tooLarge(field: string, max: number) {
  return new ValidationProblem([{ field, reason: `must be at most ${max} bytes` }], HttpStatus.PAYLOAD_TOO_LARGE);
}
