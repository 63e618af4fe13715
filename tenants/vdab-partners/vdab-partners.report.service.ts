import { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { OrgUnitsService, RequestContext, TenantDb, ValidationProblem, type TenantRef } from '../../libs/tenant-host/src/index.js';

export interface QualityReportCommand {
  readonly organisationId: string;
  /** First and last day of the period (inclusive), as calendar dates in UTC. */
  readonly from: string;
  readonly to: string;
}

/** The shape of the JSON answer (streamed: `totals` comes last, once every row has been counted). */
export interface QualityReport {
  organisation: { id: string; name: string };
  period: { from: string; to: string };
  assignments: AssignmentLine[];
  /** Every access attempt outside an assignment: who (account or credential), when, which dossier, what. */
  flaggedAttempts: FlaggedAttempt[];
  totals: { assignments: number; actions: number; dossiersOpened: number; flaggedAttempts: number };
}

interface AssignmentLine {
  id: string;
  dossierId: string;
  kind: string;
  startsAt: string;
  endsAt: string;
  actions: number;
  /** From the start of the assignment to the first action recorded in it; null without one. */
  hoursToFirstAction: number | null;
}

interface FlaggedAttempt {
  at: string;
  dossierId: string;
  accountId: string | null;
  credentialId: string | null;
  what: string;
}

export interface ReportStreamOptions {
  /** Rows read per query; what the process holds of the report at once. */
  readonly batchSize?: number;
  /** Called after each batch with the rows (assignments and flagged attempts) written so far. */
  readonly onProgress?: (rows: number) => void;
}

/** Rows per query of a report: a period of three years of a large partner is hundreds of thousands. */
export const REPORT_BATCH = 500;

const DAY = 86_400_000;

/** Where the period starts and ends and whose report it is, checked before a byte is sent. */
interface Scope {
  readonly tenant: TenantRef;
  readonly organisation: { id: string; name: string };
  readonly period: { from: string; to: string };
  readonly start: Date;
  readonly end: Date;
}

/**
 * The quality check ("Kwalimon of andere controle", statement 002) for the service's inspectors:
 * per partner organisation and period, its assignments with their actions and time to first
 * action, the dossiers it opened and every attempt it made outside an assignment. Only ids, codes,
 * numbers and times: no names or notes, so the export carries nothing about the jobseekers.
 *
 * Both answers stream: rows are read in keyset batches, each in a short unit of work of its own,
 * and written as the client takes them, so a report's memory does not grow with the tenant's size
 * and no transaction stays open while a slow client downloads. The totals are counted from the
 * rows written, so they always agree with the lines above them.
 */
@Injectable()
export class QualityReportService {
  private readonly log = new Logger('QualityReport');

  constructor(
    private readonly db: TenantDb,
    private readonly units: OrgUnitsService,
  ) {}

  /** The report as one JSON object, streamed. */
  async report(cmd: QualityReportCommand, opts: ReportStreamOptions = {}): Promise<Readable> {
    const s = await this.scope(cmd);
    return Readable.from(this.json(s, opts), { objectMode: false });
  }

  /** The same report as CSV: one line per assignment, then one per flagged attempt, marked by `record`. */
  async csv(cmd: QualityReportCommand, opts: ReportStreamOptions = {}): Promise<Readable> {
    const s = await this.scope(cmd);
    return Readable.from(this.csvLines(s, opts), { objectMode: false });
  }

  private async scope(cmd: QualityReportCommand): Promise<Scope> {
    const start = new Date(`${cmd.from}T00:00:00Z`);
    const end = new Date(new Date(`${cmd.to}T00:00:00Z`).getTime() + DAY);
    if (end <= start) throw new ValidationProblem([{ field: 'to', reason: 'must not be before from' }]);
    if (end.getTime() - start.getTime() > 3 * 366 * DAY) throw new ValidationProblem([{ field: 'to', reason: 'the period may span at most three years' }]);
    const organisation = (await this.units.list()).find((u) => u.id === cmd.organisationId && u.kind === 'partner-organisation');
    if (!organisation) throw new ValidationProblem([{ field: 'organisationId', reason: 'is not a partner organisation of this tenant' }]);
    // The stream is read after the handler returned, outside the request's context: it names its tenant.
    return { tenant: RequestContext.tenant(), organisation: { id: organisation.id, name: organisation.name }, period: { from: cmd.from, to: cmd.to }, start, end };
  }

  private async *json(s: Scope, opts: ReportStreamOptions): AsyncGenerator<string> {
    const totals = { assignments: 0, actions: 0, dossiersOpened: 0, flaggedAttempts: 0 };
    yield `{"organisation":${JSON.stringify(s.organisation)},"period":${JSON.stringify(s.period)},"assignments":[`;
    for await (const batch of this.assignments(s, opts)) {
      let chunk = '';
      for (const a of batch) {
        chunk += `${totals.assignments++ ? ',' : ''}${JSON.stringify(a)}`;
        totals.actions += a.actions;
      }
      yield chunk;
    }
    yield '],"flaggedAttempts":[';
    for await (const batch of this.flagged(s, opts, totals.assignments)) {
      yield batch.map((f) => `${totals.flaggedAttempts++ ? ',' : ''}${JSON.stringify(f)}`).join('');
    }
    totals.dossiersOpened = await this.dossiersOpened(s);
    yield `],"totals":${JSON.stringify(totals)}}`;
    this.finished(s, totals);
  }

  private async *csvLines(s: Scope, opts: ReportStreamOptions): AsyncGenerator<string> {
    const org = s.organisation.id;
    const totals = { assignments: 0, actions: 0, dossiersOpened: 0, flaggedAttempts: 0 };
    yield csvLine(['record', 'organisation_id', 'assignment_id', 'dossier_id', 'kind', 'starts_at', 'ends_at', 'actions', 'hours_to_first_action', 'at', 'account_id', 'credential_id', 'what']);
    for await (const batch of this.assignments(s, opts)) {
      let chunk = '';
      for (const a of batch) {
        totals.assignments++;
        totals.actions += a.actions;
        chunk += csvLine(['assignment', org, a.id, a.dossierId, a.kind, a.startsAt, a.endsAt, String(a.actions), a.hoursToFirstAction === null ? '' : String(a.hoursToFirstAction), '', '', '', '']);
      }
      yield chunk;
    }
    for await (const batch of this.flagged(s, opts, totals.assignments)) {
      totals.flaggedAttempts += batch.length;
      yield batch.map((f) => csvLine(['flagged-attempt', org, '', f.dossierId, '', '', '', '', '', f.at, f.accountId ?? '', f.credentialId ?? '', f.what])).join('');
    }
    totals.dossiersOpened = await this.dossiersOpened(s);
    yield csvLine(['totals', org, '', '', '', s.period.from, s.period.to, String(totals.actions), '', '', '', '', `dossiers-opened=${totals.dossiersOpened};flagged-attempts=${totals.flaggedAttempts};assignments=${totals.assignments}`]);
    this.finished(s, totals);
  }

  /** The organisation's assignments overlapping the period, by start, a batch at a time. */
  private async *assignments(s: Scope, opts: ReportStreamOptions): AsyncGenerator<AssignmentLine[]> {
    const size = opts.batchSize ?? REPORT_BATCH;
    // The start as the database prints it: a Date would drop its microseconds and skip or repeat rows.
    let after = { startsAt: '-infinity', id: '00000000-0000-0000-0000-000000000000' };
    let written = 0;
    for (;;) {
      const rows = await this.db.forTenant(s.tenant, (tx) =>
        tx.query<{ id: string; dossierId: string; kind: string; startsAt: Date; endsAt: Date; key: string; actions: number; firstAt: Date | null }>(
          // The actions are counted per assignment of the batch (index vdab_actions_assignment), not
          // for the whole organisation each time.
          `SELECT a.id, a.dossier_id AS "dossierId", a.kind, a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.starts_at::text AS key,
                  x.actions, x.first_at AS "firstAt"
             FROM (SELECT tenant_id, id, dossier_id, kind, starts_at, ends_at FROM vdab_assignments
                    WHERE tenant_id = $1 AND organisation_id = $2 AND starts_at < $4 AND ends_at > $3
                      AND starts_at >= $5::timestamptz AND (starts_at, id) > ($5::timestamptz, $6::uuid)
                    ORDER BY starts_at, id LIMIT $7) a
            CROSS JOIN LATERAL (SELECT count(*)::int AS actions, min(created_at) AS first_at FROM vdab_actions x
                                 WHERE x.tenant_id = $1 AND x.assignment_id = a.id) x
            ORDER BY a.starts_at, a.id`,
          [tx.tenantId, s.organisation.id, s.start, s.end, after.startsAt, after.id, size],
        ),
      );
      if (rows.length) {
        written += rows.length;
        yield rows.map((a) => ({
          id: a.id,
          dossierId: a.dossierId,
          kind: a.kind,
          startsAt: new Date(a.startsAt).toISOString(),
          endsAt: new Date(a.endsAt).toISOString(),
          actions: a.actions,
          hoursToFirstAction: a.firstAt ? Math.round((new Date(a.firstAt).getTime() - new Date(a.startsAt).getTime()) / 360_000) / 10 : null,
        }));
        opts.onProgress?.(written);
      }
      if (rows.length < size) return;
      const last = rows[rows.length - 1];
      after = { startsAt: last.key, id: last.id };
    }
  }

  /** The organisation's attempts outside an assignment in the period, in the order they were logged. */
  private async *flagged(s: Scope, opts: ReportStreamOptions, before: number): AsyncGenerator<FlaggedAttempt[]> {
    const size = opts.batchSize ?? REPORT_BATCH;
    let after = '0';
    let written = before;
    for (;;) {
      const rows = await this.db.forTenant(s.tenant, (tx) =>
        tx.query<{ key: string; at: Date; dossierId: string; accountId: string | null; credentialId: string | null; what: string }>(
          `SELECT id::text AS key, at, dossier_id AS "dossierId", account_id AS "accountId", credential_id AS "credentialId", what FROM vdab_dossier_log
            WHERE tenant_id = $1 AND organisation_id = $2 AND flagged AND at >= $3 AND at < $4 AND id > $5::bigint
            ORDER BY id LIMIT $6`,
          [tx.tenantId, s.organisation.id, s.start, s.end, after, size],
        ),
      );
      if (rows.length) {
        written += rows.length;
        yield rows.map((f) => ({ at: new Date(f.at).toISOString(), dossierId: f.dossierId, accountId: f.accountId, credentialId: f.credentialId, what: f.what }));
        opts.onProgress?.(written);
      }
      if (rows.length < size) return;
      after = rows[rows.length - 1].key;
    }
  }

  private async dossiersOpened(s: Scope): Promise<number> {
    const [opened] = await this.db.forTenant(s.tenant, (tx) =>
      tx.query<{ n: number }>(
        `SELECT count(DISTINCT dossier_id)::int AS n FROM vdab_dossier_log
          WHERE tenant_id = $1 AND organisation_id = $2 AND allowed AND what = 'dossier.read' AND at >= $3 AND at < $4`,
        [tx.tenantId, s.organisation.id, s.start, s.end],
      ),
    );
    return opened.n;
  }

  private finished(s: Scope, totals: { assignments: number; flaggedAttempts: number }): void {
    this.log.log(`quality report of ${s.organisation.id}: ${totals.assignments} assignments, ${totals.flaggedAttempts} flagged attempts`);
  }
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map(cell).join(',')}\r\n`;
}

/** RFC 4180 quoting; a cell a spreadsheet would read as a formula gets a leading quote. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
