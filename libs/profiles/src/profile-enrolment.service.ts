import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { AccountsService } from '../../auth/src/accounts.service.js';
import { normaliseEmail } from '../../auth/src/sign-in-throttle.service.js';
import { PasswordResetService } from '../../account-recovery/src/password-reset.service.js';
import { AuditService } from '../../audit/src/audit.service.js';
import { Clock } from '../../config/src/clock.js';
import { TenantRegistry } from '../../tenancy/src/tenant-registry.js';
import { ValidationProblem, type FieldProblem } from '../../http/src/validation-problem.js';
import { profilesDefinition } from './profiles-definition.js';
import { validateProfileFields } from './profile-fields.validator.js';
import { nameFieldKeys } from './profile-projection.js';
import { ALIAS_ATTEMPTS, drawAlias } from './alias.js';
import { ProfileStore } from './profile.store.js';

/** One person the tenant's own organisation enrols: the account's address and the pre-filled fields. */
export interface EnrolmentCommand {
  readonly email: string;
  readonly locale?: string;
  readonly fields: Readonly<Record<string, unknown>>;
  /** The unit the person belongs to (a municipality); its staff reach the profile. */
  readonly orgUnitId: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Accounts created by the tenant's own organisation instead of by the person (statement 004: the
 * municipality creates and pre-fills every account): the fields are written as staff write them,
 * the account has no password and an unproven address until the holder follows the invitation,
 * which sets the password through the password-reset link (single use, expiring). Runs in the
 * caller's unit of work: a problem throws before anything is written, and the caller's rollback
 * takes back whatever a later failure would leave, so a person is never half-created.
 */
@Injectable()
export class ProfileEnrolmentService {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly accounts: AccountsService,
    private readonly store: ProfileStore,
    private readonly resets: PasswordResetService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Every problem of the command, without writing: what a dry run reports. */
  async problems(tx: TenantTx, cmd: EnrolmentCommand): Promise<FieldProblem[]> {
    return (await this.check(tx, cmd)).problems;
  }

  private async check(tx: TenantTx, cmd: EnrolmentCommand) {
    const definition = profilesDefinition(this.registry);
    const out: FieldProblem[] = [];
    const email = normaliseEmail(cmd.email ?? '');
    if (!EMAIL.test(email) || email.length > 254) out.push({ field: 'email', reason: 'must be an e-mail address' });
    else {
      const [taken] = await tx.query(`SELECT 1 FROM accounts WHERE tenant_id = $1 AND email = $2`, [tx.tenantId, email]);
      if (taken) out.push({ field: 'email', reason: 'already belongs to an account' });
    }
    if (cmd.locale !== undefined && !definition.locales.includes(cmd.locale))
      out.push({ field: 'locale', reason: `must be one of: ${definition.locales.join(', ')}` });
    const { values, problems } = validateProfileFields(definition.profile.fields, cmd.fields, { writers: ['staff'], mode: 'create' });
    out.push(...problems);
    return { definition, values, problems: out };
  }

  /** Creates the account, its draft profile and the invitation; the new account's id. */
  async enrol(tx: TenantTx, cmd: EnrolmentCommand): Promise<string> {
    const { definition, values, problems } = await this.check(tx, cmd);
    if (problems.length) throw new ValidationProblem(problems);
    const fields = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));
    const email = normaliseEmail(cmd.email);
    const name = nameFieldKeys(definition).map((k) => fields[k]).filter((v) => typeof v === 'string').join(' ');
    const id = await this.accounts.insertUnverified(tx, {
      email,
      displayName: name || email.split('@')[0],
      roles: ['jobseeker'],
      locale: cmd.locale ?? definition.defaultLocale,
    });
    // Another unit of work took the address between the check and the insert.
    if (!id) throw new ValidationProblem([{ field: 'email', reason: 'already belongs to an account' }]);
    let placed = false;
    for (let i = 0; i < ALIAS_ATTEMPTS && !placed; i++)
      placed = await this.store.insert(tx, { id, alias: drawAlias(definition), fields, orgUnitId: cmd.orgUnitId, now: this.clock.now() });
    if (!placed) throw new Error('Could not draw a free alias');
    await this.audit.record({ action: 'profile.enrol', subjectType: 'profile', subjectId: id }, tx);
    await this.resets.invite(tx, id);
    return id;
  }
}
