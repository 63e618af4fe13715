import type { TenantTx } from '../../database/src/index.js';
import type { PersonDataHandler } from '../../privacy/src/index.js';

/**
 * Every connection the people are the subject of, with its whole conversation, and every message
 * they sent in anyone's conversation (an employer contact's too). Anonymising removes the same:
 * a conversation cannot be made anonymous, so nothing of it is kept for statistics.
 */
async function eraseMany(tx: TenantTx, personIds: readonly string[]): Promise<void> {
  const ids = [...personIds];
  await tx.query(`DELETE FROM connection_messages WHERE tenant_id = $1 AND sender_id = ANY($2::uuid[])`, [tx.tenantId, ids]);
  // The messages of their connections go with them (ON DELETE CASCADE), in this transaction.
  await tx.query(`DELETE FROM connections WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`, [tx.tenantId, ids]);
  await tx.query(`UPDATE connections SET requested_by = NULL WHERE tenant_id = $1 AND requested_by = ANY($2::uuid[])`, [
    tx.tenantId,
    ids,
  ]);
}

export const connectionsPersonData: PersonDataHandler = {
  name: 'connections',
  erase: (tx, personId) => eraseMany(tx, [personId]),
  eraseMany,
  anonymise: (tx, personId) => eraseMany(tx, [personId]),
  anonymiseMany: eraseMany,
  async export(tx, personId) {
    const connections = await tx.query(
      `SELECT c.id, c.status, o.name AS organisation, c.message, c.requested_at AS "requestedAt",
              c.answered_at AS "answeredAt", c.ended_by AS "endedBy", c.ended_at AS "endedAt"
         FROM connections c JOIN org_units o ON o.tenant_id = c.tenant_id AND o.id = c.employer_org_unit_id
        WHERE c.tenant_id = $1 AND c.person_id = $2 ORDER BY c.requested_at`,
      [tx.tenantId, personId],
    );
    const messages = await tx.query(
      `SELECT m.connection_id AS "connectionId", m.sender_side AS "from", m.body, m.sent_at AS "sentAt"
         FROM connection_messages m
        WHERE m.tenant_id = $1 AND (m.sender_id = $2 OR m.connection_id IN (
              SELECT c.id FROM connections c WHERE c.tenant_id = $1 AND c.person_id = $2))
        ORDER BY m.seq`,
      [tx.tenantId, personId],
    );
    return { connections, messages };
  },
};
