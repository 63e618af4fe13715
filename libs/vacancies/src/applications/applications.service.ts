import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../../database/src/index.js';
import { Clock } from '../../../config/src/index.js';
import { RequestContext, type Actor } from '../../../context/src/index.js';
import { AuditService } from '../../../audit/src/index.js';
import { ActivityService } from '../../../privacy/src/index.js';
import { TenantRegistry } from '../../../tenancy/src/index.js';
import { ValidationProblem } from '../../../http/src/index.js';
import { ON_SITE, PUBLICLY_VISIBLE } from '../vacancy-view.js';
import { siteLabel, siteLabels } from '../site-label.js';
import { FINAL_STATUSES, type ApplicationStatus, type ApplyDto, type RecruiterStatus } from './application.dto.js';
import { audienceParams, audienceSql, vacancyReaderSql, type ApplicationAudience } from './application-audience.js';
import { applicationSelect, toApplicationView, type ApplicationRow, type ApplicationView } from './application-view.js';

const notFound = () => new NotFoundException('No such application');

/**
 * Applications: a jobseeker applies to a published vacancy; only the vacancy's contact recruiters,
 * the employer's designated managers, the tenant's staff and the applicant see it (everyone else
 * gets 404). Every read by someone other than the applicant is written to the audit log.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly activity: ActivityService,
    private readonly registry: TenantRegistry,
  ) {}

  async apply(actor: Actor, vacancyId: string, dto: ApplyDto): Promise<ApplicationView> {
    const applicantId = actor.accountId!;
    const now = this.clock.now();
    const documentIds = [...new Set(dto.documentIds ?? [])];
    return this.db.transaction(async (tx) => {
      const [vacancy] = await tx.query(
        `SELECT v.id FROM vacancies v WHERE v.tenant_id = $1 AND v.id = $2 AND ${PUBLICLY_VISIBLE('$3')} AND ${ON_SITE('$4')}`,
        [tx.tenantId, vacancyId, now, siteLabel(siteLabels(this.registry))],
      );
      if (!vacancy) throw new NotFoundException('No such vacancy');
      await this.assertOwnDocuments(tx, applicantId, documentIds);
      const [open] = await tx.query(
        `SELECT 1 FROM applications WHERE tenant_id = $1 AND vacancy_id = $2 AND applicant_id = $3 AND status <> 'withdrawn'`,
        [tx.tenantId, vacancyId, applicantId],
      );
      if (open) throw new ConflictException('You have already applied to this vacancy');
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO applications (tenant_id, vacancy_id, applicant_id, motivation, status, submitted_at, updated_at)
         VALUES ($1, $2, $3, $4, 'submitted', $5, $5) RETURNING id`,
        [tx.tenantId, vacancyId, applicantId, dto.motivation, now],
      );
      await tx.query(
        `INSERT INTO application_documents (tenant_id, application_id, document_id) SELECT $1, $2, unnest($3::uuid[])`,
        [tx.tenantId, row.id, documentIds],
      );
      await this.recordStatus(tx, row.id, 'submitted', now);
      await this.audit.record(
        {
          action: 'application.submit',
          subjectType: 'application',
          subjectId: row.id,
          details: { vacancyId, documentIds },
        },
        tx,
      );
      await this.activity.touch(applicantId, 'jobseeker', 'interaction', tx);
      return (await this.read(tx, actor, row.id))!.view;
    });
  }

  /** The signed-in person's own applications, newest first, to follow their status. */
  listMine(actor: Actor): Promise<ApplicationView[]> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<ApplicationRow>(
        `${applicationSelect(audienceSql(2))} WHERE a.tenant_id = $1 AND a.applicant_id = $2 ORDER BY a.submitted_at DESC, a.id DESC`,
        [tx.tenantId, ...this.reader(actor)],
      );
      return rows.map(toApplicationView);
    });
  }

  async get(actor: Actor, id: string): Promise<ApplicationView> {
    return this.db.transaction(async (tx) => {
      const found = await this.read(tx, actor, id);
      if (!found) throw notFound();
      await this.recordRead(tx, [found.row]);
      return found.view;
    });
  }

  /** A vacancy's applications for its recruiters, managers and staff; 404 for anyone else. */
  async listForVacancy(actor: Actor, vacancyId: string): Promise<ApplicationView[]> {
    return this.db.transaction(async (tx) => {
      const [vacancy] = await tx.query<{ reader: ApplicationAudience | null }>(
        `SELECT ${vacancyReaderSql(3)} AS reader FROM vacancies v WHERE v.tenant_id = $1 AND v.id = $2`,
        [tx.tenantId, vacancyId, ...this.reader(actor)],
      );
      if (!vacancy?.reader) throw new NotFoundException('No such vacancy');
      const rows = await tx.query<ApplicationRow>(
        `${applicationSelect(audienceSql(3))}
          WHERE a.tenant_id = $1 AND a.vacancy_id = $2 AND (${audienceSql(3)}) IN ('staff', 'contact', 'manager')
          ORDER BY a.submitted_at DESC, a.id DESC`,
        [tx.tenantId, vacancyId, ...this.reader(actor)],
      );
      await this.recordRead(tx, rows);
      return rows.map(toApplicationView);
    });
  }

  async changeStatus(actor: Actor, id: string, status: RecruiterStatus): Promise<ApplicationView> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const found = await this.read(tx, actor, id, { lock: true });
      if (!found) throw notFound();
      if (found.row.audience === 'applicant') throw new ForbiddenException("Only the vacancy's recruiters change the status");
      this.assertOpen(found.row.status);
      await this.setStatus(tx, id, status, now);
      await this.audit.record(
        { action: 'application.status', subjectType: 'application', subjectId: id, details: { status, via: found.row.audience } },
        tx,
      );
      return (await this.read(tx, actor, id))!.view;
    });
  }

  /**
   * The applicant withdraws. The attached documents are detached at once: a withdrawn application
   * no longer opens the person's CV to anyone, and only the applicant still sees it.
   */
  async withdraw(actor: Actor, id: string): Promise<ApplicationView> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const found = await this.read(tx, actor, id, { lock: true });
      if (!found) throw notFound();
      if (found.row.audience !== 'applicant') throw new ForbiddenException('Only the applicant can withdraw an application');
      this.assertOpen(found.row.status);
      await this.setStatus(tx, id, 'withdrawn', now);
      await tx.query(`DELETE FROM application_documents WHERE tenant_id = $1 AND application_id = $2`, [tx.tenantId, id]);
      await this.audit.record({ action: 'application.withdraw', subjectType: 'application', subjectId: id }, tx);
      await this.activity.touch(found.row.applicant_id, 'jobseeker', 'interaction', tx);
      return (await this.read(tx, actor, id))!.view;
    });
  }

  /** The application with the reader's audience, or null when the reader may not see it. */
  async read(tx: TenantTx, actor: Actor, id: string, opts: { lock?: boolean } = {}) {
    const [row] = await tx.query<ApplicationRow>(
      `${applicationSelect(audienceSql(3))}
        WHERE a.tenant_id = $1 AND a.id = $2 AND (${audienceSql(3)}) IS NOT NULL
        ${opts.lock ? 'FOR UPDATE OF a' : ''}`,
      [tx.tenantId, id, ...this.reader(actor)],
    );
    return row ? { row, view: toApplicationView(row) } : null;
  }

  /** One audit entry per application read by anyone but its applicant, naming why they could. */
  async recordRead(tx: TenantTx, rows: readonly ApplicationRow[], extra: Record<string, string> = {}): Promise<void> {
    for (const r of rows)
      if (r.audience !== 'applicant')
        await this.audit.record(
          {
            action: extra.documentId ? 'application.document.read' : 'application.read',
            subjectType: 'application',
            subjectId: r.id,
            // The applicant is reached through the application while it exists; never named here.
            details: { vacancyId: r.vacancy_id, via: r.audience, ...extra },
          },
          tx,
        );
  }

  /** The reader's parameters; a tenant on no definition (the platform's own) has no audience at all. */
  private reader(actor: Actor): unknown[] {
    const tenant = RequestContext.tenant();
    const rules = this.registry.has(tenant.plugin) ? this.registry.get(tenant.plugin).visibility.applications : { visibleTo: [] };
    return audienceParams(actor, rules);
  }

  private async assertOwnDocuments(tx: TenantTx, applicantId: string, documentIds: string[]): Promise<void> {
    if (!documentIds.length) return;
    const own = new Set(
      (
        await tx.query<{ id: string }>(
          `SELECT id FROM profile_documents WHERE tenant_id = $1 AND profile_id = $2 AND id = ANY($3::uuid[])`,
          [tx.tenantId, applicantId, documentIds],
        )
      ).map((r) => r.id),
    );
    const problems = documentIds.flatMap((id, i) =>
      own.has(id) ? [] : [{ field: `documentIds[${i}]`, reason: 'is not a document of your own profile' }],
    );
    if (problems.length) throw new ValidationProblem(problems);
  }

  private assertOpen(status: ApplicationStatus): void {
    if (FINAL_STATUSES.includes(status)) throw new ConflictException(`The application is already ${status}`);
  }

  private async setStatus(tx: TenantTx, id: string, status: ApplicationStatus, now: Date): Promise<void> {
    await tx.query(`UPDATE applications SET status = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2`, [
      tx.tenantId,
      id,
      status,
      now,
    ]);
    await this.recordStatus(tx, id, status, now);
  }

  private recordStatus(tx: TenantTx, id: string, status: ApplicationStatus, at: Date) {
    return tx.query(
      `INSERT INTO application_status_history (tenant_id, application_id, status, at) VALUES ($1, $2, $3, $4)`,
      [tx.tenantId, id, status, at],
    );
  }
}
