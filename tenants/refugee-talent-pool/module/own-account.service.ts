import { Injectable } from '@nestjs/common';
import { ErasureService, MailService, PersonDataRegistry, TenantDb, type Actor } from '../../../libs/tenant-host/src/index.js';
import { reference } from './reference.js';

/**
 * "You can view, modify or delete your personal data through your account." Viewing gives
 * everything every capability holds (profile, consents, connections and chat, jobs worked); the
 * profile routes change it. Deleting the whole account: "You will receive a confirmation that your
 * account will be deleted. All personal data will be removed when your account is deleted."
 */
@Injectable()
export class OwnAccountService {
  constructor(
    private readonly db: TenantDb,
    private readonly people: PersonDataRegistry,
    private readonly erasure: ErasureService,
    private readonly mail: MailService,
  ) {}

  /** Everything kept about the caller, gathered by each capability's own export; audited. */
  data(actor: Actor): Promise<Record<string, unknown>> {
    return this.erasure.export(actor.accountId!);
  }

  /** Erasure and the confirmation are one transaction: the data is gone and the mail queued, or neither. */
  async delete(actor: Actor): Promise<{ reference: string; deleted: true }> {
    const personId = actor.accountId!;
    const ref = reference('DR');
    await this.db.transaction(async (tx) => {
      const contact = (await this.people.contacts(tx, [personId])).get(personId);
      await this.erasure.erase(personId, 'self-request');
      // Queued after the erasure ran, so the erasure does not take the confirmation with it. It names
      // no person and its record forgets the address once sent: the last trace of them goes then.
      if (contact)
        await this.mail.enqueue(tx, {
          template: 'deletion-confirmation',
          to: { address: contact.address, locale: contact.locale ?? undefined },
          variables: { name: contact.name, reference: ref },
          forgetRecipient: true,
        });
    });
    return { reference: ref, deleted: true };
  }
}
