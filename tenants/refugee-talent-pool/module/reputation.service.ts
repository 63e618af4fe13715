import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditService, Clock, OrgUnitsService, TenantDb, ValidationProblem, type Actor } from '../../../libs/tenant-host/src/index.js';
import { PlacementsStore, type PlacementRow } from './placements.store.js';
import type { ChangePlacementDto, RecordPlacementDto, ReviewDto } from './reputation.dto.js';

/**
 * Statement 000, generated data: "jobs worked through RefugeeWork", "reputation in stars" and
 * "written assessment by employers". Staff record and change jobs worked (the statement: changed
 * on request, through the operations team); the employer of a finished job gives one review; the
 * person sees all of it. Another employer sees none of it: one employer's assessment is not
 * passed on to the next.
 */
@Injectable()
export class ReputationService {
  constructor(
    private readonly db: TenantDb,
    private readonly store: PlacementsStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly orgUnits: OrgUnitsService,
  ) {}

  /** The person's own reputation. */
  async mine(actor: Actor) {
    const rows = await this.db.transaction((tx) => this.store.forPerson(tx, actor.accountId!));
    return summary(rows, await this.organisationNames());
  }

  /** A staff member opens a person's reputation: audited like every dossier read. */
  async ofPerson(personId: string) {
    const rows = await this.db.transaction(async (tx) => {
      const found = await this.store.forPerson(tx, personId);
      await this.audit.recordTenantAction({ action: 'reputation.read', subjectType: 'person', subjectId: personId, details: { jobs: found.length } }, tx);
      return found;
    });
    return summary(rows, await this.organisationNames());
  }

  private async organisationNames(): Promise<Map<string, string>> {
    return new Map((await this.orgUnits.list()).map((u) => [u.id, u.name]));
  }

  async record(actor: Actor, personId: string, dto: RecordPlacementDto) {
    const dates = checkDates(dto.startedOn, dto.endedOn ?? null);
    return this.db.transaction(async (tx) => {
      const id = await this.store.insert(tx, {
        personId,
        employerOrgUnitId: dto.employerOrgUnitId,
        jobTitle: dto.jobTitle.trim(),
        ...dates,
        by: actor.accountId,
        at: this.clock.now(),
      });
      await this.audit.recordTenantAction({ action: 'placement.record', subjectType: 'person', subjectId: personId, details: { placementId: id } }, tx);
      return present(await this.store.require(tx, id));
    });
  }

  /** "Data such as jobs worked can be changed on request": by staff only, and audited. */
  async change(id: string, dto: ChangePlacementDto) {
    return this.db.transaction(async (tx) => {
      const current = await this.store.require(tx, id);
      const dates = checkDates(dto.startedOn ?? current.startedOn, dto.endedOn === undefined ? current.endedOn : dto.endedOn);
      await this.store.update(tx, id, { jobTitle: dto.jobTitle?.trim() ?? current.jobTitle, ...dates, at: this.clock.now() });
      await this.audit.recordTenantAction(
        { action: 'placement.change', subjectType: 'person', subjectId: current.personId, details: { placementId: id, fields: Object.keys(dto) } },
        tx,
      );
      return present(await this.store.require(tx, id));
    });
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const current = await this.store.require(tx, id);
      await this.store.delete(tx, id);
      await this.audit.recordTenantAction({ action: 'placement.delete', subjectType: 'person', subjectId: current.personId, details: { placementId: id } }, tx);
    });
  }

  /**
   * Jobs worked at the employer's own organisations, to review them: the job, its dates and the
   * review, never the person's internal id. It never changes, so an employer holding it could tie
   * the person's later listings (an anonymous one included) to the one they knew.
   */
  forEmployer(actor: Actor) {
    const units = actor.orgUnitIds;
    return this.db.transaction(async (tx) => (await this.store.forEmployers(tx, units)).map((p) => present(p)));
  }

  async review(actor: Actor, id: string, dto: ReviewDto) {
    return this.db.transaction(async (tx) => {
      const placement = await this.store.find(tx, id);
      if (!placement || !actor.orgUnitIds.includes(placement.employerOrgUnitId))
        throw new NotFoundException('No job worked with this id');
      const today = this.clock.now().toISOString().slice(0, 10);
      if (!placement.endedOn || placement.endedOn > today)
        throw new ConflictException('An assessment is given after the job has been worked');
      if (placement.review) throw new ConflictException('This job has already been assessed');
      await this.store.insertReview(tx, { placementId: id, stars: dto.stars, assessment: dto.assessment.trim(), by: actor.accountId!, at: this.clock.now() });
      await this.audit.recordTenantAction(
        { action: 'placement.review', subjectType: 'person', subjectId: placement.personId, details: { placementId: id, stars: dto.stars } },
        tx,
      );
      return present((await this.store.find(tx, id))!);
    });
  }
}

function checkDates(startedOn: string, endedOn: string | null) {
  if (endedOn && endedOn < startedOn) throw new ValidationProblem([{ field: 'endedOn', reason: 'must not be before startedOn' }]);
  return { startedOn, endedOn };
}

function present(p: PlacementRow) {
  return { id: p.id, organisationId: p.employerOrgUnitId, jobTitle: p.jobTitle, startedOn: p.startedOn, endedOn: p.endedOn, review: p.review };
}

function summary(rows: PlacementRow[], organisations: Map<string, string>) {
  const stars = rows.flatMap((r) => (r.review ? [r.review.stars] : []));
  return {
    jobsWorked: rows.length,
    averageStars: stars.length ? Math.round((stars.reduce((a, b) => a + b, 0) / stars.length) * 10) / 10 : null,
    reviews: stars.length,
    jobs: rows.map((r) => ({ ...present(r), organisation: organisations.get(r.employerOrgUnitId) ?? null })),
  };
}
