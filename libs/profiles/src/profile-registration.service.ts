import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { AccountsService } from '../../auth/src/accounts.service.js';
import { PasswordService } from '../../auth/src/password.service.js';
import { AuditService } from '../../audit/src/audit.service.js';
import { Clock } from '../../config/src/clock.js';
import { RequestContext } from '../../context/src/index.js';
import { ActivityService } from '../../privacy/src/activity.service.js';
import { TenantRegistry } from '../../tenancy/src/tenant-registry.js';
import { profilesDefinition } from './profiles-definition.js';
import { ValidationProblem, type FieldProblem } from '../../http/src/validation-problem.js';
import type { TenantDefinition } from '../../plugin-api/src/index.js';
import { EmailVerificationService } from './email-verification.service.js';
import { validateProfileFields } from './profile-fields.validator.js';
import { nameFieldKeys } from './profile-projection.js';
import { ProfileStore } from './profile.store.js';
import type { RegisterProfileDto } from './dto/register-profile.dto.js';

/** Crockford's alphabet: no I, L, O or U, so an alias read aloud or copied is not mistaken. */
const ALIAS_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ALIAS_ATTEMPTS = 8;

export function aliasCode(length = 6): string {
  return [...randomBytes(length)].map((b) => ALIAS_ALPHABET[b % 32]).join('');
}

function aliasPrefix(definition: TenantDefinition): string {
  const p = definition.profile.aliasPrefix;
  return typeof p === 'string' ? p : (p[definition.defaultLocale] ?? Object.values(p)[0] ?? '');
}

/** The same answer whether or not the address was known, so registration reveals no one. */
const ACCEPTED = { status: 'check-your-mail' } as const;

/**
 * Self-registration of a jobseeker: an account whose address is not yet verified, a draft
 * profile under a fresh alias, and the verification mail, in one unit of work.
 */
@Injectable()
export class ProfileRegistrationService {
  constructor(
    private readonly db: TenantDb,
    private readonly registry: TenantRegistry,
    private readonly accounts: AccountsService,
    private readonly passwords: PasswordService,
    private readonly store: ProfileStore,
    private readonly verification: EmailVerificationService,
    private readonly audit: AuditService,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
  ) {}

  async register(input: RegisterProfileDto): Promise<typeof ACCEPTED> {
    const definition = profilesDefinition(this.registry);
    const email = input.email.trim().toLowerCase();
    const locale = input.locale ?? definition.defaultLocale;
    const { values, problems } = this.check(definition, input, email, locale);
    const name = nameFieldKeys(definition)
      .map((k) => values[k])
      .filter((v) => typeof v === 'string')
      .join(' ');
    if (problems.length) throw new ValidationProblem(problems);
    await this.db.transaction(async (tx) => {
      const [existing] = await tx.query<{ id: string; verified: boolean; roles: string[]; locale: string; display_name: string }>(
        `SELECT id, email_verified_at IS NOT NULL AS verified, roles, locale, display_name FROM accounts WHERE tenant_id = $1 AND email = $2`,
        [tx.tenantId, email],
      );
      if (existing) {
        // The owner of an unverified registration gets a fresh link; nobody else learns anything.
        if (!existing.verified && existing.roles.includes('jobseeker'))
          await this.verification.send(tx, { accountId: existing.id, address: email, locale: existing.locale, name: existing.display_name });
        return;
      }
      if (input.orgUnitId) await this.assertJobseekerUnit(tx, input.orgUnitId);
      const account = await this.accounts.create({
        email,
        password: input.password,
        displayName: name || email.split('@')[0],
        roles: ['jobseeker'],
        locale,
        status: 'active',
        emailVerified: false,
      });
      await this.insertProfile(tx, definition, account.id, values, input.orgUnitId ?? null);
      await RequestContext.with({ actor: { kind: 'account', accountId: account.id, roles: ['jobseeker'], orgUnitIds: [] } }, () =>
        this.audit.record({ action: 'profile.register', subjectType: 'profile', subjectId: account.id }, tx),
      );
      await this.activity.touch(account.id, 'jobseeker', 'interaction', tx);
      await this.verification.send(tx, { accountId: account.id, address: email, locale, name });
    });
    return ACCEPTED;
  }

  /** Every problem at once: fields, the required identity fields, password and locale. */
  private check(definition: TenantDefinition, input: RegisterProfileDto, email: string, locale: string) {
    const fields = input.fields ?? {};
    const { values, problems } = validateProfileFields(definition.profile.fields, fields, { writers: ['self'], mode: 'update' });
    for (const f of definition.profile.fields)
      if (f.required && f.identifying && f.type !== 'document' && (fields as Record<string, unknown>)[f.key] === undefined)
        problems.push({ field: `fields.${f.key}`, reason: 'is required' });
    const nameParts = nameFieldKeys(definition).map((k) => String(values[k] ?? ''));
    const password = this.passwords.problem(input.password, [email.split('@')[0], ...nameParts]);
    const out: FieldProblem[] = [...problems];
    if (password) out.push({ field: 'password', reason: password });
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
    values: Record<string, unknown>,
    orgUnitId: string | null,
  ): Promise<void> {
    const fields = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));
    const prefix = aliasPrefix(definition);
    for (let i = 0; i < ALIAS_ATTEMPTS; i++) {
      const alias = `${prefix} ${aliasCode()}`.trim();
      if (await this.store.insert(tx, { id, alias, fields, orgUnitId, now: this.clock.now() })) return;
    }
    throw new Error('Could not draw a free alias');
  }
}
