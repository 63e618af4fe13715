import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { AccountsService, normaliseEmail } from '../../auth/src/index.js';
import { PasswordResetService } from '../../account-recovery/src/password-reset.service.js';
import { AuditService } from '../../audit/src/index.js';
import { Clock } from '../../config/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { ValidationProblem, type FieldProblem } from '../../http/src/index.js';
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
    return (await this.problemsOfMany(tx, [cmd]))[0];
  }

  /** Every problem of each command, in one query for the whole batch (the addresses already taken). */
  async problemsOfMany(tx: TenantTx, cmds: readonly EnrolmentCommand[]): Promise<FieldProblem[][]> {
    return (await this.check(tx, cmds)).map((c) => c.problems);
  }

  private async check(tx: TenantTx, cmds: readonly EnrolmentCommand[]) {
    const definition = profilesDefinition(this.registry);
    const emails = cmds.map((cmd) => normaliseEmail(cmd.email ?? ''));
    const wellFormed = emails.filter((e) => EMAIL.test(e) && e.length <= 254);
    const taken = new Set(
      wellFormed.length
        ? (
            await tx.query<{ email: string }>(`SELECT email FROM accounts WHERE tenant_id = $1 AND email = ANY($2::text[])`, [
              tx.tenantId,
              wellFormed,
            ])
          ).map((r) => r.email)
        : [],
    );
    return cmds.map((cmd, i) => {
      const out: FieldProblem[] = [];
      const email = emails[i];
      if (!EMAIL.test(email) || email.length > 254) out.push({ field: 'email', reason: 'must be an e-mail address' });
      else if (taken.has(email)) out.push({ field: 'email', reason: 'already belongs to an account' });
      if (cmd.locale !== undefined && !definition.locales.includes(cmd.locale))
        out.push({ field: 'locale', reason: `must be one of: ${definition.locales.join(', ')}` });
      const { values, problems } = validateProfileFields(definition.profile.fields, cmd.fields, { writers: ['staff'], mode: 'create' });
      out.push(...problems);
      return { email, values, problems: out };
    });
  }

  /** Creates the account, its draft profile and the invitation; the new account's id. */
  async enrol(tx: TenantTx, cmd: EnrolmentCommand): Promise<string> {
    const [outcome] = await this.enrolMany(tx, [cmd]);
    if ('problems' in outcome) throw new ValidationProblem(outcome.problems);
    return outcome.id;
  }

  /**
   * Many people at once (an import's chunk): every command is validated first, and a command with
   * a problem writes nothing; the others are written a statement per table (accounts, profiles,
   * audit, invitation tokens, mails). The outcome of each command, in order.
   */
  async enrolMany(tx: TenantTx, cmds: readonly EnrolmentCommand[]): Promise<({ id: string } | { problems: FieldProblem[] })[]> {
    const definition = profilesDefinition(this.registry);
    const checked = await this.check(tx, cmds);
    const good = checked.flatMap((c, i) => (c.problems.length ? [] : [{ ...c, cmd: cmds[i], index: i }]));
    const people = good.map((g) => {
      const fields = Object.fromEntries(Object.entries(g.values).filter(([, v]) => v !== null));
      const name = nameFieldKeys(definition).map((k) => fields[k]).filter((v) => typeof v === 'string').join(' ');
      return { ...g, fields, displayName: name || g.email.split('@')[0] };
    });
    const ids = await this.accounts.insertUnverifiedMany(
      tx,
      people.map((p) => ({ email: p.email, displayName: p.displayName, roles: ['jobseeker'], locale: p.cmd.locale ?? definition.defaultLocale })),
    );
    const outcomes: ({ id: string } | { problems: FieldProblem[] })[] = checked.map((c) => ({ problems: c.problems }));
    const created: { id: string; fields: Record<string, unknown>; orgUnitId: string }[] = [];
    people.forEach((p, k) => {
      const id = ids[k];
      // Another unit of work took the address between the check and the insert.
      if (!id) outcomes[p.index] = { problems: [{ field: 'email', reason: 'already belongs to an account' }] };
      else {
        outcomes[p.index] = { id };
        created.push({ id, fields: p.fields, orgUnitId: p.cmd.orgUnitId });
      }
    });
    let waiting = created;
    for (let i = 0; i < ALIAS_ATTEMPTS && waiting.length; i++) {
      const placed = await this.store.insertMany(tx, waiting.map((c) => ({ ...c, alias: drawAlias(definition) })), this.clock.now());
      waiting = waiting.filter((c) => !placed.has(c.id));
    }
    if (waiting.length) throw new Error('Could not draw a free alias');
    await this.audit.recordMany(created.map((c) => ({ action: 'profile.enrol', subjectType: 'profile', subjectId: c.id })), tx);
    await this.resets.inviteMany(tx, created.map((c) => c.id));
    return outcomes;
  }
}
