import { Injectable } from '@nestjs/common';
import { OrgUnitsService, TenantDb, ValidationProblem } from '../../libs/tenant-host/src/index.js';

export interface QualityReportCommand {
  readonly organisationId: string;
  /** First and last day of the period (inclusive), as calendar dates in UTC. */
  readonly from: string;
  readonly to: string;
}

export interface QualityReport {
  organisation: { id: string; name: string };
  period: { from: string; to: string };
  assignments: {
    id: string;
    dossierId: string;
    kind: string;
    startsAt: string;
    endsAt: string;
    actions: number;
    /** From the start of the assignment to the first action recorded in it; null without one. */
    hoursToFirstAction: number | null;
  }[];
  totals: { assignments: number; actions: number; dossiersOpened: number; flaggedAttempts: number };
  /** Every access attempt outside an assignment: who (account or credential), when, which dossier, what. */
  flaggedAttempts: { at: string; dossierId: string; accountId: string | null; credentialId: string | null; what: string }[];
}

const DAY = 86_400_000;

/**
 * The quality check ("Kwalimon of andere controle", statement 002) for the service's inspectors:
 * per partner organisation and period, its assignments with their actions and time to first
 * action, the dossiers it opened and every attempt it made outside an assignment. Only ids, codes,
 * numbers and times: no names or notes, so the export carries nothing about the jobseekers.
 */
@Injectable()
export class QualityReportService {
  constructor(
    private readonly db: TenantDb,
    private readonly units: OrgUnitsService,
  ) {}

  async report(cmd: QualityReportCommand): Promise<QualityReport> {
    const start = new Date(`${cmd.from}T00:00:00Z`);
    const end = new Date(new Date(`${cmd.to}T00:00:00Z`).getTime() + DAY);
    if (end <= start) throw new ValidationProblem([{ field: 'to', reason: 'must not be before from' }]);
    if (end.getTime() - start.getTime() > 3 * 366 * DAY) throw new ValidationProblem([{ field: 'to', reason: 'the period may span at most three years' }]);
    const organisation = (await this.units.list()).find((u) => u.id === cmd.organisationId && u.kind === 'partner-organisation');
    if (!organisation) throw new ValidationProblem([{ field: 'organisationId', reason: 'is not a partner organisation of this tenant' }]);
    return this.db.transaction(async (tx) => {
      const assignments = await tx.query<{ id: string; dossierId: string; kind: string; startsAt: Date; endsAt: Date; actions: number; firstAt: Date | null }>(
        `SELECT a.id, a.dossier_id AS "dossierId", a.kind, a.starts_at AS "startsAt", a.ends_at AS "endsAt",
                count(x.id)::int AS actions, min(x.created_at) AS "firstAt"
           FROM vdab_assignments a
           LEFT JOIN vdab_actions x ON x.tenant_id = a.tenant_id AND x.assignment_id = a.id
          WHERE a.tenant_id = $1 AND a.organisation_id = $2 AND a.starts_at < $4 AND a.ends_at > $3
          GROUP BY a.tenant_id, a.id ORDER BY a.starts_at, a.id`,
        [tx.tenantId, cmd.organisationId, start, end],
      );
      const [opened] = await tx.query<{ n: number }>(
        `SELECT count(DISTINCT dossier_id)::int AS n FROM vdab_dossier_log
          WHERE tenant_id = $1 AND organisation_id = $2 AND allowed AND what = 'dossier.read' AND at >= $3 AND at < $4`,
        [tx.tenantId, cmd.organisationId, start, end],
      );
      const flagged = await tx.query<{ at: Date; dossierId: string; accountId: string | null; credentialId: string | null; what: string }>(
        `SELECT at, dossier_id AS "dossierId", account_id AS "accountId", credential_id AS "credentialId", what FROM vdab_dossier_log
          WHERE tenant_id = $1 AND organisation_id = $2 AND flagged AND at >= $3 AND at < $4 ORDER BY id`,
        [tx.tenantId, cmd.organisationId, start, end],
      );
      const rows = assignments.map((a) => ({
        id: a.id,
        dossierId: a.dossierId,
        kind: a.kind,
        startsAt: new Date(a.startsAt).toISOString(),
        endsAt: new Date(a.endsAt).toISOString(),
        actions: a.actions,
        hoursToFirstAction: a.firstAt ? Math.round((new Date(a.firstAt).getTime() - new Date(a.startsAt).getTime()) / 360_000) / 10 : null,
      }));
      return {
        organisation: { id: organisation.id, name: organisation.name },
        period: { from: cmd.from, to: cmd.to },
        assignments: rows,
        totals: {
          assignments: rows.length,
          actions: rows.reduce((n, r) => n + r.actions, 0),
          dossiersOpened: opened.n,
          flaggedAttempts: flagged.length,
        },
        flaggedAttempts: flagged.map((f) => ({ ...f, at: new Date(f.at).toISOString() })),
      };
    });
  }

  /** The same report as CSV: one line per assignment, then one per flagged attempt, marked by `record`. */
  async csv(cmd: QualityReportCommand): Promise<string> {
    const r = await this.report(cmd);
    const header = ['record', 'organisation_id', 'assignment_id', 'dossier_id', 'kind', 'starts_at', 'ends_at', 'actions', 'hours_to_first_action', 'at', 'account_id', 'credential_id', 'what'];
    const lines = [header];
    for (const a of r.assignments)
      lines.push(['assignment', r.organisation.id, a.id, a.dossierId, a.kind, a.startsAt, a.endsAt, String(a.actions), a.hoursToFirstAction === null ? '' : String(a.hoursToFirstAction), '', '', '', '']);
    for (const f of r.flaggedAttempts)
      lines.push(['flagged-attempt', r.organisation.id, '', f.dossierId, '', '', '', '', '', f.at, f.accountId ?? '', f.credentialId ?? '', f.what]);
    lines.push(['totals', r.organisation.id, '', '', '', r.period.from, r.period.to, String(r.totals.actions), '', '', '', '', `dossiers-opened=${r.totals.dossiersOpened};flagged-attempts=${r.totals.flaggedAttempts};assignments=${r.totals.assignments}`]);
    return lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
  }
}

/** RFC 4180 quoting; a cell a spreadsheet would read as a formula gets a leading quote. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
