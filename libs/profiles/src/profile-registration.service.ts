import { ForbiddenException, Injectable } from '@nestjs/common';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { AccountsService, DeferredWork, normaliseEmail } from '../../auth/src/index.js';
import { PasswordResetService } from '../../account-recovery/src/password-reset.service.js';
import { AuditService } from '../../audit/src/index.js';
import { Clock } from '../../config/src/index.js';
import { RequestContext } from '../../context/src/index.js';
import { ActivityService } from '../../privacy/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { profilesDefinition } from './profiles-definition.js';
import { ValidationProblem, type FieldProblem } from '../../http/src/index.js';
import type { TenantDefinition } from '../../plugin-api/src/index.js';
import { EmailVerificationService } from './email-verification.service.js';
import { validateProfileFields } from './profile-fields.validator.js';
import { nameFieldKeys } from './profile-projection.js';
import { ProfileStore } from './profile.store.js';
import { ALIAS_ATTEMPTS, drawAlias } from './alias.js';
import type { RegisterProfileDto } from './dto/register-profile.dto.js';

interface Registration {
  readonly email: string;
  readonly locale: string;
  readonly displayName: string;
  readonly fields: Record<string, unknown>;
  readonly orgUnitId: string | null;
}

/**
 * What a caller of registration (a tenant's apply-without-an-account step) does in the same unit of
 * work as the registration, after the answer has gone out.
 */
export interface RegistrationFollowUp {
  /** The account now awaits verification (new, or an unverified one replaced): keep what waits for the proof. */
  readonly awaitingVerification?: (tx: TenantTx, personId: string) => Promise<void>;
  /**
   * The address already has an account. True: the caller mailed its holder itself (a link that
   * confirms what was asked); false: the core's password-reset link goes, as for any registration.
   */
  readonly existingAccount?: (tx: TenantTx, account: { readonly id: string; readonly roles: readonly string[] }) => Promise<boolean>;
}

/** The same answer whether or not the address was known, so registration reveals no one. */
const ACCEPTED = { status: 'check-your-mail' } as const;

/**
 * Self-registration of a jobseeker: an account without a password whose address is not yet
 * verified, a draft profile under a fresh alias, and the verification mail, in one unit of work.
 * Nobody can sign in or act as the person until whoever holds the mailbox follows the link and
 * chooses the password there, so registering someone else's address gains nothing.
 *
 * Every address is answered alike, in status, body and time: the answer (202) comes from the
 * input alone, and the work that depends on the address runs after it (DeferredWork). An address
 * that already has an account gets a password-reset link instead (its holder learns someone tried,
 * and can get back in); an unverified registration is replaced by the newer one, since nothing
 * about it has been proven yet.
 */
@Injectable()
export class ProfileRegistrationService {
  constructor(
    private readonly db: TenantDb,
    private readonly registry: TenantRegistry,
    private readonly accounts: AccountsService,
    private readonly store: ProfileStore,
    private readonly verification: EmailVerificationService,
    private readonly resets: PasswordResetService,
    private readonly audit: AuditService,
    private readonly activity: ActivityService,
    private readonly deferred: DeferredWork,
    private readonly clock: Clock,
  ) {}

  async register(input: RegisterProfileDto, followUp: RegistrationFollowUp = {}): Promise<typeof ACCEPTED> {
    const definition = profilesDefinition(this.registry);
    // Refused from the tenant's rule alone, before the address is looked at: the answer reveals no one.
    if (definition.accounts?.selfRegistration === false)
      throw new ForbiddenException('Accounts of this service are created by its own organisation; you cannot register yourself');
    const email = normaliseEmail(input.email);
    const locale = input.locale ?? definition.defaultLocale;
    const { values, problems } = this.check(definition, input, locale);
    const name = nameFieldKeys(definition)
      .map((k) => values[k])
      .filter((v) => typeof v === 'string')
      .join(' ');
    if (problems.length) throw new ValidationProblem(problems);
    const orgUnitId = input.orgUnitId ?? null;
    if (orgUnitId) await this.db.transaction((tx) => this.assertJobseekerUnit(tx, orgUnitId));
    const registration: Registration = {
      email,
      locale,
      displayName: name || email.split('@')[0],
      fields: Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)),
      orgUnitId,
    };
    this.deferred.later('registration', () => this.record(definition, registration, followUp));
    return ACCEPTED;
  }

  private record(definition: TenantDefinition, r: Registration, followUp: RegistrationFollowUp): Promise<void> {
    return this.db.transaction(async (tx) => {
      const [existing] = await tx.query<{ id: string; verified: boolean; roles: string[] }>(
        `SELECT id, email_verified_at IS NOT NULL AS verified, roles FROM accounts WHERE tenant_id = $1 AND email = $2 FOR UPDATE`,
        [tx.tenantId, r.email],
      );
      if (existing && (existing.verified || !existing.roles.includes('jobseeker'))) {
        if (!(await followUp.existingAccount?.(tx, existing))) await this.resets.issue(tx, existing.id);
        await this.audit.record({ action: 'account.registration-attempt', subjectType: 'account', subjectId: existing.id }, tx);
        return;
      }
      let id: string;
      if (existing) {
        id = existing.id;
        await tx.query(`UPDATE accounts SET display_name = $3, locale = $4 WHERE tenant_id = $1 AND id = $2`, [
          tx.tenantId,
          id,
          r.displayName,
          r.locale,
        ]);
        await tx.query(
          `UPDATE profiles SET fields = $3, org_unit_id = $4, updated_at = $5 WHERE tenant_id = $1 AND id = $2 AND state = 'draft'`,
          [tx.tenantId, id, JSON.stringify(r.fields), r.orgUnitId, this.clock.now()],
        );
      } else {
        const inserted = await this.accounts.insertUnverified(tx, {
          email: r.email,
          displayName: r.displayName,
          roles: ['jobseeker'],
          locale: r.locale,
        });
        if (!inserted) return;
        id = inserted;
        await this.insertProfile(tx, definition, id, r.fields, r.orgUnitId);
      }
      await RequestContext.with({ actor: { kind: 'account', accountId: id, roles: ['jobseeker'], orgUnitIds: [] } }, () =>
        this.audit.record({ action: 'profile.register', subjectType: 'profile', subjectId: id }, tx),
      );
      await this.activity.touch(id, 'jobseeker', 'interaction', tx);
      await followUp.awaitingVerification?.(tx, id);
      await this.verification.send(tx, { accountId: id, address: r.email, locale: r.locale, name: r.displayName });
    });
  }

  /** Every problem at once: fields, the required identity fields and locale. */
  private check(definition: TenantDefinition, input: RegisterProfileDto, locale: string) {
    const fields = input.fields ?? {};
    const { values, problems } = validateProfileFields(definition.profile.fields, fields, { writers: ['self'], mode: 'update' });
    for (const f of definition.profile.fields)
      if (f.required && f.identifying && f.type !== 'document' && (fields as Record<string, unknown>)[f.key] === undefined)
        problems.push({ field: `fields.${f.key}`, reason: 'is required' });
    const out: FieldProblem[] = [...problems];
    if (!definition.locales.includes(locale)) out.push({ field: 'locale', reason: `must be one of: ${definition.locales.join(', ')}` });
    return { values, problems: out };
  }

  /** A jobseeker may place themself under a municipality, region or team, never an employer. */
  private async assertJobseekerUnit(tx: TenantTx, orgUnitId: string): Promise<void> {
    const [unit] = await tx.query<{ kind: string }>(`SELECT kind FROM org_units WHERE tenant_id = $1 AND id = $2`, [
      tx.tenantId,
      orgUnitId,
    ]);
    if (!unit || unit.kind === 'employer')
      throw new ValidationProblem([{ field: 'orgUnitId', reason: 'is not an organisation unit a jobseeker can join' }]);
  }

  private async insertProfile(
    tx: TenantTx,
    definition: TenantDefinition,
    id: string,
    fields: Record<string, unknown>,
    orgUnitId: string | null,
  ): Promise<void> {
    for (let i = 0; i < ALIAS_ATTEMPTS; i++) {
      const alias = drawAlias(definition);
      if (await this.store.insert(tx, { id, alias, fields, orgUnitId, now: this.clock.now() })) return;
    }
    throw new Error('Could not draw a free alias');
  }
}
