import { Injectable } from '@nestjs/common';
import { labelForHost } from '../../libs/plugin-api/src/index.js';
import { Clock, ErasureService, RequestContext, TenantDb } from '../../libs/tenant-host/src/index.js';
import { winwinwerktLabels } from './winwinwerkt.labels.js';

export interface AcceptStatementCommand {
  readonly personId: string;
  readonly version: string;
  readonly occasion: 'registration' | 'application';
  readonly vacancyId: string | null;
  /** Applying asks whether to join the Talenten Etalage; the answer is kept with the acceptance. */
  readonly etalageAnswer?: boolean;
}

export interface LeaveForGoodCommand {
  readonly personId: string;
}

/**
 * A candidate's standing with WinWinWerkt (statement 003): the accepted version of the statement,
 * the label they came through, and leaving for good.
 */
@Injectable()
export class CandidatesService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
    private readonly erasure: ErasureService,
  ) {}

  /**
   * "Bij je open aanmelding en bij een sollicitatie op een vacature van één van onze labels wordt je
   * gevraagd om akkoord te gaan met deze Privacy-verklaring": each acceptance is kept with its
   * version, occasion and label. The candidate is one person whichever label they use: the label
   * of the latest acceptance is the one their reminders come from.
   */
  accept(cmd: AcceptStatementCommand) {
    const label = labelForHost({ labels: winwinwerktLabels }, RequestContext.host())?.key ?? null;
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO winwinwerkt_statement_acceptances (tenant_id, person_id, version, occasion, label, vacancy_id, accepted_at, etalage_answer)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [tx.tenantId, cmd.personId, cmd.version, cmd.occasion, label, cmd.vacancyId, now, cmd.etalageAnswer ?? null],
      );
      await tx.query(
        `INSERT INTO winwinwerkt_candidates (tenant_id, person_id, label, enrolled_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, person_id) DO UPDATE SET label = EXCLUDED.label`,
        [tx.tenantId, cmd.personId, label, now],
      );
      return { version: cmd.version, occasion: cmd.occasion, label, acceptedAt: now };
    });
  }

  /**
   * "Zet je dit op 'niet meer beschikbaar + altijd', dan verwijderen wij alle gegevens, inclusief de
   * documenten zoals cv en foto en e-mails": the platform's erasure, which takes the account,
   * profile, documents (files too), mails and every tenant row that refers to the person.
   */
  async leaveForGood(cmd: LeaveForGoodCommand) {
    await this.erasure.erase(cmd.personId, 'statement 003 2.1: niet meer beschikbaar + altijd');
    return { status: 'deleted', deletedAt: this.clock.now() };
  }
}
