import type { FieldDefinition } from '../../libs/plugin-api/src/index.js';
import type { FieldProblem } from '../../libs/tenant-host/src/index.js';
import { hallowerkFields } from './hallowerk.fields.js';

/** What the municipality fills in at account creation (statement 004), and the account's address. */
export const IMPORT_FIELDS: readonly FieldDefinition[] = hallowerkFields.filter((f) => f.write.includes('staff') && f.type !== 'document');
export const IMPORT_COLUMNS = ['email', 'locale', ...IMPORT_FIELDS.map((f) => f.key)] as const;

const YES = new Set(['ja', 'j', 'yes', 'y', 'true', '1']);
const NO = new Set(['nee', 'n', 'no', 'false', '0']);

export interface ImportRow {
  readonly line: number;
  readonly email: string;
  readonly locale?: string;
  readonly clientNumber: string;
  readonly fields: Record<string, unknown>;
  /** Problems found while reading the cells; the field rules themselves are the enrolment's. */
  readonly problems: FieldProblem[];
}

/** The header must name known columns, each once, and the client number and address must be there. */
export function headerProblems(header: readonly string[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  header.forEach((h, i) => {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(h))
      out.push({ field: `csv.header[${i}]`, reason: `"${h}" is not a column of the import (${IMPORT_COLUMNS.join(', ')})` });
    else if (header.indexOf(h) !== i) out.push({ field: `csv.header[${i}]`, reason: `"${h}" appears twice` });
  });
  for (const required of ['email', 'clientNumber', 'firstName', 'lastName'])
    if (!header.includes(required)) out.push({ field: 'csv.header', reason: `the column "${required}" is missing` });
  return out;
}

function cellValue(f: FieldDefinition, raw: string): { value: unknown } | { reason: string } {
  switch (f.type) {
    case 'boolean': {
      const v = raw.toLowerCase();
      return YES.has(v) ? { value: true } : NO.has(v) ? { value: false } : { reason: 'must be ja or nee' };
    }
    case 'multi-enum':
    case 'string-list':
      return { value: raw.split(/[|;]/).map((x) => x.trim().toLowerCase()).filter(Boolean) };
    case 'integer':
    case 'number':
      return Number.isFinite(Number(raw)) ? { value: Number(raw) } : { reason: 'must be a number' };
    case 'enum':
      return { value: raw.toLowerCase() };
    default:
      return { value: raw };
  }
}

/** One record as the enrolment takes it; empty cells are left out. */
export function readRow(header: readonly string[], record: { line: number; cells: string[] }): ImportRow {
  const problems: FieldProblem[] = [];
  const fields: Record<string, unknown> = {};
  let email = '';
  let locale: string | undefined;
  if (record.cells.length !== header.length)
    problems.push({ field: 'row', reason: `has ${record.cells.length} cells where the header has ${header.length}` });
  header.forEach((column, i) => {
    const raw = (record.cells[i] ?? '').trim();
    if (raw === '') return;
    if (column === 'email') email = raw;
    else if (column === 'locale') locale = raw;
    else {
      const f = IMPORT_FIELDS.find((x) => x.key === column)!;
      const r = cellValue(f, raw);
      if ('reason' in r) problems.push({ field: `fields.${column}`, reason: r.reason });
      else fields[column] = r.value;
    }
  });
  const clientNumber = typeof fields.clientNumber === 'string' ? fields.clientNumber : '';
  if (!clientNumber) problems.push({ field: 'fields.clientNumber', reason: 'is required: it identifies the person in the import' });
  if (!email) problems.push({ field: 'email', reason: 'is required' });
  return { line: record.line, email, locale, clientNumber, fields, problems };
}
