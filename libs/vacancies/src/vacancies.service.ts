import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { Clock } from '../../config/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { ValidationProblem, type FieldProblem } from '../../http/src/index.js';
import { VacancyEntity } from './vacancy.entity.js';
import type { CreateVacancyDto, UpdateVacancyDto } from './vacancy.dto.js';
import { crossFieldProblems, type VacancyState } from './vacancy-rules.js';
import { employerUnitsOf, managesAllVacancies, manageableUnits } from './vacancy-access.js';
import { VACANCY_SELECT, toVacancyView, type VacancyRow, type VacancyView } from './vacancy-view.js';
import { beforeCursor, decodeCursor, encodeCursor } from './keyset-cursor.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { siteLabels, vacancyLabel } from './site-label.js';

/**
 * Vacancies as their employer and the tenant's staff manage them. An employer reaches only the
 * vacancies of its own organisation; any other id answers 404, exactly like an unknown one.
 */
@Injectable()
export class VacanciesService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly registry: TenantRegistry,
  ) {}

  async create(actor: Actor, dto: CreateVacancyDto): Promise<VacancyView> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const orgUnitId = await this.unitForNewVacancy(tx, actor, dto.orgUnitId);
      const state: VacancyState = {
        orgUnitId,
        title: dto.title,
        description: dto.description,
        ...locationOf(dto.location),
        hoursMin: dto.hours.min,
        hoursMax: dto.hours.max,
        contractType: dto.contractType,
        educationLevel: dto.educationLevel,
        ...salaryOf(dto.salary),
        status: dto.status ?? 'draft',
        label: vacancyLabel(siteLabels(this.registry), dto.label),
        publishFrom: dto.publishFrom ? new Date(dto.publishFrom) : null,
        publishUntil: new Date(dto.publishUntil),
      };
      const memberOfUnit = (await employerUnitsOf(tx, actor.accountId)).includes(orgUnitId);
      const contacts = unique(dto.contactRecruiterIds ?? (memberOfUnit && actor.accountId ? [actor.accountId] : []));
      await this.assertValid(tx, state, contacts, now);
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO vacancies (tenant_id, org_unit_id, title, description, city, postcode, country, latitude, longitude,
                                hours_min, hours_max, contract_type, education_level, salary_min, salary_max,
                                salary_currency, salary_unit, status, publish_from, publish_until, published_at,
                                created_at, updated_at, label)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $22, $23)
         RETURNING id`,
        [
          tx.tenantId,
          state.orgUnitId,
          state.title,
          state.description,
          state.city,
          state.postcode,
          state.country,
          state.latitude,
          state.longitude,
          state.hoursMin,
          state.hoursMax,
          state.contractType,
          state.educationLevel,
          state.salaryMin,
          state.salaryMax,
          state.salaryCurrency,
          state.salaryUnit,
          state.status,
          state.publishFrom,
          state.publishUntil,
          state.status === 'published' ? now : null,
          now,
          state.label,
        ],
      );
      await this.replaceContacts(tx, row.id, contacts);
      await this.audit.record(
        { action: 'vacancy.create', subjectType: 'vacancy', subjectId: row.id, details: { orgUnitId, status: state.status, label: state.label } },
        tx,
      );
      return (await this.readManaged(tx, row.id))!;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateVacancyDto): Promise<VacancyView> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const current = await this.findManageable(tx, actor, id);
      const state: VacancyState = {
        ...stateOf(current),
        ...(dto.title !== undefined ? { title: dto.title } : {}),
        ...(dto.description !== undefined ? { description: dto.description } : {}),
        ...(dto.location ? locationOf(dto.location) : {}),
        ...(dto.hours ? { hoursMin: dto.hours.min, hoursMax: dto.hours.max } : {}),
        ...(dto.contractType ? { contractType: dto.contractType } : {}),
        ...(dto.educationLevel ? { educationLevel: dto.educationLevel } : {}),
        ...(dto.salary !== undefined ? salaryOf(dto.salary) : {}),
        ...(dto.status ? { status: dto.status } : {}),
        ...(dto.label !== undefined ? { label: vacancyLabel(siteLabels(this.registry), dto.label) } : {}),
        ...(dto.publishFrom !== undefined ? { publishFrom: dto.publishFrom ? new Date(dto.publishFrom) : null } : {}),
        ...(dto.publishUntil ? { publishUntil: new Date(dto.publishUntil) } : {}),
      };
      const contacts = dto.contactRecruiterIds ? unique(dto.contactRecruiterIds) : await this.contactIds(tx, id);
      await this.assertValid(tx, state, contacts, now);
      const { orgUnitId: _unchanged, ...patch } = state;
      await tx.repo(VacancyEntity).update(
        { id },
        { ...patch, updatedAt: now, ...(state.status === 'published' && !current.publishedAt ? { publishedAt: now } : {}) },
      );
      if (dto.contactRecruiterIds) await this.replaceContacts(tx, id, contacts);
      await this.audit.record(
        {
          action: 'vacancy.update',
          subjectType: 'vacancy',
          subjectId: id,
          details: { status: state.status, fields: Object.keys(dto) },
        },
        tx,
      );
      return (await this.readManaged(tx, id))!;
    });
  }

  /** One vacancy, whatever its status, for whoever manages it; 404 for anyone else. */
  async getManaged(actor: Actor, id: string): Promise<VacancyView> {
    return this.db.transaction(async (tx) => {
      await this.findManageable(tx, actor, id);
      return (await this.readManaged(tx, id))!;
    });
  }

  /** The vacancies the actor manages, newest first, with keyset pagination on creation time. */
  async listManaged(actor: Actor, opts: { status?: string; cursor?: string; limit?: number }) {
    const after = decodeCursor(opts.cursor);
    const limit = opts.limit ?? 50;
    return this.db.transaction(async (tx) => {
      const units = await manageableUnits(tx, actor);
      const params: unknown[] = [tx.tenantId, units, opts.status ?? null, limit + 1];
      const rows = await tx.query<VacancyRow>(
        `${VACANCY_SELECT}
          WHERE v.tenant_id = $1 AND ($2::uuid[] IS NULL OR v.org_unit_id = ANY($2::uuid[]))
            AND ($3::text IS NULL OR v.status = $3)
            ${after ? `AND ${beforeCursor('v.created_at', '$5', '$6')}` : ''}
          ORDER BY v.created_at DESC, v.id DESC LIMIT $4`,
        after ? [...params, after.micros, after.id] : params,
      );
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(toVacancyView),
        nextCursor: rows.length > limit && last ? encodeCursor(last.created_us, last.id) : null,
      };
    });
  }

  /** The vacancy if the actor manages it; otherwise 404, so its existence is not revealed. */
  async findManageable(tx: TenantTx, actor: Actor, id: string): Promise<VacancyEntity> {
    const vacancy = await tx.repo(VacancyEntity).findOne({ id });
    const units = vacancy ? await manageableUnits(tx, actor) : [];
    if (!vacancy || (units !== null && !units.includes(vacancy.orgUnitId)))
      throw new NotFoundException('No such vacancy');
    return vacancy;
  }

  private async readManaged(tx: TenantTx, id: string): Promise<VacancyView | null> {
    const [row] = await tx.query<VacancyRow>(`${VACANCY_SELECT} WHERE v.tenant_id = $1 AND v.id = $2`, [tx.tenantId, id]);
    return row ? toVacancyView(row) : null;
  }

  private async unitForNewVacancy(tx: TenantTx, actor: Actor, requested: string | undefined): Promise<string> {
    if (managesAllVacancies(actor)) {
      if (!requested) throw new ValidationProblem([{ field: 'orgUnitId', reason: 'is required: name the employer' }]);
      const [unit] = await tx.query<{ kind: string }>(`SELECT kind FROM org_units WHERE tenant_id = $1 AND id = $2`, [
        tx.tenantId,
        requested,
      ]);
      if (unit?.kind !== 'employer')
        throw new ValidationProblem([{ field: 'orgUnitId', reason: 'is not an employer organisation of this site' }]);
      return requested;
    }
    const units = await employerUnitsOf(tx, actor.accountId);
    if (!units.length) throw new ForbiddenException('Your account belongs to no employer organisation');
    if (requested) {
      if (!units.includes(requested))
        throw new ValidationProblem([{ field: 'orgUnitId', reason: 'is not an organisation you belong to' }]);
      return requested;
    }
    if (units.length > 1)
      throw new ValidationProblem([{ field: 'orgUnitId', reason: 'is required: you belong to several employers' }]);
    return units[0];
  }

  private async assertValid(tx: TenantTx, state: VacancyState, contacts: string[], now: Date): Promise<void> {
    const problems: FieldProblem[] = [...crossFieldProblems(state, now)];
    if (!contacts.length)
      problems.push({ field: 'contactRecruiterIds', reason: 'name at least one recruiter of the organisation' });
    const valid = new Set(
      (
        await tx.query<{ id: string }>(
          `SELECT a.id FROM accounts a JOIN account_org_units m ON m.tenant_id = a.tenant_id AND m.account_id = a.id
            WHERE a.tenant_id = $1 AND a.id = ANY($2::uuid[]) AND m.org_unit_id = $3
              AND 'employer' = ANY(a.roles) AND a.status = 'active'`,
          [tx.tenantId, contacts, state.orgUnitId],
        )
      ).map((r) => r.id),
    );
    contacts.forEach((id, i) => {
      if (!valid.has(id))
        problems.push({ field: `contactRecruiterIds[${i}]`, reason: 'is not an employer account of this organisation' });
    });
    if (problems.length) throw new ValidationProblem(problems);
  }

  private async contactIds(tx: TenantTx, vacancyId: string): Promise<string[]> {
    const rows = await tx.query<{ account_id: string }>(
      `SELECT account_id FROM vacancy_contacts WHERE tenant_id = $1 AND vacancy_id = $2`,
      [tx.tenantId, vacancyId],
    );
    return rows.map((r) => r.account_id);
  }

  private async replaceContacts(tx: TenantTx, vacancyId: string, contacts: string[]): Promise<void> {
    await tx.query(`DELETE FROM vacancy_contacts WHERE tenant_id = $1 AND vacancy_id = $2`, [tx.tenantId, vacancyId]);
    await tx.query(
      `INSERT INTO vacancy_contacts (tenant_id, vacancy_id, account_id) SELECT $1, $2, unnest($3::uuid[])`,
      [tx.tenantId, vacancyId, contacts],
    );
  }
}

function stateOf(v: VacancyEntity): VacancyState {
  return {
    orgUnitId: v.orgUnitId,
    title: v.title,
    description: v.description,
    city: v.city,
    postcode: v.postcode,
    country: v.country,
    latitude: v.latitude,
    longitude: v.longitude,
    hoursMin: v.hoursMin,
    hoursMax: v.hoursMax,
    contractType: v.contractType,
    educationLevel: v.educationLevel,
    salaryMin: v.salaryMin,
    salaryMax: v.salaryMax,
    salaryCurrency: v.salaryCurrency,
    salaryUnit: v.salaryUnit,
    status: v.status,
    label: v.label,
    publishFrom: v.publishFrom,
    publishUntil: v.publishUntil,
  };
}

const unique = (ids: readonly string[]) => [...new Set(ids)];

function locationOf(l: CreateVacancyDto['location']) {
  return {
    city: l.city,
    postcode: l.postcode ?? null,
    country: l.country ?? null,
    latitude: l.latitude ?? null,
    longitude: l.longitude ?? null,
  };
}

function salaryOf(s: CreateVacancyDto['salary'] | null) {
  return {
    salaryMin: s?.min ?? null,
    salaryMax: s?.max ?? null,
    salaryCurrency: s?.currency ?? null,
    salaryUnit: s?.unit ?? null,
  };
}
