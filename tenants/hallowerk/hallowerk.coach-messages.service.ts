import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditService, MailService, PortalLinks, StaffReach, TenantDb, ValidationProblem, refusedValueProblems, type Actor } from '../../libs/tenant-host/src/index.js';
import { COACHING, refuseEmployerFacing } from './hallowerk.coaching.js';
import type { CoachMessageDto } from './hallowerk.coach-messages.dto.js';

/** A coach writing to the person: who writes, to whom, what, and the key that makes a resend one mail. */
export interface SendCoachMessage {
  readonly sender: Actor;
  readonly personId: string;
  readonly input: CoachMessageDto;
  /** The client's `Idempotency-Key`: the same key for the same person sends one mail. */
  readonly idempotencyKey?: string;
}

export interface SentCoachMessage {
  readonly messageId: string;
  /** True when this key had already sent the mail: nothing new was queued. */
  readonly repeated: boolean;
}

const BSN_NOTE = 'HalloWerk holds no BSN: leave it out of a mail';
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Statement 004: "Op basis van jouw profiel kan een coach ... je persoonlijke en gerichte e-mails
 * sturen, met als doel dat je zelf je eigen profiel kunt verbeteren." The coach who reaches the
 * person as staff (own municipality, or an authorised execution organisation) writes; the mail goes
 * through the outbox like every other, so it goes with the person's data when they are erased, and
 * it is one of the tenant's tracked personal mails (the person sees its opens and clicks in their
 * overview). The log records that a coach wrote, never what: the text is the person's data and
 * lives only in the mail until it is sent.
 */
@Injectable()
export class CoachMessagesService {
  constructor(
    private readonly db: TenantDb,
    private readonly reach: StaffReach,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly links: PortalLinks,
  ) {}

  send(cmd: SendCoachMessage): Promise<SentCoachMessage> {
    refuseEmployerFacing(cmd.sender, 'Personal mails to a jobseeker');
    if (cmd.idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(cmd.idempotencyKey))
      throw new ValidationProblem([{ field: 'Idempotency-Key', reason: 'must be 8 to 128 characters of A-Z, a-z, 0-9 and . _ : -' }]);
    return this.db.transaction(async (tx) => {
      await this.reach.assert(tx, cmd.sender, cmd.personId, COACHING);
      const problems = [
        ...refusedValueProblems(['bsn'], cmd.input.subject, 'subject', BSN_NOTE),
        ...refusedValueProblems(['bsn'], cmd.input.message, 'message', BSN_NOTE),
      ];
      if (problems.length) throw new ValidationProblem(problems);
      const [person] = await tx.query<{ email: string; locale: string | null }>(
        `SELECT email, locale FROM accounts WHERE tenant_id = $1 AND id = $2 AND status = 'active'`,
        [tx.tenantId, cmd.personId],
      );
      if (!person) throw new NotFoundException('This person has no active account to write to');
      const key = cmd.idempotencyKey ? `coach-message:${cmd.personId}:${cmd.sender.accountId}:${cmd.idempotencyKey}` : undefined;
      const queued = await this.mail.enqueue(tx, {
        template: 'coach-message',
        to: { address: person.email, personId: cmd.personId, personKind: 'jobseeker', locale: person.locale ?? undefined },
        variables: { subject: cmd.input.subject, message: cmd.input.message, profileUrl: this.links.page('/profile') },
        idempotencyKey: key,
      });
      if (!queued.existing)
        await this.audit.recordTenantAction(
          { action: 'hallowerk.message.send', subjectType: 'profile', subjectId: cmd.personId, details: { messageId: queued.messageId } },
          tx,
        );
      return { messageId: queued.messageId, repeated: queued.existing };
    });
  }
}
