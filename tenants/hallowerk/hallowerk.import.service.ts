import { ForbiddenException, Injectable, Logger } from '@nestjs/common';
import {
  AuditService,
  Clock,
  ProfileEnrolmentService,
  TenantDb,
  ValidationProblem,
  type Actor,
  type EnrolmentCommand,
  type FieldProblem,
  type TenantTx,
} from '../../libs/plugin-api/src/server.js';
import { CsvError, parseCsv } from './hallowerk.csv.js';
import { headerProblems, readRow, type ImportRow } from './hallowerk.import-rows.js';

/** The municipality's import: its staff member, the file, and whether to write anything. */
export interface ImportCommand {
  readonly actor: Actor;
  readonly csv: string;
  readonly dryRun: boolean;
  /** Called after each row with how many are done, for a progress report. */
  readonly onProgress?: (done: number, total: number) => void;
}

export type RowOutcome = 'created' | 'exists' | 'refused';

export interface ImportReport {
  readonly dryRun: boolean;
  readonly rows: number;
  /** In a dry run: the rows that would be created. */
  readonly created: number;
  /** Client numbers already enrolled: nothing changes for them. */
  readonly existing: number;
  readonly refused: number;
  /** Every refused row with every problem it has, by line number of the file. */
  readonly problems: { line: number; clientNumber: string | null; errors: FieldProblem[] }[];
}

/** Rows per commit: a commit per row cost most of the time (see docs/benchmarks.md). */
const CHUNK = 200;

/** Dry runs and imports both stop here: one file is at most this many people. */
export const MAX_ROWS = 20_000;

/**
 * Statement 004: "De gegevens die wij alvast voor jou invullen bij het aanmaken van een account".
 * A municipality's staff import their residents from a CSV file. Each row is all or nothing (a
 * savepoint in a chunk's unit of work), so a bad row never stops the good ones and never leaves
 * half a person; a client number already
 * enrolled creates nothing (running the same file twice changes nothing); each new person gets an
 * invitation to choose a password (the core's single-use, expiring link).
 */
@Injectable()
export class BulkImportService {
  private readonly log = new Logger('HalloWerkImport');

  constructor(
    private readonly db: TenantDb,
    private readonly enrolment: ProfileEnrolmentService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async run(cmd: ImportCommand): Promise<ImportReport> {
    const municipality = await this.municipalityOf(cmd.actor);
    let table;
    try {
      table = parseCsv(cmd.csv);
    } catch (err) {
      if (err instanceof CsvError) throw new ValidationProblem([{ field: 'csv', reason: err.message }]);
      throw err;
    }
    const header = headerProblems(table.header);
    if (header.length) throw new ValidationProblem(header);
    if (table.records.length > MAX_ROWS) throw new ValidationProblem([{ field: 'csv', reason: `has more than ${MAX_ROWS} rows` }]);

    const report = { created: 0, existing: 0, refused: 0, problems: [] as ImportReport['problems'] };
    const seen = { clientNumbers: new Map<string, number>(), emails: new Map<string, number>() };
    type Outcome = Awaited<ReturnType<BulkImportService['row']>>;
    for (let from = 0; from < table.records.length; from += CHUNK) {
      const rows = table.records.slice(from, from + CHUNK).map((record) => readRow(table.header, record));
      let outcomes: Outcome[];
      try {
        // One commit per chunk; each row inside is its own savepoint, all or nothing.
        outcomes = await this.db.transaction(async (tx) => {
          const out: Outcome[] = [];
          for (const row of rows) out.push(await this.row(tx, row, municipality, seen, cmd.dryRun));
          return out;
        });
      } catch (err) {
        // The chunk did not commit: none of its people exist, and the report says so row by row.
        this.log.error(`import chunk failed: ${(err as Error).name}`);
        for (const row of rows) {
          seen.clientNumbers.delete(row.clientNumber);
          seen.emails.delete(row.email.toLowerCase());
        }
        outcomes = rows.map(() => ({ status: 'refused', errors: [{ field: 'row', reason: 'could not be imported; nothing of it was stored' }] }));
      }
      outcomes.forEach((outcome, k) => {
        const row = rows[k];
        if (outcome.status === 'refused') {
          report.refused++;
          report.problems.push({ line: row.line, clientNumber: row.clientNumber || null, errors: outcome.errors });
        } else report[outcome.status === 'created' ? 'created' : 'existing']++;
      });
      cmd.onProgress?.(from + rows.length, table.records.length);
    }
    await this.db.transaction((tx) =>
      this.audit.record(
        {
          action: cmd.dryRun ? 'hallowerk.import.dry-run' : 'hallowerk.import',
          subjectType: 'org-unit',
          subjectId: municipality.id,
          details: { rows: table.records.length, created: report.created, existing: report.existing, refused: report.refused },
        },
        tx,
      ),
    );
    return { dryRun: cmd.dryRun, rows: table.records.length, ...report };
  }

  private async row(
    tx: TenantTx,
    row: ImportRow,
    municipality: { id: string; name: string },
    seen: { clientNumbers: Map<string, number>; emails: Map<string, number> },
    dryRun: boolean,
  ): Promise<{ status: 'created' | 'exists' } | { status: 'refused'; errors: FieldProblem[] }> {
    if (row.problems.length) return { status: 'refused', errors: row.problems };
    const fields = { supportingMunicipality: municipality.name, ...row.fields };
    const command = { email: row.email, locale: row.locale, fields, orgUnitId: municipality.id };
    const earlier = seen.clientNumbers.get(row.clientNumber);
    if (earlier !== undefined)
      return { status: 'refused', errors: [{ field: 'fields.clientNumber', reason: `repeats line ${earlier} of this file` }] };
    const email = row.email.toLowerCase();
    const sameEmail = seen.emails.get(email);
    if (sameEmail !== undefined)
      return { status: 'refused', errors: [{ field: 'email', reason: `is already used by line ${sameEmail} of this file` }] };
    const outcome = await this.enrolRow(tx, row, command, municipality.id, dryRun);
    if (outcome.status !== 'refused') {
      seen.clientNumbers.set(row.clientNumber, row.line);
      seen.emails.set(email, row.line);
    }
    return outcome;
  }

  private async enrolRow(
    tx: TenantTx,
    row: ImportRow,
    command: EnrolmentCommand,
    municipalityId: string,
    dryRun: boolean,
  ): Promise<{ status: 'created' | 'exists' } | { status: 'refused'; errors: FieldProblem[] }> {
    try {
      return await tx.savepoint(async () => {
        if (await this.enrolled(tx, row.clientNumber)) return { status: 'exists' as const };
        if (dryRun) {
          const errors = await this.enrolment.problems(tx, command);
          return errors.length ? { status: 'refused' as const, errors } : { status: 'created' as const };
        }
        const personId = await this.enrolment.enrol(tx, command);
        await tx.query(
          `INSERT INTO hallowerk_client_numbers (tenant_id, client_number, person_id, municipality_id, enrolled_at) VALUES ($1, $2, $3, $4, $5)`,
          [tx.tenantId, row.clientNumber, personId, municipalityId, this.clock.now()],
        );
        return { status: 'created' as const };
      });
    } catch (err) {
      if (err instanceof ValidationProblem) return { status: 'refused', errors: [...err.errors] };
      // The row's savepoint rolled back: nothing of this person stays, and the next row goes on.
      this.log.error(`import row failed: ${(err as Error).name}`);
      return { status: 'refused', errors: [{ field: 'row', reason: 'could not be imported; nothing of it was stored' }] };
    }
  }

  private async enrolled(tx: TenantTx, clientNumber: string): Promise<boolean> {
    const rows = await tx.query(`SELECT 1 FROM hallowerk_client_numbers WHERE tenant_id = $1 AND client_number = $2`, [tx.tenantId, clientNumber]);
    return rows.length > 0;
  }

  /** Only a municipality's own staff import, always into that municipality. */
  private async municipalityOf(actor: Actor): Promise<{ id: string; name: string }> {
    const units = await this.db.transaction((tx) =>
      tx.query<{ id: string; name: string }>(
        `SELECT id, name FROM org_units WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND kind = 'municipality'`,
        [tx.tenantId, actor.orgUnitIds],
      ),
    );
    if (units.length !== 1) throw new ForbiddenException("Only a municipality's own staff import its residents");
    return units[0];
  }
}
