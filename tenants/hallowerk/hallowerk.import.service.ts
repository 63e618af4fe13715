import { ForbiddenException, Injectable, Logger } from '@nestjs/common';
import {
  AuditService,
  Clock,
  ProfileEnrolmentService,
  recordImport,
  TenantDb,
  ValidationProblem,
  type Actor,
  type EnrolmentCommand,
  type FieldProblem,
  type TenantTx,
} from '../../libs/tenant-host/src/index.js';
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

type Outcome = { status: 'created' | 'exists' } | { status: 'refused'; errors: FieldProblem[] };

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

/** Rows per unit of work: each chunk is a handful of multi-row statements (see docs/benchmarks.md). */
const CHUNK = 500;

/** Dry runs and imports both stop here: one file is at most this many people. */
export const MAX_ROWS = 20_000;

/**
 * Statement 004: "De gegevens die wij alvast voor jou invullen bij het aanmaken van een account".
 * A municipality's staff import their residents from a CSV file. Every row is validated before
 * anything is written, and a chunk of rows is one unit of work of a few multi-row statements, so a
 * bad row never stops the good ones and never leaves half a person; a client number already
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
    // Wall time, not the injectable clock: the metric measures how long the work took.
    const started = performance.now();
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
    // The file is readable: the caller may start reporting progress (0 of all rows).
    cmd.onProgress?.(0, table.records.length);
    const seen = { clientNumbers: new Map<string, number>(), emails: new Map<string, number>() };
    for (let from = 0; from < table.records.length; from += CHUNK) {
      const rows = table.records.slice(from, from + CHUNK).map((record) => readRow(table.header, record));
      // Checked in the application first: a row with a problem never reaches the database.
      const early = rows.map((row) => this.fileProblems(row, seen));
      let outcomes: Outcome[];
      try {
        outcomes = await this.db.transaction((tx) => this.chunk(tx, rows, early, municipality, cmd.dryRun));
      } catch (err) {
        // The chunk did not commit: none of its people exist, and the report says so row by row.
        this.log.error(`import chunk failed: ${(err as Error).name}`);
        outcomes = rows.map(() => ({ status: 'refused', errors: [{ field: 'row', reason: 'could not be imported; nothing of it was stored' }] }));
      }
      outcomes.forEach((outcome, k) => {
        const row = rows[k];
        if (outcome.status === 'refused') {
          // A refused row claims neither its client number nor its address for a later line.
          if (seen.clientNumbers.get(row.clientNumber) === row.line) seen.clientNumbers.delete(row.clientNumber);
          if (seen.emails.get(row.email.toLowerCase()) === row.line) seen.emails.delete(row.email.toLowerCase());
          report.refused++;
          report.problems.push({ line: row.line, clientNumber: row.clientNumber || null, errors: outcome.errors });
        } else report[outcome.status === 'created' ? 'created' : 'existing']++;
      });
      cmd.onProgress?.(from + rows.length, table.records.length);
    }
    await this.db.transaction((tx) =>
      this.audit.recordTenantAction(
        {
          action: cmd.dryRun ? 'hallowerk.import.dry-run' : 'hallowerk.import',
          subjectType: 'org-unit',
          subjectId: municipality.id,
          details: { rows: table.records.length, created: report.created, existing: report.existing, refused: report.refused },
        },
        tx,
      ),
    );
    recordImport('hallowerk', report, (performance.now() - started) / 1000, cmd.dryRun);
    return { dryRun: cmd.dryRun, rows: table.records.length, ...report };
  }

  /** The row's own problems and its repeats of an earlier line of the file (this chunk's included). */
  private fileProblems(row: ImportRow, seen: { clientNumbers: Map<string, number>; emails: Map<string, number> }): FieldProblem[] {
    if (row.problems.length) return row.problems;
    const earlier = seen.clientNumbers.get(row.clientNumber);
    if (earlier !== undefined) return [{ field: 'fields.clientNumber', reason: `repeats line ${earlier} of this file` }];
    const email = row.email.toLowerCase();
    const sameEmail = seen.emails.get(email);
    if (sameEmail !== undefined) return [{ field: 'email', reason: `is already used by line ${sameEmail} of this file` }];
    // Claimed for now, so a later line of the same chunk is refused; the report keeps it only if it enrols.
    seen.clientNumbers.set(row.clientNumber, row.line);
    seen.emails.set(email, row.line);
    return [];
  }

  /**
   * One chunk in one unit of work, a statement per table: the client numbers already enrolled, the
   * enrolment of the rest (validated before anything is written), then their client numbers.
   */
  private async chunk(
    tx: TenantTx,
    rows: readonly ImportRow[],
    early: readonly FieldProblem[][],
    municipality: { id: string; name: string },
    dryRun: boolean,
  ): Promise<Outcome[]> {
    // Two imports of the same file at once: the second waits here, then finds the first's client numbers.
    if (!dryRun)
      await tx.query(
        `SELECT pg_advisory_xact_lock(hashtext('hallowerk-import'), hashtext(tenant_id::text)) FROM (SELECT $1::uuid AS tenant_id) AS t`,
        [tx.tenantId],
      );
    const candidates = rows.flatMap((row, k) => (early[k].length ? [] : [row.clientNumber]));
    const enrolled = new Set(
      candidates.length
        ? (
            await tx.query<{ client_number: string }>(
              `SELECT client_number FROM hallowerk_client_numbers WHERE tenant_id = $1 AND client_number = ANY($2::text[])`,
              [tx.tenantId, candidates],
            )
          ).map((r) => r.client_number)
        : [],
    );
    const outcomes: Outcome[] = rows.map((row, k) =>
      early[k].length ? { status: 'refused', errors: early[k] } : enrolled.has(row.clientNumber) ? { status: 'exists' } : { status: 'created' },
    );
    const fresh = rows.flatMap((row, k) => (outcomes[k].status === 'created' ? [{ row, k }] : []));
    const commands: EnrolmentCommand[] = fresh.map(({ row }) => ({
      email: row.email,
      locale: row.locale,
      fields: { supportingMunicipality: municipality.name, ...row.fields },
      orgUnitId: municipality.id,
    }));
    if (dryRun) {
      const problems = await this.enrolment.problemsOfMany(tx, commands);
      fresh.forEach(({ k }, i) => {
        if (problems[i].length) outcomes[k] = { status: 'refused', errors: problems[i] };
      });
      return outcomes;
    }
    const results = await this.enrolment.enrolMany(tx, commands);
    const numbers: { client_number: string; person_id: string }[] = [];
    fresh.forEach(({ row, k }, i) => {
      const r = results[i];
      if ('problems' in r) outcomes[k] = { status: 'refused', errors: r.problems };
      else numbers.push({ client_number: row.clientNumber, person_id: r.id });
    });
    if (numbers.length) {
      const stored = await tx.query(
        `INSERT INTO hallowerk_client_numbers (tenant_id, client_number, person_id, municipality_id, enrolled_at)
         SELECT $1, x.client_number, x.person_id, $3, $4 FROM jsonb_to_recordset($2::jsonb) AS x(client_number text, person_id uuid)
         ON CONFLICT (tenant_id, client_number) DO NOTHING RETURNING client_number`,
        [tx.tenantId, JSON.stringify(numbers), municipality.id, this.clock.now()],
      );
      // A client number enrolled by someone who did not take the import's lock: undo the whole chunk
      // rather than leave a person without their number.
      if (stored.length !== numbers.length) throw new Error('a client number of this chunk was enrolled meanwhile');
    }
    return outcomes;
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
