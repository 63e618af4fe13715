import { Injectable } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import { MailService } from '../../mail/src/index.js';
import { PersonDataRegistry, type PersonContact } from '../../privacy/src/index.js';
import type { RightsRequestRow } from './rights-request.js';

/** The mails a person gets about their request, and the one deciders get when it is overdue. */
export const RIGHTS_TEMPLATES = {
  received: ['name', 'kind', 'reference', 'dueOn'],
  extended: ['name', 'kind', 'reference', 'dueOn', 'reason'],
  completed: ['name', 'kind', 'reference'],
  refused: ['name', 'kind', 'reference', 'reason'],
  'export-ready': ['name', 'kind', 'reference', 'downloadUrl', 'expiresAt'],
  overdue: ['name', 'kind', 'reference', 'dueOn'],
  'due-soon': ['name', 'kind', 'reference', 'dueOn'],
} as const;
type Step = keyof typeof RIGHTS_TEMPLATES;

/** The mails about a restriction of processing, whoever holds it. */
export const RESTRICTION_TEMPLATES = {
  'lift-announced': ['name', 'reference', 'liftsOn', 'reason'],
  'lift-cancelled': ['name', 'reference'],
} as const;

@Injectable()
export class RightsMailer {
  constructor(
    private readonly mail: MailService,
    private readonly people: PersonDataRegistry,
  ) {}

  contact(tx: TenantTx, personId: string): Promise<PersonContact | undefined> {
    return this.people.contacts(tx, [personId]).then((c) => c.get(personId));
  }

  /**
   * `contact` is passed when the person may be gone by the time the mail is queued (an erasure's
   * confirmation): such a mail names no person and forgets its address once sent.
   */
  async toPerson(
    tx: TenantTx,
    r: RightsRequestRow,
    step: Exclude<Step, 'overdue' | 'due-soon'>,
    variables: Record<string, string>,
    erased?: PersonContact,
  ): Promise<void> {
    const c = erased ?? (r.personId ? await this.contact(tx, r.personId) : undefined);
    if (!c) return;
    await this.mail.enqueue(tx, {
      template: `rights-${step}`,
      to: {
        address: c.address,
        personId: erased ? null : r.personId,
        locale: c.locale ?? undefined,
      },
      variables: { name: c.name, kind: r.kind, reference: r.reference, ...variables },
      idempotencyKey: `rights:${r.id}:${step}:${r.updatedAt.getTime()}`,
      forgetRecipient: erased !== undefined,
    });
  }

  /**
   * A mail about the person's restriction of processing (art. 18(3)): the announcement of a lift
   * and its withdrawal, whoever holds the restriction (a request, a tenant's own objection).
   */
  async aboutRestriction(
    tx: TenantTx,
    personId: string,
    step: keyof typeof RESTRICTION_TEMPLATES,
    variables: { reference: string; liftsOn?: string; reason?: string },
    key: string,
  ): Promise<void> {
    const c = await this.contact(tx, personId);
    if (!c) return;
    await this.mail.enqueue(tx, {
      template: `rights-${step}`,
      to: { address: c.address, personId, locale: c.locale ?? undefined },
      variables: { name: c.name, ...variables },
      idempotencyKey: `rights-restriction:${key}:${step}`,
    });
  }

  async toDecider(
    tx: TenantTx,
    r: RightsRequestRow,
    decider: { id: string; email: string; name: string; locale: string },
    step: 'overdue' | 'due-soon' = 'overdue',
  ): Promise<void> {
    await this.mail.enqueue(tx, {
      template: `rights-${step}`,
      to: { address: decider.email, personId: decider.id, locale: decider.locale },
      variables: { name: decider.name, kind: r.kind, reference: r.reference, dueOn: r.dueOn },
      idempotencyKey: `rights:${r.id}:${step}:${r.dueOn}:${decider.id}`,
      about: r.personId,
    });
  }
}
