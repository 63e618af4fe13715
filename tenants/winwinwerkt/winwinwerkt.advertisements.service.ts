import { Injectable, NotFoundException } from '@nestjs/common';
import { labelForHost } from '../../libs/plugin-api/src/index.js';
import { Clock, RequestContext, TenantDb, ValidationProblem, refusedValueProblems, type Actor } from '../../libs/tenant-host/src/index.js';
import { PAYROLL_DATA, PAYROLL_NOTE } from './winwinwerkt.fields.js';
import { winwinwerktLabels } from './winwinwerkt.labels.js';

export interface CreateAdvertisementCommand {
  readonly actor: Actor;
  readonly input: {
    readonly title: string;
    readonly employerName: string;
    readonly description: string;
    readonly city: string;
    readonly applyUrl?: string;
    readonly applyEmail?: string;
    readonly label?: string;
    readonly publishUntil: string;
  };
}

interface Row {
  id: string;
  label: string | null;
  title: string;
  employer_name: string;
  description: string;
  city: string;
  apply_url: string | null;
  apply_email: string | null;
  publish_until: Date;
}

const view = (r: Row) => ({
  id: r.id,
  title: r.title,
  employerName: r.employer_name,
  description: r.description,
  city: r.city,
  label: r.label,
  publishUntil: r.publish_until,
  // Statement 2.6: "Je solliciteert dan rechtstreeks bij de werkgever ... WinWinWerkt is geen
  // betrokkene in dit sollicitatieproces. Je komt niet in de database van WinWinWerkt."
  howToApply: { directlyAtEmployer: true, url: r.apply_url, email: r.apply_email },
});

/**
 * Advertisers' vacancies (statement 003, 2.6). There is no way to apply through the platform: the
 * vacancy shows where to apply, and reading it, signed in or not, writes nothing about the reader.
 */
@Injectable()
export class AdvertisementsService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
  ) {}

  create(cmd: CreateAdvertisementCommand) {
    const i = cmd.input;
    const problems = [
      ...refusedValueProblems(PAYROLL_DATA, i.title, 'title', PAYROLL_NOTE),
      ...refusedValueProblems(PAYROLL_DATA, i.description, 'description', PAYROLL_NOTE),
      ...(i.applyUrl || i.applyEmail ? [] : [{ field: 'applyUrl', reason: 'an advertiser vacancy needs applyUrl or applyEmail: candidates apply at the employer' }]),
      ...(new Date(i.publishUntil) > this.clock.now() ? [] : [{ field: 'publishUntil', reason: 'must be in the future' }]),
    ];
    if (problems.length) throw new ValidationProblem(problems);
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<Row>(
        `INSERT INTO winwinwerkt_advertisements (tenant_id, label, title, employer_name, description, city, apply_url, apply_email, publish_until, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         RETURNING id, label, title, employer_name, description, city, apply_url, apply_email, publish_until`,
        [tx.tenantId, i.label ?? null, i.title, i.employerName, i.description, i.city, i.applyUrl ?? null, i.applyEmail ?? null, i.publishUntil, this.clock.now()],
      );
      return view(row);
    });
  }

  /** The published advertisements of the site the request is on (a label's, or WinWinWerkt's own). */
  list() {
    const label = labelForHost({ labels: winwinwerktLabels }, RequestContext.host())?.key ?? null;
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<Row>(
        `SELECT id, label, title, employer_name, description, city, apply_url, apply_email, publish_until
           FROM winwinwerkt_advertisements
          WHERE tenant_id = $1 AND label IS NOT DISTINCT FROM $2 AND publish_until > $3
          ORDER BY created_at DESC, id LIMIT 100`,
        [tx.tenantId, label, this.clock.now()],
      );
      return { items: rows.map(view) };
    });
  }

  async get(id: string) {
    const [row] = await this.db.transaction((tx) =>
      tx.query<Row>(
        `SELECT id, label, title, employer_name, description, city, apply_url, apply_email, publish_until
           FROM winwinwerkt_advertisements WHERE tenant_id = $1 AND id = $2 AND publish_until > $3`,
        [tx.tenantId, id, this.clock.now()],
      ),
    );
    if (!row) throw new NotFoundException('No such advertisement');
    return view(row);
  }
}
