import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonDataRegistry, type TenantTx } from '../../libs/tenant-host/src/index.js';

const emailOf = async (tx: TenantTx, personId: string) =>
  (await tx.query<{ email: string }>(`SELECT email FROM accounts WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, personId]))[0]?.email ?? null;

async function eraseByAddress(tx: TenantTx, personIds: readonly string[]): Promise<void> {
  const emails = (
    await tx.query<{ email: string }>(`SELECT email FROM accounts WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tx.tenantId, personIds])
  ).map((r) => r.email);
  if (!emails.length) return;
  await tx.query(`DELETE FROM winwinwerkt_contact_messages WHERE tenant_id = $1 AND lower(email) = ANY($2::text[])`, [tx.tenantId, emails]);
  await tx.query(`DELETE FROM winwinwerkt_newsletter_subscriptions WHERE tenant_id = $1 AND email = ANY($2::text[])`, [tx.tenantId, emails]);
}

/**
 * What WinWinWerkt keeps under a candidate's address outside their account (a contact-form message,
 * the newsletter subscription) goes with them when they are erased ("alle gegevens"), and comes
 * with an access request, together with their statement acceptances. Rows keyed by the account
 * (candidate record, acceptances, Etalage entry) go by their foreign key. The platform runs this
 * before it deletes the account, so the address is still there to find them by.
 */
@Injectable()
export class WinWinWerktPersonData implements OnModuleInit {
  constructor(private readonly registry: PersonDataRegistry) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'winwinwerkt',
      erase: (tx, personId) => eraseByAddress(tx, [personId]),
      // The retention sweep erases hundreds of people per transaction: three statements for all of them.
      eraseMany: eraseByAddress,
      export: async (tx, personId) => {
        const email = await emailOf(tx, personId);
        return {
          statementAcceptances: await tx.query(
            `SELECT version, occasion, label, vacancy_id AS "vacancyId", accepted_at AS "acceptedAt" FROM winwinwerkt_statement_acceptances
              WHERE tenant_id = $1 AND person_id = $2 ORDER BY accepted_at`,
            [tx.tenantId, personId],
          ),
          contactMessages: email
            ? await tx.query(`SELECT label, message, received_at AS "receivedAt" FROM winwinwerkt_contact_messages WHERE tenant_id = $1 AND lower(email) = $2`, [tx.tenantId, email])
            : [],
          newsletter: email
            ? await tx.query(`SELECT form, label, text_shown AS "textShown", opted_in_at AS "optedInAt" FROM winwinwerkt_newsletter_subscriptions WHERE tenant_id = $1 AND email = $2`, [tx.tenantId, email])
            : [],
        };
      },
    });
  }
}
