import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import {
  Clock,
  EmailVerifiedListeners,
  MailService,
  ProfileRegistrationService,
  RequestContext,
  TenantDb,
  ValidationProblem,
  refusedValueProblems,
  type Actor,
  type TenantTx,
} from '../../libs/tenant-host/src/index.js';
import { ApplyingService } from './winwinwerkt.applying.service.js';
import { PAYROLL_DATA, PAYROLL_NOTE } from './winwinwerkt.fields.js';
import { WINWINWERKT_DOMAIN } from './winwinwerkt.labels.js';
import { siteLabel, vacancyOnSite } from './winwinwerkt.site-vacancies.js';

/** As long as the core's verification link, so both ways of proving the address wait alike. */
export const PENDING_TTL_HOURS = 72;

export interface ApplyWithoutAccountInput {
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly locale?: string;
  readonly statementVersion: string;
  readonly motivation: string;
  readonly joinEtalage: boolean;
  readonly coachOrganisationId?: string;
}

interface PendingRow {
  id: string;
  person_id: string;
  vacancy_id: string;
  host: string;
  statement_version: string;
  motivation: string;
  join_etalage: boolean;
  coach_org_id: string | null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const invalidToken = () => new ValidationProblem([{ field: 'token', reason: 'is unknown, already used or expired' }], 400);

/**
 * Statement 003, 2.4: someone without an account applies in the request that creates it. The
 * account is the core's self-registration (unverified; the verification link sets the password);
 * the application waits, seen by no client, until the mailbox is proven, and is then submitted as
 * the signed-in apply step submits it (ApplyingService: same rows, same audit, same client). Every
 * address gets the same answer: for one that already has an account, its holder gets a link that
 * confirms this application instead of a second person. Unconfirmed, it goes with the registration
 * (the core erases it when its link expires) or, for an existing account, when its own link expires.
 */
@Injectable()
export class PendingApplicationsService implements OnModuleInit {
  private readonly logger = new Logger('winwinwerkt-pending-applications');

  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock,
    private readonly registration: ProfileRegistrationService,
    private readonly verified: EmailVerifiedListeners,
    private readonly applying: ApplyingService,
    private readonly mail: MailService,
  ) {}

  onModuleInit(): void {
    this.verified.register((tx, personId) => this.submitAwaitingVerification(tx, personId));
  }

  /** Checks everything that does not depend on the address, answers, and keeps the application after the answer. */
  async apply(vacancyId: string, input: ApplyWithoutAccountInput): Promise<{ readonly status: 'check-your-mail' }> {
    const problems = refusedValueProblems(PAYROLL_DATA, input.motivation, 'motivation', PAYROLL_NOTE);
    if (input.joinEtalage && !input.coachOrganisationId)
      problems.push({ field: 'coachOrganisationId', reason: 'name the reintegration partner (coach organisation) that guides you: the Talenten Etalage is for candidates guided by one' });
    if (problems.length) throw new ValidationProblem(problems);
    const host = RequestContext.host() ?? WINWINWERKT_DOMAIN;
    const vacancyTitle = await this.db.transaction(async (tx) => {
      const vacancy = await vacancyOnSite(tx, vacancyId, this.clock.now(), siteLabel());
      if (input.joinEtalage) {
        const [coach] = await tx.query(`SELECT 1 FROM org_units WHERE tenant_id = $1 AND id = $2 AND kind = 'partner-organisation'`, [tx.tenantId, input.coachOrganisationId]);
        if (!coach) throw new ValidationProblem([{ field: 'coachOrganisationId', reason: 'is not a coach organisation (reintegration partner) of WinWinWerkt' }]);
      }
      return vacancy.title;
    });
    const keep = (tx: TenantTx, personId: string, tokenHash: string | null) =>
      tx.query(
        `INSERT INTO winwinwerkt_pending_applications
           (tenant_id, person_id, vacancy_id, host, statement_version, motivation, join_etalage, coach_org_id, confirm_token_hash, expires_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          tx.tenantId, personId, vacancyId, host, input.statementVersion, input.motivation, input.joinEtalage,
          input.joinEtalage ? input.coachOrganisationId : null, tokenHash, new Date(this.clock.now().getTime() + PENDING_TTL_HOURS * 3_600_000), this.clock.now(),
        ],
      );
    return this.registration.register(
      { email: input.email, fields: { firstName: input.firstName, lastName: input.lastName }, locale: input.locale },
      {
        awaitingVerification: async (tx, personId) => void (await keep(tx, personId, null)),
        existingAccount: async (tx, account) => {
          // Only a candidate applies; anyone else's address gets the core's answer (a reset link).
          if (!account.roles.includes('jobseeker')) return false;
          const token = randomBytes(32).toString('base64url');
          await keep(tx, account.id, sha256(token));
          const [holder] = await tx.query<{ email: string; display_name: string; locale: string }>(
            `SELECT email, display_name, locale FROM accounts WHERE tenant_id = $1 AND id = $2`,
            [tx.tenantId, account.id],
          );
          const url = new URL(`https://${host}/winwinwerkt/pending-applications/confirm`);
          url.searchParams.set('token', token);
          await this.mail.enqueue(tx, {
            template: 'application-confirm',
            to: { address: holder.email, personId: account.id, personKind: 'jobseeker', locale: holder.locale },
            variables: { name: holder.display_name, vacancy: vacancyTitle, confirmUrl: url.toString() },
            idempotencyKey: `application-confirm:${sha256(token)}`,
          });
          return true;
        },
      },
    );
  }

  /** The link mailed to an address that already had an account: submits that one application. */
  async confirm(token: string) {
    const outcome = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<PendingRow>(
        `SELECT p.id, p.person_id, p.vacancy_id, p.host, p.statement_version, p.motivation, p.join_etalage, p.coach_org_id
           FROM winwinwerkt_pending_applications p
           JOIN accounts a ON a.tenant_id = p.tenant_id AND a.id = p.person_id
          WHERE p.tenant_id = $1 AND p.confirm_token_hash = $2 AND p.expires_at > $3 AND a.status = 'active'
          FOR UPDATE OF p`,
        [tx.tenantId, sha256(token), this.clock.now()],
      );
      if (!row) throw invalidToken();
      return this.submit(tx, row);
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.submitted;
  }

  /** Deletes what an existing account's holder never confirmed (the unverified ones go with their registration). */
  async deleteExpired(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const gone = await tx.query(
        `DELETE FROM winwinwerkt_pending_applications WHERE tenant_id = $1 AND confirm_token_hash IS NOT NULL AND expires_at <= $2 RETURNING id`,
        [tx.tenantId, this.clock.now()],
      );
      return gone.length;
    });
  }

  private async submitAwaitingVerification(tx: TenantTx, personId: string): Promise<void> {
    if (RequestContext.tenant().plugin !== 'winwinwerkt') return;
    const rows = await tx.query<PendingRow>(
      `SELECT id, person_id, vacancy_id, host, statement_version, motivation, join_etalage, coach_org_id
         FROM winwinwerkt_pending_applications WHERE tenant_id = $1 AND person_id = $2 AND confirm_token_hash IS NULL
        ORDER BY created_at FOR UPDATE`,
      [tx.tenantId, personId],
    );
    for (const row of rows) {
      const outcome = await this.submit(tx, row);
      if ('error' in outcome) this.logger.warn({ err: outcome.error }, 'a pending application could not be submitted once the address was proven');
    }
  }

  /**
   * The signed-in apply step, as the person on the site they applied on. The pending row goes
   * either way: an application that can no longer be made (the vacancy closed, already applied)
   * is not kept waiting for nothing.
   */
  private async submit(tx: TenantTx, row: PendingRow) {
    await tx.query(`DELETE FROM winwinwerkt_pending_applications WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, row.id]);
    const actor: Actor = { kind: 'account', accountId: row.person_id, roles: ['jobseeker'], orgUnitIds: [] };
    try {
      const submitted = await tx.savepoint(() =>
        RequestContext.with({ actor, host: row.host }, () =>
          this.applying.apply({
            actor,
            vacancyId: row.vacancy_id,
            input: {
              statementVersion: row.statement_version,
              motivation: row.motivation,
              joinEtalage: row.join_etalage,
              coachOrganisationId: row.coach_org_id ?? undefined,
            },
          }),
        ),
      );
      return { submitted };
    } catch (error) {
      return { error };
    }
  }
}
