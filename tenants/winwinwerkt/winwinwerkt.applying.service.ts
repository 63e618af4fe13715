import { Injectable } from '@nestjs/common';
import { ApplicationsService, TenantDb, ValidationProblem, refusedValueProblems, type Actor } from '../../libs/tenant-host/src/index.js';
import { CandidatesService } from './winwinwerkt.candidates.service.js';
import { EtalageService } from './winwinwerkt.etalage.service.js';
import { PAYROLL_DATA, PAYROLL_NOTE } from './winwinwerkt.fields.js';

export interface ApplyToLabelVacancyCommand {
  /** The signed-in jobseeker who applies. */
  readonly actor: Actor;
  readonly vacancyId: string;
  readonly input: {
    readonly statementVersion: string;
    readonly motivation: string;
    readonly documentIds?: readonly string[];
    readonly joinEtalage: boolean;
    readonly coachOrganisationId?: string;
  };
}

/**
 * Applying to a label vacancy in one step (statement 003, 2.4): the application (the core's, with
 * the CV and motivation), the statement accepted with its version and the vacancy, and the answer to
 * "join the Talenten Etalage?", all in one unit of work: nothing is kept when any part is refused.
 */
@Injectable()
export class ApplyingService {
  constructor(
    private readonly db: TenantDb,
    private readonly applications: ApplicationsService,
    private readonly candidates: CandidatesService,
    private readonly etalage: EtalageService,
  ) {}

  async apply(cmd: ApplyToLabelVacancyCommand) {
    const i = cmd.input;
    const personId = cmd.actor.accountId!;
    const problems = refusedValueProblems(PAYROLL_DATA, i.motivation, 'motivation', PAYROLL_NOTE);
    // Only someone guided by a reintegration partner is shown in the Etalage (2.3): yes names that partner.
    if (i.joinEtalage && !i.coachOrganisationId)
      problems.push({ field: 'coachOrganisationId', reason: 'name the reintegration partner (coach organisation) that guides you: the Talenten Etalage is for candidates guided by one' });
    if (problems.length) throw new ValidationProblem(problems);
    return this.db.transaction(async () => {
      const application = await this.applications.apply(cmd.actor, cmd.vacancyId, { motivation: i.motivation, documentIds: i.documentIds ? [...i.documentIds] : undefined });
      const acceptance = await this.candidates.accept({
        personId,
        version: i.statementVersion,
        occasion: 'application',
        vacancyId: cmd.vacancyId,
        etalageAnswer: i.joinEtalage,
      });
      const etalage = i.joinEtalage ? await this.etalage.join(personId, i.coachOrganisationId!) : null;
      return { application, statement: acceptance, etalage: { answer: i.joinEtalage, entryId: etalage?.id ?? null } };
    });
  }
}
